"""Render time and SQL queries of each ITA page type, against plain and peer pages.

Seeds N LAO sites (benchmarks/seed.py), each with a full ITA section, every
page published through a revision and, for each ITA page, a plain Wagtail
page (a rich-text body, the same base template) carrying the same text, and
the peers a webmaster would build instead (benchmarks/peers: O43's table as
a ListBlock-shaped StreamField, a flat StreamField and a TableBlock; the year
page's index as a StreamField of links). Then requests every page type in
turn, interleaved request by request, cycling through the sites, through
Django's whole request stack (the example site's production settings) with
the page cache off, and reports for each the median wall time and CPU time
(``time.process_time``), its SQL queries, and the ratios to its plain page
and its peers, with the load average before and after. O43 is measured both
as the app ships (the table written in Python) and through its table
template (as when a site overrides it). Then the reports
an LAO's staff and the assessors use, which have no plain equivalent: the
public ITAS answer sheet, the admin's answer sheet and the admin dashboard,
each as the LAO's own webmaster would see it. Then O43 with its table left
out (an empty table template), to show what the table costs and what the
rest of the page does. Finally the median time of a cached O43 (a hit in the
page cache).

Compare a run with --sites 1 and one with --sites 1000 (PostgreSQL) to see
that one LAO's reports do not slow down with the number of LAOs.

    python -m benchmarks.render [--sites 30] [--measures 50] [--repeat 40]

To iterate on one page: ``--pages o43,list-o43,flat-o43`` measures only
those page types, ``--quick`` skips everything after the page table (the
reports, O43 without its table, the caches) and writes no result files, and
``--profile o43`` prints where 30 requests of that page spend their time
(cProfile, cumulative), then stops.

SQLite by default; DATABASE_URL=postgres://… runs it on PostgreSQL (in a
database ``ita_bench`` it creates and drops). Results go to
benchmarks/results/render-<database>.json and .md.
"""

import argparse
import contextlib
import gc
import json
import os
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
#: Issue 17's targets: uncached O43 (50 measures) against its peers, and the
#: year page against a page listing the same items with their links.
TARGETS = {
    ("o43", "list-o43"): 1.0,
    ("o43", "flat-o43"): 1.3,
    ("year", "links-year"): 1.5,
}
#: The ratios reported: each ITA page against its plain page and its peers.
COMPARISONS = [
    ("index", "plain-index"),
    ("year", "plain-year"),
    ("year", "links-year"),
    ("o42", "plain-o42"),
    ("o43", "plain-o43"),
    ("o43", "list-o43"),
    ("o43", "flat-o43"),
    ("o43", "table-o43"),
    ("o43 template path", "list-o43"),
    ("o43 template path", "flat-o43"),
]


def timed_get(client, path, hostname):
    """Wall time, CPU time (this process: client and server) and the response."""
    cpu_start = time.process_time()
    start = time.perf_counter()
    response = client.get(path, HTTP_HOST=hostname, secure=True)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    if response.status_code != 200:
        raise RuntimeError(f"{hostname}{path}: HTTP {response.status_code}")
    return elapsed, response, cpu


def query_count(client, path, hostname):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        timed_get(client, path, hostname)
    return len(queries)


def text_length(response):
    from benchmarks.seed import visible_text

    return len(" ".join(visible_text(response.content.decode())))


@contextlib.contextmanager
def template_path():
    """O43's table through its template (as when a site overrides it).

    The app's own template, handed to the page as a template object rather
    than by name, so the page does not write it in Python.
    """
    from django.template.loader import get_template

    from ita_wagtail.models import MeasureResultPage

    table_template = MeasureResultPage.table_template
    MeasureResultPage.table_template = get_template(table_template)
    try:
        yield
    finally:
        MeasureResultPage.table_template = table_template


def load_average():
    return [round(load, 2) for load in os.getloadavg()]


def page_targets():
    """Each page type measured: name → (path for a site, context or None)."""
    from benchmarks.seed import ITA_PAGES

    targets = {}
    for kind, path in ITA_PAGES.items():
        targets[kind] = (lambda lao, path=path: path, None)
        targets[f"plain-{kind}"] = (lambda lao, kind=kind: lao.plain_pages[kind], None)
    targets["o43 template path"] = (lambda lao: ITA_PAGES["o43"], template_path)
    for peer in ("list-o43", "flat-o43", "table-o43", "links-year"):
        targets[peer] = (lambda lao, peer=peer: lao.peer_pages[peer], None)
    return targets


def get(client, target, lao):
    path_of, context = target
    with context() if context else contextlib.nullcontext():
        return timed_get(client, path_of(lao), lao.hostname)


