"""Caching the public ITA pages, and purging them when what they show changes.

Two caches, one set of triggers:

* **Django's cache** (``PageCacheMiddleware``) keeps the rendered response of
  a public ITA page under its host and path, so a hit costs neither routing nor
  SQL. Each entry records its site and the site's *token* when it was
  rendered; purging a site replaces the token, and every entry rendered before
  stops matching, whatever URL, host alias or sub-route it was stored under.
  A token is read before rendering, so a purge that lands during a render wins.
  Each worker also keeps the entries it served most recently in its own
  memory (``ITA_WAGTAIL_CACHE_LOCAL_SIZE`` bytes): a hit on one of
  them reads only the site's token from the shared cache, so a purge on any
  server still takes effect at once, and never outlives the shared entry.
* **The frontend cache** (``wagtail.contrib.frontend_cache``, a CDN or
  Varnish): when installed, the URLs of the pages that show what changed are
  sent to it in one ``PurgeBatch``. Wagtail itself purges a published page.

What an ITA page shows, and so what purges it:

* its own content, its ancestors' titles (breadcrumbs), the fiscal year of its
  year page and, for O43, O42's measures: publishing, unpublishing, moving or
  restricting any page purges the ITA pages above and below it;
* its site's ``ItaSiteSettings`` and ``ResponsibleOffice`` names: saving one
  purges every ITA page of the site.

Django's cache is purged per site: any publish on a site renews the site's
token, which also keeps menus in the site's base template current. Documents,
images and pages of other sites linked as evidence are not tracked; they
refresh when an entry expires (``ITA_WAGTAIL_CACHE_TIMEOUT``).
"""

import gzip
import hashlib
import pickle
import re
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string
from wagtail.models import Page, Site, get_page_models

from ..models import ItaPageMixin, MeasureResultPage


#: Seconds a rendered page stays in Django's cache (0 turns the cache off).
DEFAULT_TIMEOUT = 60 * 60
#: Bytes each worker spends on its own copies (entry and prepared response; 0: off).
DEFAULT_LOCAL_SIZE = 8 * 1024 * 1024
KEY_PREFIX = "ita_wagtail"
MIDDLEWARE_PATH = "ita_wagtail.cache.PageCacheMiddleware"
#: Response headers that, varying, still give the same page to every visitor
#: the cache serves (they carry no session cookie).
HARMLESS_VARY = {"cookie", "accept-encoding"}
# The commas between Cache-Control directives or Vary headers (Django 6.1
# removed its own, django.utils.cache.cc_delim_re).
HEADER_LIST_SEPARATOR = re.compile(r"\s*,\s*")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
#: Set on the response by the cache; the hit's body is rebuilt from the entry.
RECOMPUTED_HEADERS = {"content-length", "content-encoding", "x-ita-cache"}


def get_cache():
    """The cache that holds pages (``ITA_WAGTAIL_CACHE``, default "default")."""
    return caches[getattr(settings, "ITA_WAGTAIL_CACHE", "default")]


def cache_timeout():
    """Seconds an entry lives (``ITA_WAGTAIL_CACHE_TIMEOUT``); 0 turns caching off."""
    return getattr(settings, "ITA_WAGTAIL_CACHE_TIMEOUT", DEFAULT_TIMEOUT)


def cache_enabled():
    """False when ``ITA_WAGTAIL_CACHE_TIMEOUT`` is 0 (None keeps entries for good)."""
    timeout = cache_timeout()
    return timeout is None or timeout > 0


def local_size():
    """Bytes a worker keeps in memory (``ITA_WAGTAIL_CACHE_LOCAL_SIZE``)."""
    return getattr(settings, "ITA_WAGTAIL_CACHE_LOCAL_SIZE", DEFAULT_LOCAL_SIZE)


def site_token_key(site_id):
    """The key of the token a site's entries must carry to be served."""
    return f"{KEY_PREFIX}:site-token:{site_id}"


def response_key(host, path):
    """The key of the entry for one URL (host and path, no query string)."""
    digest = hashlib.sha256(f"{host.lower()}\n{path}".encode()).hexdigest()
    return f"{KEY_PREFIX}:response:{digest}"


def ita_page_models():
    """Every page model built on ItaPageMixin, the site's own included."""
    return [model for model in get_page_models() if issubclass(model, ItaPageMixin)]


# Which requests may be answered from, and stored in, the cache.


def request_may_use_cache(request):
    """Anonymous GET without query string, session cookie or credentials.

    Such a request cannot have passed a page's view restriction (those need a
    login or a password kept in the session), so what it is shown is public.
    """
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cache_in_use():
    return cache_enabled() and MIDDLEWARE_PATH in settings.MIDDLEWARE


