"""What ita_wagtail relies on in Wagtail, Django and treebeard beyond their public APIs.

Everything here saves queries on public pages, and none of it has a public
API. Each is named and tested in tests/test_wagtail_compat.py, against the
installed Wagtail: if a Wagtail release changes one of them, those tests fail
(a page would still render, only with more queries), and this module is the
one place to adapt. Nothing else in the package reaches into these.

1. ``routed_parent``: Wagtail's router (``Page.route``) keeps each page it
   walks through on the child as its parent, in treebeard's
   ``_cached_parent_obj`` (which ``get_parent(update=False)`` reads). A page
   served from its URL thus knows its ancestors without a query; treebeard
   offers no public way to ask whether the parent is known.
2. ``SpecificSelectRelatedManager``: ``page.specific`` (and so routing) fetches
   the specific page with ``<model>._default_manager.get(id=…)``; overriding
   ``get`` alone joins a foreign key there, without touching the querysets
   Wagtail and treebeard build (a ``select_related`` on them would clash with
   their ``only()``).
3. ``prefill_cached_property``: Django's ``cached_property`` keeps its value
   in the instance's ``__dict__`` under its name; writing it there gives a
   page what it would otherwise query on its own (the year report does this
   for every page of a year at once).
4. ``route_to_child``: ``Page.route`` finds a child by its slug (one query),
   then fetches its specific form (``page.specific``: a second). Where most
   children are of one known type (the ITA section's years, O42's reports),
   the child is asked for in that type at once, and given its parent as
   ``Page.route`` gives it (``_cached_parent_obj``). Any other child, or none,
   goes through ``Page.route`` as before. Its query can carry annotations
   (the served page's approval) and, with ``next_child_type``, the type of
   the next URL segment's child, so that the child routes in one query too.
   That query (``ChildQuery``) is SQL written once per page type and made an
   instance as Django's queryset makes one (``Model.from_db``, the columns'
   converters, the joined item's cached value): compiling the ORM's query at
   every routing step cost more than running it. It relies on treebeard's
   paths (a child's path is its parent's and one ``steplen`` step of the
   ``alphabet``) and on Wagtail's page types having Page as their only
   concrete parent; any other shape goes through the queryset.
5. ``flatten_site_history_union``, a fix, not a saving: Wagtail 8.0's Reports
   → Site history (``LogEntriesView.get_filtered_queryset``) unions one query
   per log entry model, one ``union()`` after another. From Django 6.1 a union
   of a union keeps the inner one's default ordering, which SQLite refuses
   ("ORDER BY not allowed in subqueries of compound statements"): with
   ita_wagtail's third log model (ResponsibleOfficeLogEntry) the report failed
   on SQLite. The same union, made in one ``union()`` call, works on every
   Django. Applied (from ``ItaWagtailConfig.ready``) only to the Wagtail code
   it was written against, recognised by its source's hash; any other Wagtail
   keeps its own, and tests/test_wagtail_compat.py fails until this is looked
   at again.
6. ``hold_site_root_paths``: Wagtail keeps its list of site root paths (one
   entry per site) in Django's cache; each request building page URLs reads
   and unpickles it, and each page URL scans it
   (``Page._get_relevant_site_root_paths``, and ``Page.get_url`` counting the
   sites): with thousands of sites, each URL costs thousands of steps. Each
   process now holds its copy (``SiteRoots``: Wagtail's list, an index by root
   path, the number of sites) while a token in the cache names it; Wagtail's
   ``Site.clear_site_root_paths_cache`` (called when a Site or a site's root
   page changes) deletes the token too, so every process reads the paths
   again. Applied (from ``ItaWagtailConfig.ready``) only when the sources of
   the Wagtail functions it wraps or relies on hash to the known digest;
   otherwise Wagtail is left alone, a warning is logged and the system check
   ita_wagtail.W003 says so. tests/test_site_roots.py checks it.
7. ``urls_below`` and ``instances_without_init`` (a year page's listing): a
   page's URL is its site's root URL and Wagtail's serve path for its
   ``url_path``, so the pages below one page are linked from its URL and their
   slugs; and pages read as values are made instances the way
   ``Model.from_db`` makes them, without the model's constructor.
"""

