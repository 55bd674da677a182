"""The admin's dates as a browser shows them: the พ.ศ. date follows the field
(O43's report date, O42's periods, a table's Date cells)."""

import datetime

from django.utils import translation
from django.utils.translation import gettext
from selenium.webdriver.common.keys import Keys

from ita_wagtail.domain.dates import buddhist_era_text
from ita_wagtail.models import (
    ItaItemPage,
    ItaSiteSettings,
    MeasureIndexPage,
    MeasureResultPage,
)

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


def test_a_tables_date_cells_show_their_buddhist_era_dates(browser, clerk):
    """A typed table's Date cells, those of the page and those of a row or a
    Date column the editor adds, show the date typed in them in พ.ศ."""
    page = ItaItemPage.objects.filter(live=True).first()
    page.body = [
        {
            "type": "table",
            "value": {
                "caption": "วันประชุม",
                "columns": [
                    {"type": "text", "heading": "เรื่อง"},
                    {"type": "date", "heading": "วันที่"},
                ],
                "rows": [{"values": ["ประชุมสภา", "2021-06-15"]}],
            },
        }
    ]
    page.save_revision().publish()
    digits = ItaSiteSettings.for_site(page.get_site()).digits
    admin = WagtailAdmin(browser)
    admin.log_in(clerk.username, "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{page.pk}/edit/")

    def output_of(cell):
        return f'output.ita-be-date[for="{cell.get_attribute("id")}"]'

    # The page's Date cell; the text cell beside it gets none.
    cell = admin.find('input[name="body-0-value-cell-0-1"]')
    expected = buddhist_era_text(datetime.date(2021, 6, 15), digits)
    admin.wait.until(lambda driver: admin.find(output_of(cell)).text == expected)
    text_cell = admin.find('input[name="body-0-value-cell-0-0"]')
    assert not browser.driver.find_elements("css selector", output_of(text_cell))

    typed = "31/03/2564"
    expected = (
        buddhist_era_text(datetime.date(2021, 3, 31), digits)
        + " บันทึกเป็นวันที่ ค.ศ. 2021-03-31"
    )
    # A row added by the editor.
    admin.click(admin.find("button[data-add-row]"))
    added = admin.find('input[name="body-0-value-cell-1-1"]')
    admin.type(f"#{added.get_attribute('id')}", typed).send_keys(Keys.ESCAPE)
    admin.wait.until(lambda driver: admin.find(output_of(added)).text == expected)

    # A Date column added by the editor.
    admin.click(admin.find("button.append-column"))
    with translation.override("th"):
        date_label = str(gettext("Date"))
    menu = admin.find(".add-column-menu")
    admin.click(
        next(
            button
            for button in menu.find_elements("css selector", "button")
            if button.text.strip() == date_label
        )
    )
    added = admin.find('input[name="body-0-value-cell-0-2"]')
    admin.type(f"#{added.get_attribute('id')}", typed).send_keys(Keys.ESCAPE)
    admin.wait.until(lambda driver: admin.find(output_of(added)).text == expected)
