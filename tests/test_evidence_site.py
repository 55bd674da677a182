"""A result's documents, images and page links are its own LAO's, never another's.

Two LAOs with their roles, so each has its own collection (``ita_site roles``).
Checked where a person meets it: the admin's choosers, the page editor
(publishing refused, a draft saved with a warning), and the archive command.
"""

import json
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, Page

from ita_wagtail.models import MeasureResultPage
from tests.factories import member, result_form_value, speaks, stream_form_data
from tests.test_o42_o43_rules import form_messages, o43_form_data


pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def admin_client(admin_client, django_user_model):
    """A superuser reading the admin in English (each test's Thai one says so)."""
    speaks(django_user_model.objects.get(username="webmaster"), "en")
    return admin_client


def document_in(tree, title):
    document = Document(title=title, collection=tree.roles.collection)
    document.file.save(f"{tree.site.pk}.pdf", ContentFile(PDF), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def image_in(tree, title):
    return Image.objects.create(
        title=title, collection=tree.roles.collection, file=get_test_image_file()
    )


def o43_with_evidence(tree, evidence, publish=True):
    """The O43 form of ``tree`` whose first result cites ``evidence``.

    ``evidence`` is a list of (block type, value) for the first result.
    """
    results = [
        ("result", f"r{n}", result_form_value(measure_id))
        for n, measure_id in enumerate(tree.measure_ids)
    ]
    data = o43_form_data(tree, [], publish=publish)
    data.update(stream_form_data("results", results))
    prefix = "results-0-value-evidence"
    data[f"{prefix}-count"] = str(len(evidence))
    for index, (block_type, value) in enumerate(evidence):
        data[f"{prefix}-{index}-type"] = block_type
        data[f"{prefix}-{index}-id"] = f"e{index}"
        data[f"{prefix}-{index}-deleted"] = ""
        data[f"{prefix}-{index}-order"] = str(index)
        if isinstance(value, dict):
            for key, sub in value.items():
                data[f"{prefix}-{index}-value-{key}"] = sub
        else:
            data[f"{prefix}-{index}-value"] = str(value)
    return data


def edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


ANOTHER_SITE = {"en": "of another site", "th": "ของเว็บไซต์อื่น"}


@pytest.mark.parametrize("language", ["en", "th"])
def test_publishing_o43_citing_another_laos_document_is_refused(
    admin_client, django_user_model, lao_a, lao_b, language
):
    speaks(django_user_model.objects.get(username="webmaster"), language)
    theirs = document_in(lao_b, "รายงานของ ข")
    response = edit(
        admin_client, lao_a.report, o43_with_evidence(lao_a, [("document", theirs.pk)])
    )
    assert response.status_code == 200
    messages = form_messages(response)
    assert any(
        ANOTHER_SITE[language] in m and "รายงานของ ข" in m and "1" in m
        for m in messages
    ), messages
    report = MeasureResultPage.objects.get(pk=lao_a.report.pk)
    assert not report.has_unpublished_changes
    assert list(report.results[0].value["evidence"]) == []


def test_publishing_o43_citing_another_laos_image_or_page_is_refused(
    admin_client, lao_a, lao_b
):
    for evidence in (
        [("image", image_in(lao_b, "ภาพของ ข").pk)],
        [("link", {"page": lao_b.plan.pk, "url": "", "title": "ของ ข"})],
    ):
        response = edit(admin_client, lao_a.report, o43_with_evidence(lao_a, evidence))
        assert response.status_code == 200
        assert any("of another site" in m for m in form_messages(response))
    assert not MeasureResultPage.objects.get(pk=lao_a.report.pk).has_unpublished_changes


def test_publishing_o43_with_its_own_laos_evidence_succeeds(admin_client, lao_a, lao_b):
    ours = document_in(lao_a, "รายงานของ ก")
    evidence = [
        ("document", ours.pk),
        ("image", image_in(lao_a, "ภาพของ ก").pk),
        ("link", {"page": lao_a.plan.pk, "url": "", "title": "มาตรการ"}),
    ]
    response = edit(admin_client, lao_a.report, o43_with_evidence(lao_a, evidence))
    assert response.status_code == 302
    report = MeasureResultPage.objects.get(pk=lao_a.report.pk)
    assert [b.block_type for b in report.results[0].value["evidence"]] == [
        "document",
        "image",
        "link",
    ]


def test_a_draft_citing_another_laos_document_saves_with_a_warning(
    admin_client, lao_a, lao_b
):
    theirs = document_in(lao_b, "รายงานของ ข")
    response = edit(
        admin_client,
        lao_a.report,
        o43_with_evidence(lao_a, [("document", theirs.pk)], publish=False),
    )
    assert response.status_code == 302
    warnings = [
        str(m) for m in response.wsgi_request._messages if "of another site" in str(m)
    ]
    assert warnings and "รายงานของ ข" in warnings[0]
    report = MeasureResultPage.objects.get(pk=lao_a.report.pk)
    assert report.has_unpublished_changes
    assert report.live_revision != report.latest_revision


def test_an_item_page_linking_another_laos_page_is_not_published(
    admin_client, lao_a, lao_b
):
    from tests.factories import page_form_data

    item = lao_a.add_item_page("O1")
    data = page_form_data(
        title="โครงสร้าง",
        slug="o1",
        oit_item=str(lao_a.items["O1"].pk),
        answer_note="",
        **stream_form_data(
            "body",
            [
                (
                    "page_link",
                    "p1",
                    {"page": str(lao_b.plan.pk), "title": "", "description": ""},
                ),
            ],
        ),
    )
    data["action-publish"] = "action-publish"
    response = edit(admin_client, item, data)
    assert response.status_code == 200
    assert any(
        "of another site" in m and lao_b.plan.title in m
        for m in form_messages(response)
    )


# The choosers ------------------------------------------------------------------


@pytest.fixture
def editor_a(client, django_user_model, lao_a, lao_b):
    """An editor of LAO A who may also choose every file of the instance.

    A group choosing from the root collection (and so every LAO's): the ITA
    choosers still offer only A's.
    """
    every_file = Group.objects.create(name="Every file")
    root = Collection.get_first_root_node()
    for app_label, codename in (
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "choose_image"),
    ):
        GroupCollectionPermission.objects.create(
            group=every_file,
            collection=root,
            permission=Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            ),
        )
    user = member(django_user_model, "clerk_a", lao_a.roles.editors, every_file)
    client.force_login(user)
    return user