def read_site_token(site_id):
    """The site's current token, created if missing; None if the cache keeps none."""
    cache = get_cache()
    key = site_token_key(site_id)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return token


@dataclass(frozen=True)
class CacheMark:
    """Put on a response by the page serve chain: it may be stored, for this site."""

    site_id: int
    token: str


def cache_public_ita_pages(serve_page):
    """``on_serve_page`` hook: mark public ITA responses as cacheable.

    Registered last, so it runs inside Wagtail's view-restriction check. With
    ``ITA_WAGTAIL_SHARED_CACHE_MAX_AGE`` set, public responses also tell a CDN
    it may keep them that long (it is purged on change) and browsers to
    revalidate; others are marked private.
    """

    def serve(page, request, serve_args, serve_kwargs):
        if not isinstance(page, ItaPageMixin):
            return serve_page(page, request, serve_args, serve_kwargs)
        public = request_may_use_cache(request)
        mark = None
        if public and _cache_in_use():
            site = Site.find_for_request(request)
            token = read_site_token(site.pk) if site else None
            mark = CacheMark(site.pk, token) if token else None
        response = serve_page(page, request, serve_args, serve_kwargs)
        if mark is not None:
            response.ita_cache_mark = mark
        shared_max_age = getattr(settings, "ITA_WAGTAIL_SHARED_CACHE_MAX_AGE", None)
        if shared_max_age is not None:
            if public:
                patch_cache_control(
                    response, public=True, max_age=0, s_maxage=shared_max_age
                )
            else:
                patch_cache_control(response, private=True)
        return response

    return serve


class LocalEntries:
    """The entries a worker served last, in its memory, up to a size in bytes.

    Only ever a copy of an entry of the shared cache: served while the site's
    token (read from the shared cache on every hit) is the one the entry was
    rendered under, and never after the shared entry's own expiry. Beside the
    entry it keeps its gzipped response, pickled, ready to be served again.
    """

    def __init__(self):
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            local = self.entries.get(key)
            if local is None:
                return None
            expires_at = local.entry["expires_at"]
            if expires_at is not None and expires_at <= time.time():
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return local

    def put(self, key, local):
        limit = local_size()
        with self.lock:
            self._remove(key)
            if local.size > limit:
                return
            self.entries[key] = local
            self.size += local.size
            while self.size > limit:
                self._remove(next(iter(self.entries)))

    def remove(self, key):
        with self.lock:
            self._remove(key)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0

    def _remove(self, key):
        local = self.entries.pop(key, None)
        if local is not None:
            self.size -= local.size


@dataclass(frozen=True)
class LocalCopy:
    """A shared entry as a worker keeps it, with its gzipped response pickled."""

    entry: dict
    gzipped_response: bytes

    @property
    def size(self):
        return len(self.entry["gzipped_content"]) + len(self.gzipped_response)


#: This process's copies (see LocalEntries).
local_entries = LocalEntries()


