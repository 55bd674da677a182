"""Evidence documents are public only while a live, public page uses them."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from ita_wagtail.checks import documents_go_through_the_serve_view
from ita_wagtail.models import MeasureResultPage
from ita_wagtail.services.roles import setup_site_roles
from tests.factories import ItaTree, make_lao_site, member


pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(collection, name="evidence.pdf"):
    return get_document_model().objects.create(
        title=name, file=ContentFile(PDF, name=name), collection=collection
    )


def with_evidence(report, document):
    """The O43 results, the first one citing ``document`` as evidence."""
    results = [dict(block) for block in report.results.raw_data]
    first = dict(results[0])
    first["value"] = dict(first["value"])
    first["value"]["evidence"] = [
        {"type": "document", "value": document.pk, "id": "evidence-1"}
    ]
    results[0] = first
    return results


@pytest.fixture
def lao(ita_tree, django_user_model):
    ita_tree.roles = setup_site_roles(ita_tree.site)
    ita_tree.editor = member(django_user_model, "clerk", ita_tree.roles.editors)
    ita_tree.approver = member(django_user_model, "palad", ita_tree.roles.approvers)
    ita_tree.document = upload(ita_tree.roles.collection)
    return ita_tree


def report_of(tree):
    return MeasureResultPage.objects.get(pk=tree.report.pk)


def attach_as_draft(tree):
    report = report_of(tree)
    report.results = with_evidence(report, tree.document)
    report.save_revision()


def publish_with_evidence(tree):
    report = report_of(tree)
    report.results = with_evidence(report, tree.document)
    report.save_revision().publish()


def fetch(client, document, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(document.url)


def test_evidence_of_a_draft_is_not_public(client, lao):
    attach_as_draft(lao)
    assert fetch(client, lao.document).status_code == 404
    # …nor is a document no page uses.
    assert fetch(client, upload(lao.roles.collection, "unused.pdf")).status_code == 404


def test_the_sites_editors_and_approvers_see_it_for_previews_never_cached(client, lao):
    attach_as_draft(lao)
    for user in [lao.editor, lao.approver]:
        response = fetch(client, lao.document, user)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert "private" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_another_laos_editor_does_not_see_it(client, lao, django_user_model):
    other = ItaTree(site=make_lao_site("b.example.go.th"), measure_count=1)
    roles_b = setup_site_roles(other.site)
    editor_b = member(django_user_model, "clerk_b", roles_b.editors)
    attach_as_draft(lao)
    assert fetch(client, lao.document, editor_b).status_code == 404


def test_evidence_of_a_live_page_is_public_until_it_is_unpublished(client, lao):
    publish_with_evidence(lao)
    response = fetch(client, lao.document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "private" not in cache_control
    # A newer draft drops it: the live page still shows it.
    report = report_of(lao)
    report.results = [dict(block) for block in report.results.raw_data[1:]]
    report.save_revision()
    assert fetch(client, lao.document).status_code == 200
    report_of(lao).unpublish()
    assert fetch(client, lao.document).status_code == 404


@pytest.mark.parametrize("restriction_type", ["login", "password"])
def test_evidence_of_a_private_page_is_not_public(client, lao, restriction_type):
    publish_with_evidence(lao)
    PageViewRestriction.objects.create(
        page=lao.year_page, restriction_type=restriction_type, password="secret"
    )
    assert fetch(client, lao.document).status_code == 404
    assert fetch(client, lao.document, lao.editor).status_code == 200


def test_documents_outside_the_ita_collections_are_served_as_wagtail_does(client, lao):
    document = upload(Collection.get_first_root_node(), "notice.pdf")
    assert fetch(client, document).status_code == 200


def test_the_api_lists_no_documents(client, lao):
    publish_with_evidence(lao)
    client.raise_request_exception = False
    assert client.get("/api/v2/documents/").status_code == 404
    assert client.get(f"/api/v2/documents/{lao.document.pk}/").status_code == 404


def test_documents_must_go_through_the_serve_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert documents_go_through_the_serve_view(None) == []
    for method in ["redirect", "direct", None]:
        with override_settings(WAGTAILDOCS_SERVE_METHOD=method):
            (warning,) = documents_go_through_the_serve_view(None)
            assert warning.id == "ita_wagtail.W001"
    call_command("check", "--fail-level", "WARNING")  # the example site passes
