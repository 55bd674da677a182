"""What models/wagtail_compat.py relies on still holds in the installed Wagtail.

Each test fails if a Wagtail (or treebeard, or Django) release changes the
behaviour the module names; the pages would still render, with more queries.
"""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.models import Page, Site

from ita_wagtail.models import (
    ItaItemPage,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
)
from ita_wagtail.models.wagtail_compat import (
    CHAINED_UNION_SOURCES,
    SpecificSelectRelatedManager,
    cached_value,
    flatten_site_history_union,
    instances_without_init,
    prefill_cached_property,
    routed_parent,
    source_digest,
    urls_below,
)
from tests.factories import ItaTree, make_lao_site


pytestmark = pytest.mark.django_db


def route(path):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get(path)
    components = [part for part in path.split("/") if part]
    return site.root_page.specific.route(request, components).page


def test_the_router_leaves_each_pages_parent_on_it(ita_tree):
    page = route("/ita/2564/o42/o43/")
    assert isinstance(page, MeasureResultPage)
    chain = []
    while routed_parent(page) is not None:
        page = routed_parent(page)
        chain.append((type(page), page.pk))
    assert chain == [
        (MeasureIndexPage, ita_tree.plan.pk),
        (ItaYearPage, ita_tree.year_page.pk),
        (type(ita_tree.index.specific), ita_tree.index.pk),
        (type(ita_tree.home.specific), ita_tree.home.pk),
    ]


def test_a_routed_page_reads_its_ancestors_without_a_query(
    ita_tree, django_assert_num_queries
):
    page = route("/ita/2564/o42/o43/")
    with django_assert_num_queries(0):
        assert page.year_page.pk == ita_tree.year_page.pk
        assert [p.pk for p in page.breadcrumb_ancestors] == [
            ita_tree.home.pk,
            ita_tree.index.pk,
            ita_tree.year_page.pk,
            ita_tree.plan.pk,
        ]


def test_the_section_and_o42_route_to_a_year_and_a_report_in_one_query(
    ita_tree, django_assert_num_queries
):
    """Page.route's two queries (the child, then its specific type) are one
    where the child's type is the one expected (route_to_child)."""
    request = RequestFactory().get("/")
    index = ita_tree.index.specific
    plan = MeasureIndexPage.objects.get(pk=ita_tree.plan.pk)
    with django_assert_num_queries(1):
        year = index.route(request, ["2564"]).page
    with django_assert_num_queries(1):
        report = plan.route(request, ["o43"]).page
        assert report.item_code == "O43"  # its item joined, as page.specific does
    assert type(year) is ItaYearPage and year.pk == ita_tree.year_page.pk
    assert type(report) is MeasureResultPage and report.pk == ita_tree.report.pk
    assert routed_parent(year) is index and routed_parent(report) is plan


def test_the_year_routes_to_o42_in_one_query(ita_tree, django_assert_num_queries):
    """The year learns O42's type in its own routing query (the next URL
    segment's child), and asks for it in that type at once."""
    ita_tree.add_item_page("O1")
    request = RequestFactory().get("/")
    index = ita_tree.index.specific
    with django_assert_num_queries(2):  # the year, then O42
        plan = index.route(request, ["2564", "o42"]).page
        assert plan.item_code == "O42"
    assert type(plan) is MeasureIndexPage and plan.pk == ita_tree.plan.pk
    assert type(routed_parent(plan)) is ItaYearPage
    with django_assert_num_queries(2):  # an item page too, in its own type
        item = index.route(request, ["2564", "o1"]).page
        assert item.item_code == "O1"
    assert type(item) is ItaItemPage
    with django_assert_num_queries(3):  # the year, O42, O43
        report = index.route(request, ["2564", "o42", "o43"]).page
    assert type(report) is MeasureResultPage and report.pk == ita_tree.report.pk
    with pytest.raises(Http404):  # no such child: Page.route says so
        index.route(request, ["2564", "o99"])


def test_routing_reads_the_served_pages_approval(ita_tree, django_assert_num_queries):
    """A page nobody approved costs no query for its approval line."""
    ita_tree.report.save_revision().publish()
    ita_tree.year_page.save_revision().publish()
    for path in ("/ita/2564/o42/o43/", "/ita/2564/"):
        page = route(path)
        assert page.live_revision_id
        with django_assert_num_queries(0):
            assert page.get_approval() is None
    # Fetched on its own, it asks (the approved case: tests/test_roles.py).
    page = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    with django_assert_num_queries(1):
        assert page.get_approval() is None


