"""The O43 report date, as a browser shows it: its พ.ศ. date follows the field."""

import pytest
from wagtail.users.models import UserProfile

from ita_wagtail.models import ItaSiteSettings, MeasureResultPage

from .wagtail_admin import WagtailAdmin


@pytest.fixture
def clerk(django_user_model):
    user = django_user_model.objects.create_superuser(
        "date-clerk", "date-clerk@example.com", "clerk-password"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "th"
    profile.save()
    return user


def test_the_buddhist_era_date_follows_what_is_typed_or_picked(browser, clerk):
    report = MeasureResultPage.objects.get()
    digits = ItaSiteSettings.for_site(report.get_site()).digits
    admin = WagtailAdmin(browser)
    admin.log_in("date-clerk", "clerk-password")
    browser.driver.get(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    output = "output.ita-be-date[for=id_report_date]"

    admin.type_date("#id_report_date", "2021-06-15")
    expected = "15 มิถุนายน พ.ศ. 2564"
    if digits != "arabic":
        expected = "๑๕ มิถุนายน พ.ศ. ๒๕๖๔"
    admin.wait.until(lambda driver: admin.find(output).text == expected)

    # A date typed in พ.ศ. reads the same.
    admin.type("#id_report_date", "31/03/2564")
    expected = "31 มีนาคม พ.ศ. 2564" if digits == "arabic" else "๓๑ มีนาคม พ.ศ. ๒๕๖๔"
    admin.wait.until(lambda driver: admin.find(output).text == expected)
