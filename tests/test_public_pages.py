"""What a citizen or an assessor reads on the public O42 and O43 pages."""

import re

import pytest

from ita_wagtail.models import ItaSiteSettings


pytestmark = pytest.mark.django_db


def test_o43_heading_names_the_organisation_the_fiscal_year_and_the_item(
    client, ita_tree
):
    html = client.get("/ita/2564/o42/o43/").content.decode()
    heading = re.search(
        r'<header class="ita-heading">(.*?)</header>', html, re.S
    ).group(1)
    assert "องค์การบริหารส่วนตำบลทดสอบ" in heading
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๔" in heading
    assert "O43" in heading
    assert "การดำเนินการตามมาตรการ" in heading


def test_each_measure_has_its_own_anchor(client, ita_tree):
    html = client.get("/ita/2564/o42/").content.decode()
    assert re.findall(r'<tr id="(measure-\d+)"', html) == [
        "measure-1",
        "measure-2",
        "measure-3",
    ]


def test_o42_has_four_columns_and_o43_six_with_scoped_headers(client, ita_tree):
    from tests.factories import result_raw

    ita_tree.report.results = [
        result_raw(m["id"], suggestions="ควรทำต่อ" if n == 0 else "")
        for n, m in enumerate(ita_tree.measures)
    ]
    ita_tree.report.save_revision().publish()
    o42 = client.get("/ita/2564/o42/").content.decode()
    o43 = client.get("/ita/2564/o42/o43/").content.decode()
    assert o42.count('<th scope="col">') == 4
    assert o43.count('<th scope="col">') == 6
    assert o43.count('<th scope="row"') == 3
    assert '<th scope="col">ข้อเสนอแนะ</th>' in o43
    assert o43.count('data-label="ข้อเสนอแนะ"') == 3


def test_o43_leaves_out_the_suggestions_column_when_no_result_gives_any(
    client, ita_tree
):
    """An empty column is neither shown nor read aloud: header and cells go."""
    from tests.factories import result_raw

    ita_tree.report.results = [result_raw(ita_tree.measures[0]["id"])]
    ita_tree.report.save_revision().publish()
    o43 = client.get("/ita/2564/o42/o43/").content.decode()
    assert o43.count('<th scope="col">') == 5
    assert "ข้อเสนอแนะ" not in o43
    assert "ita-table--no-suggestions" in o43
    # A measure with no result yet spans the results column alone.
    assert 'colspan="2"' not in o43
    assert o43.count("ยังไม่มีการรายงานผลการดำเนินการ") == 2


def test_digits_follow_the_site_setting(client, ita_tree):
    thai = client.get("/ita/2564/o42/o43/").content.decode()
    assert "ม.ค.-มี.ค. ๖๔" in thai
    assert "๓๑ มีนาคม ๒๕๖๔" in thai

    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = "arabic"
    settings.save()
    arabic = client.get("/ita/2564/o42/o43/").content.decode()
    assert "ม.ค.-มี.ค. 64" in arabic
    assert "31 มีนาคม 2564" in arabic
    assert "ปีงบประมาณ พ.ศ. 2564" in arabic


def test_a_measure_added_after_the_report_shows_as_not_reported_yet(client, ita_tree):
    from tests.factories import measure_raw

    ita_tree.plan.measures = [
        *ita_tree.measures,
        measure_raw("มาตรการใหม่", offices=[ita_tree.office]),
    ]
    ita_tree.plan.save_revision().publish()
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert "มาตรการใหม่" in html
    assert "ยังไม่มีการรายงานผลการดำเนินการ" in html


def test_o43_shows_the_measure_text_from_o42_not_a_stale_copy(client, ita_tree):
    measures = [dict(m) for m in ita_tree.measures]
    measures[0] = {
        **measures[0],
        "value": {**measures[0]["value"], "measure": "ข้อความที่แก้ไขแล้ว"},
    }
    ita_tree.plan.measures = measures
    ita_tree.plan.save_revision().publish()
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert "ข้อความที่แก้ไขแล้ว" in html
    assert "มาตรการที่ 1<" not in html


def test_user_text_is_escaped_on_public_pages(client, ita_tree):
    from tests.factories import measure_raw, result_raw

    measure = measure_raw("<script>alert(x)</script>", offices=[ita_tree.office])
    ita_tree.plan.measures = [measure]
    ita_tree.plan.save_revision().publish()
    ita_tree.report.results = [result_raw(measure["id"], actions=["<b>ทำแล้ว</b>"])]
    ita_tree.report.save_revision().publish()
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert "<script>alert(x)</script>" not in html
    assert "&lt;script&gt;alert(x)&lt;/script&gt;" in html
    assert "&lt;b&gt;ทำแล้ว&lt;/b&gt;" in html


def test_the_year_and_the_index_link_down_the_tree(client, ita_tree):
    index = client.get("/ita/").content.decode()
    assert 'href="/ita/2564/"' in index
    year = client.get("/ita/2564/").content.decode()
    assert 'href="/ita/2564/o42/"' in year
    o42 = client.get("/ita/2564/o42/").content.decode()
    assert 'href="/ita/2564/o42/o43/"' in o42


# The assessor's pages: the answer sheet and the histories --------------------


