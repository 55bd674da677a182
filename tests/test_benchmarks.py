"""The benchmark scripts run, small, and write what docs/performance.md reads.

Their numbers are not checked here (times are for the benchmarks, not for
tests); that they still seed, render every page type with constant queries
and report each figure is.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent


def run_benchmark(module, tmp_path, *args):
    env = {**os.environ, "ITA_BENCH_STATIC_ROOT": str(tmp_path / "static")}
    env.pop("DATABASE_URL", None)  # SQLite: the PostgreSQL runs are for the docs
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, "-m", module, *args, "--output", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def test_the_render_benchmark_measures_every_page_against_its_peers(tmp_path):
    small = ["--sites", "2", "--measures", "3", "--repeat", "2"]
    out = run_benchmark("benchmarks.render", tmp_path, *small)
    report = json.loads((tmp_path / "render-sqlite.json").read_text())
    assert (tmp_path / "render-sqlite.md").read_text() in out
    pages = {row["page"]: row for row in report["pages"]}
    assert list(pages) == [
        "index",
        "plain-index",
        "year",
        "plain-year",
        "o42",
        "plain-o42",
        "o43",
        "plain-o43",
        "o43 template path",
        "list-o43",
        "flat-o43",
        "table-o43",
        "links-year",
    ]
    for row in pages.values():
        assert row["median_ms"] > 0 and row["cpu_median_ms"] >= 0
        assert row["queries"] > 0
    for kind in ("index", "year", "o42", "o43"):
        # The plain page carries the same text (plus its link to the next page).
        assert (
            abs(pages[kind]["text_chars"] - pages[f"plain-{kind}"]["text_chars"]) <= 40
        )
    # Both ways of writing O43's table give the same page.
    assert pages["o43"]["bytes"] == pages["o43 template path"]["bytes"]
    assert pages["o43"]["queries"] == pages["o43 template path"]["queries"]
    # The peers carry the table's rows and the year's links.
    for peer in ("list-o43", "flat-o43", "table-o43"):
        assert pages[peer]["text_chars"] > pages["o43"]["text_chars"] / 2
    assert pages["links-year"]["text_chars"] > pages["year"]["text_chars"] / 2
    ratios = {(row["page"], row["peer"]): row for row in report["ratios"]}
    assert ratios[("o43", "list-o43")]["target"] == 1.0
    assert ratios[("o43", "flat-o43")]["target"] == 1.3
    assert ratios[("year", "links-year")]["target"] == 1.5
    for row in ratios.values():
        assert row["met"] in (None, row["cpu_ratio"] <= (row["target"] or 0))
    assert set(report["load_average"]) == {"before", "after"}
    assert [row["page"] for row in report["reports"]] == [
        "answer sheet",
        "admin answer sheet",
        "dashboard",
    ]
    assert [row["page"] for row in report["o43_parts"]] == [
        "o43",
        "o43 without its table",
        "plain-o43",
    ]
    assert report["cached_o43_median_ms"] > 0
    assert report["database_bytes"] > 0
    # index, year, answer sheet, O42, O43 and an item page for each other item
    assert report["cached_pages_per_site"] > 40
    assert report["page_cache_bytes_per_site"] > 0


@pytest.mark.parametrize("tool", ["wrk", "python"])
def test_the_load_test_drives_gunicorn_and_counts_errors(tmp_path, tool):
    if tool == "wrk" and not shutil.which("wrk"):
        pytest.skip("wrk is not installed (make bench installs it)")
    out = run_benchmark(
        "benchmarks.load",
        tmp_path,
        *["--sites", "1", "--measures", "3", "--workers", "2"],
        *["--connections", "2", "--duration", "1", "--runs", "2"],
        *["--max-requests", "40", "--tool", tool],
    )
    report = json.loads((tmp_path / "load-sqlite.json").read_text())
    assert (tmp_path / "load-sqlite.md").read_text() in out
    assert report["setup"]["tool"] == tool
    assert ("wrk" in report["tool"]) == (tool == "wrk")
    if tool == "python":
        assert "fallback" in out
    assert len(report["runs"]) == 2
    for run in report["runs"]:
        assert len(run["load_average_before"]) == 3
    scenarios = report["scenarios"]
    assert list(scenarios) == [
        "static file (WhiteNoise)",
        "O43, page cache",
        "year page, page cache",
        "answer sheet, page cache",
        "O43, rendered",
    ]
    assert report["total_errors"] == 0
    for scenario in scenarios.values():
        assert scenario["requests"] > 0
        assert scenario["errors"] == 0
        assert 0 < scenario["p50_ms"] <= scenario["p99_ms"]
    for name in (
        "O43, page cache",
        "year page, page cache",
        "answer sheet, page cache",
    ):
        ratio = report["cached_ratios"][name]
        assert len(ratio["throughput_share_per_run"]) == 2
        assert ratio["met"] == (
            ratio["throughput_share"] >= 0.9
            and ratio["p99_ratio"] < 2
            and ratio["errors"] == 0
        )


def test_the_scale_benchmark_seeds_in_bulk_and_reports_one_sites_pages(tmp_path):
    out = run_benchmark(
        "benchmarks.bulk_seed",
        tmp_path,
        *["--sites", "3", "--measures", "3", "--repeat", "2", "--batch-sites", "2"],
    )
    report = json.loads((tmp_path / "scale-sqlite.json").read_text())
    assert (tmp_path / "scale-sqlite.md").read_text() in out
    assert report["setup"]["sites"] == 3
    assert [row["page"] for row in report["pages"]] == [
        "answer sheet",
        "admin answer sheet",
        "dashboard",
        "o43 uncached",
    ]
    for row in report["pages"]:
        assert row["median_ms"] > 0 and row["queries"] > 0
    assert report["seeding"]["template_seconds"] > 0
    assert report["seeding"]["clone_seconds"] > 0
    assert report["database_bytes"] > 0
    assert report["cached_pages_per_site"] > 40
    assert report["page_cache_sites"] == 3
    assert report["page_cache_bytes_per_site"] > 0
    assert set(report["load_average"]) == {"before", "after"}
