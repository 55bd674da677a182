"""The clerk's admin, through its own views: ITA checks in words, the
new-year form, the year's listing, the measure box, the dates."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ita_wagtail.domain.compliance.rules import RULE_NAMES
from ita_wagtail.models import ItaItemPage, ItaSiteSettings, OitItem
from ita_wagtail.models.catalogue_loading import load_year


pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def between(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


# ITA checks -----------------------------------------------------------------


def test_ita_checks_names_the_rules_in_words_not_codes(thai_admin, ita_tree):
    link = {"url": "https://drive.google.com/x", "title": "แผน", "description": ""}
    ita_tree.add_item_page("O3", body=[{"type": "external_link", "value": link}])
    html = thai_admin.get(reverse("ita_wagtail_findings"), {"year": 2564}).content
    html = html.decode()
    rows = text_of(html.split("</form>", 1)[1])
    assert "ยังไม่มีหน้าที่ตอบข้อนี้" in rows  # No page answers this item yet.
    assert not re.search(r"\b(item|page|o42|o43)\.[a-z_]+", rows), rows
    rule_filter = between(html, 'id="ita-code"', "</select>")
    assert ">ไม่มีหน้าของข้อ<" in rule_filter  # No page for the item
    assert ">item.missing<" not in rule_filter


def test_ita_checks_writes_the_years_in_the_sites_digits(thai_admin, ita_tree):
    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = "thai"
    settings.save()
    html = thai_admin.get(reverse("ita_wagtail_findings")).content.decode()
    year_filter = between(html, 'id="ita-year"', "</select>")
    assert '<option value="2564" selected>๒๕๖๔</option>' in year_filter

    settings.digits = "arabic"
    settings.save()
    html = thai_admin.get(reverse("ita_wagtail_findings")).content.decode()
    assert '<option value="2564" selected>2564</option>' in html


def test_ita_checks_write_the_years_of_their_messages_in_the_sites_digits(
    thai_admin, ita_tree
):
    """A page bound to another year's item: its years as the site writes them."""
    load_year(2565)
    ita_tree.year_page.add_child(
        instance=ItaItemPage(
            title="ข้อมูลผู้บริหาร",
            slug="o2-2565",
            oit_item=OitItem.objects.get(year=2565, code="O2"),
            body=[{"type": "text", "value": "<p>ผู้บริหาร</p>"}],
        )
    )
    settings = ItaSiteSettings.for_site(ita_tree.site)
    for digits, year, item_year in [
        ("thai", "๒๕๖๔", "๒๕๖๕"),
        ("arabic", "2564", "2565"),
    ]:
        settings.digits = digits
        settings.save()
        html = thai_admin.get(reverse("ita_wagtail_findings"), {"year": 2564})
        assert (
            f"หน้านี้อยู่ในปีงบประมาณ {year} แต่ตอบข้อ O2 ของการประเมินปี {item_year}"
        ) in text_of(html.content.decode())


def test_every_rule_of_the_checks_has_a_name():
    """A new rule needs a name for the report's filter."""
    codes = set()
    for path in (ROOT / "ita_wagtail").rglob("*.py"):
        codes.update(
            re.findall(
                r"\"((?:item|page|o42|o43)\.[a-z_]+)\"",
                path.read_text(encoding="utf-8"),
            )
        )
    assert codes and sorted(codes - set(RULE_NAMES)) == []


# The new-year form ------------------------------------------------------------


def year_form(index, **fields):
    from wagtail.test.utils.form_data import rich_text

    from tests.factories import page_form_data

    url = reverse(
        "wagtailadmin_pages:add", args=["ita_wagtail", "itayearpage", index.pk]
    )
    return url, page_form_data(intro=rich_text(""), **fields)


def test_the_new_year_form_names_the_prefilled_year_in_title_and_slug(
    thai_admin, ita_tree
):
    url, _data = year_form(ita_tree.index)
    form = thai_admin.get(url).context["form"]
    year = form.initial["year"]
    assert str(year) in form.initial["title"] and form.initial["slug"] == str(year)
    assert "data-ita-year-names" in str(form["year"])
    assert "ita_wagtail/admin/year.js" in thai_admin.get(url).content.decode()


