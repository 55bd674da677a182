"""The admin's import: upload, preview, mapping change, confirm, as a draft."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission

from ita_wagtail.models import MeasureIndexPage, ResponsibleOffice
from tests.factories import ItaTree, speaks
from tests.importing import csv_bytes, seed_bytes


pytestmark = pytest.mark.django_db


def latest(page):
    """The page's content as last saved, read afresh from the database."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


@pytest.fixture
def admin_client(client, django_user_model):
    """A superuser whose admin speaks English, so messages can be compared."""
    user = django_user_model.objects.create_superuser("webmaster", "w@x.th", "pw")
    speaks(user, "en")
    client.force_login(user)
    return client


def import_url(page):
    return reverse("ita_wagtail_admin:import", args=[page.pk])


def upload(client, page, name, data):
    return client.post(import_url(page), {"file": SimpleUploadedFile(name, data)})


def token_of(response):
    return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]


def choices(response, **overrides):
    """The preview form as the browser would send it back."""
    html = response.content.decode()
    data = {"token": token_of(response)}
    for name, value in re.findall(
        r'<select name="(column_\d+)"[^>]*>.*?<option value="([^"]*)"[^>]*selected',
        html,
        flags=re.S,
    ):
        data[name] = value
    for name in re.findall(r'<select name="(column_\d+)"', html):
        data.setdefault(name, "")
    data["include"] = re.findall(r'name="include" value="(\d+)"[^>]*checked', html)
    data.update(overrides)
    return data


