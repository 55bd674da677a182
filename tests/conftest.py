import pytest

from tests.factories import ItaTree


@pytest.fixture
def ita_tree(db):
    return ItaTree()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("webmaster", "w@example.com", "pw")
    client.force_login(user)
    return client
