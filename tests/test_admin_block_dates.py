"""Dates typed in พ.ศ. in the StreamField date blocks (issue 15, "Dates").

O42's period start and end and the Date column of an item page's table take
a date typed with a พ.ศ. year ("31/03/2564", "2564-03-31", in Thai digits
too), stored as the Christian-era date; a wrong one is refused with an
example in พ.ศ., and a period ending before it starts says both dates in พ.ศ.
"""

import datetime

import pytest

from ita_wagtail.models import ItaItemPage, ItaSiteSettings, MeasureIndexPage
from tests.factories import measure_form_value
from tests.test_o42_o43_rules import edit_url, form_messages, o42_form_data
from tests.test_stale_edits import item_data


pytestmark = pytest.mark.django_db


def o42_with_period(tree, start, end):
    measures = [
        ("measure", m["id"], measure_form_value(m["value"]["measure"], tree.office))
        for m in tree.measures
    ]
    measures[0][2]["period-start"] = start
    measures[0][2]["period-end"] = end
    return o42_form_data(tree, measures)


@pytest.mark.parametrize(
    "start, end",
    [
        ("01/01/2564", "31/03/2564"),
        ("2564-01-01", "2564-03-31"),
        ("๑/๑/๒๕๖๔", "๓๑/๐๓/๒๕๖๔"),
        ("2021-01-01", "2021-03-31"),  # ค.ศ., as the picker writes it
    ],
)
def test_o42_takes_a_period_typed_in_buddhist_era(admin_client, ita_tree, start, end):
    response = admin_client.post(
        edit_url(ita_tree.plan), o42_with_period(ita_tree, start, end)
    )
    assert response.status_code == 302, form_messages(response)
    period = (
        MeasureIndexPage.objects.get(pk=ita_tree.plan.pk).measures[0].value["period"]
    )
    assert (period["start"], period["end"]) == (
        datetime.date(2021, 1, 1),
        datetime.date(2021, 3, 31),
    )


def test_a_wrong_date_is_refused_with_an_example_in_buddhist_era(
    admin_client, ita_tree
):
    response = admin_client.post(
        edit_url(ita_tree.plan), o42_with_period(ita_tree, "01/01/2564", "31/02/2564")
    )
    assert response.status_code == 200
    assert (
        "กรุณาใส่วันที่ที่ถูกต้อง เช่น 31/03/2564 (พ.ศ.) หรือ 2021-03-31 "
        "หรือเลือกจากปฏิทิน" in form_messages(response)
    )
    # What was typed is still in the form.
    assert "31/02/2564" in response.content.decode()


@pytest.mark.parametrize(
    "digits, message",
    [
        (
            "thai",
            "ระยะเวลาสิ้นสุดวันที่ ๓๑ มกราคม พ.ศ. ๒๕๖๔ ก่อนวันเริ่มต้น ๑ มีนาคม พ.ศ. ๒๕๖๔",
        ),
        (
            "arabic",
            "ระยะเวลาสิ้นสุดวันที่ 31 มกราคม พ.ศ. 2564 ก่อนวันเริ่มต้น 1 มีนาคม พ.ศ. 2564",
        ),
    ],
)
def test_a_reversed_period_is_refused_with_both_dates_in_the_sites_digits(
    admin_client, ita_tree, digits, message
):
    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = digits
    settings.save()
    response = admin_client.post(
        edit_url(ita_tree.plan), o42_with_period(ita_tree, "01/03/2564", "31/01/2564")
    )
    assert response.status_code == 200
    assert message in form_messages(response)


def table_data(prefix, dates):
    """Admin POST data of a one-column (Date) typed table."""
    data = {
        f"{prefix}-caption": "วันประชุม",
        f"{prefix}-column-count": "1",
        f"{prefix}-column-0-type": "date",
        f"{prefix}-column-0-order": "0",
        f"{prefix}-column-0-heading": "วันที่",
        f"{prefix}-column-0-deleted": "",
        f"{prefix}-row-count": str(len(dates)),
    }
    for row, typed in enumerate(dates):
        data[f"{prefix}-row-{row}-order"] = str(row)
        data[f"{prefix}-row-{row}-deleted"] = ""
        data[f"{prefix}-cell-{row}-0"] = typed
    return data


def test_an_item_pages_table_takes_dates_typed_in_buddhist_era(admin_client, ita_tree):
    page = ita_tree.add_item_page("O1")
    data = item_data(ita_tree, page, "ตารางวันประชุม")
    data.update(
        {
            "body-count": "1",
            "body-0-type": "table",
            "body-0-id": "t1",
            "body-0-deleted": "",
            "body-0-order": "0",
            **table_data("body-0-value", ["15/06/2564", "๓๐/๐๙/๒๕๖๔"]),
            "action-publish": "action-publish",
        }
    )
    del data["body-0-value"]
    response = admin_client.post(edit_url(page), data)
    assert response.status_code == 302, form_messages(response)
    table = ItaItemPage.objects.get(pk=page.pk).body[0].value
    assert [row["values"][0] for row in table.row_data] == [
        datetime.date(2021, 6, 15),
        datetime.date(2021, 9, 30),
    ]


def test_an_autosave_gives_the_browser_the_christian_era_dates_it_saved(
    admin_client, ita_tree
):
    """Wagtail's autosave puts its answer's field updates in the form: the
    period typed in พ.ศ. then shows the ค.ศ. date the picker uses."""
    data = o42_with_period(ita_tree, "01/01/2564", "๓๑/๐๓/๒๕๖๔")
    del data["action-publish"]
    data["measures-1-value-period-end"] = "2021-03-31"  # as the picker writes it
    response = admin_client.post(
        edit_url(ita_tree.plan), data, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    updates = response.json()["field_updates"]
    assert updates["measures-0-value-period-start"] == "2021-01-01"
    assert updates["measures-0-value-period-end"] == "2021-03-31"
    assert "measures-1-value-period-end" not in updates
    assert "measures-0-value-measure" not in updates
