"""The bulk seeder (benchmarks/bulk_seed.py) makes what the admin makes.

The 7,850-site benchmark clones one site seeded through Wagtail's API
(benchmarks/seed.py) instead of seeding each through it. Its figures only
count if the clones are the same sites: the same rows in every table, a sound
page tree, the same public pages with the same queries, the same roles, and
editors who see only their own site.
"""

import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Site

from benchmarks.bulk_seed import Template, clone_sites
from benchmarks.seed import ANSWER_SHEET, DEMO_DATA, HOSTNAME, seed_lao_site
from ita_wagtail.models import ItaIndexPage, MeasureIndexPage, ResponsibleOffice
from ita_wagtail.models.catalogue_loading import load_year
from ita_wagtail.services.roles import setup_site_roles


pytestmark = pytest.mark.django_db

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
PATHS = [
    "/ita/",
    "/ita/2564/",
    ANSWER_SHEET,
    "/ita/2564/o1/",
    "/ita/2564/o42/",
    "/ita/2564/o42/o43/",
]


def row_counts():
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    }


def page_as_seen(client, number, path):
    """A site's page, its names and page ids written the same for every site."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=HOSTNAME.format(number=number))
    assert response.status_code == 200, (number, path, response.status_code)
    html = response.content.decode()
    html = html.replace(HOSTNAME.format(number=number), "HOST")
    for digits in (str(number), str(number).translate(THAI_DIGITS)):
        html = html.replace(f"({digits})", "(N)")
    html = re.sub(r"(ita-data/|ita-data-links-heading-)\d+", r"\1ID", html)
    return html, len(queries)


@pytest.fixture
def sites():
    """Site 1 (instance-wide rows), site 2 through the API, 3 and 4 cloned from 2."""
    data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    load_year(2564)
    seed_lao_site(1, 3, data)
    before = row_counts()
    api_site = seed_lao_site(2, 3, data)
    after_api = row_counts()
    clone_sites(Template(api_site.site), [3, 4], batch_sites=1)
    return before, after_api, row_counts()


def test_each_clone_has_the_rows_the_api_seeded_site_has(sites):
    before, after_api, after_clones = sites
    per_site = {table: after_api[table] - before[table] for table in before}
    assert per_site["wagtailcore_page"] == 46  # home, ITA, year, O42, O43, 41 items
    assert per_site["wagtailcore_revision"] == 46
    assert per_site["auth_group"] == 3
    cloned = {table: after_clones[table] - after_api[table] for table in before}
    assert cloned == {table: 2 * count for table, count in per_site.items()}
    assert Page.find_problems() == ([], [], [], [], [])
    for number in (3, 4):
        site = Site.objects.get(hostname=HOSTNAME.format(number=number))
        pages = Page.objects.descendant_of(site.root_page, inclusive=True)
        assert pages.count() == 46
        assert not pages.filter(live=False).exists()
        for page in pages:
            assert page.live_revision_id == page.latest_revision_id is not None
            assert page.url_path.startswith(f"/lao-{number}/")
        # O42's measures name the clone's own offices.
        plan = MeasureIndexPage.objects.descendant_of(site.root_page).get()
        offices = set(ResponsibleOffice.objects.filter(site=site))
        named = {
            office for row in plan.get_measure_table().rows for office in row.offices
        }
        assert named and named <= offices
        # The roles are what setup_site_roles makes: running it changes nothing.
        counts = row_counts()
        setup_site_roles(site)
        assert row_counts() == counts


def test_clones_serve_the_api_seeded_sites_pages_with_the_same_queries(sites, client):
    for path in PATHS:  # templates and per-process caches warmed on site 4
        page_as_seen(client, 4, path)
    for path in PATHS:
        api_html, api_queries = page_as_seen(client, 2, path)
        clone_html, clone_queries = page_as_seen(client, 3, path)
        assert clone_html == api_html, path
        assert clone_queries == api_queries, path


def test_a_clones_editors_see_only_their_own_site(sites, client):
    own = Site.objects.get(hostname=HOSTNAME.format(number=3))
    other = Site.objects.get(hostname=HOSTNAME.format(number=4))
    editor = get_user_model().objects.create_user("editor-3")
    editor.groups.add(setup_site_roles(own).editors)
    client.force_login(editor)
    own_index = ItaIndexPage.objects.descendant_of(own.root_page).get()
    other_index = ItaIndexPage.objects.descendant_of(other.root_page).get()
    own_plan = MeasureIndexPage.objects.descendant_of(own.root_page).get()
    for page in (own_index, own_plan):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other_index.pk]))
    assert response.status_code != 200
    explorer = client.get(reverse("wagtailadmin_explore", args=[own_index.pk]))
    assert explorer.status_code == 200
    listed = explorer.content.decode()
    own_year = own_index.get_children().get()
    other_year = other_index.get_children().get()
    assert reverse("wagtailadmin_pages:edit", args=[own_year.pk]) in listed
    assert reverse("wagtailadmin_pages:edit", args=[other_year.pk]) not in listed
