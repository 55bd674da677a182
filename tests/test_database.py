"""The suite runs on the database it is asked to: SQLite, then PostgreSQL in CI."""

import os
from urllib.parse import urlsplit

import pytest
from django.db import connection


pytestmark = pytest.mark.django_db

#: dj-database-url's schemes, by the Django backend vendor they select.
VENDOR_OF_SCHEME = {
    "sqlite": "sqlite",
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "pgsql": "postgresql",
    "postgis": "postgresql",
    "mysql": "mysql",
}


def vendor_of(database_url):
    return VENDOR_OF_SCHEME.get(urlsplit(database_url).scheme)


def test_the_suite_runs_on_the_database_named_by_database_url():
    database_url = os.environ.get("DATABASE_URL")
    assert connection.vendor == (vendor_of(database_url) if database_url else "sqlite")


def test_ci_runs_the_suite_on_postgresql_too():
    """.ci/setup-postgres.sh exports ITA_EXPECT_POSTGRES=1 and ITA_POSTGRES_URL.

    The Makefile then runs the suite a second time with DATABASE_URL set to
    ITA_POSTGRES_URL (and refuses to go on without it); in that pass the
    connection must really be PostgreSQL, of a version Django 5.2 supports.
    """
    if os.environ.get("ITA_EXPECT_POSTGRES") != "1":
        if os.environ.get("CI") == "true":
            pytest.fail("CI must source .ci/setup-postgres.sh (ITA_EXPECT_POSTGRES=1)")
        pytest.skip("ITA_EXPECT_POSTGRES is not set: no PostgreSQL pass expected")
    postgres_url = os.environ.get("ITA_POSTGRES_URL", "")
    assert vendor_of(postgres_url) == "postgresql"
    if os.environ.get("DATABASE_URL") == postgres_url:
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('server_version_num')::int")
            (version,) = cursor.fetchone()
        assert version >= 130000
