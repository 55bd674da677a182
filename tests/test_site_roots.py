"""Each process holds Wagtail's site root paths (wagtail_compat.hold_site_root_paths).

With thousands of sites, Wagtail reads its list of site root paths from the
cache for each request building URLs, and scans it for each page URL. Held,
the list is read again only when the cache's token changes, and a page's
roots are found through an index. The URLs stay those Wagtail gives.
"""

import logging

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.test import RequestFactory
from wagtail.models import Page, Site

from ita_wagtail.models.wagtail_compat import (
    SITE_ROOTS_TOKEN_KEY,
    SiteRoots,
    SiteRootsHolder,
    _site_root_paths_functions,
    _wagtail_site_root_paths,
    hold_site_root_paths,
    release_site_root_paths,
    site_root_paths_held,
    site_roots_holder,
)
from tests.factories import ItaTree, make_lao_site


pytestmark = pytest.mark.django_db
COMPAT_LOGGER = "ita_wagtail.models.wagtail_compat"


@pytest.fixture
def sites():
    """Three LAOs with their ITA sections, a site nested in another's tree, and
    two hostnames sharing one root page."""
    trees = [ItaTree(site=make_lao_site(f"lao{n}.example.go.th")) for n in range(1, 4)]
    nested_home = trees[0].index.add_child(instance=Page(title="nested", slug="sub"))
    nested = Site.objects.create(hostname="nested.example.go.th", root_page=nested_home)
    nested_home.add_child(instance=Page(title="nested page", slug="page"))
    Site.objects.create(hostname="alias.example.go.th", root_page=trees[1].home)
    return trees, nested


HOSTS = ("lao1.example.go.th", "nested.example.go.th")


def every_url(request_site=None):
    """Every page's URL parts, URL, full URL and relative URL, as Wagtail gives them."""
    request = RequestFactory().get("/", HTTP_HOST=request_site or "lao1.example.go.th")
    current = Site.objects.get(hostname="lao2.example.go.th")
    urls = {}
    for page in Page.objects.order_by("path").specific():
        urls[page.pk] = (
            page.get_url_parts(),
            page.get_url_parts(request=request),
            page.get_url(),
            page.get_url(request=request),
            page.url,
            page.full_url,
            page.relative_url(current),
            page.get_site() and page.get_site().pk,
        )
    return urls


def test_urls_are_those_wagtail_gives(sites):
    assert site_root_paths_held()
    held = {host: every_url(host) for host in HOSTS}
    release_site_root_paths()
    try:
        assert not site_root_paths_held()
        assert not isinstance(Site.get_site_root_paths(), SiteRoots)
        wagtails = {host: every_url(host) for host in HOSTS}
    finally:
        assert hold_site_root_paths() is True
    assert held == wagtails
    # The same list, in Wagtail's order, with its index and count of sites.
    roots = Site.get_site_root_paths()
    assert isinstance(roots, SiteRoots)
    assert list(roots) == _wagtail_site_root_paths()
    assert roots.site_count == Site.objects.count()
    trees, nested = sites
    deep = Page.objects.get(slug="page")
    assert [root.site_id for root in roots.relevant(deep.url_path)] == [
        nested.pk,
        trees[0].site.pk,
    ]
    assert roots.relevant("/elsewhere/") == ()


def test_a_change_reaches_another_process_through_the_token(sites):
    # Another process: its own holder, sharing only Django's cache.
    other = SiteRootsHolder(_wagtail_site_root_paths)
    before = other.current()
    assert other.current() is before  # held while the token stays
    token = cache.get(SITE_ROOTS_TOKEN_KEY)
    assert token is not None

    # A new site (Site's post_save: Wagtail's clear_site_root_paths_cache).
    new = make_lao_site("new.example.go.th")
    assert cache.get(SITE_ROOTS_TOKEN_KEY) is None
    after = other.current()
    assert after is not before
    assert new.pk in {root.site_id for root in after}
    assert after.site_count == before.site_count + 1
    assert cache.get(SITE_ROOTS_TOKEN_KEY) not in (None, token)

    # A site's root page changed: its pages' URLs follow in the other process.
    trees, _ = sites
    tree = trees[2]
    site = tree.site
    site.root_page = tree.index
    site.save()
    moved = other.current()
    assert moved is not after
    nearest = moved.relevant(tree.year_page.url_path)[-1]
    assert nearest.site_id == site.pk
    assert tree.year_page.get_url_parts()[2] == "/2564/"

    # Nothing but the token tells a process: a change Wagtail is not told of
    # (no signal) stays unseen until Wagtail's cache is cleared, as Wagtail's.
    Site.objects.filter(pk=new.pk).update(hostname="renamed.example.go.th")
    assert other.current() is moved
    Site.clear_site_root_paths_cache()
    assert "http://renamed.example.go.th" in {root.root_url for root in other.current()}


def test_another_wagtail_is_left_alone_and_the_check_says_so(caplog):
    def other_code():
        return []

    release_site_root_paths()
    try:
        wagtails = dict(_site_root_paths_functions())
        changed = {**wagtails, "get_url_parts": other_code}
        with caplog.at_level(logging.WARNING, logger=COMPAT_LOGGER):
            assert hold_site_root_paths(changed) is False
        assert "left as it is" in caplog.text
        assert not site_root_paths_held()
        assert _site_root_paths_functions() == wagtails  # Wagtail untouched
        warnings = [m for m in run_checks() if m.id == "ita_wagtail.W003"]
        assert len(warnings) == 1
    finally:
        assert hold_site_root_paths() is True
    assert site_root_paths_held()
    assert not [m for m in run_checks() if m.id == "ita_wagtail.W003"]


def test_queries_are_those_wagtail_makes_and_held_urls_make_none(
    sites, client, django_assert_num_queries
):
    trees, _ = sites
    pages = [trees[0].report, trees[0].year_page, trees[1].plan]

    def request_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        cache.clear()
        site_roots_holder.forget()
        client.get("/ita/2564/o42/o43/", HTTP_HOST="lao1.example.go.th")  # warm
        with CaptureQueriesContext(connection) as first:
            response = client.get(
                "/ita/2564/o42/o43/?nocache=1", HTTP_HOST="lao1.example.go.th"
            )
        assert response.status_code == 200
        return len(first)

    held = request_queries()
    release_site_root_paths()
    try:
        wagtails = request_queries()
    finally:
        hold_site_root_paths()
    assert held == wagtails

    # Once held, URLs need neither queries nor Wagtail's cached list.
    Site.get_site_root_paths()
    cache.delete("wagtail_site_root_paths", version=2)
    with django_assert_num_queries(0):
        urls = [page.get_url() for page in pages]
        assert Site.get_site_root_paths() is site_roots_holder.current()
    assert urls[0] == "http://lao1.example.go.th/ita/2564/o42/o43/"