@pytest.mark.parametrize(
    ("title", "slug", "refused"),
    [
        ("ปีงบประมาณ พ.ศ. 2570", "2570", {"title", "slug"}),
        ("ปีงบประมาณ พ.ศ. ๒๕๗๐", "2565", {"title"}),
        ("ปีงบประมาณ พ.ศ. 2565", "fy-2570", {"slug"}),
    ],
)
def test_a_title_or_slug_naming_another_year_is_refused(
    thai_admin, ita_tree, title, slug, refused
):
    url, data = year_form(
        ita_tree.index, year="2565", title=title, slug=slug, **{"action-publish": "1"}
    )
    response = thai_admin.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == refused, errors
    text = text_of(response.content.decode())
    if "title" in refused:
        assert "ชื่อหน้าระบุปีงบประมาณ 2570 แต่หน้านี้เป็นของปีงบประมาณ 2565" in text, errors
    if "slug" in refused:
        assert "ส่วนท้ายของที่อยู่เว็บ (slug) ระบุปีงบประมาณ 2570" in text, errors
    assert not ita_tree.index.get_children().filter(slug=slug).exists()
    # What was typed is kept, to be corrected.
    assert response.context["form"]["title"].value() == title


def test_a_title_and_slug_of_the_year_are_saved(thai_admin, ita_tree):
    url, data = year_form(
        ita_tree.index,
        year="2565",
        title="ปีงบประมาณ พ.ศ. ๒๕๖๕",
        slug="2565",
        **{"action-publish": "1"},
    )
    assert thai_admin.post(url, data).status_code == 302
    assert ita_tree.index.get_children().get(slug="2565").title == (
        "ปีงบประมาณ พ.ศ. ๒๕๖๕"
    )


# Numbers typed before a measure ---------------------------------------------


