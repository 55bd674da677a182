"""Issue 15, the editor's path: a result whose measure was removed from O42
stands apart, marked, in the O43 editor, until the editor deals with it.

The stored ``measure_label`` ("2. …") is left as it is (the checks and the
importer read it); the edit view gives ``admin/results.js`` what to show in
its place (the browser side: tests/frontend/test_editor_path.py).
"""

import json
import re

import pytest

from ita_wagtail.models import ItaSiteSettings, MeasureResultPage
from tests.factories import measure_form_value
from tests.test_o42_o43_rules import edit_url, o42_form_data


pytestmark = pytest.mark.django_db

REMOVED = "มาตรการนี้ถูกนำออกจาก O42 แล้ว"


def markers(response):
    found = re.search(
        r'<script id="ita-unanswered-results" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(found.group(1)) if found else {}


def open_o43_and_publish_it(client, tree):
    """The editor opens O43 (its labels follow O42) and publishes it."""
    response = client.get(edit_url(tree.report))
    assert response.status_code == 200
    report = MeasureResultPage.objects.get(pk=tree.report.pk)
    report.results = response.context["form"].initial["results"]
    report.save_revision().publish()
    return report


def remove_second_measure(client, tree):
    """The editor removes O42's second measure in the admin and publishes."""
    kept = [
        ("measure", m["id"], measure_form_value(m["value"]["measure"], tree.office))
        for m in (tree.measures[0], tree.measures[2])
    ]
    data = o42_form_data(tree, kept)
    data["confirm_measure_removal"] = "on"  # it has a result
    response = client.post(edit_url(tree.plan), data)
    assert response.status_code == 302, response.context["form"].errors


def test_a_result_whose_measure_was_removed_is_marked_in_the_o43_editor(
    thai_admin, ita_tree
):
    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = "thai"
    settings.save()
    report = open_o43_and_publish_it(thai_admin, ita_tree)
    orphan = report.results[1]
    assert orphan.value["measure_label"] == "2. มาตรการที่ 2"
    remove_second_measure(thai_admin, ita_tree)

    response = thai_admin.get(edit_url(ita_tree.report))
    assert response.status_code == 200
    marked = markers(response)
    assert list(marked) == [orphan.id]  # only the result of the removed measure
    assert marked[orphan.id]["reason"] == "removed"
    assert marked[orphan.id]["message"] == REMOVED
    # Numbered on its own, not "2." beside the measure now numbered 2.
    assert marked[orphan.id]["heading"] == "ผลการดำเนินการที่ไม่มีมาตรการ รายการที่ ๑"
    assert marked[orphan.id]["was"] == "มาตรการเดิม: “มาตรการที่ 2”"
    # It is placed after the results of O42's measures, which are numbered 1, 2.
    results = list(response.context["form"].initial["results"])
    assert [r.id for r in results][-1] == orphan.id
    assert [r.value["measure_label"] for r in results] == [
        "1. มาตรการที่ 1",
        "2. มาตรการที่ 3",
        "2. มาตรการที่ 2",  # stored as it was: the checks and importer read it
    ]


def test_a_second_result_for_a_measure_is_marked_as_a_repeat(thai_admin, ita_tree):
    report = open_o43_and_publish_it(thai_admin, ita_tree)
    raw = list(report.results.raw_data)
    repeat = {**raw[0], "id": "repeat-of-first", "value": dict(raw[0]["value"])}
    report.results = [*raw, repeat]
    report.save_revision().publish()

    marked = markers(thai_admin.get(edit_url(ita_tree.report)))
    assert list(marked) == ["repeat-of-first"]
    assert marked["repeat-of-first"]["reason"] == "repeat"
    assert "มาตรการที่ ๑" in marked["repeat-of-first"]["message"]


def test_nothing_is_marked_when_every_result_answers_a_measure(thai_admin, ita_tree):
    response = thai_admin.get(edit_url(ita_tree.report))
    assert response.status_code == 200
    assert markers(response) == {}
    assert "ita-unanswered-results" not in response.content.decode()


def test_the_marker_script_is_loaded_in_the_editor(thai_admin, ita_tree):
    html = thai_admin.get(edit_url(ita_tree.report)).content.decode()
    assert "ita_wagtail/admin/results.js" in html
