import pytest
from django.core.cache import cache

from ita_wagtail.services.cache import local_entries
from tests.factories import ItaTree, lao, speaks


@pytest.fixture
def ita_tree(db):
    return ItaTree()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "webmaster", "w@example.com", "pw"
    )
    client.force_login(user)
    return client


@pytest.fixture
def lao_a(db):
    """One of two LAOs on one instance, each with its site, roles and office."""
    return lao("a.example.go.th", "อบต.ก", "กองช่างของ ก")


@pytest.fixture
def lao_b(db):
    """The other LAO (see lao_a)."""
    return lao("b.example.go.th", "อบต.ข", "กองสาธารณสุขของ ข")


@pytest.fixture
def thai_admin(client, django_user_model):
    """A superuser whose admin speaks Thai, logged in."""
    user = django_user_model.objects.create_superuser(
        "thai-webmaster", "tw@example.com", "pw"
    )
    speaks(user, "th")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches site root paths; a test that moves a site must not leak it.

    The page cache's per-process copies go too.
    """
    cache.clear()
    local_entries.clear()
    yield
    cache.clear()
    local_entries.clear()


def pytest_report_header(config):
    """Say which database the suite runs on, so a CI log shows both passes."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"
