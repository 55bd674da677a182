"""Time and peak memory of refusing hostile import files (issue 13, point 8).

Builds each file in memory (tests/hostile_files.py), then runs the importer's
``read_table`` on it in a fresh child process per file, and reports the wall
time, the peak Python memory (tracemalloc) and the child's peak resident
memory (ru_maxrss), with the error it raised.

    python -m benchmarks.hostile_imports

Writes benchmarks/results/hostile-imports.md. Before the fix, the first file
(190 sheets) held a request for about four minutes at 4 GB.
"""

import json
import multiprocessing
import os
import platform
import resource
import time
import tracemalloc
from pathlib import Path


RESULTS = Path(__file__).resolve().parent / "results" / "hostile-imports.md"
FILES = [
    ("190 sheets of ~1 MiB (the report's file)", "many_sheets", ()),
    ("4 sheets of ~1 MiB: 260,000 cells", "workbook", (4, 1024 * 1024 - 1024)),
    ("40 small sheets outside xl/worksheets/", "renamed", (40, 2000)),
]


def build(kind, args):
    from tests.hostile_files import many_sheets_workbook, workbook_bytes

    if kind == "many_sheets":
        return many_sheets_workbook()
    if kind == "renamed":
        return workbook_bytes(*args, folder="data")
    return workbook_bytes(*args)


def measure(kind, args, queue):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.test")
    import django

    django.setup()
    from django.utils import translation

    from ita_wagtail.services.importers import read_table

    def run():
        try:
            with translation.override("en"):
                read_table(data, "hostile.xlsx")
            return "read"
        except Exception as error:
            with translation.override("en"):
                return f"{type(error).__name__}: {error}"

    data = build(kind, args)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    outcome = run()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()  # a second run, for memory: tracemalloc slows it down
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    queue.put(
        {
            "size": len(data),
            "seconds": elapsed,
            "cpu_seconds": cpu,
            "python_peak_mb": peak / 1e6,
            "rss_growth_mb": (after - before) / 1024,
            "outcome": outcome,
        }
    )


def main():
    lines = [
        "# Refusing hostile import files",
        "",
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other work: CPU time is the "
        "steadier figure); one child process per file.",
        "",
        "| File | Size | Wall time | CPU time | Peak Python memory | RSS growth "
        "| Outcome |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, kind, args in FILES:
        queue = multiprocessing.Queue()
        child = multiprocessing.Process(target=measure, args=(kind, args, queue))
        child.start()
        result = queue.get()
        child.join()
        print(label, json.dumps(result, ensure_ascii=False))
        lines.append(
            f"| {label} | {result['size'] / 1e6:.2f} MB | {result['seconds']:.2f} s "
            f"| {result['cpu_seconds']:.2f} s "
            f"| {result['python_peak_mb']:.1f} MB | {result['rss_growth_mb']:.1f} MB "
            f"| {result['outcome']} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
