"""Public ITA pages cost a fixed number of SQL queries, whatever their size.

An LAO's O42 may list one measure or two hundred, and one instance may host a
province's worth of LAO sites: neither may change what a page costs to render.
These are uncached renders (the page cache is tested in test_page_cache.py).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ItaTree, make_lao_site


pytestmark = pytest.mark.django_db

PAGES = {
    "index": "/ita/",
    "year": "/ita/2564/",
    "o42": "/ita/2564/o42/",
    "o43": "/ita/2564/o42/o43/",
}

#: The queries each page makes, exactly (docs/webmaster-guide.md's table says the same).
#: Wagtail itself makes one to find the site, two per URL segment to route
#: (the page, then its specific type) and two to check view restrictions; the
#: ITA settings take one. The ITA section asks for its year, and O42 for its
#: report, in their own types at once: one query for that segment (issue 17);
#: so does the year for O42, whose type the year's own routing query read
#: (the next URL segment's child), and each of these queries reads the served
#: page's approval too (none asked again for a page nobody approved).
#: Then:
#: - the index lists its public years (2) and each year's progress from its
#:   latest report (years, O42s and O43s: 3, with their restrictions: 3);
#: - the year reads its catalogue items (1), every page under it in its
#:   specific type (1: the app's page types joined; a reader's year page, see
#:   below; editors' take 1 + one per page type), their view restrictions (1), and
#:   its progress from the latest published report among those pages (1: its
#:   results and its O42's measures, raw); for a reader it checks only that
#:   each page can be opened, not the editors' findings (issue 17: 21 queries
#:   before, then the progress reloaded the years, O42s and O43s with their
#:   restrictions, the report's catalogue item, the site for full URLs and the
#:   O43 checks' catalogue item);
#: - O42 reads its offices (1) and lists its public reports (2);
#: - O43 reads the offices (1).
#: Item pages come with their catalogue item (ItaItemPageManager), for free.
#: Each is the same whatever the number of measures, items or sites.
QUERY_BUDGET = {"index": 14, "year": 11, "o42": 11, "o43": 10}


def count_queries(client, hostname, url):
    """Queries of a second request, once per-process caches (site roots) are warm."""
    client.get(url, HTTP_HOST=hostname)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=hostname)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def trees_by_measure_count():
    """Three LAOs on one instance, with 1, 50 and 200 measures."""
    return {
        count: ItaTree(
            measure_count=count,
            site=make_lao_site(f"lao-{count}.example.go.th"),
            organisation_name=f"องค์การบริหารส่วนตำบล {count} มาตรการ",
        )
        for count in (1, 50, 200)
    }


@pytest.mark.parametrize("page", PAGES)
def test_page_costs_the_same_queries_for_1_50_and_200_measures(
    client, trees_by_measure_count, page
):
    counts = {}
    for measure_count, tree in trees_by_measure_count.items():
        counts[measure_count], html = count_queries(
            client, tree.site.hostname, PAGES[page]
        )
        assert f"บล {measure_count} มาตรการ" in html  # this LAO's own page
        if page in ("o42", "o43"):
            assert html.count('class="ita-table__row"') == measure_count
    assert counts[1] == counts[50] == counts[200], counts
    assert counts[1] == QUERY_BUDGET[page], counts


def test_pages_cost_the_same_queries_with_1_and_30_lao_sites(client):
    first = ItaTree(
        site=make_lao_site("lao-1.example.go.th"), organisation_name="อบต.ที่ ๑"
    )
    alone = {
        page: count_queries(client, first.site.hostname, url)[0]
        for page, url in PAGES.items()
    }
    for number in range(2, 31):
        last = ItaTree(
            site=make_lao_site(f"lao-{number}.example.go.th"),
            organisation_name=f"อบต.ที่ {number}",
        )
    for tree, name in [(first, "อบต.ที่ ๑"), (last, "อบต.ที่ 30")]:
        among_30 = {}
        for page, url in PAGES.items():
            among_30[page], html = count_queries(client, tree.site.hostname, url)
            assert name in html
        assert among_30 == alone
    for page, count in alone.items():
        assert count == QUERY_BUDGET[page], alone


def test_breadcrumbs_and_fiscal_year_from_routing_match_the_database(rf, ita_tree):
    """Served from its URL, a page reuses the ancestors routing loaded."""
    from wagtail.models import Page

    request = rf.get("/ita/2564/o42/o43/")
    routed = Page.find_for_request(request, "/ita/2564/o42/o43/")
    with CaptureQueriesContext(connection) as queries:
        routed_trail = [(p.pk, p.title) for p in routed.breadcrumb_ancestors]
        routed_year = routed.fiscal_year
    assert len(queries) == 0

    fresh = Page.objects.get(pk=ita_tree.report.pk).specific
    assert fresh.routed_ancestors is None
    in_database = [(p.pk, p.title) for p in fresh.get_ancestors()[1:]]
    assert routed_trail == [(p.pk, p.title) for p in fresh.breadcrumb_ancestors]
    assert routed_trail == in_database
    assert [pk for pk, _ in in_database] == [
        ita_tree.home.pk,
        ita_tree.index.pk,
        ita_tree.year_page.pk,
        ita_tree.plan.pk,
    ]
    assert routed_year == fresh.fiscal_year
    assert routed_year.be_year == 2564
