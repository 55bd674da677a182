"""The whole ITA section: year page, ITAS answer sheet, admin reports and ita_check."""

import csv
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ita_wagtail.models import ItaItemPage
from ita_wagtail.views.answer_sheet import answer_sheet_rows
from tests.factories import ItaTree


pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# The year page ------------------------------------------------------------


def test_the_year_page_lists_every_item_grouped_by_indicator(client, ita_tree):
    html = client.get("/ita/2564/").content.decode()
    assert html.count('class="ita-item-list__item') == 43
    assert "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล" in html
    assert "๙.๑ ข้อมูลพื้นฐาน" in html
    assert "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต" in html
    assert (
        html.index("O1<") < html.index("O9<") < html.index("O10<") < html.index("O43<")
    )


def test_the_public_sees_links_to_live_items_and_the_rest_as_not_yet_published(
    client, ita_tree
):
    ita_tree.add_item_page("O1")
    draft = ita_tree.add_item_page("O2")
    draft.unpublish()
    html = client.get("/ita/2564/").content.decode()
    assert 'href="/ita/2564/o1/"' in html
    assert 'href="/ita/2564/o2/"' not in html
    assert "ยังไม่เผยแพร่" in html
    assert "ฉบับร่าง" not in html  # drafts are for editors


def test_editors_see_missing_draft_live_and_live_with_findings(admin_client, ita_tree):
    ita_tree.add_item_page("O1")
    ita_tree.add_item_page("O2").unpublish()
    link = {"url": "https://drive.google.com/x", "title": "แผน", "description": ""}
    ita_tree.add_item_page("O3", body=[{"type": "external_link", "value": link}])
    html = admin_client.get("/ita/2564/").content.decode()
    for status in ["missing", "draft", "live", "live_with_findings"]:
        assert f"ita-item-status--{status}" in html
    assert "เผยแพร่แล้ว มีประเด็นต้องแก้ไข (2 ประเด็น)" in text_of(
        admin_client.get("/ita/2564/")
    )


# ItaItemPage ------------------------------------------------------------


def test_an_item_page_shows_documents_with_type_and_size(client, ita_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="แผนผังโครงสร้าง")
    document.file.save(
        "structure.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2039), save=False
    )
    document._set_document_file_metadata()
    document.save()
    ita_tree.add_item_page(
        "O1",
        body=[
            {"type": "text", "value": "<p>โครงสร้างของ อบต.</p>"},
            {
                "type": "document",
                "value": {"document": document.pk, "description": "แผนผังฉบับเต็ม"},
            },
        ],
    )
    text = text_of(client.get("/ita/2564/o1/"))
    assert "แผนผังโครงสร้าง (PDF, 2.0 KB)" in text
    assert "แผนผังฉบับเต็ม" in text


def test_an_item_page_renders_tables_contacts_and_links(client, ita_tree):
    table = {
        "caption": "ส่วนราชการ",
        "columns": [
            {"type": "text", "heading": "ส่วน"},
            {"type": "number", "heading": "คน"},
        ],
        "rows": [{"values": ["กองคลัง", "5"]}],
    }
    contact = {
        "name": "อบต.ทดสอบ",
        "position": "",
        "address": "หมู่ 1",
        "phone": "054 000 000",
        "fax": "",
        "email": "a@example.org",
        "hours": "",
    }
    page_link = {"page": ita_tree.index.pk, "title": "", "description": ""}
    ita_tree.add_item_page(
        "O5",
        body=[
            {"type": "table", "value": table},
            {"type": "contact", "value": contact},
            {"type": "page_link", "value": page_link},
        ],
    )
    html = client.get("/ita/2564/o5/").content.decode()
    assert '<th scope="col">ส่วน</th>' in html
    assert "กองคลัง" in html
    assert 'href="mailto:a@example.org"' in html
    assert 'href="/ita/"' in html