def breadcrumbs(html):
    """(href or None, text, whether aria-current) for each item of the trail."""
    nav = re.search(r'<nav class="ita-breadcrumbs".*?</nav>', html, re.S).group(0)
    crumbs = []
    for item in re.findall(r"<li>(.*?)</li>", nav, re.S):
        href = re.search(r'href="([^"]+)"', item)
        text = " ".join(re.sub(r"<[^>]+>", "", item).split())
        crumbs.append((href and href.group(1), text, "aria-current" in item))
    return crumbs


@pytest.mark.parametrize(
    ("path", "parent", "title"),
    [
        ("/ita/2564/answers/", "year_page", "แบบตอบ ITAS"),
        ("/ita/2564/o42/history/", "plan", "ประวัติการเผยแพร่"),
    ],
)
def test_breadcrumbs_link_the_parent_and_mark_the_page_itself_current(
    client, ita_tree, path, parent, title
):
    from ita_wagtail.fiscal import to_thai_digits

    ita_tree.plan.save_revision().publish()  # a history to show
    parent = getattr(ita_tree, parent)
    crumbs = breadcrumbs(client.get(path).content.decode())
    *above, parent_crumb, last = crumbs
    assert parent_crumb == (parent.url, to_thai_digits(parent.title), False)
    assert last == (None, title, True)
    assert above and all(href and not current for href, _text, current in above)


@pytest.mark.parametrize("path", ["/ita/2564/answers/", "/ita/2564/o42/history/"])
def test_the_heading_keeps_organisation_title_and_year_together(client, ita_tree, path):
    """One block of text, as on the other ITA pages, not three flex items."""
    ita_tree.plan.save_revision().publish()
    html = client.get(path).content.decode()
    heading = re.search(
        r'<header class="ita-heading">\s*<div class="ita-heading__text">(.*?)</div>'
        r"\s*</header>",
        html,
        re.S,
    )
    assert heading, "the heading's lines are not wrapped in ita-heading__text"
    text = heading.group(1)
    assert "องค์การบริหารส่วนตำบลทดสอบ" in text
    assert "<h1" in text and "ปีงบประมาณ พ.ศ. ๒๕๖๔" in text


def test_the_answer_sheet_writes_its_numbers_in_the_sites_digits(client, ita_tree):
    """Counts, years and dates in Thai digits; item codes and URLs as they are."""
    ita_tree.add_item_page("O1")
    ita_tree.add_item_page("O2", answer_note="ดูข้อ O1 และตาราง 2 ตาราง")
    html = client.get("/ita/2564/answers/").content.decode()
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๔" in html
    assert "มาตรการ ๓ ข้อ" in html
    assert "ทั้ง ๓ ข้อของข้อ O42" in html
    assert "ดูข้อ O1 และตาราง ๒ ตาราง" in html
    assert 'href="http://localhost/ita/2564/o1/"' in html
    assert "รอบ ๖ เดือน" in html  # catalogue titles (O11) too

    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = "arabic"
    settings.save()
    html = client.get("/ita/2564/answers/").content.decode()
    assert "มาตรการ 3 ข้อ" in html and "รอบ 6 เดือน" in html


def test_the_year_page_writes_catalogue_titles_in_the_sites_digits(client, ita_tree):
    html = client.get("/ita/2564/").content.decode()
    assert "รอบ ๖ เดือน" in html
    assert "รอบ 6 เดือน" not in html


def test_the_postal_address_of_a_contact_is_not_called_a_url(client, ita_tree):
    from django.utils import translation

    from ita_wagtail.domain.disclosure_blocks import ContactBlock, ExternalLinkBlock

    ita_tree.add_item_page(
        "O5",
        body=[
            {
                "type": "contact",
                "value": {
                    "name": "สำนักงาน",
                    "position": "",
                    "address": "๑ หมู่ ๒ ตำบลทดสอบ",
                    "phone": "",
                    "fax": "",
                    "email": "",
                    "hours": "",
                },
            }
        ],
    )
    html = client.get("/ita/2564/o5/").content.decode()
    assert "<dt>ที่อยู่</dt>" in html
    assert "ที่อยู่เว็บ" not in html
    with translation.override("th"):
        # The labels of the admin's form.
        assert str(ContactBlock().child_blocks["address"].label) == "ที่อยู่"
        assert str(ExternalLinkBlock().child_blocks["url"].label) == "ที่อยู่เว็บ (URL)"


def test_a_table_blocks_cells_carry_their_columns_name_for_phones(client, ita_tree):
    ita_tree.add_item_page(
        "O1",
        body=[
            {
                "type": "table",
                "value": {
                    "caption": "ส่วนราชการ",
                    "columns": [
                        {"type": "long_text", "heading": "ส่วนราชการ"},
                        {"type": "long_text", "heading": "ภารกิจ"},
                    ],
                    "rows": [{"values": ["กองคลัง", "งานการเงิน"]}],
                },
            }
        ],
    )
    html = client.get("/ita/2564/o1/").content.decode()
    assert '<td data-label="ส่วนราชการ">กองคลัง</td>' in html
    assert '<td data-label="ภารกิจ">งานการเงิน</td>' in html
    # The script that shows the page's print button is loaded.
    assert "ita_wagtail/js/ita.js" in html and "data-ita-print" in html
