"""Wagtail 8's autosave, through the admin's edit view as its script posts it.

Issue 15: the O42 editor's autosaves got HTTP 400 ("Autosave is paused").
An autosave is a draft save asking for JSON; it must save whatever a draft
may hold, and what may not be published is refused when publishing. The
browser side, on every ITA page type: tests/frontend/test_autosave.py.
"""

import pytest

from ita_wagtail.models import MeasureIndexPage, MeasureResultPage
from tests.factories import measure_form_value, result_form_value
from tests.test_o42_o43_rules import (
    edit_url,
    form_messages,
    o42_form_data,
    o43_form_data,
)


pytestmark = pytest.mark.django_db


def autosave(client, page, data, times=3):
    """Post ``data`` as Wagtail's autosave does, ``times`` in a row: the first
    without, the next with the revision the previous one made, each with
    the field updates the previous answer gave."""
    data = dict(data)
    answers = []
    for _ in range(times):
        response = client.post(edit_url(page), data, HTTP_ACCEPT="application/json")
        answers.append((response.status_code, response.json()))
        if response.status_code != 200:
            break
        data["overwrite_revision_id"] = str(response.json()["revision_id"])
        data.update(response.json()["field_updates"])
    return answers


def measures_of(tree, end_of_first="2021-03-31"):
    items = [
        ("measure", m["id"], measure_form_value(m["value"]["measure"], tree.office))
        for m in tree.measures
    ]
    items[0][2]["period-end"] = end_of_first
    return items


def test_o42_autosaves_a_period_ending_before_it_starts(admin_client, ita_tree):
    data = o42_form_data(ita_tree, measures_of(ita_tree, "2020-12-31"), publish=False)
    answers = autosave(admin_client, ita_tree.plan, data)
    assert [status for status, _ in answers] == [200, 200, 200], answers
    # Publishing it is refused, on the period.
    response = admin_client.post(
        edit_url(ita_tree.plan),
        o42_form_data(ita_tree, measures_of(ita_tree, "2020-12-31")),
    )
    assert response.status_code == 200
    messages = form_messages(response)
    # The period ends on …, before it starts on …: both dates in พ.ศ.
    assert (
        "ระยะเวลาสิ้นสุดวันที่ ๓๑ ธันวาคม พ.ศ. ๒๕๖๓ ก่อนวันเริ่มต้น ๑ มกราคม พ.ศ. ๒๕๖๔" in messages
    )


def test_o42_autosaves_a_removed_measure_that_has_results(admin_client, ita_tree):
    data = o42_form_data(ita_tree, measures_of(ita_tree)[1:], publish=False)
    answers = autosave(admin_client, ita_tree.plan, data)
    assert [status for status, _ in answers] == [200, 200, 200], answers
    plan = MeasureIndexPage.objects.get(pk=ita_tree.plan.pk)
    assert [m.id for m in plan.get_latest_revision_as_object().measures] == (
        ita_tree.measure_ids[1:]
    )
    assert [m.id for m in plan.measures] == ita_tree.measure_ids  # published
    # Publishing asks first.
    data = o42_form_data(ita_tree, measures_of(ita_tree)[1:])
    response = admin_client.post(edit_url(ita_tree.plan), data)
    assert response.status_code == 200
    assert 'name="confirm_measure_removal"' in response.content.decode()


def test_o43_autosaves_an_evidence_link_not_yet_filled_in(admin_client, ita_tree):
    results = [
        ("result", f"r{n}", result_form_value(measure_id))
        for n, measure_id in enumerate(ita_tree.measure_ids)
    ]
    empty_link = {"page": "", "url": "", "title": ""}
    results[0][2]["evidence"] = {"__stream__": [("link", "l1", empty_link)]}
    data = o43_form_data(ita_tree, results, publish=False)
    answers = autosave(admin_client, ita_tree.report, data)
    assert [status for status, _ in answers] == [200, 200, 200], answers
    response = admin_client.post(
        edit_url(ita_tree.report), o43_form_data(ita_tree, results)
    )
    assert response.status_code == 200  # refused when publishing, on the link
    assert "เลือกหน้าในเว็บไซต์นี้ หรือระบุที่อยู่เว็บ" in " ".join(form_messages(response))
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    assert not list(report.results[0].value["evidence"])  # the published one
