"""A public history of each ITA page's published versions, and revision comparison."""

import re

import pytest
from django.urls import reverse

from ita_wagtail.models import MeasureIndexPage
from ita_wagtail.models.history import published_versions
from tests.factories import measure_raw


pytestmark = pytest.mark.django_db


def publish_measures(plan, measures):
    plan = MeasureIndexPage.objects.get(pk=plan.pk)
    plan.measures = measures
    plan.save_revision().publish()
    return plan


def test_the_history_lists_each_published_version_with_what_changed(client, ita_tree):
    plan = publish_measures(ita_tree.plan, ita_tree.measures)  # version 1
    edited = [dict(m) for m in ita_tree.measures]
    edited[0] = {
        **edited[0],
        "value": {**edited[0]["value"], "measure": "มาตรการที่ 1 ฉบับแก้"},
    }
    added = measure_raw("มาตรการใหม่", offices=[ita_tree.office])
    plan = publish_measures(plan, [*edited[:2], added])  # v2: edit 1, remove 3, add

    versions = published_versions(plan)
    assert [v.number for v in versions] == [2, 1]
    latest = versions[0]
    assert [c.label for c in latest.added] == ["มาตรการใหม่"]
    assert [c.label for c in latest.edited] == ["มาตรการที่ 1 ฉบับแก้"]
    assert [c.label for c in latest.removed] == ["มาตรการที่ 3"]
    assert len(versions[1].added) == 3

    html = client.get("/ita/2564/o42/history/").content.decode()
    assert "ประวัติการเผยแพร่" in html
    assert "มาตรการใหม่" in html and "ฉบับที่ ๒" in html
    assert (
        'href="/ita/2564/o42/history/"' in client.get("/ita/2564/o42/").content.decode()
    )


def test_the_o43_history_names_results_by_their_measure(ita_tree):
    report = ita_tree.report
    report.save_revision().publish()
    versions = published_versions(report)
    assert len(versions) == 1 and len(versions[0].added) == 3


def test_a_draft_page_has_no_public_history(client, ita_tree):
    ita_tree.report.unpublish()
    assert client.get("/ita/2564/o42/o43/history/").status_code == 404


def test_revision_comparison_works_for_every_ita_block(admin_client, ita_tree):
    plan = publish_measures(ita_tree.plan, ita_tree.measures)
    publish_measures(plan, ita_tree.measures[:1])
    page_item = ita_tree.add_item_page("O1")
    page_item.body = [
        {
            "type": "contact",
            "value": {
                "name": "อบต.",
                "position": "",
                "address": "",
                "phone": "",
                "fax": "",
                "email": "",
                "hours": "",
            },
        },
        {
            "type": "table",
            "value": {
                "caption": "",
                "columns": [{"type": "text", "heading": "ก"}],
                "rows": [{"values": ["ข"]}],
            },
        },
    ]
    page_item.save_revision().publish()
    report = ita_tree.report
    report.save_revision().publish()
    for page in [plan, report, page_item]:
        url = reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]
        )
        assert admin_client.get(url).status_code == 200, page


def test_the_history_cuts_a_long_summary_between_two_words(client, ita_tree):
    """Python knows no Thai words, only spaces: it cuts at one, never inside
    a word ("จัดห…"); a long run with no space is shown whole."""
    phrases = [
        "จัดให้มีการเปิดเผยข้อมูล",
        "การใช้จ่ายงบประมาณ",
        "แผนการจัดซื้อจัดจ้างหรือการ",
        "จัดหาพัสดุ",
        "รวมถึงการเปิดเผยและพร้อมรับการตรวจสอบ",
    ]
    spaced = " ".join(phrases)
    unspaced = "สร้างกระบวนการปรึกษาหารือระหว่างผู้บริหารและบุคลากร" * 3
    publish_measures(
        ita_tree.plan,
        [
            measure_raw(spaced, offices=[ita_tree.office]),
            measure_raw(unspaced, offices=[ita_tree.office]),
        ],
    )
    html = client.get("/ita/2564/o42/history/").content.decode()
    summaries = re.findall(r"<li>([^<]*)</li>", html)
    cut = next(s for s in summaries if s.startswith(phrases[0]))
    assert len(spaced) > 80 and cut.endswith("…")
    assert cut == " ".join(phrases[:3]) + "…"
    assert unspaced in summaries