def test_routing_keeps_wagtails_answers(client, ita_tree):
    """Drafts, unknown slugs, O42's own sub-pages and children of another type
    route as Page.route routes them."""
    assert client.get("/ita/2599/").status_code == 404
    assert client.get("/ita/2564/o42/o44/").status_code == 404
    assert client.get("/ita/2564/o42/history/").status_code == 200
    assert client.get("/ita/2564/o42/o43/history/").status_code == 200
    ita_tree.report.unpublish()
    assert client.get("/ita/2564/o42/o43/").status_code == 404
    ita_tree.year_page.unpublish()
    assert client.get("/ita/2564/").status_code == 404
    # A child of another type than the one asked for first: Page.route finds it.
    other = ita_tree.index.add_child(instance=Page(title="อื่น ๆ", slug="other"))
    request = RequestFactory().get("/")
    routed = ita_tree.index.specific.route(request, ["other"]).page
    assert routed.pk == other.pk and routed_parent(routed).pk == ita_tree.index.pk


def field_values(page):
    return {f.attname: getattr(page, f.attname) for f in page._meta.concrete_fields}


@pytest.mark.parametrize("model", [ItaYearPage, MeasureIndexPage, MeasureResultPage])
def test_the_child_query_gives_what_the_querysets_give(ita_tree, model):
    """ChildQuery's SQL, written once, against Django's queryset: the same
    instance, field by field (converted: dates, StreamFields, JSON), its
    item joined, its annotations; and nothing for another slug."""
    from ita_wagtail.models.pages import APPROVAL_ANNOTATION, approval_subquery
    from ita_wagtail.models.wagtail_compat import ChildQuery, OrmChildQuery

    ita_tree.report.save_revision().publish()
    child = model.objects.get()
    parent = child.get_parent()
    annotations = {APPROVAL_ANNOTATION: approval_subquery()}
    query = ChildQuery.of(model, annotations)
    assert type(query) is ChildQuery
    built = query.get(parent, child.slug, annotations)
    loaded = OrmChildQuery(model).get(parent, child.slug, annotations)
    assert type(built) is model and not built._state.adding
    assert built._state.db == loaded._state.db == "default"
    assert field_values(built) == field_values(loaded)
    assert getattr(built, APPROVAL_ANNOTATION) == getattr(loaded, APPROVAL_ANNOTATION)
    if hasattr(model, "oit_item"):
        cached = model._meta.get_field("oit_item").get_cached_value(built)
        assert field_values(cached) == field_values(loaded.oit_item)
    assert query.get(parent, "no-such-slug", annotations) is None
    assert query.get(child, child.slug, annotations) is None  # not a grandchild
    # Built once per page type, database and annotations.
    assert ChildQuery.of(model, {APPROVAL_ANNOTATION: approval_subquery()}) is query


def test_the_child_query_falls_back_to_the_queryset_for_other_shapes(ita_tree):
    from django.db.models import Value

    from ita_wagtail.models.wagtail_compat import ChildQuery, OrmChildQuery

    annotations = {"ita_constant": Value(1)}
    query = ChildQuery.of(ItaYearPage, annotations)
    assert type(query) is OrmChildQuery
    year = query.get(ita_tree.index, "2564", annotations)
    assert year.pk == ita_tree.year_page.pk and year.ita_constant == 1


def test_a_page_fetched_on_its_own_has_no_routed_parent(ita_tree):
    assert routed_parent(MeasureResultPage.objects.get(pk=ita_tree.report.pk)) is None


def test_page_specific_fetches_through_the_managers_get(
    ita_tree, django_assert_num_queries
):
    assert isinstance(ItaItemPage.objects, SpecificSelectRelatedManager)
    assert ItaItemPage.objects.select_related_on_get == ("oit_item",)
    ita_tree.add_item_page("O1")
    generic = Page.objects.get(slug="o1")
    # One query: the specific page with its catalogue item joined.
    with django_assert_num_queries(1):
        specific = generic.specific
        assert specific.oit_item.code == "O1"


def test_the_managers_get_alone_joins(ita_tree, django_assert_num_queries):
    ita_tree.add_item_page("O1")
    page = ItaItemPage.objects.filter(slug="o1").first()
    with django_assert_num_queries(1):  # querysets stay as Wagtail makes them
        assert page.oit_item.code == "O1"


def test_a_prefilled_cached_property_is_not_computed(
    ita_tree, django_assert_num_queries
):
    assert isinstance(MeasureResultPage.plan_page, cached_property)
    page = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    plan = object()
    prefill_cached_property(page, "plan_page", plan)
    with django_assert_num_queries(0):
        assert page.plan_page is plan
    assert cached_value(page, "plan_page") is plan
    assert cached_value(page, "year_page", "none") == "none"