import functools
import hashlib
import inspect
import logging
import uuid
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, connections, router, transaction
from django.db.models import IntegerField, Value
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageManager, Site


def routed_parent(page):
    """The parent Wagtail's router already loaded for ``page``, or None."""
    return getattr(page, "_cached_parent_obj", None)


class SpecificSelectRelatedManager(PageManager):
    """A page manager whose ``get`` joins ``select_related_on_get``.

    Set ``select_related_on_get`` on a subclass; only ``get`` (what
    ``page.specific`` calls) is changed.
    """

    select_related_on_get = ()

    def get(self, *args, **kwargs):
        return (
            self.get_queryset()
            .select_related(*self.select_related_on_get)
            .get(*args, **kwargs)
        )


def route_to_child(parent, request, path_components, model, annotations=None):
    """``Page.route``'s step to a child, in one query when it is a ``model``.

    Args:
        parent: the page routing (its ``route`` was called).
        request, path_components: as ``Page.route`` gets them.
        model: the concrete page type to ask for; its default manager's
            ``select_related_on_get`` (SpecificSelectRelatedManager) is joined,
            as ``page.specific`` would.
        annotations: RawSQL expressions by name, read in the same query and
            left on the child as attributes of those names.

    Returns:
        The child's RouteResult (or its 404) when the next path component is
        the slug of a child of exactly that type; None otherwise, for
        ``Page.route`` to find it.
    """
    if not path_components:
        return None
    child = ChildQuery.of(model, annotations or {}).get(
        parent, path_components[0], annotations or {}
    )
    if child is None or child.content_type_id != _content_type_id(model):
        return None
    child._cached_parent_obj = parent  # as Page.route: see routed_parent
    return child.route(request, path_components[1:])


