"""The O43 report date, as a browser shows it: its พ.ศ. date follows the field."""

import datetime

from selenium.webdriver.common.keys import Keys

from ita_wagtail.domain.dates import buddhist_era_text
from ita_wagtail.models import ItaSiteSettings, MeasureIndexPage, MeasureResultPage

from .wagtail_admin import WagtailAdmin


def test_the_buddhist_era_date_follows_what_is_typed_or_picked(browser, clerk):
    report = MeasureResultPage.objects.get()
    digits = ItaSiteSettings.for_site(report.get_site()).digits
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    output = "output.ita-be-date[for=id_report_date]"

    admin.type_date("#id_report_date", "2021-06-15")
    expected = "15 มิถุนายน พ.ศ. 2564"
    if digits != "arabic":
        expected = "๑๕ มิถุนายน พ.ศ. ๒๕๖๔"
    admin.wait.until(lambda driver: admin.find(output).text == expected)

    # A date typed in พ.ศ. reads the same, and says what is stored.
    admin.type("#id_report_date", "31/03/2564")
    expected = "31 มีนาคม พ.ศ. 2564" if digits == "arabic" else "๓๑ มีนาคม พ.ศ. ๒๕๖๔"
    expected += " บันทึกเป็นวันที่ ค.ศ. 2021-03-31"
    admin.wait.until(lambda driver: admin.find(output).text == expected)


def test_the_periods_of_o42_show_their_buddhist_era_dates(browser, clerk):
    plan = MeasureIndexPage.objects.get()
    period = plan.measures[0].value["period"]
    digits = ItaSiteSettings.for_site(plan.get_site()).digits
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{plan.pk}/edit/")
    start = admin.find('input[name="measures-0-value-period-start"]')
    output = f'output.ita-be-date[for="{start.get_attribute("id")}"]'
    expected = buddhist_era_text(period["start"], digits)
    assert expected
    admin.wait.until(lambda driver: admin.find(output).text == expected)

    admin.type_date(f"#{start.get_attribute('id')}", "2021-06-15")
    expected = buddhist_era_text(datetime.date(2021, 6, 15), digits)
    admin.wait.until(lambda driver: admin.find(output).text == expected)


def test_a_period_date_typed_in_buddhist_era_is_saved_as_its_christian_era_date(
    browser, clerk
):
    """Typed "31/03/2564", it stays as typed (the picker no longer replaces
    it with today's date when the field loses focus) and says what is
    stored; saved, the field shows the ค.ศ. date the picker uses."""
    plan = MeasureIndexPage.objects.get()
    end = plan.measures[0].value["period"]["end"] - datetime.timedelta(days=1)
    digits = ItaSiteSettings.for_site(plan.get_site()).digits
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{plan.pk}/edit/")
    css = "#measures-0-value-period-end"
    output = "output.ita-be-date[for=measures-0-value-period-end]"
    typed = f"{end.day:02d}/{end.month:02d}/{end.year + 543}"
    admin.type(css, typed).send_keys(Keys.ESCAPE, Keys.TAB)
    expected = f"{buddhist_era_text(end, digits)} บันทึกเป็นวันที่ ค.ศ. {end.isoformat()}"
    admin.wait.until(lambda driver: admin.find(output).text == expected)
    assert admin.find(css).get_attribute("value") == typed

    admin.click(admin.find("footer button.action-save"))
    admin.find(".messages .success")  # saved, the form shown again
    admin.wait.until(
        lambda driver: admin.find(css).get_attribute("value") == end.isoformat()
    )
    expected = buddhist_era_text(end, digits)
    admin.wait.until(lambda driver: admin.find(output).text == expected)
    draft = MeasureIndexPage.objects.get(pk=plan.pk).get_latest_revision_as_object()
    assert draft.measures[0].value["period"]["end"] == end