def test_urls_below_a_page_are_the_ones_wagtail_gives(ita_tree, settings):
    """For every page and each page below it, on every site (one on another
    port, one rooted below the ITA section), with and without a request."""
    settings.ALLOWED_HOSTS = ["*"]
    ita_tree.add_item_page("O1")
    ita_tree.year_page.add_child(instance=ItaItemPage(title="ข่าว", slug="ขยะ-ถนน"))
    other = ItaTree(site=make_lao_site("b.example.go.th"))
    other.add_item_page("O2")
    Site.objects.create(
        hostname="c.example.go.th", port=8080, root_page=other.year_page
    )
    requests = [None] + [
        RequestFactory().get("/", HTTP_HOST=host)
        for host in ("localhost", "b.example.go.th", "c.example.go.th:8080")
    ]
    pages = list(Page.objects.filter(depth__gt=1).order_by("path"))
    compared = 0
    for request in requests:
        for page in pages:
            url = urls_below(page, request)
            for below in pages:
                if below.path.startswith(page.path) and below.pk != page.pk:
                    assert url(below) == below.get_url(request), (page, below)
                    compared += 1
            if request is None:
                assert all(url(p) == p.url for p in pages)
    assert compared > 100


def test_instances_without_init_are_those_django_loads(ita_tree):
    ita_tree.add_item_page("O1")
    names = ["id", "path", "title", "live", "oit_item_id", "page_ptr_id"]
    queryset = ItaItemPage.objects.filter(slug="o1")
    (built,) = instances_without_init(
        ItaItemPage, names, queryset.values_list(*names), queryset.db
    )
    loaded = queryset.only("path", "title", "live", "oit_item").get()
    assert type(built) is ItaItemPage and built.pk == loaded.pk
    assert [getattr(built, n) for n in names] == [getattr(loaded, n) for n in names]
    assert built.get_deferred_fields() == loaded.get_deferred_fields()
    assert not built._state.adding and built._state.db == "default"
    assert built.slug == "o1"  # a deferred field loads on first use
    assert built.oit_item.code == "O1"


def test_specific_pages_only_gives_what_specific_gives(
    ita_tree, django_assert_num_queries
):
    """The page types joined in the listing's query, another type on its own
    (here ItaItemPage, not joined), a plain Page from the listing itself."""
    from ita_wagtail.models import AnswersItemMixin
    from ita_wagtail.models.items import specific_pages_only

    ita_tree.add_item_page("O1")
    ita_tree.year_page.add_child(instance=Page(title="อื่น ๆ", slug="other"))
    fields = ["path", "title", "live", "content_type", "oit_item", "report_date"]
    pages = ita_tree.year_page.get_descendants()
    expected = list(pages.specific())
    with django_assert_num_queries(1):  # the app's types joined
        assert len(
            specific_pages_only(
                pages, fields, joined=AnswersItemMixin.item_page_classes()
            )
        ) == len(expected)
    with django_assert_num_queries(2):  # the listing, then the item pages
        built = specific_pages_only(
            pages, fields, joined=[MeasureIndexPage, MeasureResultPage]
        )
    assert [type(p) for p in built] == [type(p) for p in expected]
    for page, other in zip(built, expected, strict=True):
        for name in ("pk", "path", "title", "live", "content_type_id"):
            assert getattr(page, name) == getattr(other, name)
        if isinstance(page, AnswersItemMixin):
            assert page.oit_item_id == other.oit_item_id
            assert page.page_ptr_id == page.pk
            assert "slug" in page.get_deferred_fields()
    (report,) = [page for page in built if page.pk == ita_tree.report.pk]
    assert report.report_date == ita_tree.report.report_date


def test_site_history_unions_every_log_model_in_one_union(client):
    from wagtail.admin.views.reports.audit_logging import LogEntriesView
    from wagtail.log_actions import registry

    # Written against this Wagtail's code: a new release fails here until
    # wagtail_compat.flatten_site_history_union is checked against it.
    assert flatten_site_history_union() is True
    assert LogEntriesView.get_filtered_queryset.__module__ == (
        "ita_wagtail.models.wagtail_compat"
    )
    user = get_user_model().objects.create_superuser("root", "r@example.com", "pw")
    request = RequestFactory().get("/")
    request.user = user
    view = LogEntriesView()
    view.setup(request)
    query = view.get_filtered_queryset().query
    models = registry.get_log_entry_models()
    assert len(models) >= 3  # Wagtail's two and ResponsibleOfficeLogEntry
    assert query.combinator == "union"
    # Flat: no union inside the union (Django 6.1 and SQLite refuse that one).
    assert len(query.combined_queries) == len(models)
    assert not any(q.combinator for q in query.combined_queries)
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_reports:site_history")).status_code == 200


def test_the_fix_is_applied_only_to_the_wagtail_code_it_was_written_for():
    def other_code(self):
        return None

    assert source_digest(other_code) not in CHAINED_UNION_SOURCES
