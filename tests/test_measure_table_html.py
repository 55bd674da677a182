"""The O42/O43 table written in Python gives the template's HTML, byte for byte,
and a site's own table template still wins (issue 17, target 1).

Each page is fetched twice through its public URL: once as the app ships
(the table written by ``MeasureTableHtml``), once with a copy of the app's own
``measure_table.html`` earlier in the template path, which the loader then
picks, so the page goes through the template. The two must be equal.
"""

import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from benchmarks.seed import DEMO_DATA, measure_blocks, result_blocks
from ita_wagtail.domain.measure_table import build_measure_table
from ita_wagtail.models import (
    ItaSiteSettings,
    MeasureResultPage,
    ResponsibleOffice,
)
from ita_wagtail.models.measure_table_html import (
    TABLE_TEMPLATE,
    TABLE_TEMPLATE_FILE,
    MeasureTableHtml,
)
from ita_wagtail.models.measures import raw_measure_table
from tests.factories import measure_raw, result_raw


pytestmark = pytest.mark.django_db

O42, O43 = "/ita/2564/o42/", "/ita/2564/o42/o43/"


@pytest.fixture
def site_templates(tmp_path, settings):
    """A folder of the site's own templates, first in the template path.

    Each file added resets the template engines, as a restart would: the
    cached loader remembers which file it picked for a name.
    """
    engine = settings.TEMPLATES[0]

    def add(name, source):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]

    return add


@pytest.fixture
def fast_renders(monkeypatch):
    """How many tables MeasureTableHtml wrote."""
    calls = []
    render = MeasureTableHtml.render

    def counted(self, context=None):
        calls.append(context.get("show_results"))
        return render(self, context)

    monkeypatch.setattr(MeasureTableHtml, "render", counted)
    return calls


def publish(page, **fields):
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def both_ways(client, site_templates, fast_renders, paths=(O42, O43)):
    """Each page's HTML through the fast path, then through the template."""
    fast = {path: client.get(path).content.decode() for path in paths}
    assert len(fast_renders) == len(paths)  # the table was written in Python
    # The app's own template, copied under its own name into the site's
    # templates: the loader now picks the site's file, so the template renders.
    site_templates(TABLE_TEMPLATE, Path(TABLE_TEMPLATE_FILE).read_text("utf-8"))
    slow = {path: client.get(path).content.decode() for path in paths}
    assert len(fast_renders) == len(paths)  # not used for an overridden table
    return fast, slow


def assert_same_tables(fast, slow):
    for path in fast:
        assert 'class="ita-table__row"' in fast[path]
        assert fast[path] == slow[path], path


def seed_demo_report(tree, count=50):
    """O42 and O43 with the demo report's real text (benchmarks/seed.py)."""
    data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    offices = {
        name: ResponsibleOffice.objects.get_or_create(site=tree.site, name=name)[0]
        for name in data["offices"]
    }
    measures = measure_blocks(data, offices, count)
    publish(tree.plan, measures=measures)
    publish(tree.report, results=result_blocks(data, measures))


@pytest.mark.parametrize("digits", ["thai", "arabic"])
def test_the_seed_reports_table_is_the_same_both_ways(
    client, ita_tree, site_templates, fast_renders, digits
):
    settings = ItaSiteSettings.for_site(ita_tree.site)
    settings.digits = digits
    settings.save()
    seed_demo_report(ita_tree)
    fast, slow = both_ways(client, site_templates, fast_renders)
    assert_same_tables(fast, slow)
    assert fast[O43].count('class="ita-table__row"') == 50
    digit = "๑" if digits == "thai" else "1"
    assert f'<span class="ita-table__number">{digit}.</span>' in fast[O43]


def test_edge_cases_are_the_same_both_ways(
    client, ita_tree, site_templates, fast_renders
):
    """Markup and line breaks in the text, notes, no methods, no offices, a
    measure with no result, a removed measure's result, suggestions in one
    result only (so the column shows), and evidence."""
    tree = ita_tree
    second_office = ResponsibleOffice.objects.create(site=tree.site, name="กอง <ช่าง>")
    typed = measure_raw(
        'มาตรการ <b>"ที่ 1"</b> & อื่น ๆ\r\nบรรทัดที่ 2',
        offices=[tree.office, second_office],
        methods=["ขั้นที่ 1 <i>", "ขั้นที่ 2\nต่อ"],
    )
    typed["value"]["notes"] = "หมายเหตุ <ปี 2564>"
    bare = measure_raw("ไม่มีขั้นตอน", offices=[], methods=[])
    unreported = measure_raw("ยังไม่รายงาน", offices=[tree.office])
    publish(tree.plan, measures=[typed, bare, unreported])
    document = get_document_model().objects.create(
        title="รายงาน <ผล> 2564", file=ContentFile(b"%PDF-1.4 x", name="report.pdf")
    )
    with_evidence = result_raw(
        typed["id"], actions=["ทำ 4 ครั้ง <ok>"], suggestions="ข้อเสนอ 5 & 6"
    )
    with_evidence["value"]["outcome"] = "ผล 100%\nดี"
    with_evidence["value"]["evidence"] = [
        {"type": "document", "value": document.pk, "id": "e1"},
        {
            "type": "link",
            "value": {"page": tree.year_page.pk, "url": "", "title": ""},
            "id": "e2",
        },
        {
            "type": "link",
            "value": {"page": None, "url": "https://example.com/?a=1&b=2", "title": ""},
            "id": "e3",
        },
    ]
    no_actions = result_raw(bare["id"], actions=[], status="in_progress")
    removed = result_raw("a-measure-no-longer-in-o42", suggestions="หายไป")
    publish(tree.report, results=[with_evidence, no_actions, removed])

    fast, slow = both_ways(client, site_templates, fast_renders)
    assert_same_tables(fast, slow)
    o43 = fast[O43]
    assert "ita-table--no-suggestions" not in o43  # one result gives some
    assert 'colspan="2" class="ita-table__missing"' in o43
    assert "&lt;b&gt;&quot;ที่ ๑&quot;&lt;/b&gt; &amp; อื่น ๆ<br>บรรทัดที่ ๒" in o43
    assert "กอง &lt;ช่าง&gt;" in o43
    assert "รายงาน &lt;ผล&gt; 2564" in o43  # evidence, through its template
    assert "https://example.com/?a=1&amp;b=2" in o43
    assert "หายไป" not in o43  # the removed measure's result is not a row


