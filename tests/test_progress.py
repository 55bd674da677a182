"""Progress at a glance: measures done, in progress and not started, on O43, on
the year page and, year beside year, on the ITA index."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from ita_wagtail.domain.measure_table import build_measure_table
from ita_wagtail.domain.progress import Progress, count_statuses
from ita_wagtail.fiscal import to_thai_digits
from ita_wagtail.models import (
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    OitItem,
)
from ita_wagtail.models.catalogue_loading import copy_year, load_year, shipped_years
from tests.factories import measure_raw, result_raw


pytestmark = pytest.mark.django_db


def item(year, code):
    """The catalogue item of a year, loading the shipped list when needed."""
    if not OitItem.objects.filter(year=year).exists() and year in shipped_years():
        load_year(year)
    if not OitItem.objects.filter(year=year, code=code).exists():
        copy_year(2564, year)  # e.g. 2568, whose list has no O42: 2564's fill in
    return OitItem.objects.get(year=year, code=code)


def add_year(tree, year, statuses, report_date=None):
    """A published year with an O42 of len(statuses) measures and an O43 whose
    results have those statuses (None: the measure has no result)."""
    year_page = tree.index.add_child(
        instance=ItaYearPage(title=f"ปีงบประมาณ {year}", slug=str(year), year=year)
    )
    start = datetime.date(year - 543 - 1, 10, 1)
    measures = [
        measure_raw(f"มาตรการ {n}", offices=[tree.office], start=start, end=start)
        for n in range(len(statuses))
    ]
    plan = year_page.add_child(
        instance=MeasureIndexPage(
            title="มาตรการ", slug="o42", oit_item=item(year, "O42"), measures=measures
        )
    )
    add_report(plan, measures, statuses, report_date or start)
    return year_page


def add_report(plan, measures, statuses, report_date, slug="o43"):
    return plan.add_child(
        instance=MeasureResultPage(
            title="รายงานผล",
            slug=slug,
            oit_item=item(plan.specific.year_page.year, "O43"),
            report_date=report_date,
            results=[
                result_raw(measure["id"], status=status)
                for measure, status in zip(measures, statuses, strict=True)
                if status
            ],
        )
    )


def set_statuses(tree, statuses):
    tree.report.results = [
        result_raw(measure_id, status=status)
        for measure_id, status in zip(tree.measure_ids, statuses, strict=True)
        if status
    ]
    tree.report.save_revision().publish()


def section(html, css_class):
    found = re.search(rf'<div class="{css_class}">(.*?)</div>', html, re.S)
    assert found, css_class
    return found.group(1)


def text_of(fragment):
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_o43_shows_how_many_measures_are_done_in_progress_and_not_started(client, db):
    from tests.factories import ItaTree

    tree = ItaTree(measure_count=4)
    set_statuses(tree, ["done", "in_progress", "not_started", None])
    progress = section(
        client.get("/ita/2564/o42/o43/").content.decode(), "ita-progress"
    )
    text = text_of(progress)
    assert "ดำเนินการแล้ว ๑ จาก ๔ มาตรการ (ร้อยละ ๒๕)" in text
    assert "ดำเนินการแล้ว: ๑" in text
    assert "อยู่ระหว่างดำเนินการ: ๑" in text
    assert "ยังไม่ดำเนินการ: ๑" in text
    assert "ยังไม่มีการรายงานผล: ๑" in text
    # The bar: four equal parts, drawn for the eye only (the text says it all).
    assert re.search(r'<svg class="ita-progress__bar"[^>]*aria-hidden="true"', progress)
    widths = re.findall(
        r'ita-progress__segment--(\w+)" x="([\d.]+)" y="0" width="([\d.]+)"', progress
    )
    assert widths == [
        ("done", "0.00", "25.00"),
        ("in_progress", "25.00", "25.00"),
        ("not_started", "50.00", "25.00"),
        ("missing", "75.00", "25.00"),
    ]


def test_the_legend_names_the_three_statuses_even_when_none_has_measures(
    client, ita_tree
):
    set_statuses(ita_tree, ["done", "done", "done"])
    text = text_of(
        section(client.get("/ita/2564/o42/o43/").content.decode(), "ita-progress")
    )
    assert "อยู่ระหว่างดำเนินการ: ๐" in text
    assert "ยังไม่ดำเนินการ: ๐" in text
    assert "ยังไม่มีการรายงานผล" not in text


@pytest.mark.parametrize(
    "statuses",
    [
        ["done", "done", "in_progress"],
        [None, "not_started", None],
        ["in_progress", "bogus", "done"],
    ],
)
def test_counting_from_raw_data_agrees_with_the_o43_table(ita_tree, statuses):
    set_statuses(ita_tree, statuses)
    # A second result for the first measure and one for a removed measure
    # count for nothing, as on the table.
    results = [
        *ita_tree.report.results.raw_data,
        result_raw(ita_tree.measure_ids[0], status="not_started"),
        result_raw("removed", status="done"),
    ]
    ita_tree.report.results = results
    table = build_measure_table(ita_tree.plan.measures, ita_tree.report.results)
    assert count_statuses(
        ita_tree.plan.measures, ita_tree.report.results
    ) == Progress.from_counts(table.status_counts)


@pytest.mark.parametrize(
    "statuses",
    [
        ["done", "done", "in_progress"],
        [None, "not_started", None],
        ["in_progress", "bogus", "done"],
        [None, None, None],
    ],
)
def test_the_year_pages_progress_agrees_with_the_o43_page(client, ita_tree, statuses):
    """The year page has the database pick the measures and statuses out of
    the two pages' JSON (issue 17); O43 counts its own table's rows."""
    set_statuses(ita_tree, statuses)
    ita_tree.report.results = [
        *ita_tree.report.results.raw_data,
        result_raw(ita_tree.measure_ids[0], status="not_started"),  # not the first
        result_raw("removed", status="done"),  # no such measure
    ]
    ita_tree.report.save_revision().publish()
    year = text_of(section(client.get("/ita/2564/").content.decode(), "ita-progress"))
    o43 = client.get("/ita/2564/o42/o43/").content.decode()
    assert year == text_of(section(o43, "ita-progress"))
    done = sum(status == "done" for status in statuses)
    assert f"ดำเนินการแล้ว {to_thai_digits(str(done))} จาก ๓ มาตรการ" in year


def test_the_year_page_shows_the_progress_of_its_latest_report(client, ita_tree):
    set_statuses(ita_tree, ["done", "not_started", "not_started"])
    annual = add_report(
        ita_tree.plan,
        ita_tree.measures,
        ["done", "done", "in_progress"],
        datetime.date(2021, 9, 30),
        slug="o43-annual",
    )
    html = client.get("/ita/2564/").content.decode()
    assert f'href="{annual.url}"' in html
    assert "ดำเนินการแล้ว ๒ จาก ๓ มาตรการ" in text_of(section(html, "ita-progress"))


@pytest.mark.parametrize(
    "state, done",
    [
        ("published", 2),  # the later report
        ("draft", 1),  # the earlier one
        ("private", 1),
        ("password", 1),
        ("dated earlier", 1),
        ("plan private", None),  # neither
        ("plan draft", None),
    ],
)
def test_the_year_page_reads_its_progress_from_the_report_the_index_reads(
    client, ita_tree, state, done
):
    """The year page reads its progress from the pages its report has loaded
    (issue 17), the index with queries of its own: the same report wins."""
    set_statuses(ita_tree, ["done", "not_started", "not_started"])
    later = add_report(
        ita_tree.plan,
        ita_tree.measures,
        ["done", "done", "in_progress"],
        datetime.date(2021, 9, 30),
        slug="o43-annual",
    )
    restricted = {"private": later, "password": later, "plan private": ita_tree.plan}
    if state in restricted:
        PageViewRestriction.objects.create(
            page=restricted[state],
            restriction_type="password" if state == "password" else "login",
            password="secret",
        )
    elif state == "draft":
        later.unpublish()
    elif state == "plan draft":
        ita_tree.plan.unpublish()
    elif state == "dated earlier":
        later.report_date = datetime.date(2021, 1, 31)
        later.save_revision().publish()
    year = client.get("/ita/2564/").content.decode()
    index = client.get("/ita/").content.decode()
    if done is None:
        assert "ita-progress__bar" not in year and "ita-progress__bar" not in index
        return
    chosen = later if done == 2 else ita_tree.report
    assert f'href="{chosen.url}"' in year
    progress = text_of(section(year, "ita-progress"))
    assert f"ดำเนินการแล้ว {to_thai_digits(str(done))} จาก ๓ มาตรการ" in progress
    assert progress == text_of(section(index, "ita-progress"))


def test_a_year_without_a_report_says_so(client, db):
    from tests.factories import ItaTree

    ItaTree(with_report=False)
    html = client.get("/ita/2564/").content.decode()
    assert "ยังไม่มีการเผยแพร่รายงานผลการดำเนินการตามมาตรการของปีนี้" in html
    assert "ita-progress__bar" not in html
    index = client.get("/ita/").content.decode()
    assert "ยังไม่มีรายงานผลการดำเนินการตามมาตรการ" in index


def test_the_index_shows_each_years_progress_side_by_side(client, ita_tree):
    set_statuses(ita_tree, ["done", "done", "not_started"])
    add_year(ita_tree, 2565, ["done", None])
    add_year(ita_tree, 2566, ["in_progress", "in_progress", "done", "done"])
    html = client.get("/ita/").content.decode()
    years = html.split('<li class="ita-years__year">')[1:]
    summaries = [
        (
            re.search(r"ปีงบประมาณ พ\.ศ\. ([๐-๙]+)", text_of(y)).group(1),
            re.search(r"ดำเนินการแล้ว [๐-๙]+ จาก [๐-๙]+", text_of(y)).group(0),
        )
        for y in years
    ]
    assert summaries == [
        ("๒๕๖๖", "ดำเนินการแล้ว ๒ จาก ๔"),
        ("๒๕๖๕", "ดำเนินการแล้ว ๑ จาก ๒"),
        ("๒๕๖๔", "ดำเนินการแล้ว ๒ จาก ๓"),
    ]


def queries_for(client, url):
    client.get(url)  # warm the caches that are not per request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_index_costs_the_same_queries_for_one_year_as_for_five(client, ita_tree):
    one_year = queries_for(client, "/ita/")
    for year in range(2565, 2569):
        add_year(ita_tree, year, ["done", "in_progress", None])
    five_years = queries_for(client, "/ita/")
    assert client.get("/ita/").content.decode().count('class="ita-years__year"') == 5
    assert five_years == one_year
