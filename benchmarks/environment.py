"""Django for a benchmark: settings, a throw-away database, the machine's facts."""

import contextlib
import os
import platform
import secrets
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


#: Kept between runs (git-ignored): collectstatic then only adds what changed.
STATIC_ROOT = Path(__file__).resolve().parent / ".static"


def configure(work_dir=None):
    """Point Django at benchmarks.settings in a fresh working directory; set up."""
    work_dir = work_dir or tempfile.mkdtemp(prefix="ita-bench-")
    os.environ["ITA_BENCH_DIR"] = work_dir
    os.environ.setdefault("ITA_BENCH_STATIC_ROOT", str(STATIC_ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ["DJANGO_CACHE_DIR"] = os.path.join(work_dir, "cache")
    import django

    django.setup()
    return work_dir


def remove_work_dir():
    """Remove the run's working directory (kept when a run fails, for its logs)."""
    shutil.rmtree(os.environ["ITA_BENCH_DIR"], ignore_errors=True)


def collect_static():
    """The static files, as production serves them (hashed, compressed)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@contextlib.contextmanager
def benchmark_database():
    """Create an empty, migrated database (SQLite file or PostgreSQL); drop it after.

    Yields the database's URL, for the processes the benchmark starts.
    """
    from django.db import connection

    original_name = connection.settings_dict["NAME"]
    name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    try:
        yield database_url(name)
    finally:
        connection.close()
        connection.creation.destroy_test_db(original_name, verbosity=0)


def database_url(name):
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def describe_machine():
    """What the numbers were measured on."""
    import django
    import wagtail
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        (database_version,) = cursor.fetchone()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": f"{connection.vendor} {database_version}",
        "cache": "redis" if os.environ.get("REDIS_URL") else "file-based",
        # The machine may be shared: how busy it was, over 1, 5 and 15 minutes.
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
