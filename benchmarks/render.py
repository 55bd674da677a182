"""Render time and SQL queries of each ITA page type, against plain pages.

Seeds N LAO sites (benchmarks/seed.py), each with a full ITA section and, for
each ITA page, a plain Wagtail page (a rich-text body, the same base template)
carrying the same text. Then requests every page type in turn, cycling through
the sites, through Django's whole request stack (the example site's
production settings) with the page cache off, and reports for each the median
time, its SQL queries and its ratio to its plain page. Then the reports
an LAO's staff and the assessors use, which have no plain equivalent: the
public ITAS answer sheet, the admin's answer sheet and the admin dashboard,
each as the LAO's own webmaster would see it. Then O43 with its table left
out (an empty table template), to show what the table costs and what the
rest of the page does. Finally the median time of a cached O43 (a hit in the
page cache).

Compare a run with --sites 1 and one with --sites 1000 (PostgreSQL) to see
that one LAO's reports do not slow down with the number of LAOs.

    python -m benchmarks.render [--sites 30] [--measures 50] [--repeat 40]

SQLite by default; DATABASE_URL=postgres://… runs it on PostgreSQL (in a
database ``ita_bench`` it creates and drops). Results go to
benchmarks/results/render-<database>.json and .md.
"""

import argparse
import gc
import json
import statistics
import time
from pathlib import Path

from benchmarks.environment import (
    benchmark_database,
    collect_static,
    configure,
    describe_machine,
    remove_work_dir,
)


RESULTS_DIR = Path(__file__).resolve().parent / "results"
#: O43 with 50 measures should render within this multiple of its plain page.
TARGET_O43_RATIO = 1.5


def timed_get(client, path, hostname):
    start = time.perf_counter()
    response = client.get(path, HTTP_HOST=hostname, secure=True)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"{hostname}{path}: HTTP {response.status_code}")
    return elapsed, response


def query_count(client, path, hostname):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        timed_get(client, path, hostname)
    return len(queries)


def text_length(response):
    from benchmarks.seed import visible_text

    return len(" ".join(visible_text(response.content.decode())))


def measure_pages(client, seeded, repeat):
    """Median time, queries and text of each page type and of its plain page."""
    from benchmarks.seed import ITA_PAGES

    targets = {}
    for kind, path in ITA_PAGES.items():
        targets[kind] = lambda lao, path=path: path
        targets[f"plain-{kind}"] = lambda lao, kind=kind: lao.plain_pages[kind]
    for lao in seeded:  # warm per-process caches for every site
        for path_of in targets.values():
            timed_get(client, path_of(lao), lao.hostname)

    durations = {name: [] for name in targets}
    gc.collect()
    for round_number in range(repeat):
        lao = seeded[round_number % len(seeded)]
        for name, path_of in targets.items():  # interleaved: noise hits all alike
            durations[name].append(timed_get(client, path_of(lao), lao.hostname)[0])

    lao = seeded[0]
    rows = []
    for kind in ITA_PAGES:
        page, plain = targets[kind](lao), targets[f"plain-{kind}"](lao)
        page_ms = statistics.median(durations[kind]) * 1000
        plain_ms = statistics.median(durations[f"plain-{kind}"]) * 1000
        rows.append(
            {
                "page": kind,
                "median_ms": round(page_ms, 2),
                "queries": query_count(client, page, lao.hostname),
                "text_chars": text_length(timed_get(client, page, lao.hostname)[1]),
                "plain_median_ms": round(plain_ms, 2),
                "plain_queries": query_count(client, plain, lao.hostname),
                "plain_text_chars": text_length(
                    timed_get(client, plain, lao.hostname)[1]
                ),
                "ratio": round(page_ms / plain_ms, 2),
            }
        )
    return rows


#: LAOs whose webmaster the report measurements log in as (cycling through).
REPORT_LAOS = 10


