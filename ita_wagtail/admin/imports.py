"""Imports and starting the next fiscal year, in the admin.

Buttons on O42/O43 pages (page header and the listing's "more" menu), their
admin URLs, and the history entry an import leaves; wagtail_hooks.py
registers them.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button

from ..models import MeasurePlanMixin, MeasureResultMixin
from ..services.importers.plans import LOG_ACTION
from ..services.next_year import previous_year_plan
from ..views.imports import ImportView
from ..views.next_year import NextYearView, PreviousYearView


def _import_urls():
    return [
        path("import/<ita_id:page_id>/", ImportView.as_view(), name="import"),
        path("next-year/<ita_id:page_id>/", NextYearView.as_view(), name="next_year"),
        path(
            "previous-year/<ita_id:page_id>/",
            PreviousYearView.as_view(),
            name="previous_year",
        ),
    ]


def import_admin_urls():
    return [path("ita/", include((_import_urls(), "ita_wagtail_admin")))]


def register_import_log_action(actions):
    actions.register_action(
        LOG_ACTION, _("Import from file"), _("Imported from a file")
    )


def page_buttons(page, user, priority):
    """The import and next-year buttons for ``user`` on ``page``."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(
        specific_class, MeasurePlanMixin | MeasureResultMixin
    ):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Import from file"),
        reverse("ita_wagtail_admin:import", args=[page.pk]),
        icon_name="upload",
        priority=priority,
    )
    if issubclass(specific_class, MeasurePlanMixin):
        yield Button(
            _("Start next fiscal year"),
            reverse("ita_wagtail_admin:next_year", args=[page.pk]),
            icon_name="copy",
            priority=priority + 1,
        )


def page_header_buttons(page, user, view_name, next_url=None):
    yield from page_buttons(page, user, priority=40)
    # Only in the header (one page), not the listing: it costs a few queries.
    specific_class = page.specific_class
    if (
        specific_class is not None
        and issubclass(specific_class, MeasurePlanMixin)
        and page.permissions_for_user(user).can_edit()
        and previous_year_plan(page.specific) is not None
    ):
        yield Button(
            _("Last year's results"),
            reverse("ita_wagtail_admin:previous_year", args=[page.pk]),
            icon_name="history",
            priority=42,
            attrs={"target": "_blank", "rel": "noopener"},
        )


def page_listing_more_buttons(page, user, next_url=None):
    yield from page_buttons(page, user, priority=45)