def test_one_item_has_at_most_one_page_per_year(admin_client, ita_tree):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    ita_tree.add_item_page("O1")
    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "oit_item": ita_tree.items["O1"].pk,
            "answer_note": "",
            "body": streamfield([("text", rich_text("<p>ซ้ำ</p>"))]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
        }
    )
    url = reverse(
        "wagtailadmin_pages:add",
        args=["ita_wagtail", "itaitempage", ita_tree.year_page.pk],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "ข้อ O1 มีหน้าในปีนี้แล้ว" in str(response.context["form"].errors["oit_item"])
    assert ItaItemPage.objects.count() == 1


def test_a_new_item_page_takes_its_title_and_slug_from_the_chosen_item(
    admin_client, ita_tree
):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = nested_form_data(
        {
            "title": "",
            "slug": "",
            "oit_item": ita_tree.items["O3"].pk,
            "answer_note": "",
            "body": streamfield([("text", rich_text("<p>อำนาจหน้าที่ตามกฎหมาย</p>"))]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )
    url = reverse(
        "wagtailadmin_pages:add",
        args=["ita_wagtail", "itaitempage", ita_tree.year_page.pk],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page = ItaItemPage.objects.get()
    assert (page.title, page.slug, page.live) == ("อำนาจหน้าที่", "o3", True)


def test_the_item_choices_are_the_years_own_items_of_the_right_kind(
    admin_client, ita_tree
):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["ita_wagtail", "itaitempage", ita_tree.year_page.pk],
    )
    choices = admin_client.get(url).context["form"].fields["oit_item"].queryset
    assert {item.code for item in choices} == {f"O{n}" for n in range(1, 42)}


# The answer sheet ------------------------------------------------------------


def test_the_answer_sheet_gives_each_item_its_answer_full_url_and_explanation(
    client, ita_tree
):
    ita_tree.add_item_page("O1")
    rows = answer_sheet_rows(None, ita_tree.year_page)
    by_code = {row.code: row for row in rows}
    assert len(rows) == 43
    assert (by_code["O1"].answer, by_code["O1"].url) == (
        "มี",
        "http://localhost/ita/2564/o1/",
    )
    assert by_code["O2"].answer == "ไม่มี" and by_code["O2"].url == ""
    assert by_code["O42"].explanation.startswith(
        "หน้า O42 “มาตรการส่งเสริมคุณธรรม” ปีงบประมาณ พ.ศ. ๒๕๖๔ บนเว็บไซต์หลักของ"
        "องค์การบริหารส่วนตำบลทดสอบ"
    )
    # The site's digits (Thai by default) for numbers; codes keep theirs.
    assert "มาตรการ ๓ ข้อ" in by_code["O42"].explanation
    assert "ทั้ง ๓ ข้อของข้อ O42" in by_code["O43"].explanation

    html = client.get("/ita/2564/answers/").content.decode()
    assert html.count('data-ita-copy="http://localhost/ita/2564/') == 3
    assert "copy.js" in html


def test_an_explanation_written_by_the_editor_wins_over_the_suggestion(ita_tree):
    ita_tree.add_item_page("O1", answer_note="ดูแผนผังที่หัวข้อ ๑")
    rows = {row.code: row for row in answer_sheet_rows(None, ita_tree.year_page)}
    assert rows["O1"].explanation == "ดูแผนผังที่หัวข้อ ๑"


def test_the_answer_sheet_exports_as_csv_for_thai_excel(client, ita_tree):
    ita_tree.add_item_page("O1", answer_note='=HYPERLINK("http://evil")')
    response = client.get("/ita/2564/answers/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ข้อ", "รายการ", "มี/ไม่มี", "URL", "คำอธิบายเพิ่มเติม"]
    assert rows[1][:4] == ["O1", "โครงสร้าง", "มี", "http://localhost/ita/2564/o1/"]
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'
    assert len(rows) == 44


def test_the_answer_sheet_exports_as_xlsx(client, ita_tree):
    response = client.get("/ita/2564/answers/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "คำอธิบายเพิ่มเติม")
    assert values[42][:3] == (
        "O42",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "มี",
    )


def test_the_admin_answer_sheet_needs_edit_permission(
    client, admin_client, ita_tree, django_user_model
):
    url = reverse("ita_wagtail_answer_sheet", args=[ita_tree.year_page.pk])
    assert admin_client.get(url).status_code == 200
    assert "แบบตอบ ITAS" in admin_client.get(url).content.decode()
    download = admin_client.get(
        reverse(
            "ita_wagtail_answer_sheet_download", args=[ita_tree.year_page.pk, "xlsx"]
        )
    )
    assert (
        download["Content-Disposition"]
        == 'attachment; filename="ita-2564-answers.xlsx"'
    )
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    outsider.groups.add(Group.objects.get(name="Moderators"))
    outsider.groups.clear()
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)


# Admin reports ------------------------------------------------------------


def test_the_findings_report_lists_findings_with_links_and_filters(
    admin_client, ita_tree
):
    link = {"url": "https://drive.google.com/x", "title": "แผน", "description": ""}
    page = ita_tree.add_item_page("O3", body=[{"type": "external_link", "value": link}])
    url = reverse("ita_wagtail_findings")
    html = admin_client.get(url, {"year": 2564}).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "item.missing" in html
    filtered = admin_client.get(url, {"year": 2564, "code": "item.only_pdf_or_drive"})
    assert "item.missing" not in filtered.content.decode().split("</form>")[1]
    assert "item.only_pdf_or_drive" in filtered.content.decode()


def test_the_dashboard_counts_ready_items_and_findings(admin_client, ita_tree):
    ita_tree.add_item_page("O1")
    html = text_of(admin_client.get(reverse("wagtailadmin_home")))
    # O1, O42 and O43 are ready; the 40 missing items count as findings.
    assert "พร้อมแล้ว 3 จาก 43 ข้อ พบประเด็นที่ต้องแก้ไข 40 รายการ" in html


def test_the_edit_view_shows_the_pages_findings(admin_client, ita_tree):
    link = {"url": "https://drive.google.com/x", "title": "แผน", "description": ""}
    page = ita_tree.add_item_page("O3", body=[{"type": "external_link", "value": link}])
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert "ตรวจสอบก่อนเผยแพร่" in html
    assert "Google Drive ซึ่งผู้ประเมินไม่รับพิจารณา" in html


# ita_check ------------------------------------------------------------


def test_ita_check_prints_findings_and_fails_on_errors(ita_tree):
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("ita_check", "--year", "2564", stdout=out)
    assert exit_info.value.code == 1
    assert "item.missing" in out.getvalue()
    assert "ข้อผิดพลาด 41 รายการ" in out.getvalue()  # O1–O41 have no page


def test_ita_check_passes_when_every_item_is_ready(ita_tree):
    for n in range(1, 42):
        ita_tree.add_item_page(f"O{n}")
    out = io.StringIO()
    call_command("ita_check", "--year", "2564", "--site", "localhost", stdout=out)
    assert "ข้อผิดพลาด 0 รายการ" in out.getvalue()
    assert "พร้อมแล้ว 43/43 ข้อ" in out.getvalue()


# Query budgets ------------------------------------------------------------


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/ita/2564/", "/ita/2564/answers/"])
def test_year_page_and_answer_sheet_cost_the_same_queries_for_3_or_41_item_pages(
    client, url
):
    tree = ItaTree()
    for n in range(1, 4):
        tree.add_item_page(f"O{n}")
    few = count_queries(client, url)
    for n in range(4, 42):
        tree.add_item_page(f"O{n}")
    assert count_queries(client, url) == few
