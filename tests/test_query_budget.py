"""Rendering O42 and O43 costs the same number of queries, however many measures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ita_wagtail.models import ItaYearPage, MeasureIndexPage
from tests.factories import ItaTree


pytestmark = pytest.mark.django_db


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def rebuild_with(measure_count):
    ItaYearPage.objects.all().delete()
    MeasureIndexPage.objects.all().delete()
    from ita_wagtail.models import ItaIndexPage

    ItaIndexPage.objects.all().delete()
    return ItaTree(measure_count=measure_count)


@pytest.mark.parametrize("url", ["/ita/2564/o42/", "/ita/2564/o42/o43/"])
def test_rendering_costs_the_same_queries_for_7_and_70_measures(
    client, url, django_assert_num_queries
):
    rebuild_with(7)
    client.get(
        url
    )  # warm caches that are not per request (content types, site root paths)
    with_7 = query_count(client, url)

    tree = rebuild_with(70)
    assert len(tree.measures) == 70
    client.get(url)
    with django_assert_num_queries(with_7):
        response = client.get(url)
    assert response.content.decode().count('class="ita-table__row"') == 70
