"""The example site's production settings, on a throw-away benchmark database.

Benchmarks run the production stack (WhiteNoise, the page cache, a file cache
shared by the workers) over plain HTTP on 127.0.0.1: requests say they came
through an HTTPS load balancer (``X-Forwarded-Proto: https``).
"""

import os

from example_site.settings.production import *  # noqa: F403
from example_site.settings.production import DATABASES, INSTALLED_APPS


# The peer pages (benchmarks/peers): what a webmaster would build instead.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.table_block", "benchmarks.peers"]


WORK_DIR = os.environ["ITA_BENCH_DIR"]  # set by benchmarks/environment.py

ALLOWED_HOSTS = [".bench.example.go.th", "127.0.0.1", "localhost"]
STATIC_ROOT = os.environ["ITA_BENCH_STATIC_ROOT"]
MEDIA_ROOT = os.path.join(WORK_DIR, "media")

# The database the benchmark creates and drops (Django's test-database
# machinery): a file beside the rest for SQLite, so gunicorn's workers share it;
# on PostgreSQL ITA_BENCH_DATABASE (default ita_bench) lets two runs coexist.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(WORK_DIR, "bench.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("ITA_BENCH_DATABASE", "ita_bench")
    }
