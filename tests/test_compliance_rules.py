"""Each rule of the assessors' guidance: a page that breaks it, and one that doesn't."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from ita_wagtail.domain.compliance import (
    binding_findings,
    item_page_findings,
    same_year_findings,
)
from ita_wagtail.fiscal import FiscalYear
from ita_wagtail.models import ItaItemPage, MeasureIndexPage, OitItem
from ita_wagtail.models.catalogue_loading import load_year


pytestmark = pytest.mark.django_db


def codes(findings):
    return sorted(f.code for f in findings)


def report_codes(tree, code):
    report = tree.year_page.get_year_report()
    entry = next(e for e in report.entries if e.item.code == code)
    return entry.status, codes(entry.findings)


def test_an_item_with_no_page_is_missing(ita_tree):
    status, findings = report_codes(ita_tree, "O1")
    assert (status, findings) == ("missing", [])
    ita_tree.add_item_page("O1")
    assert report_codes(ita_tree, "O1") == ("live", [])


def test_a_draft_page_is_not_visible_to_the_assessor(ita_tree):
    page = ita_tree.add_item_page("O2")
    page.unpublish()
    assert report_codes(ita_tree, "O2") == ("draft", ["page.not_live"])


def test_a_private_page_is_flagged(ita_tree):
    page = ita_tree.add_item_page("O3")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert report_codes(ita_tree, "O3") == ("live_with_findings", ["page.private"])


def test_a_password_on_the_year_page_hides_every_item_below_it(ita_tree):
    ita_tree.add_item_page("O3")
    PageViewRestriction.objects.create(
        page=ita_tree.year_page, restriction_type="password", password="x"
    )
    assert report_codes(ita_tree, "O3") == (
        "live_with_findings",
        ["page.password_protected"],
    )


def test_an_expired_page_is_flagged(ita_tree):
    ita_tree.add_item_page("O4", expire_at=timezone.now() - datetime.timedelta(days=1))
    assert report_codes(ita_tree, "O4")[1] == ["page.expired"]


def test_a_page_that_is_only_a_google_drive_link_is_flagged(ita_tree):
    link = {
        "url": "https://drive.google.com/file/d/abc",
        "title": "แผน",
        "description": "",
    }
    ita_tree.add_item_page("O10", body=[{"type": "external_link", "value": link}])
    assert "item.only_pdf_or_drive" in report_codes(ita_tree, "O10")[1]


def test_a_page_that_is_only_a_pdf_address_is_flagged(ita_tree):
    link = {"url": "https://example.org/plan.PDF", "title": "แผน", "description": ""}
    findings = item_page_findings(
        ItaItemPage(body=[{"type": "external_link", "value": link}]).body
    )
    assert codes(findings) == ["item.only_pdf_or_drive"]


def test_a_page_showing_its_information_beside_a_file_is_fine():
    link = {"url": "https://example.org/plan.pdf", "title": "แผน", "description": ""}
    body = ItaItemPage(
        body=[
            {"type": "text", "value": "<p>แผนดำเนินงานประจำปี มี 12 โครงการ</p>"},
            {"type": "external_link", "value": link},
        ]
    ).body
    assert item_page_findings(body) == []


def test_an_empty_page_is_flagged():
    assert codes(item_page_findings(ItaItemPage(body=[]).body)) == ["item.empty"]
    empty_text = ItaItemPage(body=[{"type": "text", "value": "<p> </p>"}]).body
    assert codes(item_page_findings(empty_text)) == ["item.empty"]


def test_a_link_to_another_website_is_flagged(ita_tree):
    other = {
        "url": "https://www.facebook.com/tungkwao",
        "title": "FB",
        "description": "",
    }
    own = {"url": "http://localhost/news/", "title": "ข่าว", "description": ""}
    ita_tree.add_item_page(
        "O9",
        body=[
            {"type": "text", "value": "<p>ช่องทาง Social Network</p>"},
            {"type": "external_link", "value": other},
            {"type": "external_link", "value": own},
        ],
    )
    assert report_codes(ita_tree, "O9")[1] == ["item.url_not_on_site"]


def test_o42_without_measures_or_analysis_is_flagged(ita_tree):
    assert ita_tree.plan.get_findings() == []
    plan = MeasureIndexPage.objects.get(pk=ita_tree.plan.pk)
    plan.measures = []
    plan.analysis_intro = ""
    assert codes(plan.get_findings()) == ["o42.no_analysis", "o42.no_measures"]


def test_a_page_bound_to_another_years_item_is_flagged(ita_tree):
    load_year(2565)
    other = OitItem.objects.get(year=2565, code="O42")
    assert codes(binding_findings(other, FiscalYear(2564))) == ["item.wrong_year"]
    assert binding_findings(ita_tree.items["O42"], FiscalYear(2564)) == []
    assert codes(binding_findings(None, FiscalYear(2564))) == ["item.not_bound"]


def test_o43_of_another_fiscal_year_than_its_o42_is_flagged(ita_tree):
    load_year(2565)
    other_year_o43 = OitItem.objects.get(year=2565, code="O43")
    assert codes(same_year_findings(other_year_o43, ita_tree.plan)) == [
        "o43.other_year_than_o42"
    ]
    assert same_year_findings(ita_tree.items["O43"], ita_tree.plan) == []