def test_a_report_without_suggestions_drops_the_column_both_ways(
    client, ita_tree, site_templates, fast_renders
):
    fast, slow = both_ways(client, site_templates, fast_renders)
    assert_same_tables(fast, slow)
    assert "ita-table--no-suggestions" in fast[O43]
    assert '<th scope="col">ข้อเสนอแนะ</th>' not in fast[O43]


def test_english_headings_are_the_same_both_ways(
    client, ita_tree, site_templates, fast_renders, settings
):
    settings.LANGUAGE_CODE = "en"
    fast, slow = both_ways(client, site_templates, fast_renders)
    assert_same_tables(fast, slow)


def test_a_site_table_template_by_attribute_is_honoured(
    client, ita_tree, site_templates, fast_renders, monkeypatch
):
    site_templates("lao/table.html", '<p class="lao-table">{{ table.rows|length }}</p>')
    monkeypatch.setattr(MeasureResultPage, "table_template", "lao/table.html")
    o43 = client.get(O43).content.decode()
    assert '<p class="lao-table">3</p>' in o43
    assert "ita-table__row" not in o43
    o42 = client.get(O42).content.decode()
    assert o42.count('class="ita-table__row"') == 3
    assert fast_renders == [False]  # O42 only: its table is still the app's


def test_a_same_named_site_table_is_honoured(
    client, ita_tree, site_templates, fast_renders
):
    site_templates(TABLE_TEMPLATE, '<p class="lao-table">{{ caption }}</p>')
    for path in (O42, O43):
        html = client.get(path).content.decode()
        assert '<p class="lao-table">' in html
        assert "ita-table__row" not in html
    assert fast_renders == []


def test_a_site_evidence_template_is_honoured_by_the_fast_path(
    client, ita_tree, site_templates, fast_renders
):
    results = list(
        MeasureResultPage.objects.get(pk=ita_tree.report.pk).results.raw_data
    )
    results[0]["value"]["evidence"] = [
        {
            "type": "link",
            "value": {"page": None, "url": "https://a.example/", "title": "ก"},
            "id": "e",
        }
    ]
    publish(ita_tree.report, results=results)
    site_templates(
        "ita_wagtail/includes/evidence.html",
        '<p class="lao-evidence">{{ evidence|length }} {{ row.anchor }}</p>',
    )
    o43 = client.get(O43).content.decode()
    assert '<p class="lao-evidence">1 measure-1</p>' in o43
    assert fast_renders == [True]


def test_the_raw_rows_are_the_stream_rows(ita_tree):
    """build_measure_table_from_raw (through raw_measure_table, which fetches
    the offices) gives the rows, orphans and counts of build_measure_table:
    the same texts, statuses, ids and pairing."""
    tree = ita_tree
    first = measure_raw("ที่ 1", offices=[tree.office], methods=["ก", "ข"])
    second = measure_raw("ที่ 2", offices=[], methods=[])
    third = measure_raw("ที่ 3", offices=[tree.office])
    plan = publish(tree.plan, measures=[first, second, third])
    results = [
        result_raw(first["id"], suggestions="ข้อ 1"),
        result_raw(first["id"], status="in_progress"),  # a second result: orphan
        result_raw(second["id"], actions=[], status="not_started"),
        result_raw("removed", status="done"),
    ]
    report = publish(tree.report, results=results)
    for digits in ("thai", "arabic"):
        streams = build_measure_table(plan.measures, report.results, digits)
        raw = raw_measure_table(plan.measures, report.results, digits)
        assert [row.text for row in raw.rows] == [row.text for row in streams.rows]
        for got, want in zip(raw.rows, streams.rows, strict=True):
            assert (got.number, got.measure_id, got.result_id, got.status) == (
                want.number,
                want.measure_id,
                want.result_id,
                want.status,
            )
        assert [o.result_id for o in raw.orphans] == [
            o.result_id for o in streams.orphans
        ]
        assert raw.status_counts == streams.status_counts
        assert raw.has_suggestions == streams.has_suggestions is True
    assert raw_measure_table(None, None).rows == []