class ChildQuery:
    """``route_to_child``'s query for one page type, written once.

    What ``model._default_manager.filter(depth=…, path between the parent's
    children, slug=…).select_related(…).annotate(…)[:1]`` asks, as SQL built
    once per page type, database and annotations, its row converted and made
    an instance as Django's queryset makes it (``from_db``, each column's
    converters, the joined foreign keys' cached values). Routing runs it at
    every level of every uncached request, where compiling the ORM's query
    cost more than running it (issue 17). ``of`` falls back to the queryset
    (``OrmChildQuery``) for a shape it does not write: a page type not
    directly below Page, a join that is not a foreign key of the page type,
    an annotation that is not RawSQL.
    """

    _built = {}

    @classmethod
    def of(cls, model, annotations):
        if not all(isinstance(value, RawSQL) for value in annotations.values()):
            return OrmChildQuery(model)
        db = router.db_for_read(model)
        key = (model, db, tuple((name, raw.sql) for name, raw in annotations.items()))
        query = cls._built.get(key)
        if query is None:
            try:
                query = cls(model, db, annotations)
            except NotImplementedError:
                query = OrmChildQuery(model)
            cls._built[key] = query
        return query

    def __init__(self, model, db, annotations):
        self.model = model
        self.db = db
        connection = connections[db]
        quote = connection.ops.quote_name
        opts, page = model._meta, Page._meta
        if model is not Page and opts.get_parent_list() != [Page]:
            raise NotImplementedError("only page types directly below Page")
        joins = []
        if model is not Page:
            joins.append(
                f"INNER JOIN {quote(page.db_table)} ON "
                f"{quote(opts.db_table)}.{quote(opts.parents[Page].column)} = "
                f"{quote(page.db_table)}.{quote(page.pk.column)}"
            )
        self.fields = list(opts.concrete_fields)
        self.attnames = [field.attname for field in self.fields]
        columns = [field.get_col(field.model._meta.db_table) for field in self.fields]
        self.related = []  # (foreign key, its model, its attnames, slice of the row)
        names = getattr(model._default_manager, "select_related_on_get", ())
        for number, name in enumerate(names):
            field = opts.get_field(name) if "__" not in name else None
            if field is None or not (field.many_to_one and field.concrete):
                raise NotImplementedError("only foreign keys of the page type")
            related = field.related_model
            if related._meta.get_parent_list():
                raise NotImplementedError("only related models without parents")
            alias = f"ita_related_{number}"
            joins.append(
                f"LEFT OUTER JOIN {quote(related._meta.db_table)} {quote(alias)} ON "
                f"{quote(field.model._meta.db_table)}.{quote(field.column)} = "
                f"{quote(alias)}.{quote(field.target_field.column)}"
            )
            related_fields = list(related._meta.concrete_fields)
            start = len(columns)
            columns += [f.get_col(alias) for f in related_fields]
            self.related.append(
                (
                    field,
                    related,
                    [f.attname for f in related_fields],
                    slice(start, len(columns)),
                    start + related_fields.index(related._meta.pk),
                )
            )
        self.annotation_names = list(annotations)
        selected = [f"{quote(col.alias)}.{quote(col.target.column)}" for col in columns]
        selected += [f"{raw.sql} AS {quote(name)}" for name, raw in annotations.items()]
        expressions = [*columns, *annotations.values()]
        self.converters = [
            (index, expression, converters)
            for index, expression in enumerate(expressions)
            if (converters := _converters(expression, connection))
        ]
        depth, path, slug = (
            f"{quote(page.db_table)}.{quote(page.get_field(name).column)}"
            for name in ("depth", "path", "slug")
        )
        # Only quoted names are formatted in; the values are parameters.
        self.sql = (
            f"SELECT {', '.join(selected)} FROM {quote(opts.db_table)} "  # noqa: S608
            + " ".join(joins)
            + f" WHERE {depth} = %s AND {path} BETWEEN %s AND %s AND {slug} = %s"
            " LIMIT 1"
        )

    def get(self, parent, slug, annotations):
        """The child of ``parent`` named ``slug``, of this type, or None."""
        params = [value for raw in annotations.values() for value in raw.params]
        params += [parent.depth + 1, *child_path_range(parent), slug]
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = list(row)
        for index, expression, converters in self.converters:
            value = row[index]
            for converter in converters:
                value = converter(value, expression, connection)
            row[index] = value
        child = self.model.from_db(self.db, self.attnames, row[: len(self.fields)])
        for field, related, attnames, part, pk_index in self.related:
            instance = None
            if row[pk_index] is not None:
                instance = related.from_db(self.db, attnames, row[part])
            field.set_cached_value(child, instance)
        annotated = row[len(row) - len(self.annotation_names) :]
        for name, value in zip(self.annotation_names, annotated, strict=True):
            setattr(child, name, value)
        return child


#: The lowest and highest step a child's path adds to its parent's
#: (treebeard's paths: one ``steplen`` step of the tree's ``alphabet``).
CHILD_STEPS = (Page.alphabet[0] * Page.steplen, Page.alphabet[-1] * Page.steplen)


def child_path_range(parent):
    """The lowest and highest path a child of ``parent`` can have."""
    return (parent.path + CHILD_STEPS[0], parent.path + CHILD_STEPS[1])


class OrmChildQuery:
    """``ChildQuery`` through Django's queryset, for the shapes it does not write."""

    def __init__(self, model):
        self.model = model

    def get(self, parent, slug, annotations):
        manager = self.model._default_manager
        queryset = manager.filter(
            depth=parent.depth + 1, path__range=child_path_range(parent), slug=slug
        ).select_related(*getattr(manager, "select_related_on_get", ()))
        if annotations:
            queryset = queryset.annotate(**annotations)
        # Unordered, as Page.route's get(): siblings' slugs are unique.
        return next(iter(queryset.order_by()[:1]), None)


def _converters(expression, connection):
    """What Django's compiler applies to a column's value (get_converters)."""
    return connection.ops.get_db_converters(expression) + expression.get_db_converters(
        connection
    )