def measure_pages(client, seeded, repeat, only=None):
    """Median wall and CPU time, queries and text of every page type.

    The page types are interleaved request by request, cycling through the
    sites, so whatever else the machine does hits them all alike.
    ``only``: the names of the page types to measure (all when None).
    """
    targets = page_targets()
    if only:
        targets = {name: target for name, target in targets.items() if name in only}
    for lao in seeded:  # warm per-process caches for every site
        for target in targets.values():
            get(client, target, lao)

    wall = {name: [] for name in targets}
    cpu = {name: [] for name in targets}
    gc.collect()
    load_before = load_average()
    for round_number in range(repeat):
        lao = seeded[round_number % len(seeded)]
        for name, target in targets.items():
            elapsed, _response, cpu_time = get(client, target, lao)
            wall[name].append(elapsed)
            cpu[name].append(cpu_time)
    load_after = load_average()

    lao = seeded[0]
    rows = []
    for name, (path_of, context) in targets.items():
        with context() if context else contextlib.nullcontext():
            queries = query_count(client, path_of(lao), lao.hostname)
            response = timed_get(client, path_of(lao), lao.hostname)[1]
        rows.append(
            {
                "page": name,
                "median_ms": round(statistics.median(wall[name]) * 1000, 2),
                "cpu_median_ms": round(statistics.median(cpu[name]) * 1000, 2),
                "queries": queries,
                "text_chars": text_length(response),
                "bytes": len(response.content),
            }
        )
    by_name = {row["page"]: row for row in rows}
    ratios = []
    for page, peer in COMPARISONS:
        if page not in by_name or peer not in by_name:
            continue
        target = TARGETS.get((page, peer))
        wall_ratio = by_name[page]["median_ms"] / by_name[peer]["median_ms"]
        cpu_ratio = by_name[page]["cpu_median_ms"] / by_name[peer]["cpu_median_ms"]
        ratios.append(
            {
                "page": page,
                "peer": peer,
                # Exact: the verdict is taken from them (the Markdown rounds),
                # so 1.003 is not written as 1.0 and "missed".
                "wall_ratio": wall_ratio,
                "cpu_ratio": cpu_ratio,
                "target": target,
                "met": None if target is None else cpu_ratio <= target,
            }
        )
    return rows, ratios, {"before": load_before, "after": load_after}


#: LAOs whose webmaster the report measurements log in as (cycling through).
REPORT_LAOS = 10