def test_upload_shows_a_preview_and_saves_nothing(admin_client):
    tree = ItaTree(measure_count=0)
    revisions = tree.plan.revisions.count()
    response = upload(admin_client, tree.plan, "seed.docx", seed_bytes("docx"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Table 4, row 3" in html
    assert "สำนักปลัด และทุกกอง" in html
    assert tree.plan.revisions.count() == revisions
    assert not ResponsibleOffice.objects.exclude(name="กองคลัง").exists()


def test_confirming_saves_one_draft_revision_and_does_not_publish(admin_client):
    tree = ItaTree(measure_count=0)
    revisions = tree.plan.revisions.count()
    preview = upload(admin_client, tree.plan, "seed.xlsx", seed_bytes("xlsx"))
    response = admin_client.post(
        import_url(tree.plan), choices(preview, action="confirm")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[tree.plan.pk]
    )
    page = MeasureIndexPage.objects.get(pk=tree.plan.pk)
    assert page.revisions.count() == revisions + 1
    assert page.live and page.has_unpublished_changes
    assert len(page.measures) == 0  # the published version is untouched
    assert len(page.get_latest_revision_as_object().measures) == 7
    assert page.latest_revision.user.username == "webmaster"


def test_changing_the_mapping_updates_the_preview_then_the_import(admin_client):
    tree = ItaTree(measure_count=0)
    preview = upload(admin_client, tree.plan, "seed.csv", seed_bytes("csv"))
    data = choices(preview, action="update", column_1="notes")
    updated = admin_client.post(import_url(tree.plan), data)
    assert updated.status_code == 200
    assert re.search(
        r'<select name="column_1".*?value="notes" selected',
        updated.content.decode(),
        re.S,
    )
    admin_client.post(import_url(tree.plan), choices(updated, action="confirm"))
    measure = latest(tree.plan).measures[0].value
    assert list(measure["methods"]) == []
    assert measure["notes"].startswith("๑. จัดทำประกาศ")


def test_a_mapping_without_measure_is_refused_in_the_preview(admin_client):
    tree = ItaTree(measure_count=0)
    preview = upload(admin_client, tree.plan, "seed.csv", seed_bytes("csv"))
    response = admin_client.post(
        import_url(tree.plan), choices(preview, action="confirm", column_0="")
    )
    assert response.status_code == 200
    assert "Choose which column holds the measures" in response.content.decode()
    assert not latest(tree.plan).measures


def test_a_page_with_content_asks_replace_or_append(admin_client):
    tree = ItaTree(measure_count=2)
    preview = upload(admin_client, tree.plan, "seed.csv", seed_bytes("csv"))
    assert 'name="mode"' in preview.content.decode()
    response = admin_client.post(
        import_url(tree.plan), choices(preview, action="confirm")
    )
    assert response.status_code == 200
    assert "replace or add" in response.content.decode()
    assert len(latest(tree.plan).measures) == 2
    response = admin_client.post(
        import_url(tree.plan), choices(preview, action="confirm", mode="append")
    )
    assert response.status_code == 302
    assert len(latest(tree.plan).measures) == 9


def test_a_bad_file_is_refused_on_the_upload_form(admin_client):
    tree = ItaTree(measure_count=0)
    response = upload(admin_client, tree.plan, "plan.docx", b"%PDF-1.7")
    assert response.status_code == 200
    assert "is not a Word document (.docx)" in response.content.decode()
    response = upload(admin_client, tree.plan, "plan.csv", b"")
    assert response.status_code == 200


def test_a_tampered_preview_is_refused(admin_client):
    tree = ItaTree(measure_count=0)
    preview = upload(admin_client, tree.plan, "seed.csv", seed_bytes("csv"))
    data = choices(preview, action="confirm")
    data["token"] = data["token"][:-2] + "xx"
    response = admin_client.post(import_url(tree.plan), data)
    assert response.status_code == 200
    assert "expired or was changed" in response.content.decode()
    assert not latest(tree.plan).measures


def test_a_preview_of_one_page_cannot_be_confirmed_on_another(admin_client):
    tree = ItaTree(measure_count=0)
    preview = upload(admin_client, tree.plan, "seed.csv", seed_bytes("csv"))
    response = admin_client.post(
        import_url(tree.report), choices(preview, action="confirm")
    )
    assert "expired or was changed" in response.content.decode()


def test_o43_import_shows_which_measure_each_row_answers(admin_client):
    tree = ItaTree(measure_count=1)
    data = csv_bytes(
        [["มาตรการ", "ผลการดำเนินงาน"], ["๑. มาตรการที่ 1", "๑. อบรม"], ["๒. อื่น", "ทำ"]]
    )
    response = upload(admin_client, tree.report, "report.csv", data)
    html = response.content.decode()
    assert "1. มาตรการที่ 1" in html
    assert "No matching measure" in html


def editor_without_rights_on(tree, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="pw")
    group = Group.objects.create(name="Other section editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=tree.home,
        permission=Permission.objects.get(codename="view_page"),
    )
    user.groups.add(group)
    return user


def test_a_user_who_cannot_edit_the_page_is_refused(client, django_user_model):
    tree = ItaTree(measure_count=0)
    client.force_login(editor_without_rights_on(tree, django_user_model))
    home = reverse("wagtailadmin_home")
    response = client.get(import_url(tree.plan))
    assert response.status_code == 302 and response["Location"] == home
    response = upload(client, tree.plan, "seed.csv", seed_bytes("csv"))
    assert response.status_code == 302 and response["Location"] == home
    assert not latest(tree.plan).measures


def test_an_editor_with_edit_rights_may_import(client, django_user_model):
    tree = ItaTree(measure_count=0)
    user = django_user_model.objects.create_user("editor", password="pw")
    group = Group.objects.create(name="ITA editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=tree.index,
            permission=Permission.objects.get(codename=codename),
        )
    user.groups.add(group)
    client.force_login(user)
    preview = upload(client, tree.plan, "seed.csv", seed_bytes("csv"))
    assert preview.status_code == 200
    response = client.post(import_url(tree.plan), choices(preview, action="confirm"))
    assert response.status_code == 302
    assert not MeasureIndexPage.objects.get(pk=tree.plan.pk).measures  # not published


def test_anonymous_users_are_sent_to_the_login(client):
    tree = ItaTree(measure_count=0)
    response = client.get(import_url(tree.plan))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_import_needs_a_csrf_token(django_user_model):
    tree = ItaTree(measure_count=0)
    client = Client(enforce_csrf_checks=True)
    client.force_login(
        django_user_model.objects.create_superuser("boss", "b@x.th", "pw")
    )
    response = upload(client, tree.plan, "seed.csv", seed_bytes("csv"))
    assert response.status_code == 403
    page = client.get(import_url(tree.plan))
    csrf = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    )[1]
    response = client.post(
        import_url(tree.plan),
        {
            "file": SimpleUploadedFile("seed.csv", seed_bytes("csv")),
            "csrfmiddlewaretoken": csrf,
        },
    )
    assert response.status_code == 200
    forged = client.post(import_url(tree.plan), choices(response, action="confirm"))
    assert forged.status_code == 403
    assert not latest(tree.plan).measures


def test_o42_and_o43_pages_show_the_import_button(admin_client):
    tree = ItaTree(measure_count=0)
    for page in (tree.plan, tree.report):
        html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert import_url(page) in html.content.decode()
    year = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[tree.year_page.pk])
    )
    assert "/admin/ita/import/" not in year.content.decode()


def test_imports_of_other_page_types_are_not_found(admin_client):
    tree = ItaTree(measure_count=0)
    assert admin_client.get(import_url(tree.year_page)).status_code == 404