class PageCacheMiddleware:
    """Serve public ITA pages from Django's cache; store them on the way out.

    Put it near the top of ``MIDDLEWARE``, after ``SecurityMiddleware`` (and
    WhiteNoise), before ``SessionMiddleware``: a hit then skips everything below.
    Needs a cache shared by all workers and servers (Redis, Memcached, a file
    or database cache), not the per-process local-memory cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key_for(request)
        if key is not None:
            cached = self.lookup(key, request)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if key is not None and self.store(key, request, response):
            response["X-ITA-Cache"] = "miss"
            patch_vary_headers(response, ["Accept-Encoding"])
        return response

    def key_for(self, request):
        if not cache_enabled() or not request_may_use_cache(request):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # let the rest of the stack answer it as usual
        return response_key(host, request.path)

    def lookup(self, key, request):
        """The cached response for this key, or None.

        This worker's copy first: a hit on it reads only the site's token.
        """
        gzipped = bool(
            ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        )
        cache = get_cache()
        local = local_entries.get(key)
        if local is not None:
            entry = local.entry
            if cache.get(site_token_key(entry["site_id"])) == entry["token"]:
                if gzipped:
                    return pickle.loads(local.gzipped_response)  # noqa: S301 (our own)
                return self.response_of(entry, gzipped=False)
            local_entries.remove(key)  # purged: another worker may have a newer one
        entry = cache.get(key)
        if entry is None:
            return None
        if cache.get(site_token_key(entry["site_id"])) != entry["token"]:
            return None
        response = self.response_of(entry, gzipped=True)
        if "expires_at" in entry and local_size() > 0:
            local_entries.put(key, LocalCopy(entry, pickle.dumps(response)))
        return response if gzipped else self.response_of(entry, gzipped=False)

    @staticmethod
    def response_of(entry, gzipped):
        """The response an entry stands for, gzipped or not."""
        content = entry["gzipped_content"]
        if not gzipped:
            content = gzip.decompress(content)
        response = HttpResponse(content, status=entry["status"])
        for header, value in entry["headers"]:
            response[header] = value
        if gzipped:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(content))
        patch_vary_headers(response, ["Accept-Encoding"])
        response["X-ITA-Cache"] = "hit"
        return response

    def store(self, key, request, response):
        mark = getattr(response, "ita_cache_mark", None)
        if mark is None or not self.is_storable(request, response):
            return False
        entry = {
            "site_id": mark.site_id,
            "token": mark.token,
            "status": response.status_code,
            "headers": [
                (header, value)
                for header, value in response.items()
                if header.lower() not in RECOMPUTED_HEADERS
            ],
            # Kept compressed: a tenth of the memory, and sent as is to every
            # browser. Public, query-less pages reflect nothing a visitor sends
            # and hold no secret, so compressing them leaks nothing (BREACH).
            "gzipped_content": compress_string(response.content),
        }
        timeout = cache_timeout()
        # When the shared cache drops it, so does every worker's copy.
        entry["expires_at"] = None if timeout is None else time.time() + timeout
        get_cache().set(key, entry, timeout)
        return True

    @staticmethod
    def is_storable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding"):
            return False  # compressed for one client; compress outside this cache
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        directives = {
            directive.split("=", 1)[0].strip().lower()
            for directive in HEADER_LIST_SEPARATOR.split(
                response.get("Cache-Control", "")
            )
        }
        if directives & {"private", "no-cache", "no-store"}:
            return False
        vary = {
            header.strip().lower()
            for header in HEADER_LIST_SEPARATOR.split(response.get("Vary", ""))
            if header.strip()
        }
        return vary <= HARMLESS_VARY


# Purging.


def sites_showing(url_paths):
    """Ids of the sites that serve, or show in breadcrumbs, pages at these paths."""
    site_ids = set()
    for root in Site.get_site_root_paths():
        for url_path in url_paths:
            if url_path.startswith(root.root_path) or root.root_path.startswith(
                url_path
            ):
                site_ids.add(root.site_id)
    return site_ids


def ita_pages_showing(page, subtree=True):
    """The ITA pages whose rendering shows ``page``: it, its ancestors, its subtree.

    Ancestors list their children (years, items, reports); descendants show
    their ancestors' titles, the year page's fiscal year and, for O43, O42.
    """
    related = Page.objects.ancestor_of(page, inclusive=True)
    if subtree:
        related = related | Page.objects.descendant_of(page)
    # Across years: a report on last year's measures (2569's O26) shows the
    # measures of 2568, whose page lists it.
    reports = MeasureResultPage.objects.filter(measures_page_id=page.pk)
    named = MeasureResultPage.objects.filter(pk=page.pk).values("measures_page_id")
    related = related | Page.objects.filter(
        Q(pk__in=reports.values("pk")) | Q(pk__in=named)
    )
    return list(related.type(*ita_page_models()).order_by("path"))


def ita_pages_of_site(site):
    """Every ITA page under the site's root page."""
    return list(
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .type(*ita_page_models())
        .order_by("path")
    )


def frontend_cache_installed():
    """Whether ``wagtail.contrib.frontend_cache`` is in INSTALLED_APPS."""
    return apps.is_installed("wagtail.contrib.frontend_cache")


def purge_sites(site_ids):
    """Make every cached page of these sites stale in Django's cache."""
    get_cache().delete_many([site_token_key(site_id) for site_id in site_ids])


def purge_from_frontend_cache(pages=(), urls=()):
    """Send the pages' URLs, and ``urls``, to the frontend cache in one batch."""
    if not frontend_cache_installed() or not (pages or urls):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch(urls)
    batch.add_pages(pages)
    batch.purge()


def full_urls_of_url_path(url_path):
    """Every site's URL of a page at ``url_path`` (before a move or slug change)."""
    urls = []
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            urls.append(root.root_url + "/" + url_path[len(root.root_path) :])
    return urls


def after_commit(purge):
    """Purge once the change is committed, so no render can re-cache the old data."""
    transaction.on_commit(purge)
