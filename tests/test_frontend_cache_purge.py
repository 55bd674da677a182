"""What a CDN or Varnish in front of the site is told to purge (frontend cache)."""

import pytest
from wagtail.models import PageViewRestriction

from ita_wagtail.models import ItaSiteSettings
from tests.factories import ItaTree, make_lao_site
from tests.frontend_cache_backend import RecordingBackend


pytestmark = pytest.mark.django_db

SITE = "http://localhost"  # the default site of the test database
INDEX, YEAR, O42, O43 = "/ita/", "/ita/2564/", "/ita/2564/o42/", "/ita/2564/o42/o43/"


@pytest.fixture
def purged(settings):
    """The URLs purged from the frontend cache while the test runs."""
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.frontend_cache_backend.RecordingBackend"}
    }
    RecordingBackend.purged_urls.clear()
    yield RecordingBackend.purged_urls
    RecordingBackend.purged_urls.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if committed: purges wait for the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


#: The sub-routes purged with a page (``get_cached_paths``): the year's answer
#: sheet and its downloads, an item page's public history.
SUBROUTES = {
    "/ita/": [""],
    "year": ["", "answers/", "answers/csv/", "answers/xlsx/"],
    "item": ["", "history/"],
}


def urls(*paths, site=SITE):
    """The URLs purged for these pages, their sub-routes included."""
    found = set()
    for path in paths:
        if path == INDEX:
            kind = "/ita/"
        elif path.count("/") == 3:  # /ita/<year>/
            kind = "year"
        else:
            kind = "item"
        found |= {site + path + sub for sub in SUBROUTES[kind]}
    return found


def test_publishing_o43_purges_it_o42_the_year_and_the_index(
    ita_tree, purged, committed
):
    with committed():
        ita_tree.report.save_revision().publish()
    assert set(purged) == urls(INDEX, YEAR, O42, O43)
    assert len(purged) == len(set(purged))  # Wagtail purges O43 itself; once each


def test_publishing_o42_purges_its_o43(ita_tree, purged, committed):
    with committed():
        ita_tree.plan.save_revision().publish()
    assert set(purged) == urls(INDEX, YEAR, O42, O43)


def test_unpublishing_o43_purges_it_and_the_pages_listing_it(
    ita_tree, purged, committed
):
    with committed():
        ita_tree.report.unpublish()
    assert set(purged) == urls(INDEX, YEAR, O42, O43)


def test_publishing_the_home_page_purges_the_breadcrumbs_of_every_ita_page(
    ita_tree, purged, committed
):
    with committed():
        ita_tree.home.save_revision().publish()
    assert urls(INDEX, YEAR, O42, O43) <= set(purged)


def test_saving_the_ita_settings_purges_that_sites_ita_pages_only(purged, committed):
    ours = ItaTree(site=make_lao_site("ours.example.go.th"))
    ItaTree(site=make_lao_site("theirs.example.go.th"))
    ita_settings = ItaSiteSettings.for_site(ours.site)
    ita_settings.digits = "arabic"
    with committed():
        ita_settings.save()
    assert set(purged) == urls(INDEX, YEAR, O42, O43, site="http://ours.example.go.th")


def test_saving_a_responsible_office_purges_that_sites_ita_pages(
    ita_tree, purged, committed
):
    ita_tree.office.name = "สำนักปลัด"
    with committed():
        ita_tree.office.save()
    assert set(purged) == urls(INDEX, YEAR, O42, O43)


def test_restricting_o42_purges_it_and_its_o43(ita_tree, purged, committed):
    with committed():
        PageViewRestriction.objects.create(
            page=ita_tree.plan, restriction_type=PageViewRestriction.LOGIN
        )
    assert set(purged) == urls(INDEX, YEAR, O42, O43)


def test_renaming_the_year_purges_the_old_addresses_of_its_pages(
    ita_tree, purged, committed
):
    year_page = ita_tree.year_page
    year_page.slug = "2564-fy"
    with committed():
        year_page.save_revision().publish()
    renamed = [path.replace("2564", "2564-fy") for path in (YEAR, O42, O43)]
    assert urls(YEAR, O42, O43) <= set(purged)  # the old addresses
    assert urls(INDEX, *renamed) <= set(purged)


def test_moving_o42_purges_the_old_and_new_addresses(ita_tree, purged, committed):
    from ita_wagtail.models import ItaYearPage

    next_year = ita_tree.index.add_child(
        instance=ItaYearPage(title="ปีงบประมาณ 2565", slug="2565", year=2565)
    )
    with committed():
        ita_tree.plan.move(next_year, pos="last-child")
    assert urls(O42, O43) <= set(purged)
    assert urls("/ita/2565/o42/", "/ita/2565/o42/o43/", "/ita/2565/") <= set(purged)
    assert urls(INDEX, YEAR) <= set(purged)
