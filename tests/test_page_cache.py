"""Public ITA pages come from Django's cache until what they show changes."""

import gzip
import time
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from ita_wagtail.models import ItaSiteSettings
from ita_wagtail.services import cache as page_cache_module
from ita_wagtail.services.cache import (
    MIDDLEWARE_PATH,
    purge_sites,
    response_key,
    site_token_key,
)
from tests.factories import ItaTree, make_lao_site, measure_raw


pytestmark = pytest.mark.django_db

INDEX, YEAR, O42, O43 = "/ita/", "/ita/2564/", "/ita/2564/o42/", "/ita/2564/o42/o43/"
ALL_PAGES = [INDEX, YEAR, O42, O43]


@pytest.fixture
def page_cache(settings):
    settings.MIDDLEWARE = [MIDDLEWARE_PATH, *settings.MIDDLEWARE]


def warm(client, urls, **extra):
    """Fill the cache with these pages and check the next request is a hit."""
    for url in urls:
        client.get(url, **extra)
        assert client.get(url, **extra)["X-ITA-Cache"] == "hit", url


def cache_state(client, url, **extra):
    return client.get(url, **extra).get("X-ITA-Cache")


def test_the_second_anonymous_request_is_a_hit_that_costs_no_sql(
    client, ita_tree, page_cache
):
    first = client.get(O43)
    assert first["X-ITA-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(O43)
    assert second["X-ITA-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_hits_are_sent_gzipped_to_browsers_that_accept_it(client, ita_tree, page_cache):
    miss = client.get(O43, HTTP_ACCEPT_ENCODING="gzip, br")
    assert miss["X-ITA-Cache"] == "miss"
    assert not miss.has_header("Content-Encoding")
    gzipped = client.get(O43, HTTP_ACCEPT_ENCODING="gzip, br")
    assert gzipped["X-ITA-Cache"] == "hit"
    assert gzipped["Content-Encoding"] == "gzip"
    assert int(gzipped["Content-Length"]) == len(gzipped.content)
    assert len(gzipped.content) < len(miss.content) / 4
    assert gzip.decompress(gzipped.content) == miss.content
    plain = client.get(O43)
    assert plain["X-ITA-Cache"] == "hit"
    assert not plain.has_header("Content-Encoding")
    assert plain.content == miss.content
    for response in (miss, gzipped, plain):
        assert "Accept-Encoding" in response["Vary"]


def test_editors_sessions_credentials_and_query_strings_bypass_the_cache(
    admin_client, ita_tree, page_cache
):
    client = Client()  # admin_client is logged in
    for _ in range(2):
        assert "X-ITA-Cache" not in admin_client.get(O43)
        assert "X-ITA-Cache" not in client.get(O43 + "?utm_source=itas")
        assert "X-ITA-Cache" not in client.get(O43, HTTP_AUTHORIZATION="Basic eDp5")
    # Nothing the editor saw was stored for the public.
    assert cache_state(client, O43) == "miss"

    client.cookies[django_settings.SESSION_COOKIE_NAME] = "a-visitor-session"
    assert "X-ITA-Cache" not in client.get(O43)


def test_each_lao_site_has_its_own_cached_pages(client, page_cache):
    for hostname, name in [("a.example.go.th", "อบต.ก"), ("b.example.go.th", "อบต.ข")]:
        ItaTree(site=make_lao_site(hostname), organisation_name=name)
    warm(client, [O43], HTTP_HOST="a.example.go.th")
    warm(client, [O43], HTTP_HOST="b.example.go.th")
    a = client.get(O43, HTTP_HOST="a.example.go.th").content.decode()
    b = client.get(O43, HTTP_HOST="b.example.go.th").content.decode()
    assert "อบต.ก" in a and "อบต.ข" not in a
    assert "อบต.ข" in b and "อบต.ก" not in b


def test_a_page_behind_a_login_is_never_stored(client, ita_tree, page_cache):
    PageViewRestriction.objects.create(
        page=ita_tree.report, restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):
        response = client.get(O43)
        assert response.status_code == 302
        assert "X-ITA-Cache" not in response


def test_a_page_behind_a_password_is_never_stored(client, ita_tree, page_cache):
    PageViewRestriction.objects.create(
        page=ita_tree.plan, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for _ in range(2):
        response = client.get(O43)
        assert response.status_code == 200  # the password form
        assert "X-ITA-Cache" not in response
        assert "มาตรการที่ 1" not in response.content.decode()


def test_a_cdn_may_keep_public_pages_but_never_an_editors_view(
    admin_client, ita_tree, settings
):
    settings.ITA_WAGTAIL_SHARED_CACHE_MAX_AGE = 86400
    public = Client().get(O43)["Cache-Control"]
    assert {"public", "max-age=0", "s-maxage=86400"} <= {
        directive.strip() for directive in public.split(",")
    }
    assert "private" in admin_client.get(O43)["Cache-Control"]
    del settings.ITA_WAGTAIL_SHARED_CACHE_MAX_AGE
    assert not Client().get(O43).has_header("Cache-Control")


def test_the_cache_is_off_without_its_middleware_or_with_no_timeout(
    client, settings, ita_tree
):
    client.get(O43)
    assert "X-ITA-Cache" not in client.get(O43)

    settings.MIDDLEWARE = [MIDDLEWARE_PATH, *settings.MIDDLEWARE]
    settings.ITA_WAGTAIL_CACHE_TIMEOUT = 0
    client = Client()  # a client loads the middleware on its first request
    client.get(O43)
    assert "X-ITA-Cache" not in client.get(O43)

    settings.ITA_WAGTAIL_CACHE_TIMEOUT = None  # Django's "never expires"
    assert client.get(O43)["X-ITA-Cache"] == "miss"
    assert client.get(O43)["X-ITA-Cache"] == "hit"


# What purges the cache.


def test_publishing_o43_purges_o43_and_the_pages_above_it(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, ALL_PAGES)
    report = ita_tree.report
    report.title = "รายงานผลรอบหกเดือน"
    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()
    for url in ALL_PAGES:
        assert cache_state(client, url) == "miss", url
    assert "รายงานผลรอบหกเดือน" in client.get(O42).content.decode()


def test_unpublishing_o43_purges_it_and_o42s_list_of_reports(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, ALL_PAGES)
    with django_capture_on_commit_callbacks(execute=True):
        ita_tree.report.unpublish()
    assert client.get(O43).status_code == 404
    assert ita_tree.report.title not in client.get(O42).content.decode()


def test_publishing_o42_purges_the_o43_that_shows_its_measures(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, [O43])
    plan = ita_tree.plan
    plan.measures = [
        measure_raw("มาตรการเปิดเผยข้อมูลฉบับแก้ไข", offices=[ita_tree.office], measure_id=m)
        for m in ita_tree.measure_ids
    ]
    with django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    response = client.get(O43)
    assert response["X-ITA-Cache"] == "miss"
    assert response.content.decode().count("มาตรการเปิดเผยข้อมูลฉบับแก้ไข") == 3


def test_saving_the_ita_settings_purges_every_ita_page_of_the_site(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, ALL_PAGES)
    ita_settings = ItaSiteSettings.for_site(ita_tree.site)
    ita_settings.organisation_name = "เทศบาลตำบลทดสอบ"
    with django_capture_on_commit_callbacks(execute=True):
        ita_settings.save()
    for url in ALL_PAGES:
        response = client.get(url)
        assert response["X-ITA-Cache"] == "miss", url
        assert "เทศบาลตำบลทดสอบ" in response.content.decode(), url


def test_renaming_a_responsible_office_purges_the_pages_that_name_it(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, [O42, O43])
    ita_tree.office.name = "กองคลังและพัสดุ"
    with django_capture_on_commit_callbacks(execute=True):
        ita_tree.office.save()
    for url in [O42, O43]:
        assert "กองคลังและพัสดุ" in client.get(url).content.decode(), url


def test_restricting_a_cached_page_takes_it_out_of_the_cache(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    warm(client, [O42, O43])
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=ita_tree.plan, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(O42).status_code == 302
    assert client.get(O43).status_code == 302


def test_publishing_on_one_lao_site_leaves_the_others_cached(
    client, page_cache, django_capture_on_commit_callbacks
):
    trees = [
        ItaTree(site=make_lao_site(f"{name}.example.go.th"), organisation_name=name)
        for name in ("lao-a", "lao-b")
    ]
    for tree in trees:
        warm(client, ALL_PAGES, HTTP_HOST=tree.site.hostname)
    with django_capture_on_commit_callbacks(execute=True):
        trees[0].report.save_revision().publish()
    assert cache_state(client, O43, HTTP_HOST="lao-a.example.go.th") == "miss"
    for url in ALL_PAGES:
        assert cache_state(client, url, HTTP_HOST="lao-b.example.go.th") == "hit"


def test_without_a_frontend_cache_a_publish_purges_with_no_extra_query(
    client, ita_tree, page_cache, monkeypatch, django_capture_on_commit_callbacks
):
    from ita_wagtail.services import signal_handlers

    monkeypatch.setattr(signal_handlers, "frontend_cache_installed", lambda: False)
    warm(client, [O43])
    with CaptureQueriesContext(connection) as queries:
        signal_handlers.page_published_or_unpublished(instance=ita_tree.plan)
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        ita_tree.plan.save_revision().publish()
    assert cache_state(client, O43) == "miss"


def test_editing_the_catalogue_purges_the_year_page_and_its_answer_sheet(
    client, ita_tree, page_cache, django_capture_on_commit_callbacks
):
    from ita_wagtail.models import OitItem

    answers = YEAR + "answers/"
    warm(client, [YEAR, answers, O43])
    item = OitItem.objects.get(year=2564, code="O7")
    item.title_th = "ข่าวประชาสัมพันธ์ของหน่วยงาน"
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    assert cache_state(client, YEAR) == "miss"
    assert "ข่าวประชาสัมพันธ์ของหน่วยงาน" in client.get(answers).content.decode()


# Each worker's own copies of what it served.


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys each request reads from the shared cache."""
    backend = caches["default"]
    read = backend.get
    keys = []

    def get(key, *args, **kwargs):
        keys.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", get)
    return keys


def reads_of(client, cache_reads, url, **extra):
    cache_reads.clear()
    response = client.get(url, **extra)
    return response.get("X-ITA-Cache"), list(cache_reads)


def test_a_worker_serves_its_own_copy_on_the_sites_token_alone(
    client, ita_tree, page_cache, cache_reads
):
    site_token = site_token_key(ita_tree.site.pk)
    entry = response_key("testserver", O43)
    miss = client.get(O43)
    assert reads_of(client, cache_reads, O43) == ("hit", [entry, site_token])
    # From now on this worker has the page: it reads only the token.
    for encoding in ("gzip, br", ""):
        assert reads_of(client, cache_reads, O43, HTTP_ACCEPT_ENCODING=encoding) == (
            "hit",
            [site_token],
        )
    gzipped = client.get(O43, HTTP_ACCEPT_ENCODING="gzip, br")
    assert gzipped["Content-Encoding"] == "gzip"
    assert int(gzipped["Content-Length"]) == len(gzipped.content)
    assert gzip.decompress(gzipped.content) == miss.content
    assert "Accept-Encoding" in gzipped["Vary"]
    assert gzipped["Content-Type"] == miss["Content-Type"]
    plain = client.get(O43)
    assert plain.content == miss.content
    assert not plain.has_header("Content-Encoding")
    # Two hits are two responses: what one request's middleware adds stays there.
    gzipped["X-Test"] = "1"
    assert not client.get(O43, HTTP_ACCEPT_ENCODING="gzip").has_header("X-Test")


def test_a_purge_by_another_worker_reaches_this_workers_copy_at_once(
    client, ita_tree, page_cache
):
    warm(client, [O43])
    # Another worker (or server) publishes: it renews the token in the shared
    # cache and cannot reach this process's memory.
    purge_sites([ita_tree.site.pk])
    assert cache_state(client, O43) == "miss"
    assert cache_state(client, O43) == "hit"


def test_a_workers_copy_never_outlives_the_shared_entry(
    client, ita_tree, page_cache, cache_reads, settings, monkeypatch
):
    settings.ITA_WAGTAIL_CACHE_TIMEOUT = 60
    warm(client, [O43])
    site_token = site_token_key(ita_tree.site.pk)
    assert reads_of(client, cache_reads, O43) == ("hit", [site_token])
    later = time.time() + 61
    monkeypatch.setattr(page_cache_module, "time", SimpleNamespace(time=lambda: later))
    # The copy is past the entry's expiry: the shared cache is asked again.
    assert reads_of(client, cache_reads, O43)[1][0] == response_key("testserver", O43)


def test_a_workers_copies_keep_to_their_size(
    client, ita_tree, page_cache, cache_reads, settings
):
    entry = response_key("testserver", O43)
    site_token = site_token_key(ita_tree.site.pk)
    settings.ITA_WAGTAIL_CACHE_LOCAL_SIZE = 0
    warm(client, [O43])
    assert reads_of(client, cache_reads, O43) == ("hit", [entry, site_token])

    o43_size = len(gzip.compress(client.get(O43).content))
    settings.ITA_WAGTAIL_CACHE_LOCAL_SIZE = 3 * o43_size  # O43 only, or smaller pages
    warm(client, [O43])
    assert reads_of(client, cache_reads, O43) == ("hit", [site_token])
    warm(client, [INDEX, YEAR, O42])  # the least recently served go first
    assert reads_of(client, cache_reads, O43)[1] == [entry, site_token]