def _content_type_id(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


#: The content type of the outer page's child of a slug, as a scalar subquery.
_NEXT_CHILD_TYPE_SQL = """(
    SELECT c.{content_type} FROM {pages} c WHERE c.{slug} = %s
    AND c.{depth} = {pages}.{depth} + 1
    AND c.{path} BETWEEN {first} AND {last}
    LIMIT 1
)"""


def next_child_type(slug):
    """The content type id of the routed page's child ``slug``, for its query.

    An expression for ``route_to_child``'s ``annotations``: the child routed to
    learns, in its own query, the type of its child named by the next URL
    segment (None if it has none of that slug), and can ask for it in that
    type at once (``model_for_content_type``). In SQL: the ORM's Subquery
    costs more Python than the query it saves.
    """
    # Only quoted names are formatted in; the slug is a parameter.
    # The child's path between its parent's and one step (child_path_range):
    # a range of the path's index (a prefix test read every page of that
    # slug, one in each site).
    return RawSQL(  # noqa: S611
        _next_child_type_sql(connection.vendor),
        (slug, *CHILD_STEPS),
        output_field=IntegerField(),
    )


@functools.cache
def _next_child_type_sql(vendor):
    """_NEXT_CHILD_TYPE_SQL with the quoted names of ``vendor``'s connection."""
    quote_name = connection.ops.quote_name
    meta = Page._meta
    path = quote_name(meta.get_field("path").column)
    parent_path = f"{quote_name(meta.db_table)}.{path}"
    # The parent's path and a step (SQL's ||: SQLite and PostgreSQL, the
    # databases the app supports).
    step = "{} || %s"
    return _NEXT_CHILD_TYPE_SQL.format(
        pages=quote_name(meta.db_table),
        content_type=quote_name(meta.get_field("content_type").column),
        slug=quote_name(meta.get_field("slug").column),
        depth=quote_name(meta.get_field("depth").column),
        path=path,
        first=step.format(parent_path),
        last=step.format(parent_path),
    )


def model_for_content_type(content_type_id):
    """The page model of a content type id (from Django's cache), or None."""
    if not content_type_id:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    return model


def prefill_cached_property(instance, name, value):
    """Give ``instance`` its cached_property ``name`` without computing it."""
    instance.__dict__[name] = value


def cached_value(instance, name, default=None):
    """The value an instance holds for ``name`` in its cache, or ``default``."""
    return instance.__dict__.get(name, default)


#: sha256 (first 16 hex digits) of LogEntriesView.get_filtered_queryset's
#: source in the Wagtail releases whose chained union fails on Django 6.1.
CHAINED_UNION_SOURCES = {"ab4835a3a4064ff6"}  # Wagtail 8.0, 8.0.1


def source_digest(function):
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def _site_history_queryset(self):
    """Wagtail 8.0's LogEntriesView.get_filtered_queryset, with one union().

    As Wagtail's: for each log entry model a values() query (pk, timestamp,
    the model's index) the user may see, filtered, unordered; then their
    union, newest first.
    """
    self.log_models = list(log_action_registry.get_log_entry_models())
    queries = [
        self.filter_queryset(
            log_model.objects.viewable_by_user(self.request.user)
            .values("pk", "timestamp")
            .annotate(log_model_index=Value(index, output_field=IntegerField()))
        ).order_by()
        for index, log_model in enumerate(self.log_models)
    ]
    first, *others = queries
    combined = first.union(*others, all=True) if others else first
    return combined.order_by("-timestamp")


def flatten_site_history_union():
    """Make Site history's union one union() call, on the Wagtail it fixes.

    Returns:
        True if applied, False if the installed Wagtail has other code there.
    """
    from wagtail.admin.views.reports.audit_logging import LogEntriesView

    original = LogEntriesView.get_filtered_queryset
    if original is _site_history_queryset:
        return True
    if source_digest(original) not in CHAINED_UNION_SOURCES:
        return False
    LogEntriesView.get_filtered_queryset = _site_history_queryset
    return True


# 6. hold_site_root_paths: each process's copy of Wagtail's site root paths.
#
# Wagtail keeps the list of site root paths (one entry per site) in Django's
# cache; every request that builds a page URL reads it back and unpickles it,
# and every page URL scans it (``Page._get_relevant_site_root_paths``,
# ``Page.get_url``'s count of sites): among 7,850 sites each URL costs
# thousands of steps. Held here, the list is read from the cache only when it
# changes, and a page's roots are found through an index by root path.

#: The cache key of the token naming the site root paths the processes hold.
SITE_ROOTS_TOKEN_KEY = "ita_wagtail_site_roots"  # noqa: S105 (a cache key)
#: As Wagtail's own cached list: a process re-reads the paths at least hourly.
SITE_ROOTS_TOKEN_TIMEOUT = 3600

#: sha256 (first 16 hex digits) of the sources of the Wagtail functions
#: hold_site_root_paths wraps or relies on, in the releases it was written for.
SITE_ROOT_PATHS_SOURCES = {"07d189b31ec9bd5a"}  # Wagtail 8.0.1

logger = logging.getLogger(__name__)


class SiteRoots(list):
    """Wagtail's list of SiteRootPath, with an index by root path.

    A list, in Wagtail's order, so anything that iterates
    ``Site.get_site_root_paths()`` gets what Wagtail gives; ``relevant`` finds a
    page's roots by looking up each ``/``-prefix of its ``url_path`` (as many
    lookups as the page is deep, whatever the number of sites) and
    ``site_count`` is the number of distinct sites. Not to be changed: every
    caller in the process shares it.
    """

    def __init__(self, root_paths=()):
        super().__init__(root_paths)
        by_root_path = {}
        irregular = []
        for position, root in enumerate(self):
            if isinstance(root.root_path, str) and root.root_path.endswith("/"):
                by_root_path.setdefault(root.root_path, []).append((position, root))
            else:
                irregular.append((position, root))
        self.by_root_path = {
            path: tuple(entries) for path, entries in by_root_path.items()
        }
        #: Root paths not ending in "/" (none in Wagtail's tree): scanned.
        self.irregular = tuple(irregular)
        self.site_count = len({root.site_id for root in self})

    def relevant(self, url_path):
        """The roots whose root path starts ``url_path``, in Wagtail's order."""
        found = []
        end = url_path.find("/")
        while end != -1:
            found.extend(self.by_root_path.get(url_path[: end + 1], ()))
            end = url_path.find("/", end + 1)
        found.extend(
            entry for entry in self.irregular if url_path.startswith(entry[1].root_path)
        )
        if len(found) > 1:
            found.sort(key=lambda entry: entry[0])
        return tuple(root for _, root in found)

    @classmethod
    def current(cls):
        """This process's SiteRoots, re-read if the cache's token changed."""
        return site_roots_holder.current()


class SiteRootsHolder:
    """A process's SiteRoots and the cache token they were read under.

    ``current()`` reads the token (one small cache read); the held copy serves
    while the token is the one it was read under. Wagtail's
    ``clear_site_root_paths_cache`` (a Site saved or deleted, a site's root
    page moved or renamed) deletes the token as well as Wagtail's list, now
    and once the transaction commits, so every process reads the paths again.
    Without a working cache (no token can be kept) nothing is held and each
    call reads them as Wagtail does.
    """

    def __init__(self, load):
        self.load = load
        self.token = None
        self.roots = None

    def current(self):
        token = cache.get(SITE_ROOTS_TOKEN_KEY)
        if token is not None and token == self.token:
            return self.roots
        if token is None:
            cache.add(SITE_ROOTS_TOKEN_KEY, uuid.uuid4().hex, SITE_ROOTS_TOKEN_TIMEOUT)
            token = cache.get(SITE_ROOTS_TOKEN_KEY)
        roots = SiteRoots(self.load())
        if token is not None:
            self.token, self.roots = token, roots
        return roots

    def forget(self):
        self.token = self.roots = None


def _wagtail_site_root_paths():
    return _wagtail_originals["get_site_root_paths"]()


#: Wagtail's own functions, once hold_site_root_paths has replaced them.
_wagtail_originals = {}
#: What Page itself had under the names hold_site_root_paths sets on it.
_page_originals = {}
_PAGE_ATTRIBUTES = ("_get_relevant_site_root_paths", "get_url", "url")
site_roots_holder = SiteRootsHolder(_wagtail_site_root_paths)


def _site_root_paths_functions():
    """The Wagtail functions hold_site_root_paths wraps or relies on, by name."""
    return {
        "get_site_root_paths": Site.get_site_root_paths,
        "clear_site_root_paths_cache": Site.clear_site_root_paths_cache,
        "_get_site_root_paths": Page._get_site_root_paths,
        "_get_relevant_site_root_paths": Page._get_relevant_site_root_paths,
        "get_url_parts": Page.get_url_parts,
        "get_url": Page.get_url,
    }


def site_root_paths_digest(functions=None):
    """One digest of the sources of the functions hold_site_root_paths relies on."""
    functions = functions or _site_root_paths_functions()
    digest = hashlib.sha256()
    for name in sorted(functions):
        digest.update(name.encode())
        digest.update(inspect.getsource(functions[name]).encode())
    return digest.hexdigest()[:16]


def _held_site_root_paths():
    """Site.get_site_root_paths, held: this process's SiteRoots."""
    return site_roots_holder.current()


def _clear_site_root_paths_cache():
    """Site.clear_site_root_paths_cache, which also drops the processes' copies."""
    _wagtail_originals["clear_site_root_paths_cache"]()
    cache.delete(SITE_ROOTS_TOKEN_KEY)
    site_roots_holder.forget()
    # A process reading the paths before the change commits would hold the
    # old ones under a new token: drop it again once committed.
    transaction.on_commit(_drop_site_roots_after_commit)


def _drop_site_roots_after_commit():
    _wagtail_originals["clear_site_root_paths_cache"]()
    cache.delete(SITE_ROOTS_TOKEN_KEY)
    site_roots_holder.forget()


def _relevant_site_root_paths(self, cache_object=None):
    """Page._get_relevant_site_root_paths, through the index when held."""
    roots = self._get_site_root_paths(cache_object)
    if isinstance(roots, SiteRoots):
        return roots.relevant(self.url_path)
    return tuple(srp for srp in roots if self.url_path.startswith(srp.root_path))


def _get_url(self, request=None, current_site=None):
    """Wagtail 8.0's Page.get_url, counting the sites once per SiteRoots."""
    if current_site is None and request is not None:
        site = Site.find_for_request(request)
        current_site = site
    url_parts = self.get_url_parts(request=request)

    if url_parts is None or (url_parts[1] is None and url_parts[2] is None):
        return None

    site_id, root_url, page_path = url_parts
    roots = self._get_site_root_paths(request)
    if isinstance(roots, SiteRoots):
        num_sites = roots.site_count
    else:
        num_sites = len({root_path[0] for root_path in roots})

    if (current_site is not None and site_id == current_site.id) or num_sites == 1:
        return page_path
    return root_url + page_path


def site_root_paths_held():
    """Whether hold_site_root_paths is applied in this process."""
    return Site.__dict__["get_site_root_paths"].__func__ is _held_site_root_paths


def hold_site_root_paths(functions=None):
    """Hold each process's copy of the site root paths, on the Wagtail it knows.

    Args:
        functions: the Wagtail functions to recognise (name → function); the
            installed Wagtail's by default (a test passes others).

    Returns:
        True if applied (or already), False if the installed Wagtail's code
        differs from the code this was written for: Wagtail is left alone,
        and the system check ita_wagtail.W003 says so.
    """
    if site_root_paths_held():
        return True
    functions = functions or _site_root_paths_functions()
    digest = site_root_paths_digest(functions)
    if digest not in SITE_ROOT_PATHS_SOURCES:
        logger.warning(
            "ita_wagtail: Wagtail's site root paths code is not the one "
            "hold_site_root_paths was written for (digest %s); left as it is.",
            digest,
        )
        return False
    _wagtail_originals.update(
        get_site_root_paths=functions["get_site_root_paths"],
        clear_site_root_paths_cache=functions["clear_site_root_paths_cache"],
    )
    # Page's own attributes, if any (Wagtail defines these on AbstractPage).
    _page_originals.update((name, Page.__dict__.get(name)) for name in _PAGE_ATTRIBUTES)
    site_roots_holder.forget()
    Site.get_site_root_paths = staticmethod(_held_site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(_clear_site_root_paths_cache)
    Page._get_relevant_site_root_paths = _relevant_site_root_paths
    Page.get_url = _get_url
    Page.url = property(_get_url)
    return True


def release_site_root_paths():
    """Give Wagtail its own functions back (tests compare the two)."""
    if not site_root_paths_held():
        return
    Site.get_site_root_paths = staticmethod(_wagtail_originals["get_site_root_paths"])
    Site.clear_site_root_paths_cache = staticmethod(
        _wagtail_originals["clear_site_root_paths_cache"]
    )
    for name, original in _page_originals.items():
        if original is None:
            delattr(Page, name)
        else:
            setattr(Page, name, original)
    site_roots_holder.forget()


def site_root_paths_of(url_path):
    """The site root paths a page at ``url_path`` is under, in Wagtail's order."""
    roots = Site.get_site_root_paths()
    if isinstance(roots, SiteRoots):
        return roots.relevant(url_path)
    return tuple(root for root in roots if url_path.startswith(root.root_path))


def urls_below(page, request=None):
    """A function giving each page below ``page`` the URL ``get_url`` gives it.

    Wagtail's URL for a page is its site's root URL (when not on that site)
    and the serve view's path for the page's ``url_path`` below the site's root
    path: for the pages below ``page``, on the site ``page`` is served from,
    that is ``page``'s own URL followed by the rest of their ``url_path``.
    One ``get_url`` for the whole listing (tests/test_wagtail_compat.py
    compares it with ``page.url`` for every page). When a site's root lies
    below ``page``, or ``page`` has no URL, each page asks Wagtail itself.

    Args:
        page: the page whose descendants are linked.
        request: as for ``Page.get_url`` (relative or full URLs).

    Returns:
        A function of a page (any page: the others ask Wagtail) to its URL.
    """
    base = page.get_url(request)
    root_paths = page._get_site_root_paths(request)
    if base is None or any(
        root.root_path.startswith(page.url_path) and root.root_path != page.url_path
        for root in root_paths
    ):
        return lambda other: other.get_url(request)
    prefix = base if base.endswith("/") else base + "/"
    append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)
    start = len(page.url_path)

    def url(other):
        below = other.url_path[start:]
        if not below or not other.url_path.startswith(page.url_path):
            return other.get_url(request)
        # quoted as Django's reverse() quotes the serve view's path
        link = prefix + quote(below, safe="/~:@!$&'()*+,;=")
        return link if append_slash else link.rstrip("/")

    return url


def instances_without_init(model, attnames, rows, db):
    """Model instances made from database values as ``Model.from_db`` makes
    them (not adding, from ``db``), without running the model's constructor
    (Django's, modelcluster's, Wagtail's): for pages read as values.

    Args:
        model: the model class.
        attnames: the concrete fields' attribute names the rows hold (the
            primary key and parent links among them); the model's other
            fields are deferred, loaded on first use as Django's ``only()``
            leaves them.
        rows: tuples of values, converted as a queryset converts them
            (``values_list``).
        db: the database alias they were read from.
    """
    instances = []
    new = model.__new__
    for row in rows:
        instance = new(model)
        state = ModelState()
        state.adding = False
        state.db = db
        instance._state = state
        instance.__dict__.update(zip(attnames, row, strict=True))
        instances.append(instance)
    return instances
