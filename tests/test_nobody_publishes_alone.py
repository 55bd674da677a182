"""Nobody publishes alone (issue 13.5): every role goes through the ITA approval.

Through the admin's own views: the edit view's "Publish" and "Submit" buttons,
the edit view's workflow action, and Wagtail's workflow action URL
``/admin/pages/workflow/action/<page>/<action>/<task state>/``.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from ita_wagtail.domain.measure_table import measure_label
from ita_wagtail.models import MeasureResultPage
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import member
from tests.test_o42_o43_rules import o43_form_data, results_for


pytestmark = pytest.mark.django_db

ROLES = ["editor", "approver", "webmaster"]


@pytest.fixture
def people(django_user_model, ita_tree):
    roles = setup_site_roles(ita_tree.site)
    groups = {
        "editor": roles.editors,
        "approver": roles.approvers,
        "webmaster": roles.webmasters,
    }
    users = {
        role: member(django_user_model, role, group) for role, group in groups.items()
    }
    users["approver2"] = member(django_user_model, "approver2", roles.approvers)
    users["root"] = django_user_model.objects.create_superuser("root", "r@x.th", "pw")
    return users


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def report_data(tree, title, **extra):
    """The O43 edit form as the browser posts it, with the given title."""
    results = results_for(tree, tree.measure_ids)
    for number, (_type, _id, value) in enumerate(results, start=1):
        # The read-only label, as the form shows it: unchanged when posted back.
        value["measure_label"] = measure_label(
            number, tree.measures[number - 1]["value"]
        )
    data = o43_form_data(tree, results, publish=False)
    data["title"] = title
    data.update(extra)
    return data


def edit(client, tree, title, action):
    extra = {action: action} if action else {}
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[tree.report.pk]),
        report_data(tree, title, **extra),
    )


@pytest.fixture
def report(ita_tree):
    return ita_tree.report


def refused(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def live_title(page):
    return MeasureResultPage.objects.get(pk=page.pk).title


def approve_url(page, action="approve"):
    page = MeasureResultPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_publish_button_does_not_publish_for_any_role(
    people, ita_tree, report, role
):
    user = people[role]
    assert not report.permissions_for_user(user).can_publish()
    response = edit(
        as_user(user), ita_tree, "เผยแพร่เองโดยไม่ผ่านการอนุมัติ", "action-publish"
    )
    assert response.status_code == 302  # saved as a draft, nothing more
    assert live_title(report) == "การดำเนินการตามมาตรการ"
    assert MeasureResultPage.objects.get(pk=report.pk).has_unpublished_changes


@pytest.mark.parametrize("role", ROLES)
def test_a_submission_is_not_approved_by_its_submitter(people, ita_tree, report, role):
    submitter = as_user(people[role])
    response = edit(submitter, ita_tree, "ส่งเพื่ออนุมัติ", "action-submit")
    assert response.status_code == 302
    state = MeasureResultPage.objects.get(pk=report.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The submitter's own approval, through the workflow action URL: refused.
    response = submitter.post(approve_url(report), {"comment": ""})
    assert refused(response)
    assert live_title(report) == "การดำเนินการตามมาตรการ"
    # Nor does the approvers' dashboard offer it to its own submitter.
    home = submitter.get(reverse("wagtailadmin_home")).content.decode()
    assert approve_url(report) not in home

    # Another approver approves: now it is live.
    other = "approver2" if role == "approver" else "approver"
    response = as_user(people[other]).post(approve_url(report), {"comment": ""})
    assert response.status_code in (200, 302)
    assert live_title(report) == "ส่งเพื่ออนุมัติ"
    assert MeasureResultPage.objects.get(pk=report.pk).get_approval() is not None


def test_an_editor_submits_and_an_approver_approves_in_the_edit_view(
    people, ita_tree, report
):
    edit_url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    data = report_data(ita_tree, "ฉบับของผู้จัดทำ")
    response = as_user(people["editor"]).post(
        edit_url, {**data, "action-submit": "action-submit"}
    )
    assert response.status_code == 302
    # The approver opens the submission and approves it as it is: the same form.
    response = as_user(people["approver"]).post(
        edit_url,
        {**data, "action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert response.status_code == 302 and not refused(response)
    assert live_title(report) == "ฉบับของผู้จัดทำ"


def test_an_approver_who_changes_a_submission_does_not_approve_it(
    people, ita_tree, report
):
    edit(as_user(people["editor"]), ita_tree, "ฉบับของผู้จัดทำ", "action-submit")
    approver = as_user(people["approver"])
    # Changing the submission and approving it at once, in the edit view.
    data = report_data(
        ita_tree,
        "ฉบับที่ผู้อนุมัติแก้เอง",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    response = approver.post(reverse("wagtailadmin_pages:edit", args=[report.pk]), data)
    assert refused(response)
    assert live_title(report) == "การดำเนินการตามมาตรการ"
    # Or saving first, then approving through the workflow action URL.
    edit(approver, ita_tree, "ฉบับที่ผู้อนุมัติแก้เอง", None)
    response = approver.post(approve_url(report), {"comment": ""})
    assert refused(response)
    assert live_title(report) == "การดำเนินการตามมาตรการ"
    # Another approver may approve what the first one changed.
    response = as_user(people["approver2"]).post(approve_url(report), {"comment": ""})
    assert live_title(report) == "ฉบับที่ผู้อนุมัติแก้เอง"


def test_a_superuser_publishes_directly_but_does_not_approve_their_own(
    people, ita_tree, report
):
    root = as_user(people["root"])
    # Superusers are the instance's operators: Wagtail lets them publish.
    response = edit(root, ita_tree, "เผยแพร่โดยผู้ดูแลระบบ", "action-publish")
    assert response.status_code == 302
    assert live_title(report) == "เผยแพร่โดยผู้ดูแลระบบ"
    # Through the workflow, they do not approve their own submission.
    edit(root, ita_tree, "ส่งโดยผู้ดูแลระบบ", "action-submit")
    response = root.post(approve_url(report), {"comment": ""})
    assert refused(response)
    assert live_title(report) == "เผยแพร่โดยผู้ดูแลระบบ"


def test_ita_site_roles_takes_back_the_publish_permission_of_earlier_versions(
    people, ita_tree
):
    from wagtail.models import Page

    roles = setup_site_roles(ita_tree.site)
    publish = GroupPagePermission.objects.filter(
        permission__codename="publish_page",
        group__in=[roles.approvers, roles.webmasters],
    )
    assert not publish.exists()
    # As an earlier version left them: approvers and webmasters may publish.
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="publish_page"
    )
    for group in (roles.approvers, roles.webmasters):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.objects.get(pk=ita_tree.index.pk),
            permission=permission,
        )
    assert ita_tree.report.permissions_for_user(people["webmaster"]).can_publish()

    call_command(
        "ita_site", "roles", "--hostname", ita_tree.site.hostname, stdout=io.StringIO()
    )
    assert not publish.exists()
    for role in ROLES:
        user = type(people[role]).objects.get(pk=people[role].pk)
        assert not ita_tree.report.permissions_for_user(user).can_publish()
