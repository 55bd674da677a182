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
    o42 = client.get("/ita/2564/o42/").content.decode()
    o43 = client.get("/ita/2564/o42/o43/").content.decode()
    assert o42.count('<th scope="col">') == 4
    assert o43.count('<th scope="col">') == 6
    assert o43.count('<th scope="row"') == 3


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
