"""The editor's path: what the admin tells the editor after saving, approving.

Issue 15, "The editor's path": each finding once, for what was just saved.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import test_nobody_publishes_alone as alone
from tests.factories import measure_form_value
from tests.test_nobody_publishes_alone import (
    approve_url,
    as_user,
    live_title,
    report_data,
)
from tests.test_o42_o43_rules import edit_url, o42_form_data


pytestmark = pytest.mark.django_db

people = alone.people  # the editor, approvers of test_nobody_publishes_alone

OUTSIDE = "อยู่นอกปีงบประมาณ"


def _o42_draft(tree, end):
    data = o42_form_data(
        tree,
        [("measure", "m1", measure_form_value("ก", tree.office, "2021-09-01", end))],
        publish=False,
    )
    data["confirm_measure_removal"] = "on"  # its three measures have results
    return data


def _shown(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_autosaves_leave_no_stale_or_repeated_findings(admin_client, ita_tree):
    """Wagtail 8's autosave posts the edit form asking for JSON; the findings
    of those saves must not pile up in the session and show after the fix."""
    url = edit_url(ita_tree.plan)
    for _ in range(2):  # the editor types; autosave saves twice
        response = admin_client.post(
            url, _o42_draft(ita_tree, "2021-10-31"), HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["success"]
    # The editor fixes the period and saves.
    response = admin_client.post(url, _o42_draft(ita_tree, "2021-09-30"))
    assert response.status_code == 302
    assert not [m for m in _shown(response) if OUTSIDE in m]
    # Saved again with the period outside: the finding is shown once.
    response = admin_client.post(url, _o42_draft(ita_tree, "2021-10-31"))
    assert response.status_code == 302
    assert len([m for m in _shown(response) if OUTSIDE in m]) == 1


LONG_MEASURE = (
    "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง ทุกโครงการบนเว็บไซต์ขององค์กร "
    "ภายในสามวันทำการ นับจากวันลงนามในสัญญา"
)


def test_the_measure_removal_error_is_shown_once_with_whole_words(
    admin_client, ita_tree
):
    plan = ita_tree.plan
    plan.measures[0].value["measure"] = LONG_MEASURE
    plan.save_revision().publish()
    kept = [
        ("measure", m["id"], measure_form_value(m["value"]["measure"], ita_tree.office))
        for m in ita_tree.measures[1:]
    ]
    data = o42_form_data(ita_tree, kept)  # asked when publishing
    response = admin_client.post(edit_url(plan), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.count("These measures already have results")
        + html.count("มาตรการเหล่านี้มีผลการดำเนินการแล้ว")
        == 1
    ), html.count("รายงาน")
    cut = "“เปิดเผยข้อมูลการจัดซื้อจัดจ้าง ทุกโครงการบนเว็บไซต์ขององค์กร…”"
    assert cut in html


def _successes(response):
    return [
        str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "success"
    ]


def _submitted(people, ita_tree, title):
    response = as_user(people["editor"]).post(
        reverse("wagtailadmin_pages:edit", args=[ita_tree.report.pk]),
        report_data(ita_tree, title, **{"action-submit": "action-submit"}),
    )
    assert response.status_code == 302


def test_the_approver_is_told_the_page_is_approved_and_published(people, ita_tree):
    """Through Wagtail's workflow action URL, as the dashboard's button posts."""
    _submitted(people, ita_tree, "ส่งเพื่ออนุมัติ")
    approver = as_user(people["approver"])
    response = approver.post(approve_url(ita_tree.report), {"comment": ""})
    assert response.status_code == 302
    response = approver.get(response.url, follow=True)
    assert response.status_code == 200
    assert live_title(ita_tree.report) == "ส่งเพื่ออนุมัติ"
    assert _successes(response) == ["อนุมัติและเผยแพร่แล้ว: “ส่งเพื่ออนุมัติ”"]


def test_the_approver_is_told_after_approving_in_the_edit_view(people, ita_tree):
    edit_url = reverse("wagtailadmin_pages:edit", args=[ita_tree.report.pk])
    data = report_data(ita_tree, "ฉบับของผู้จัดทำ")
    response = as_user(people["editor"]).post(
        edit_url, {**data, "action-submit": "action-submit"}
    )
    assert response.status_code == 302
    response = as_user(people["approver"]).post(
        edit_url,
        {**data, "action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert response.status_code == 302, response.url
    assert live_title(ita_tree.report) == "ฉบับของผู้จัดทำ", (
        response.url,
        list(get_messages(response.wsgi_request)),
    )
    assert "อนุมัติและเผยแพร่แล้ว: “ฉบับของผู้จัดทำ”" in _successes(response)
