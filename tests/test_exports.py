"""Open data: CSV, XLSX and JSON of O42/O43, safe to open, and back again."""

import csv
import io
import json

import openpyxl
import pytest
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction, Site

from ita_wagtail.fiscal import FiscalYear
from ita_wagtail.models import (
    ItaSiteSettings,
    MeasureIndexPage,
    MeasureResultPage,
    OitItem,
)
from ita_wagtail.services.exporters import to_csv, to_json, to_xlsx
from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.plans import REPLACE, apply_plan, build_plan
from ita_wagtail.services.importers.rows import read_rows
from ita_wagtail.services.spreadsheets import safe_cell
from tests.factories import ItaTree, measure_raw, result_raw
from tests.importing import content_of, seed_bytes


pytestmark = pytest.mark.django_db


def publish_import(page, data, name):
    table = read_table(data, name)
    apply_plan(build_plan(page, table, table.mapping), REPLACE)
    latest = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    latest.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def seed_tree():
    """The seed's O42 and O43, imported from the Word file and published."""
    tree = ItaTree(measure_count=0)
    tree.plan = publish_import(tree.plan, seed_bytes("docx"), "seed.docx")
    tree.report = publish_import(tree.report, seed_bytes("docx"), "seed.docx")
    return tree


def reimported(data, name):
    table = read_table(data, name)
    return content_of(read_rows(table, table.mapping, FiscalYear(2564)))


@pytest.mark.parametrize(
    ("exporter", "name"),
    [(to_csv, "o43.csv"), (to_xlsx, "o43.xlsx"), (to_json, "o43.json")],
)
def test_export_then_import_gives_back_the_same_content(seed_tree, exporter, name):
    original = reimported(seed_bytes("docx"), "seed.docx")
    assert reimported(exporter(seed_tree.report), name) == original


@pytest.mark.parametrize("digits", ["thai", "arabic"])
def test_o42_csv_round_trip_into_a_new_page_is_identical(seed_tree, digits):
    settings = ItaSiteSettings.for_site(seed_tree.site)
    settings.digits = digits
    settings.save()
    copy = seed_tree.year_page.add_child(
        instance=MeasureIndexPage(
            title="สำเนา",
            slug="copy",
            oit_item=OitItem.objects.get(year=2564, code="O42"),
        )
    )
    copy = publish_import(copy, to_csv(seed_tree.plan), "o42.csv")

    def content(page):
        return [
            (
                m.value["measure"],
                list(m.value["methods"]),
                [o.name for o in m.value["offices"]],
                m.value["period"]["start"],
                m.value["period"]["end"],
            )
            for m in page.measures
        ]

    assert content(copy) == content(seed_tree.plan)


def test_csv_is_utf8_with_a_bom_for_thai_excel(seed_tree):
    data = to_csv(seed_tree.report)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert (
        text.splitlines()[0].startswith("No.,Measure/approach")
        or "มาตรการ/แนวทาง" in text
    )


def test_o43_exports_carry_the_o42_measure_text(seed_tree):
    data = json.loads(to_json(seed_tree.report))
    assert data["fiscal_year"] == 2564 and data["item_code"] == "O43"
    first = data["measures"][0]
    assert first["measure"] == seed_tree.plan.measures[0].value["measure"]
    assert first["result"]["actions"][1].startswith("แจ้งประชาสัมพันธ์การ")
    assert first["period"]["start"] == "2021-01-01"


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"]
)
def test_formula_cells_are_neutralised_in_csv_and_kept_as_text_in_xlsx(payload):
    tree = ItaTree(measure_count=0)
    tree.plan.measures = [
        measure_raw(payload, offices=[tree.office], methods=[payload])
    ]
    tree.plan.save_revision().publish()
    text = to_csv(MeasureIndexPage.objects.get(pk=tree.plan.pk)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == "'" + payload
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row
    )
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(tree.plan)))
    cell = workbook.active["B2"]
    assert cell.value == payload and cell.data_type == "s"
    assert safe_cell(payload) == "'" + payload


def test_neutralised_cells_are_read_back_without_the_apostrophe():
    tree = ItaTree(measure_count=0)
    tree.plan.measures = [measure_raw("=1+1", offices=[tree.office])]
    tree.plan.save_revision().publish()
    rows = reimported(to_csv(MeasureIndexPage.objects.get(pk=tree.plan.pk)), "x.csv")
    assert rows[0]["measure"] == "=1+1"


def test_public_pages_link_to_their_data_in_three_formats(client, seed_tree):
    for page in (seed_tree.plan, seed_tree.report):
        html = client.get(page.url).content.decode()
        for data_format in ("csv", "xlsx", "json"):
            assert f'href="/ita-data/{page.pk}.{data_format}"' in html


@pytest.mark.parametrize(
    ("data_format", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json; charset=utf-8"),
    ],
)
def test_data_urls_serve_each_format(client, seed_tree, data_format, content_type):
    response = client.get(f"/ita-data/{seed_tree.report.pk}.{data_format}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert (
        f"o43-2564-{seed_tree.report.pk}.{data_format}"
        in response["Content-Disposition"]
    )


def test_data_urls_do_not_serve_drafts_private_pages_or_other_types(client):
    tree = ItaTree(measure_count=1)
    assert client.get(f"/ita-data/{tree.year_page.pk}.csv").status_code == 404
    assert client.get(f"/ita-data/{tree.plan.pk}.pdf").status_code == 404
    PageViewRestriction.objects.create(page=tree.plan, restriction_type="login")
    assert client.get(f"/ita-data/{tree.report.pk}.csv").status_code == 404
    tree.plan.unpublish()
    assert client.get(f"/ita-data/{tree.plan.pk}.json").status_code == 404


def test_data_urls_never_serve_another_sites_pages(client):
    tree = ItaTree(measure_count=1)
    other_home = Page.get_first_root_node().add_child(
        instance=Page(title="อบต.อื่น", slug="other")
    )
    Site.objects.create(hostname="other.example", root_page=other_home)
    assert client.get(f"/ita-data/{tree.plan.pk}.csv").status_code == 200
    response = client.get(f"/ita-data/{tree.plan.pk}.csv", HTTP_HOST="other.example")
    assert response.status_code == 404


@override_settings(ROOT_URLCONF="tests.urls_without_ita_data")
def test_pages_render_without_links_when_the_data_urls_are_not_installed(client):
    tree = ItaTree(measure_count=1)
    response = client.get(tree.report.url)
    assert response.status_code == 200
    assert "/ita-data/" not in response.content.decode()


def test_exports_escape_nothing_and_keep_text_exact():
    tree = ItaTree(measure_count=0)
    text = '<script>alert("x")</script> & “quotes”'
    tree.plan.measures = [measure_raw(text, offices=[tree.office])]
    tree.plan.save_revision().publish()
    report = MeasureResultPage.objects.get(pk=tree.report.pk)
    report.results = [result_raw(tree.plan.measures[0].id, suggestions=text)]
    report.save_revision().publish()
    data = json.loads(to_json(MeasureResultPage.objects.get(pk=report.pk)))
    assert data["measures"][0]["measure"] == text
    assert data["measures"][0]["result"]["suggestions"] == text
