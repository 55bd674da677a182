"""Load test: gunicorn on 127.0.0.1, a cached ITA page against a static file.

Seeds a few LAO sites, starts gunicorn (sync workers) with the example site's
production stack (benchmarks/settings.py: WhiteNoise for static files, the
ITA page cache in a file cache shared by the workers), then drives it from
client processes on the same machine, one scenario after another, each for a
bounded time and number of requests:

* a static file (ita.css, hashed name) served by WhiteNoise;
* O43 (50 measures) from the page cache, cycling through the sites;
* O43 rendered (``?nocache=1`` bypasses the page cache);
* the plain page carrying O43's text, rendered.

It reports throughput, p50/p95/p99 latency and errors for each, and whether a
cached page reaches half the static file's throughput.

    python -m benchmarks.load [--workers 4] [--concurrency 8] [--duration 10]

Only 127.0.0.1 is used; gunicorn is stopped at the end. Results go to
benchmarks/results/load-<database>.json and .md.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.environment import (
    benchmark_database,
    collect_static,
    configure,
    describe_machine,
    remove_work_dir,
)


ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
HOST = "127.0.0.1"
#: A cached ITA page should reach this share of the static file's throughput.
TARGET_CACHED_SHARE = 0.5
BROWSER_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, br"}


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(port, hostname, path):
    """One request on a new connection (gunicorn's sync workers close each)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": hostname, **BROWSER_HEADERS})
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader("X-ITA-Cache"), len(body)
    finally:
        connection.close()


def start_gunicorn(port, workers, database_url, log_path):
    environment = {**os.environ, "DATABASE_URL": database_url}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "example_site.wsgi:application",
    ]
    log = open(log_path, "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {log_path}")
        try:
            get(port, "localhost", "/static/does-not-exist")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer within 60 s; see {log_path}")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def client_process(port, targets, threads, deadline, max_requests):
    """Run ``threads`` looping clients until the deadline or the request budget."""
    results = []
    lock = threading.Lock()
    budget = [max_requests]

    def loop(offset):
        number = offset
        while time.time() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            hostname, path = targets[number % len(targets)]
            number += threads
            start = time.perf_counter()
            try:
                status, cache_state, size = get(port, hostname, path)
                error = "" if status == 200 else f"HTTP {status}"
            except OSError as exc:
                status, cache_state, size, error = 0, None, 0, type(exc).__name__
            results.append((time.perf_counter() - start, error, cache_state, size))

    workers = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def run_scenario(port, targets, concurrency, duration, max_requests, processes=2):
    """Drive the server with ``concurrency`` clients; summarise what they saw."""
    for hostname, path in targets:  # warm: fill the page cache, load templates
        for _ in range(3):
            get(port, hostname, path)
    threads = max(1, concurrency // processes)
    started = time.time()
    deadline = started + duration
    with ProcessPoolExecutor(processes) as pool:
        futures = [
            pool.submit(
                client_process,
                port,
                targets,
                threads,
                deadline,
                max_requests // processes,
            )
            for _ in range(processes)
        ]
        results = [result for future in futures for result in future.result()]
    elapsed = time.time() - started
    latencies = sorted(seconds * 1000 for seconds, error, _, _ in results if not error)
    errors = [error for _, error, _, _ in results if error]
    hits = sum(1 for _, error, cache_state, _ in results if cache_state == "hit")
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else []
    return {
        "requests": len(results),
        "seconds": round(elapsed, 2),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(quantiles[49], 2) if quantiles else None,
        "p95_ms": round(quantiles[94], 2) if quantiles else None,
        "p99_ms": round(quantiles[98], 2) if quantiles else None,
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "page_cache_hits": hits,
        "bytes_per_response": round(
            statistics.mean(size for _, error, _, size in results if not error)
        )
        if latencies
        else 0,
    }


def markdown(report):
    setup = report["setup"]
    lines = [
        f"Load test: gunicorn {setup['workers']} sync workers on {HOST}, "
        f"{setup['concurrency']} concurrent clients in 2 processes on the same "
        f"{report['machine']['cpus']}-CPU machine, up to {setup['duration']} s "
        f"or {setup['max_requests']} requests per scenario, "
        f"{report['machine']['database']}, {report['machine']['cache']} cache "
        f"(load average {report['machine']['load_average'][0]} before the load).",
        "",
        "| Scenario | Requests | Throughput (req/s) | p50 ms | p95 ms | p99 ms "
        "| Errors | Bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in report["scenarios"].items():
        lines.append(
            f"| {name} | {row['requests']} | {row['throughput_rps']} | {row['p50_ms']} "
            f"| {row['p95_ms']} | {row['p99_ms']} | {row['errors']} "
            f"| {row['bytes_per_response']} |"
        )
    lines += [
        "",
        f"Cached O43 / static file throughput: {report['cached_share']} "
        f"(target ≥ {TARGET_CACHED_SHARE}: "
        f"{'met' if report['cached_target_met'] else 'MISSED'}); "
        f"errors in all scenarios: {report['total_errors']}.",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=3)
    parser.add_argument("--measures", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--output", type=Path, default=RESULTS_DIR)
    args = parser.parse_args()

    work_dir = configure()
    collect_static()
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.test import Client

    from benchmarks.seed import ITA_PAGES, seed_lao_sites

    with benchmark_database() as database_url:
        seeded = seed_lao_sites(args.sites, args.measures, Client())
        machine = describe_machine()
        from django.db import connection

        connection.close()  # SQLite: let gunicorn's workers have the file
        port = free_port()
        server = start_gunicorn(
            port, args.workers, database_url, os.path.join(work_dir, "gunicorn.log")
        )
        o43 = ITA_PAGES["o43"]
        scenarios = {
            "static file (WhiteNoise)": [
                (lao.hostname, staticfiles_storage.url("ita_wagtail/css/ita.css"))
                for lao in seeded
            ],
            "O43, page cache": [(lao.hostname, o43) for lao in seeded],
            "O43, rendered": [(lao.hostname, o43 + "?nocache=1") for lao in seeded],
            "plain page, rendered": [
                (lao.hostname, lao.plain_pages["o43"]) for lao in seeded
            ],
        }
        try:
            results = {
                name: run_scenario(
                    port, targets, args.concurrency, args.duration, args.max_requests
                )
                for name, targets in scenarios.items()
            }
        finally:
            stop(server)

    static = results["static file (WhiteNoise)"]["throughput_rps"]
    cached = results["O43, page cache"]["throughput_rps"]
    report = {
        "setup": {
            "workers": args.workers,
            "concurrency": args.concurrency,
            "duration": args.duration,
            "max_requests": args.max_requests,
            "sites": args.sites,
            "measures": args.measures,
        },
        "machine": machine,
        "scenarios": results,
        "cached_share": round(cached / static, 2) if static else None,
        "cached_target_met": bool(static) and cached / static >= TARGET_CACHED_SHARE,
        "total_errors": sum(row["errors"] for row in results.values()),
    }
    database = machine["database"].split()[0]
    args.output.mkdir(parents=True, exist_ok=True)
    stem = args.output / f"load-{database}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    remove_work_dir()


if __name__ == "__main__":
    main()