def measure_reports(seeded, repeat):
    """Median time and queries of the answer sheets and the dashboard."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from benchmarks.seed import ANSWER_SHEET
    from ita_wagtail.services.roles import setup_site_roles

    citizen = Client()
    webmasters = []
    for lao in seeded[:REPORT_LAOS]:
        user = get_user_model().objects.create_user(f"webmaster-{lao.hostname}")
        user.groups.add(setup_site_roles(lao.site).webmasters)
        webmaster = Client()
        webmaster.force_login(user)
        webmasters.append(webmaster)
    targets = {
        "answer sheet": lambda n, lao: (citizen, ANSWER_SHEET),
        "admin answer sheet": lambda n, lao: (
            webmasters[n],
            reverse("ita_wagtail_answer_sheet", args=[lao.pages["year"].pk]),
        ),
        "dashboard": lambda n, lao: (webmasters[n], reverse("wagtailadmin_home")),
    }
    laos = seeded[:REPORT_LAOS]
    for number, lao in enumerate(laos):  # warm per-process caches
        for target in targets.values():
            client, path = target(number, lao)
            timed_get(client, path, lao.hostname)
    durations = {name: [] for name in targets}
    gc.collect()
    for round_number in range(repeat):
        number = round_number % len(laos)
        for name, target in targets.items():
            client, path = target(number, laos[number])
            durations[name].append(timed_get(client, path, laos[number].hostname)[0])
    rows = []
    for name, target in targets.items():
        client, path = target(0, laos[0])
        rows.append(
            {
                "page": name,
                "median_ms": round(statistics.median(durations[name]) * 1000, 2),
                "queries": query_count(client, path, laos[0].hostname),
            }
        )
    return rows


def measure_o43_parts(client, seeded, repeat):
    """What O43 costs without its table: the floor the table's rendering adds to.

    O43 is requested with its table template (``table_template``) swapped for
    an empty one, interleaved with the whole O43 and its plain page. The page
    still reads both StreamFields and builds the table's rows (for its
    progress bar); only the table's HTML is left out.
    """
    from django.template import Template

    from benchmarks.seed import ITA_PAGES
    from ita_wagtail.models import MeasureResultPage

    path = ITA_PAGES["o43"]
    table_template = MeasureResultPage.table_template
    durations = {"o43": [], "o43 without its table": [], "plain-o43": []}
    for round_number in range(repeat):
        lao = seeded[round_number % len(seeded)]
        durations["o43"].append(timed_get(client, path, lao.hostname)[0])
        MeasureResultPage.table_template = Template("")
        try:
            elapsed = timed_get(client, path, lao.hostname)[0]
        finally:
            MeasureResultPage.table_template = table_template
        durations["o43 without its table"].append(elapsed)
        plain = lao.plain_pages["o43"]
        durations["plain-o43"].append(timed_get(client, plain, lao.hostname)[0])
    plain_ms = statistics.median(durations["plain-o43"]) * 1000
    return [
        {
            "page": name,
            "median_ms": round(statistics.median(times) * 1000, 2),
            "ratio": round(statistics.median(times) * 1000 / plain_ms, 2),
        }
        for name, times in durations.items()
    ]


def measure_cached_o43(client, seeded, repeat):
    from benchmarks.seed import ITA_PAGES

    path = ITA_PAGES["o43"]
    for lao in seeded:
        timed_get(client, path, lao.hostname)
    durations = []
    for round_number in range(repeat):
        lao = seeded[round_number % len(seeded)]
        elapsed, response = timed_get(client, path, lao.hostname)
        if response.get("X-ITA-Cache") != "hit":
            raise RuntimeError("the cached O43 was not served from the page cache")
        durations.append(elapsed)
    return round(statistics.median(durations) * 1000, 3)


def markdown(report):
    lines = [
        f"Render benchmark: {report['sites']} LAO sites, {report['measures']} "
        f"measures each, median of {report['repeat']} requests per page, "
        f"{report['machine']['database']}, {report['machine']['cpus']} CPUs "
        f"(load average {report['machine']['load_average'][0]} before the run).",
        "",
        "| Page | Median ms | Queries | Text chars | Plain page ms | Plain queries "
        "| Plain text chars | Ratio |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['page']} | {row['median_ms']} | {row['queries']} "
            f"| {row['text_chars']} | {row['plain_median_ms']} "
            f"| {row['plain_queries']} | {row['plain_text_chars']} | {row['ratio']} |"
        )
    lines += [
        "",
        "| Report | Median ms | Queries |",
        "| --- | ---: | ---: |",
    ]
    for row in report["reports"]:
        lines.append(f"| {row['page']} | {row['median_ms']} | {row['queries']} |")
    lines += [
        "",
        "O43 without its table (the table template left empty), interleaved "
        "with the whole O43 and its plain page:",
        "",
        "| Page | Median ms | Ratio to the plain page |",
        "| --- | ---: | ---: |",
    ]
    for row in report["o43_parts"]:
        lines.append(f"| {row['page']} | {row['median_ms']} | {row['ratio']} |")
    lines += [
        "",
        f"O43 served from the page cache: {report['cached_o43_median_ms']} ms "
        "(median, 0 queries).",
        f"Target O43 ≤ {TARGET_O43_RATIO}× its plain page: "
        f"{'met' if report['o43_target_met'] else 'MISSED'} "
        f"({report['o43_ratio']}×).",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=30)
    parser.add_argument("--measures", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--output", type=Path, default=RESULTS_DIR)
    args = parser.parse_args()

    configure()
    collect_static()
    from django.test import Client, override_settings

    from benchmarks.seed import seed_lao_sites

    with benchmark_database():
        client = Client()
        machine = describe_machine()
        with override_settings(ITA_WAGTAIL_CACHE_TIMEOUT=0):
            started = time.perf_counter()
            seeded = seed_lao_sites(args.sites, args.measures, client)
            seed_seconds = time.perf_counter() - started
            pages = measure_pages(client, seeded, args.repeat)
            reports = measure_reports(seeded, args.repeat)
            o43_parts = measure_o43_parts(client, seeded, args.repeat)
        cached_ms = measure_cached_o43(client, seeded, args.repeat)

    o43 = next(row for row in pages if row["page"] == "o43")
    report = {
        "sites": args.sites,
        "measures": args.measures,
        "repeat": args.repeat,
        "seed_seconds": round(seed_seconds, 1),
        "machine": machine,
        "pages": pages,
        "reports": reports,
        "o43_parts": o43_parts,
        "cached_o43_median_ms": cached_ms,
        "o43_ratio": o43["ratio"],
        "o43_target_met": o43["ratio"] <= TARGET_O43_RATIO,
    }
    database = machine["database"].split()[0]
    args.output.mkdir(parents=True, exist_ok=True)
    stem = args.output / f"render-{database}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    remove_work_dir()


if __name__ == "__main__":
    main()
