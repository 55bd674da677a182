"""An archive round trip keeps what is private private and what is pending pending.

Export with `ita_archive export`, import into another LAO's site with
`ita_archive import`, then look at the restored pages as the public and as
the admin do.
"""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, WorkflowPage

from ita_wagtail.models import ItaIndexPage, MeasureIndexPage, MeasureResultPage
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import make_lao_site


pytestmark = pytest.mark.django_db
TARGET = "new.example.go.th"
RESTORED = "/new-example-go-th/ita/2564/"


def export_archive(tree, tmp_path):
    """``tree``'s year, exported with ``ita_archive export``: the file."""
    output = tmp_path / "year.zip"
    call_command(
        "ita_archive",
        "export",
        "--site",
        tree.site.hostname,
        "--year",
        "2564",
        "--output",
        str(output),
    )
    return output


def import_archive(output, target=None):
    """Import ``output`` into ``target`` (a new site by default); returns stderr."""
    target = target or make_lao_site(TARGET)
    err = StringIO()
    with translation.override("en"):
        call_command(
            "ita_archive", "import", str(output), "--site", target.hostname, stderr=err
        )
    return err.getvalue()


def round_trip(tree, tmp_path, target=None):
    """Export ``tree``'s year and import it into a new site; returns stderr."""
    return import_archive(export_archive(tree, tmp_path), target)


def restored(slug_path):
    return Page.objects.get(url_path=RESTORED + slug_path).specific


def restrict(page, kind, password="", groups=()):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    restriction.groups.set(groups)
    return restriction


def test_login_and_password_protected_pages_stay_protected(client, ita_tree, tmp_path):
    restrict(ita_tree.add_item_page("O1"), PageViewRestriction.LOGIN)
    restrict(ita_tree.report, PageViewRestriction.PASSWORD, password="ลับมาก")
    round_trip(ita_tree, tmp_path)

    item_restriction = PageViewRestriction.objects.get(page=restored("o1/"))
    assert item_restriction.restriction_type == "login"
    report_restriction = PageViewRestriction.objects.get(page=restored("o42/o43/"))
    assert report_restriction.restriction_type == "password"
    assert report_restriction.password == "ลับมาก"  # noqa: S105
    assert not PageViewRestriction.objects.filter(page=restored("o42/")).exists()

    item = client.get("/ita/2564/o1/", HTTP_HOST=TARGET)
    assert item.status_code == 302 and "login" in item.url
    assert client.get("/ita/2564/o42/", HTTP_HOST=TARGET).status_code == 200
    report = client.get("/ita/2564/o42/o43/", HTTP_HOST=TARGET)
    assert ita_tree.report.title not in report.content.decode()
    assert 'name="password"' in report.content.decode()
    assert client.get("/ita/2564/", HTTP_HOST=TARGET).status_code == 200


def test_group_restrictions_keep_the_groups_the_instance_has(ita_tree, tmp_path):
    auditors = Group.objects.create(name="ผู้ตรวจสอบ")
    gone = Group.objects.create(name="กลุ่มที่จะหายไป")
    restrict(ita_tree.plan, PageViewRestriction.GROUPS, groups=[auditors, gone])
    output = export_archive(ita_tree, tmp_path)
    gone.delete()
    err = import_archive(output)
    restriction = PageViewRestriction.objects.get(page=restored("o42/"))
    assert restriction.restriction_type == "groups"
    assert [g.name for g in restriction.groups.all()] == ["ผู้ตรวจสอบ"]
    assert "กลุ่มที่จะหายไป" in err


def test_a_group_restriction_without_any_of_its_groups_still_restricts(
    client, ita_tree, tmp_path
):
    gone = Group.objects.create(name="กลุ่มที่จะหายไป")
    restrict(ita_tree.plan, PageViewRestriction.GROUPS, groups=[gone])
    output = export_archive(ita_tree, tmp_path)
    gone.delete()
    import_archive(output)
    response = client.get("/ita/2564/o42/", HTTP_HOST=TARGET)
    assert response.status_code == 302 and "login" in response.url


def test_a_pending_draft_comes_back_beside_the_same_live_content(
    client, ita_tree, tmp_path
):
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    report.title = "ร่างที่ยังไม่อนุมัติ"
    report.save_revision()
    live_title = ita_tree.report.title
    round_trip(ita_tree, tmp_path)

    page = restored("o42/o43/")
    assert page.live and page.title == live_title
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "ร่างที่ยังไม่อนุมัติ"
    html = client.get("/ita/2564/o42/o43/", HTTP_HOST=TARGET).content.decode()
    assert live_title in html and "ร่างที่ยังไม่อนุมัติ" not in html


def test_a_draft_of_o42_keeps_its_measures_apart_from_the_live_ones(ita_tree, tmp_path):
    plan = MeasureIndexPage.objects.get(pk=ita_tree.plan.pk)
    measures = list(plan.measures.raw_data)
    measures[0]["value"]["measure"] = "มาตรการในร่าง"
    plan.measures = measures
    plan.save_revision()
    round_trip(ita_tree, tmp_path)

    page = restored("o42/")
    assert page.measures[0].value["measure"] == "มาตรการที่ 1"
    draft = page.get_latest_revision_as_object()
    assert draft.measures[0].value["measure"] == "มาตรการในร่าง"
    assert [o.site_id for o in draft.measures[0].value["offices"]] == [
        Page.objects.get(url_path="/new-example-go-th/").sites_rooted_here.get().pk
    ]


def test_a_draft_awaiting_approval_awaits_it_again(ita_tree, tmp_path):
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    report.title = "ร่างที่รออนุมัติ"
    report.save_revision()
    setup_site_roles(ita_tree.site).workflow.start(report, None)
    assert MeasureResultPage.objects.get(pk=report.pk).workflow_in_progress

    target = make_lao_site(TARGET)
    target.root_page.add_child(instance=ItaIndexPage(title="ITA", slug="ita"))
    setup_site_roles(target)
    round_trip(ita_tree, tmp_path, target=target)

    page = restored("o42/o43/")
    assert page.workflow_in_progress
    state = page.current_workflow_state
    assert state.requested_by is None
    assert state.current_task_state.task.specific.__class__.__name__ == (
        "ItaApprovalTask"
    )
    assert page.get_latest_revision_as_object().title == "ร่างที่รออนุมัติ"
    assert page.title == ita_tree.report.title


def test_a_draft_awaiting_approval_where_there_is_no_workflow_is_said(
    ita_tree, tmp_path
):
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    report.save_revision()
    setup_site_roles(ita_tree.site).workflow.start(report, None)
    WorkflowPage.objects.all().delete()  # Wagtail's default one on the root too
    err = round_trip(ita_tree, tmp_path)
    assert not restored("o42/o43/").workflow_in_progress
    assert "no approval workflow" in err
