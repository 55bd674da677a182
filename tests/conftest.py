import pytest
from django.core.cache import cache

from tests.factories import ItaTree


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


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches site root paths; a test that moves a site must not leak it."""
    cache.clear()
    yield
    cache.clear()