def test_a_number_typed_before_a_measure_or_step_is_not_numbered_again(
    thai_admin, ita_tree
):
    from wagtail.test.utils.form_data import rich_text

    from tests.factories import measure_form_value, page_form_data, stream_form_data

    plan = ita_tree.plan
    measures = [
        (
            "measure",
            child.id,
            measure_form_value(
                text, ita_tree.office, methods=("๑. ประกาศทุกเดือน", "2) อบรมปีละ 1.5 วัน")
            ),
        )
        for child, text in zip(
            plan.measures,
            ["1. เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", "๒.จัดอบรมจริยธรรม", "1.5 ล้านบาทต่อปี"],
            strict=False,
        )
    ]
    data = page_form_data(
        title=plan.title,
        slug=plan.slug,
        oit_item=str(ita_tree.items["O42"].pk),
        answer_note="",
        analysis_intro=rich_text("<p>วิเคราะห์ผล ITA ปี 2563</p>"),
        **stream_form_data("analysis", []),
        **stream_form_data("measures", measures),
        **{"action-publish": "action-publish"},
    )
    response = thai_admin.post(reverse("wagtailadmin_pages:edit", args=[plan.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    plan.refresh_from_db()
    texts = [child.value["measure"] for child in plan.measures]
    assert texts == [
        "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
        "จัดอบรมจริยธรรม",
        "1.5 ล้านบาทต่อปี",  # a number, not a list number
    ]
    assert list(plan.measures[0].value["methods"]) == [
        "ประกาศทุกเดือน",
        "อบรมปีละ 1.5 วัน",
    ]
    page = text_of(thai_admin.get(plan.url).content.decode())
    assert "๑. ๑." not in page and "1. 1." not in page
    assert "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง" in page


# The year's page listing ------------------------------------------------------


def test_a_years_pages_are_listed_in_oit_order_with_their_codes(thai_admin, ita_tree):
    ita_tree.add_item_page("O7")
    ita_tree.add_item_page("O1")
    ita_tree.add_item_page("O3")
    html = thai_admin.get(
        reverse("wagtailadmin_explore", args=[ita_tree.year_page.pk])
    ).content.decode()
    listing = text_of(between(html, '<table class="listing', "</table>"))
    codes = re.findall(r"\bO\d+\b", listing)
    assert codes == ["O1", "O3", "O7", "O42"], listing
    # The editor may still sort by a column.
    html = thai_admin.get(
        reverse("wagtailadmin_explore", args=[ita_tree.year_page.pk]),
        {"ordering": "-title"},
    ).content.decode()
    listing = text_of(between(html, '<table class="listing', "</table>"))
    by_title = sorted(
        ita_tree.year_page.get_children().specific(),
        key=lambda p: p.title,
        reverse=True,
    )
    assert re.findall(r"\bO\d+\b", listing) == [p.oit_item.code for p in by_title]


# Search, API, page descriptions ---------------------------------------------


def test_ita_pages_are_found_by_their_text_in_admin_and_site_search(
    thai_admin, ita_tree
):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    page = ita_tree.add_item_page(
        "O3",
        body=[{"type": "text", "value": "<p>คู่มือการขออนุญาต ก่อสร้างอาคารพาณิชย์</p>"}],
    )
    backend = get_search_backend()
    for model_page in [page, ita_tree.plan, ita_tree.report]:
        backend.add(model_page)
    found = Page.objects.live().search("ก่อสร้างอาคารพาณิชย์")
    assert page.pk in [result.pk for result in found]
    measure = ita_tree.plan.measures[0].value["measure"]
    assert ita_tree.plan.pk in [r.pk for r in Page.objects.search(measure)]
    # The admin's page search matches titles (Wagtail's autocomplete) and
    # answers in Thai when nothing matches.
    html = thai_admin.get(
        reverse("wagtailadmin_pages:search"), {"q": "ก่อสร้างอาคารพาณิชย์"}
    ).content.decode()
    assert "ไม่พบหน้าที่ตรงกับ" in html
    html = thai_admin.get(
        reverse("wagtailadmin_pages:search"), {"q": page.title}
    ).content.decode()
    assert f"/admin/pages/{page.pk}/" in html


def test_an_item_pages_body_is_in_the_api(client, ita_tree):
    page = ita_tree.add_item_page("O1")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["body"][0]["value"] == "<p>ข้อมูล O1</p>"
    assert data["item_code"] == "O1"


def test_every_ita_page_type_describes_itself_in_thai(thai_admin, ita_tree):
    from django.utils import translation

    from ita_wagtail.models import (
        ItaIndexPage,
        ItaItemPage,
        ItaYearPage,
        MeasureIndexPage,
        MeasureResultPage,
    )

    for model in (
        ItaIndexPage,
        ItaYearPage,
        ItaItemPage,
        MeasureIndexPage,
        MeasureResultPage,
    ):
        with translation.override("th"):
            description = str(model.get_page_description())
        assert re.search("[\u0e00-\u0e7f]", description), model
    html = thai_admin.get(
        reverse("wagtailadmin_pages:add_subpage", args=[ita_tree.year_page.pk]),
        follow=True,
    ).content.decode()
    with translation.override("th"):
        assert str(ItaItemPage.get_page_description()) in html


# The demo's roles ---------------------------------------------------------------


def test_the_demo_editor_submits_o43_and_the_demo_approver_publishes_it(client):
    import io

    from django.core.management import call_command
    from wagtail.models import TaskState

    from ita_wagtail.models import MeasureResultPage

    call_command(
        "ita_demo",
        "--editor-user=editor",
        "--editor-password=editor-pw",
        "--approver-user=approver",
        "--approver-password=approver-pw",
        stdout=io.StringIO(),
    )
    report = MeasureResultPage.objects.get()
    edit = reverse("wagtailadmin_pages:edit", args=[report.pk])

    assert client.login(username="editor", password="editor-pw")
    form_html = client.get(edit).content.decode()
    assert 'name="action-publish"' not in form_html  # editors do not publish
    assert 'name="action-submit"' in form_html  # they submit for approval
    # The editor's draft goes into the ITA approval workflow the demo set up.
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="editor")
    report.save_revision(user=editor)
    workflow = report.get_workflow()
    assert workflow is not None and workflow.active
    workflow.start(report, editor)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    client.logout()

    assert client.login(username="approver", password="approver-pw")
    dashboard = text_of(client.get(reverse("wagtailadmin_home")).content.decode())
    assert report.title in dashboard
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[report.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.live and not report.has_unpublished_changes
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_the_dashboard_links_to_creating_the_current_years_page(thai_admin, ita_tree):
    from ita_wagtail.fiscal import FiscalYear

    current = FiscalYear.current().be_year
    assert ita_tree.year_page.year != current
    html = thai_admin.get(reverse("wagtailadmin_home")).content.decode()
    add = reverse(
        "wagtailadmin_pages:add", args=["ita_wagtail", "itayearpage", ita_tree.index.pk]
    )
    assert f'<a href="{add}">สร้างหน้าปีงบประมาณ {current}</a>' in html
    form = thai_admin.get(add).context["form"]
    assert form.initial["year"] == current
