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
   goes through ``Page.route`` as before.
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
"""

import hashlib
import inspect

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageManager


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


def route_to_child(parent, request, path_components, model):
    """``Page.route``'s step to a child, in one query when it is a ``model``.

    Args:
        parent: the page routing (its ``route`` was called).
        request, path_components: as ``Page.route`` gets them.
        model: the concrete page type to ask for; its default manager's
            ``select_related_on_get`` (SpecificSelectRelatedManager) is joined,
            as ``page.specific`` would.

    Returns:
        The child's RouteResult (or its 404) when the next path component is
        the slug of a child of exactly that type; None otherwise, for
        ``Page.route`` to find it.
    """
    if not path_components:
        return None
    manager = model._default_manager
    child = (
        manager.filter(
            path__startswith=parent.path,
            depth=parent.depth + 1,
            slug=path_components[0],
        )
        .select_related(*getattr(manager, "select_related_on_get", ()))
        .first()
    )
    if child is None or child.content_type_id != _content_type_id(model):
        return None
    child._cached_parent_obj = parent  # as Page.route: see routed_parent
    return child.route(request, path_components[1:])


def _content_type_id(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk


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