def test_the_document_chooser_offers_only_the_editors_own_laos_documents(
    client, editor_a, lao_a, lao_b
):
    document_in(lao_a, "รายงานของ ก")
    document_in(lao_b, "รายงานของ ข")
    html = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "รายงานของ ก" in html
    assert "รายงานของ ข" not in html


def test_the_image_chooser_offers_only_the_editors_own_laos_images(
    client, editor_a, lao_a, lao_b
):
    image_in(lao_a, "ภาพของ ก")
    image_in(lao_b, "ภาพของ ข")
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert "ภาพของ ก" in html
    assert "ภาพของ ข" not in html


def test_the_page_chooser_offers_only_the_editors_own_laos_pages(
    client, editor_a, lao_a, lao_b
):
    def children(page):
        response = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
        return response.json()["html"]

    assert f'data-id="{lao_a.index.pk}"' in children(lao_a.home)
    assert f'data-id="{lao_b.index.pk}"' not in children(lao_b.home)
    search = client.get(
        reverse("wagtailadmin_choose_page_search"), {"q": "มาตรการ"}
    ).content.decode()
    assert f'data-id="{lao_a.plan.pk}"' in search
    assert f'data-id="{lao_b.plan.pk}"' not in search
    assert "b.example.go.th" not in search


# The archive -------------------------------------------------------------------


def test_the_archive_never_carries_another_laos_files(lao_a, lao_b, tmp_path):
    ours = document_in(lao_a, "รายงานของ ก")
    theirs = document_in(lao_b, "รายงานของ ข")
    report = MeasureResultPage.objects.get(pk=lao_a.report.pk)
    results = list(report.results.raw_data)
    results[0]["value"]["evidence"] = [
        {"type": "document", "value": ours.pk, "id": "e1"},
        {"type": "document", "value": theirs.pk, "id": "e2"},
        {
            "type": "link",
            "value": {"page": lao_b.plan.pk, "url": "", "title": "ของ ข"},
            "id": "e3",
        },
    ]
    report.results = results
    report.save_revision().publish()
    output = tmp_path / "a.zip"
    from io import StringIO

    err = StringIO()
    with translation.override("en"):
        call_command(
            "ita_archive",
            "export",
            "--site",
            lao_a.site.hostname,
            "--year",
            "2564",
            "--output",
            str(output),
            stderr=err,
        )
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("archive.json"))
    assert [d["title"] for d in data["documents"]] == ["รายงานของ ก"]
    assert not [n for n in names if n.endswith(f"/{theirs.pk}/{lao_b.site.pk}.pdf")]
    assert str(lao_b.plan.pk) not in data["linked_pages"]
    assert "รายงานของ ข" in err.getvalue() and "another site" in err.getvalue()


def test_imported_files_go_into_the_target_laos_own_collection(lao_a, lao_b, tmp_path):
    ours = document_in(lao_a, "รายงานของ ก")
    photo = image_in(lao_a, "ภาพของ ก")
    report = MeasureResultPage.objects.get(pk=lao_a.report.pk)
    results = list(report.results.raw_data)
    results[0]["value"]["evidence"] = [
        {"type": "document", "value": ours.pk, "id": "e1"},
        {"type": "image", "value": photo.pk, "id": "e2"},
    ]
    report.results = results
    report.save_revision().publish()
    output = tmp_path / "a.zip"
    call_command(
        "ita_archive",
        "export",
        "--site",
        lao_a.site.hostname,
        "--year",
        "2564",
        "--output",
        str(output),
    )
    lao_b.year_page.delete()
    call_command("ita_archive", "import", str(output), "--site", lao_b.site.hostname)
    restored = Document.objects.exclude(pk=ours.pk).get(title="รายงานของ ก")
    assert restored.collection == lao_b.roles.collection
    page = Page.objects.get(url_path="/b-example-go-th/ita/2564/o42/o43/").specific
    restored_photo = Image.objects.exclude(pk=photo.pk).get(title="ภาพของ ก")
    assert restored_photo.collection == lao_b.roles.collection
    assert (restored_photo.width, restored_photo.height) == (photo.width, photo.height)
    evidence = page.results[0].value["evidence"]
    assert [block.value for block in evidence] == [restored, restored_photo]
    assert not [f for f in page.get_findings() if "another site" in str(f.message)]