def profile_page(client, seeded, name, requests=30, lines=45):
    """Print where ``requests`` requests of one page type spend their time."""
    import cProfile
    import pstats

    target = page_targets()[name]
    for lao in seeded:
        get(client, target, lao)
    profiler = cProfile.Profile()
    profiler.enable()
    for number in range(requests):
        get(client, target, seeded[number % len(seeded)])
    profiler.disable()
    if os.environ.get("ITA_BENCH_PROFILE_FILE"):
        profiler.dump_stats(os.environ["ITA_BENCH_PROFILE_FILE"])
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(lines)
    stats.sort_stats("tottime").print_stats(lines)


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
    cpu = {name: [] for name in targets}
    gc.collect()
    for round_number in range(repeat):
        number = round_number % len(laos)
        for name, target in targets.items():
            client, path = target(number, laos[number])
            elapsed, _response, cpu_time = timed_get(
                client, path, laos[number].hostname
            )
            durations[name].append(elapsed)
            cpu[name].append(cpu_time)
    rows = []
    for name, target in targets.items():
        client, path = target(0, laos[0])
        rows.append(
            {
                "page": name,
                "median_ms": round(statistics.median(durations[name]) * 1000, 2),
                "cpu_median_ms": round(statistics.median(cpu[name]) * 1000, 2),
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
        elapsed, response, _cpu = timed_get(client, path, lao.hostname)
        if response.get("X-ITA-Cache") != "hit":
            raise RuntimeError("the cached O43 was not served from the page cache")
        durations.append(elapsed)
    return round(statistics.median(durations) * 1000, 3)


def database_bytes():
    """The benchmark database's size on disk."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return Path(connection.settings_dict["NAME"]).stat().st_size


def page_cache_bytes(client, seeded):
    """The page cache's size per site once every public ITA page is cached.

    Every page of every site's ITA section (its index, year, answer sheet,
    O42, O43 and item pages) is requested once with the page cache on; the
    cache is a directory of files (the file-based cache), so its size is what
    those pages take.
    """
    from django.conf import settings
    from wagtail.models import Page

    from benchmarks.seed import ANSWER_SHEET

    for lao in seeded:
        index = lao.pages["index"]
        paths = [ANSWER_SHEET] + [
            page.get_url(current_site=lao.site)
            for page in Page.objects.descendant_of(index, inclusive=True).live()
        ]
        for path in paths:
            client.get(path, HTTP_HOST=lao.hostname, secure=True)
    if not settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        return None, len(paths)
    location = Path(settings.CACHES["default"]["LOCATION"])
    total = sum(f.stat().st_size for f in location.rglob("*") if f.is_file())
    return round(total / len(seeded)), len(paths)


def markdown(report):
    machine = report["machine"]
    load = report["load_average"]
    lines = [
        f"Render benchmark: {report['sites']} LAO sites, {report['measures']} "
        f"measures each, median of {report['repeat']} requests per page, "
        f"{machine['database']}, {machine['cpus']} CPUs. Load average "
        f"{machine['load_average'][0]} before seeding, {load['before'][0]} "
        f"before the page measurements and {load['after'][0]} after "
        f"({'quiet' if report['quiet'] else 'NOT quiet: other work was running'}"
        "). Seeding took "
        f"{report['seed_seconds']} s. CPU ms: this process's CPU time per request "
        "(client and server), the figure the ratios are judged on.",
        "",
        "| Page | Median ms | CPU ms | Queries | Text chars | Bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['page']} | {row['median_ms']} | {row['cpu_median_ms']} "
            f"| {row['queries']} | {row['text_chars']} | {row['bytes']} |"
        )
    lines += [
        "",
        "| Page ÷ peer | Wall ratio | CPU ratio | Target | |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in report["ratios"]:
        target = f"≤ {row['target']}" if row["target"] else ""
        verdict = {True: "met", False: "MISSED", None: ""}[row["met"]]
        lines.append(
            f"| {row['page']} ÷ {row['peer']} | {row['wall_ratio']:.3f} "
            f"| {row['cpu_ratio']:.3f} | {target} | {verdict} |"
        )
    lines += [
        "",
        "| Report | Median ms | CPU ms | Queries |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in report["reports"]:
        lines.append(
            f"| {row['page']} | {row['median_ms']} | {row['cpu_median_ms']} "
            f"| {row['queries']} |"
        )
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
        "",
        f"Database: {report['database_bytes'] / 1e6:.1f} MB for {report['sites']} "
        f"sites (with the plain and peer pages). Page cache: "
        f"{(report['page_cache_bytes_per_site'] or 0) / 1e3:.0f} kB per site for "
        f"its {report['cached_pages_per_site']} public ITA pages (file-based "
        "cache).",
    ]
    return "\n".join(lines) + "\n"


def quick_markdown(pages, ratios, load):
    lines = [
        f"Load average {load['before'][0]} before, {load['after'][0]} after.",
        "",
        "| Page | Median ms | CPU ms | Queries |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in pages:
        lines.append(
            f"| {row['page']} | {row['median_ms']} | {row['cpu_median_ms']} "
            f"| {row['queries']} |"
        )
    lines += ["", "| Page ÷ peer | Wall ratio | CPU ratio | Target |"]
    lines += ["| --- | ---: | ---: | ---: |"]
    for row in ratios:
        lines.append(
            f"| {row['page']} ÷ {row['peer']} | {row['wall_ratio']:.3f} "
            f"| {row['cpu_ratio']:.3f} | {row['target'] or ''} |"
        )
    return "\n".join(lines)


#: A run is called quiet when the load average stayed under this (2 CPUs).
QUIET_LOAD = 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=30)
    parser.add_argument("--measures", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--output", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--pages", default="", help="comma-separated page types to measure (all)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only the page table, printed, no result files",
    )
    parser.add_argument("--profile", default="", help="profile one page type, stop")
    args = parser.parse_args()
    only = {name.strip() for name in args.pages.split(",") if name.strip()}

    configure()
    run(args, only)
    remove_work_dir()  # kept when the run fails, for its logs


def run(args, only):
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
            if args.profile or args.quick:
                if args.profile:
                    profile_page(client, seeded, args.profile)
                else:
                    pages, ratios, load = measure_pages(
                        client, seeded, args.repeat, only
                    )
                    print(quick_markdown(pages, ratios, load))
                return
            pages, ratios, load = measure_pages(client, seeded, args.repeat, only)
            reports = measure_reports(seeded, args.repeat)
            o43_parts = measure_o43_parts(client, seeded, args.repeat)
        cached_ms = measure_cached_o43(client, seeded, args.repeat)
        cache_bytes_per_site, cached_pages_per_site = page_cache_bytes(client, seeded)
        db_bytes = database_bytes()

    report = {
        "sites": args.sites,
        "measures": args.measures,
        "repeat": args.repeat,
        "seed_seconds": round(seed_seconds, 1),
        "machine": machine,
        "load_average": load,
        "quiet": max(load["before"][0], load["after"][0]) < QUIET_LOAD,
        "pages": pages,
        "ratios": ratios,
        "reports": reports,
        "o43_parts": o43_parts,
        "cached_o43_median_ms": cached_ms,
        "database_bytes": db_bytes,
        "page_cache_bytes_per_site": cache_bytes_per_site,
        "cached_pages_per_site": cached_pages_per_site,
    }
    database = machine["database"].split()[0]
    args.output.mkdir(parents=True, exist_ok=True)
    stem = args.output / f"render-{database}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
