"""What nobody may do: read drafts, private pages or the admin; run scripts."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from ita_wagtail.models import MeasureIndexPage, MeasureResultPage, OitItem
from tests.factories import measure_raw, result_raw


pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script>'


def test_anonymous_visitors_reach_no_draft(client, ita_tree):
    ita_tree.add_item_page("O1").unpublish()
    assert client.get("/ita/2564/o1/").status_code == 404
    assert client.get("/ita/2564/o1/history/").status_code == 404


def test_anonymous_visitors_reach_no_private_page(client, ita_tree):
    page = ita_tree.add_item_page("O2")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    response = client.get("/ita/2564/o2/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_anonymous_visitors_reach_no_admin_view(client, ita_tree):
    for url in [
        reverse("ita_wagtail_findings"),
        reverse("ita_wagtail_answer_sheet", args=[ita_tree.year_page.pk]),
        reverse(
            "ita_wagtail_answer_sheet_download", args=[ita_tree.year_page.pk, "csv"]
        ),
        reverse("wagtailadmin_pages:edit", args=[ita_tree.report.pk]),
        "/admin/ita_wagtail/oititem/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_text_from_editors_is_escaped_on_pages_answer_sheet_and_exports(
    client, ita_tree
):
    measure = measure_raw(PAYLOAD, offices=[ita_tree.office])
    plan = MeasureIndexPage.objects.get(pk=ita_tree.plan.pk)
    plan.measures = [measure]
    plan.title = PAYLOAD
    plan.save_revision().publish()
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    report.results = [result_raw(measure["id"], actions=[PAYLOAD], suggestions=PAYLOAD)]
    report.answer_note = PAYLOAD
    report.save_revision().publish()
    ita_tree.add_item_page(
        "O1",
        body=[
            {
                "type": "external_link",
                "value": {
                    "url": "https://example.org/",
                    "title": PAYLOAD,
                    "description": PAYLOAD,
                },
            },
            {
                "type": "contact",
                "value": {
                    "name": PAYLOAD,
                    "position": PAYLOAD,
                    "address": PAYLOAD,
                    "phone": "",
                    "fax": "",
                    "email": "",
                    "hours": PAYLOAD,
                },
            },
        ],
    )
    OitItem.objects.filter(year=2564, code="O2").update(title_th=PAYLOAD)
    for url in [
        "/ita/2564/o42/",
        "/ita/2564/o42/o43/",
        "/ita/2564/o1/",
        "/ita/2564/",
        "/ita/2564/answers/",
        "/ita/2564/o42/history/",
        "/ita/2564/o42/o43/history/",
    ]:
        html = client.get(url).content.decode()
        assert PAYLOAD not in html, url
    csv_text = client.get("/ita/2564/answers/csv/").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(csv_text)) for cell in row]
    assert PAYLOAD in cells  # CSV and XLSX are data, not HTML: kept as typed
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/ita/2564/answers/xlsx/").content)
    ).active
    assert any(
        cell == PAYLOAD for row in sheet.iter_rows(values_only=True) for cell in row
    )


def test_spreadsheet_formulas_typed_by_editors_are_neutralised(client, ita_tree):
    ita_tree.add_item_page("O1", answer_note='=cmd|" /C calc"!A0')
    csv_text = client.get("/ita/2564/answers/csv/").content.decode("utf-8-sig")
    assert "'=cmd|" in csv_text
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/ita/2564/answers/xlsx/").content)
    ).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    assert all(cell.data_type == "s" for cell in cells)  # text, never a formula


def test_deleting_o42_lists_its_o43_reports_and_asks_first(admin_client, ita_tree):
    url = reverse("wagtailadmin_pages:delete", args=[ita_tree.plan.pk])
    response = admin_client.get(url)
    html = response.content.decode()
    assert "การลบหน้านี้จะลบรายงานและผลการดำเนินการในรายงานไปด้วย" in html
    assert ita_tree.report.title in html
    assert MeasureResultPage.objects.filter(pk=ita_tree.report.pk).exists()
    response = admin_client.post(url)
    assert response.status_code == 302
    assert not MeasureResultPage.objects.filter(pk=ita_tree.report.pk).exists()


def test_two_editors_on_the_same_o43_get_wagtails_concurrent_editing_notice(
    admin_client, ita_tree
):
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[ita_tree.report.pk])
    ).content.decode()
    assert 'data-controller="w-swap w-action w-session"' in html
