"""What purges the ITA page caches (see cache.py), wired in ``AppConfig.ready()``."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from ..models import ItaSiteSettings, ItaYearPage, OitItem, ResponsibleOffice
from .cache import (
    after_commit,
    frontend_cache_installed,
    full_urls_of_url_path,
    ita_pages_of_site,
    ita_pages_showing,
    purge_from_frontend_cache,
    purge_sites,
    sites_showing,
)


def purge(site_ids=(), pages=(), urls=()):
    """After commit: renew the sites' tokens and purge pages and URLs from a CDN."""
    site_ids, pages, urls = set(site_ids), list(pages), list(urls)

    def run():
        purge_sites(site_ids)
        purge_from_frontend_cache(pages, urls)

    after_commit(run)


def upstream_pages_showing(page, subtree=True):
    """The ITA pages to purge from a frontend cache; none (no query) without one."""
    if not frontend_cache_installed():
        return []
    return ita_pages_showing(page, subtree)


def page_published_or_unpublished(instance, **kwargs):
    """The page, the ITA pages above it (lists) and below it (breadcrumbs, O43)."""
    # Wagtail's own handler sends the page itself to the frontend cache.
    related = [p for p in upstream_pages_showing(instance) if p.pk != instance.pk]
    purge(sites_showing([instance.url_path]), related)


def old_urls_of_subtree(pages, url_path_before, url_path_after):
    """The URLs the pages under a moved or renamed page had before."""
    urls = []
    for page in pages:
        if page.url_path.startswith(url_path_after):
            old_path = url_path_before + page.url_path[len(url_path_after) :]
            for full_url in full_urls_of_url_path(old_path):
                urls += [
                    full_url + sub_path.lstrip("/")
                    for sub_path in page.specific_deferred.get_cached_paths()
                ]
    return urls


def page_moved(instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    """Old and new places: the pages listing it, its subtree, its old URLs."""
    if url_path_before == url_path_after:
        return  # reordered among its siblings: nothing shown changes
    related = upstream_pages_showing(instance)
    related += upstream_pages_showing(parent_page_before, subtree=False)
    purge(
        sites_showing([url_path_before, url_path_after]),
        related,
        old_urls_of_subtree(related, url_path_before, url_path_after),
    )


def page_slug_changed_handler(instance, instance_before, **kwargs):
    """The old URLs of the renamed page and its subtree (publishing did the rest)."""
    related = upstream_pages_showing(instance)
    old_urls = old_urls_of_subtree(related, instance_before.url_path, instance.url_path)
    purge(sites_showing([instance_before.url_path, instance.url_path]), (), old_urls)


def view_restriction_changed(instance, **kwargs):
    """A page made private (or public again), its subtree and the pages listing it."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # not a restriction deleted with its page
        purge(sites_showing([page.url_path]), upstream_pages_showing(page))


def site_content_changed(instance, **kwargs):
    """ITA settings or a responsible office: every ITA page of the site shows it."""
    site = Site.objects.filter(pk=instance.site_id).select_related("root_page").first()
    if site is not None:
        pages = ita_pages_of_site(site) if frontend_cache_installed() else []
        purge([site.pk], pages)


def site_changed(instance, **kwargs):
    """A Site's hostname or root page changed: its entries are no longer right."""
    purge([instance.pk])


def catalogue_changed(instance, **kwargs):
    """An OIT item: the year pages and answer sheets of every site list it."""
    year_pages = list(ItaYearPage.objects.filter(year=instance.year))
    site_ids = sites_showing([page.url_path for page in year_pages])
    purge(site_ids, year_pages if frontend_cache_installed() else [])


def register_signal_handlers():
    """Connect the purge triggers (from ``AppConfig.ready()``)."""
    page_published.connect(
        page_published_or_unpublished, dispatch_uid="ita_wagtail_cache_published"
    )
    page_unpublished.connect(
        page_published_or_unpublished, dispatch_uid="ita_wagtail_cache_unpublished"
    )
    post_page_move.connect(page_moved, dispatch_uid="ita_wagtail_cache_moved")
    page_slug_changed.connect(
        page_slug_changed_handler, dispatch_uid="ita_wagtail_cache_slug_changed"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"ita_wagtail_cache_restriction_{signal is post_save}",
        )
        signal.connect(
            site_changed,
            sender=Site,
            dispatch_uid=f"ita_wagtail_cache_site_{signal is post_save}",
        )
        signal.connect(
            site_content_changed,
            sender=ResponsibleOffice,
            dispatch_uid=f"ita_wagtail_cache_office_{signal is post_save}",
        )
    post_save.connect(
        site_content_changed,
        sender=ItaSiteSettings,
        dispatch_uid="ita_wagtail_cache_settings",
    )
    for signal in (post_save, post_delete):
        signal.connect(
            catalogue_changed,
            sender=OitItem,
            dispatch_uid=f"ita_wagtail_cache_catalogue_{signal is post_save}",
        )
