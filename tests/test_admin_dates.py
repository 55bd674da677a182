"""Dates in the admin speak พ.ศ. (issue 15).

The O43 report date keeps Wagtail's picker (stored ISO), shows the date in
พ.ศ. beside the field in the site's digits, accepts a date typed with a พ.ศ.
year, and the messages about dates write them in พ.ศ. in the site's digits.
"""

import datetime
import re

import pytest

from ita_wagtail.models import ItaSiteSettings, MeasureResultPage
from tests.factories import measure_form_value
from tests.test_o42_o43_rules import (
    edit_url,
    form_messages,
    o42_form_data,
    o43_form_data,
    results_for,
)


pytestmark = pytest.mark.django_db


def beside_the_date(response):
    """The text written beside the report date field."""
    html = response.content.decode()
    match = re.search(
        r'<output class="ita-be-date" for="id_report_date"[^>]*>([^<]*)</output>', html
    )
    assert match, "no พ.ศ. text beside the report date"
    return match[1]


def use_digits(tree, digits):
    settings = ItaSiteSettings.for_site(tree.site)
    settings.digits = digits
    settings.save()


def test_the_report_date_is_shown_in_buddhist_era_with_thai_digits(
    admin_client, ita_tree
):
    response = admin_client.get(edit_url(ita_tree.report))
    assert response.status_code == 200
    assert beside_the_date(response) == "๓๑ มีนาคม พ.ศ. ๒๕๖๔"
    # Wagtail's picker is still there, and still holds the ISO date.
    assert 'value="2021-03-31"' in response.content.decode()
    assert "ita_wagtail/admin/dates.js" in response.content.decode()


def test_the_report_date_is_shown_in_arabic_digits_on_an_arabic_digit_site(
    admin_client, ita_tree
):
    use_digits(ita_tree, "arabic")
    response = admin_client.get(edit_url(ita_tree.report))
    assert beside_the_date(response) == "31 มีนาคม พ.ศ. 2564"


@pytest.mark.parametrize("typed", ["31/03/2564", "2564-03-31", "๓๑/๐๓/๒๕๖๔"])
def test_a_date_typed_in_buddhist_era_is_stored_as_that_day(
    admin_client, ita_tree, typed
):
    MeasureResultPage.objects.filter(pk=ita_tree.report.pk).update(
        report_date=datetime.date(2021, 1, 1)
    )
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date=typed),
    )
    assert response.status_code == 302, form_messages(response)
    ita_tree.report.refresh_from_db()
    assert ita_tree.report.report_date == datetime.date(2021, 3, 31)


def test_a_christian_era_date_is_still_taken_as_it_is(admin_client, ita_tree):
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="31/01/2021"),
    )
    assert response.status_code == 302, form_messages(response)
    ita_tree.report.refresh_from_db()
    assert ita_tree.report.report_date == datetime.date(2021, 1, 31)


def test_a_day_that_does_not_exist_is_refused_and_kept(admin_client, ita_tree):
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="30/02/2564"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["report_date"] == [
        "กรุณาใส่วันที่ที่ถูกต้อง เช่น 31/03/2564 (พ.ศ.) หรือ 2021-03-31 หรือเลือกจากปฏิทิน"
    ]
    assert 'value="30/02/2564"' in response.content.decode()
    ita_tree.report.refresh_from_db()
    assert ita_tree.report.report_date == datetime.date(2021, 3, 31)


def test_a_typed_date_is_shown_in_buddhist_era_when_the_form_comes_back(
    admin_client, ita_tree
):
    results = results_for(ita_tree, ita_tree.measure_ids[:-1])  # refused
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="15/06/2564"),
    )
    assert response.status_code == 200
    assert beside_the_date(response) == "๑๕ มิถุนายน พ.ศ. ๒๕๖๔"


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        (
            "thai",
            "วันที่รายงาน ๑ ต.ค. ๒๕๖๔ อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๔ ข้อ O43 "
            "ต้องเป็นการดำเนินการในปีงบประมาณเดียวกับ O42",
        ),
        (
            "arabic",
            "วันที่รายงาน 1 ต.ค. 2564 อยู่นอกปีงบประมาณ พ.ศ. 2564 ข้อ O43 "
            "ต้องเป็นการดำเนินการในปีงบประมาณเดียวกับ O42",
        ),
    ],
)
def test_the_report_date_message_says_the_date_in_buddhist_era(
    admin_client, ita_tree, digits, expected
):
    use_digits(ita_tree, digits)
    results = results_for(ita_tree, ita_tree.measure_ids)
    response = admin_client.post(
        edit_url(ita_tree.report),
        o43_form_data(ita_tree, results, report_date="01/10/2564"),
    )
    assert response.status_code == 200
    assert form_messages(response) == [expected]


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        (
            "thai",
            "ระยะเวลา ก.ย.-ต.ค. ๖๔ อยู่นอกปีงบประมาณ พ.ศ. ๒๕๖๔ "
            "(๑ ต.ค. ๒๕๖๓ – ๓๐ ก.ย. ๒๕๖๔)",
        ),
        (
            "arabic",
            "ระยะเวลา ก.ย.-ต.ค. 64 อยู่นอกปีงบประมาณ พ.ศ. 2564 "
            "(1 ต.ค. 2563 – 30 ก.ย. 2564)",
        ),
    ],
)
def test_the_period_message_says_the_dates_in_the_sites_digits(
    admin_client, ita_tree, digits, expected
):
    use_digits(ita_tree, digits)
    outside = measure_form_value("ก", ita_tree.office, "2021-09-01", "2021-10-31")
    data = o42_form_data(ita_tree, [("measure", "m1", outside)])
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 200
    assert form_messages(response) == [expected]
