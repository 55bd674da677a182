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
"""

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


def prefill_cached_property(instance, name, value):
    """Give ``instance`` its cached_property ``name`` without computing it."""
    instance.__dict__[name] = value


def cached_value(instance, name, default=None):
    """The value an instance holds for ``name`` in its cache, or ``default``."""
    return instance.__dict__.get(name, default)
