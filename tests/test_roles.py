"""Roles out of the box: editors draft, approvers publish, each LAO sees its own."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site, WorkflowState

from ita_wagtail.models import (
    ItaIndexPage,
    ItaSiteSettings,
    ItaYearPage,
    MeasureResultPage,
)
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import member


pytestmark = pytest.mark.django_db


def create_site(hostname, name, stderr=None):
    call_command(
        "ita_site",
        "create",
        "--hostname",
        hostname,
        "--name",
        name,
        stdout=io.StringIO(),
        stderr=stderr or io.StringIO(),
    )
    return Site.objects.get(hostname=hostname)


def test_ita_site_create_sets_up_a_whole_lao(client):
    site = create_site("tungkwao.example.go.th", "องค์การบริหารส่วนตำบลทุ่งกว่าว")
    assert site.site_name == "องค์การบริหารส่วนตำบลทุ่งกว่าว"
    assert ItaSiteSettings.for_site(site).organisation_name == site.site_name
    index = ItaIndexPage.objects.descendant_of(site.root_page).get()
    assert index.url_path.endswith("/ita/")
    assert ItaYearPage.objects.child_of(index).count() == 1
    assert index.get_workflow().name.startswith("ITA approval")


def test_ita_site_create_twice_changes_nothing():
    create_site("a.example.go.th", "อบต.ก")
    counts = (Site.objects.count(), Page.objects.count())
    create_site("a.example.go.th", "อบต.ก")
    assert (Site.objects.count(), Page.objects.count()) == counts


def test_setting_up_a_second_lao_warns_of_groups_with_every_sites_pages(
    django_user_model,
):
    from django.contrib.auth.models import Group

    def create(hostname, name):
        err = io.StringIO()
        with translation.override("en"):
            create_site(hostname, name, stderr=err)
        return err.getvalue()

    # Wagtail's own Editors group holds page permissions on the tree's root.
    member(django_user_model, "everyone", Group.objects.get(name="Editors"))
    assert create("a.example.go.th", "อบต.ก") == ""  # one LAO: nothing to say
    warning = create("b.example.go.th", "อบต.ข")
    assert "Editors" in warning and "every site" in warning
    assert "Moderators" not in warning  # no members: no one to warn about
    site_group = Group.objects.get(
        name__startswith="ITA editors", name__endswith="อบต.ข"
    )
    member(django_user_model, "clerk", site_group)
    assert "ITA editors" not in create("b.example.go.th", "อบต.ข")


def test_an_editor_cannot_publish_alone_and_an_approver_publishes(
    client, ita_tree, django_user_model
):
    roles = setup_site_roles(ita_tree.site)
    editor = member(django_user_model, "clerk", roles.editors)
    approver = member(django_user_model, "palad", roles.approvers)
    report = ita_tree.report
    assert report.permissions_for_user(editor).can_edit()
    assert not report.permissions_for_user(editor).can_publish()
    # Nor does the approver publish alone: approving publishes (issue 13.5).
    assert not report.permissions_for_user(approver).can_publish()

    # The editor changes the report and submits it for approval.
    client.force_login(editor)
    from tests.test_o42_o43_rules import o43_form_data, results_for

    data = o43_form_data(
        ita_tree, results_for(ita_tree, ita_tree.measure_ids), publish=False
    )
    data["title"] = "รายงานฉบับแก้ไข"
    data["action-submit"] = "submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report = MeasureResultPage.objects.get(pk=report.pk)
    assert report.title != "รายงานฉบับแก้ไข"  # not live yet
    state = report.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The approver accepts: the change goes live, and the page says who approved it.
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")
    report = MeasureResultPage.objects.get(pk=report.pk)
    assert report.title == "รายงานฉบับแก้ไข"
    approval = report.get_approval()
    assert str(approval.role) == "ผู้อนุมัติ (ปลัด / นายก)"
    html = client.get(report.url).content.decode()
    assert "อนุมัติให้เผยแพร่โดยผู้อนุมัติ (ปลัด / นายก) เมื่อ" in html


def test_a_page_published_outside_the_workflow_shows_no_approval(ita_tree):
    ita_tree.report.save_revision().publish()
    assert ita_tree.report.get_approval() is None


def test_an_editor_of_one_lao_cannot_touch_another_laos_pages(
    django_user_model, ita_tree
):
    other_site = create_site("b.example.go.th", "อบต.ข")
    roles_a = setup_site_roles(ita_tree.site)
    roles_b = setup_site_roles(other_site)
    editor_a = member(django_user_model, "clerk_a", roles_a.editors)
    other_index = ItaIndexPage.objects.descendant_of(other_site.root_page).get()
    assert not other_index.permissions_for_user(editor_a).can_edit()
    assert ita_tree.report.permissions_for_user(editor_a).can_edit()
    assert roles_a.editors != roles_b.editors
    assert roles_a.collection != roles_b.collection


def test_setting_up_roles_twice_changes_nothing(ita_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Workflow

    setup_site_roles(ita_tree.site)
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )
    setup_site_roles(ita_tree.site)
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    ) == counts


def test_webmasters_get_the_settings_catalogue_managers_the_catalogue(
    django_user_model, ita_tree
):
    roles = setup_site_roles(ita_tree.site)
    editor = member(django_user_model, "clerk", roles.editors)
    webmaster = member(django_user_model, "web", roles.webmasters)
    keeper = member(django_user_model, "keeper", roles.catalogue_managers)
    assert not editor.has_perm("ita_wagtail.view_oititem")
    # The catalogue is every LAO's: one LAO's webmaster reads it, no more.
    assert webmaster.has_perm("ita_wagtail.view_oititem")
    assert not webmaster.has_perm("ita_wagtail.change_oititem")
    assert keeper.has_perm("ita_wagtail.change_oititem")
    assert keeper.has_perm("ita_wagtail.delete_oititem")
    settings_policy = ItaSiteSettings.get_permission_policy()
    site = ita_tree.site
    assert settings_policy.user_has_permission_for_instance(webmaster, "change", site)
    assert not settings_policy.user_has_permission_for_instance(editor, "change", site)
    assert not settings_policy.user_has_permission_for_instance(keeper, "change", site)


def test_one_catalogue_group_for_the_instance_and_old_grants_taken_back(
    django_user_model, ita_tree
):
    from django.contrib.auth.models import Permission

    roles = setup_site_roles(ita_tree.site)
    # As earlier versions set webmasters up: changing the shared catalogue.
    roles.webmasters.permissions.add(
        *Permission.objects.filter(codename__in=["change_oititem", "delete_oititem"])
    )
    other = setup_site_roles(create_site("b.example.go.th", "อบต.ข"))
    again = setup_site_roles(ita_tree.site)
    assert other.catalogue_managers == again.catalogue_managers
    webmaster = member(django_user_model, "web", again.webmasters)
    assert not webmaster.has_perm("ita_wagtail.change_oititem")
    assert webmaster.has_perm("ita_wagtail.view_oititem")


def test_a_webmaster_reads_the_catalogue_but_cannot_change_it(
    client, django_user_model, ita_tree
):
    from ita_wagtail.models import OitItem

    roles = setup_site_roles(ita_tree.site)
    client.force_login(member(django_user_model, "web", roles.webmasters))
    item = OitItem.objects.get(year=2564, code="O42")
    index = "/admin/ita_wagtail/oititem/"
    listing = client.get(index)
    assert listing.status_code == 200
    assert item.title_th in listing.content.decode()
    inspect = client.get(f"{index}inspect/{item.pk}/")
    assert inspect.status_code == 200
    assert item.requirements[:20] in inspect.content.decode()
    for action in ["create/", f"edit/{item.pk}/", f"delete/{item.pk}/"]:
        url = f"{index}{action}"
        assert client.get(url).status_code in (302, 403), url
    client.post(f"{index}edit/{item.pk}/", {"title_th": "แก้โดยเว็บมาสเตอร์"})
    assert OitItem.objects.get(pk=item.pk).title_th == item.title_th


def test_every_lao_shares_one_approval_task(ita_tree):
    from wagtail.models import Task

    from ita_wagtail.models import ItaApprovalTask

    other_site = create_site("b.example.go.th", "อบต.ข")
    setup_site_roles(ita_tree.site)
    setup_site_roles(other_site)
    other_index = ItaIndexPage.objects.descendant_of(other_site.root_page).get()
    assert ita_tree.index.get_workflow() == other_index.get_workflow()
    assert ItaApprovalTask.objects.count() == 1
    # Wagtail asks every active task about each dashboard: one for all LAOs.
    assert Task.objects.filter(active=True).count() <= 2  # + Wagtail's moderators


def submit_for_approval(page, user):
    revision = page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return revision


def test_an_approver_of_one_lao_neither_sees_nor_approves_another_laos_submission(
    client, django_user_model, ita_tree
):
    from wagtail.models import TaskState

    other_site = create_site("b.example.go.th", "อบต.ข")
    roles_a = setup_site_roles(ita_tree.site)
    roles_b = setup_site_roles(other_site)
    editor_b = member(django_user_model, "clerk_b", roles_b.editors)
    approver_a = member(django_user_model, "palad_a", roles_a.approvers)
    approver_b = member(django_user_model, "palad_b", roles_b.approvers)
    page_b = ItaYearPage.objects.descendant_of(other_site.root_page).get()
    submit_for_approval(page_b, editor_b)
    task_state = page_b.current_workflow_state.current_task_state
    task = task_state.task.specific

    assert list(TaskState.objects.reviewable_by(approver_b)) == [task_state]
    assert list(TaskState.objects.reviewable_by(approver_a)) == []
    assert task.get_actions(page_b, approver_b)
    assert task.get_actions(page_b, approver_a) == []
    assert task.locked_for_user(page_b, approver_a)
    # Nor does the editor approve their own submission.
    assert task.get_actions(page_b, editor_b) == []

    client.force_login(approver_a)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert page_b.title not in home
    client.force_login(approver_b)
    home = client.get(reverse("wagtailadmin_home"), HTTP_HOST="b.example.go.th")
    assert page_b.title in home.content.decode()


def test_setting_up_roles_again_retires_a_per_site_workflow(ita_tree):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    from ita_wagtail.services.roles import TASK_NAME, WORKFLOW_NAME, site_label

    label = site_label(ita_tree.site)
    old_workflow = Workflow.objects.create(name=f"{WORKFLOW_NAME} – {label}")
    old_task = GroupApprovalTask.objects.create(name=f"{TASK_NAME} – {label}")
    WorkflowTask.objects.create(workflow=old_workflow, task=old_task, sort_order=0)
    old_workflow.workflow_pages.create(page=ita_tree.index)

    setup_site_roles(ita_tree.site)
    old_workflow.refresh_from_db()
    old_task.refresh_from_db()
    assert not old_workflow.active and not old_task.active
    index = ItaIndexPage.objects.get(pk=ita_tree.index.pk)
    assert index.get_workflow().name == WORKFLOW_NAME
