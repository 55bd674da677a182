"""Admin wiring: the offices snippet, editor styles and findings shown on save."""

from django.contrib import messages
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from .catalogue_admin import OitItemAdmin
from .dashboard import ItaDashboardPanel
from .models import (
    ItaItemPage,
    ItaPageMixin,
    ItaYearPage,
    MeasureIndexPage,
    MeasurePlanMixin,
    ResponsibleOffice,
    ResponsibleOfficeLogEntry,
)
from .offices_admin import ResponsibleOfficeViewSet
from .views import reports


#: How many findings a draft save lists before summing up the rest.
MAX_LISTED_FINDINGS = 5


register_snippet(ResponsibleOfficeViewSet)


@hooks.register("register_log_actions")
def keep_office_history_per_site(actions):
    """Offices' history goes to a log of its own, read per site (see the model)."""
    actions.register_model(ResponsibleOffice, ResponsibleOfficeLogEntry)


modeladmin_register(OitItemAdmin)


@hooks.register("register_admin_urls")
def ita_admin_urls():
    return [
        path("ita/findings/", reports.findings_report, name="ita_wagtail_findings"),
        path(
            "ita/answers/<int:page_id>/",
            reports.answer_sheet,
            name="ita_wagtail_answer_sheet",
        ),
        path(
            "ita/answers/<int:page_id>.<str:file_format>",
            reports.answer_sheet_download,
            name="ita_wagtail_answer_sheet_download",
        ),
    ]


class ItaMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.editable_year_pages(request.user).exists()


@hooks.register("register_admin_menu_item")
def ita_menu_item():
    return ItaMenuItem(
        _("ITA checks"),
        reverse("ita_wagtail_findings"),
        icon_name="tasks",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_ita_dashboard_panel(request, panels):
    panels.append(ItaDashboardPanel(request))


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("ita_wagtail/admin/editor.css")
    )


def _oit_item_field(name):
    """A subquery of the page's OIT item's ``name``, for the pages under a year."""
    return Coalesce(
        *(
            Subquery(
                model.objects.filter(pk=OuterRef("pk")).values(f"oit_item__{name}")[:1]
            )
            for model in (ItaItemPage, MeasureIndexPage)
        )
    )


@hooks.register("construct_explorer_page_queryset")
def list_a_years_pages_in_oit_order(parent_page, pages, request):
    """A year's pages by their OIT item (O1 … O42), each titled with its code.

    ItaYearPage lists its children in this order by default
    (``admin_default_ordering = "ord"``); a column the editor sorts by wins.
    """
    if parent_page.specific_class is None or not issubclass(
        parent_page.specific_class, ItaYearPage
    ):
        return pages
    pages = pages.annotate(
        ita_oit_code=_oit_item_field("code"),
        ita_oit_order=_oit_item_field("sort_order"),
    )
    if request.GET.get("ordering", "ord") != "ord":
        return pages  # Wagtail has ordered them as asked
    return pages.order_by(F("ita_oit_order").asc(nulls_last=True), "path")


@hooks.register("insert_editor_js")
def editor_js():
    return format_html(
        '<script src="{}"></script>', static("ita_wagtail/admin/year.js")
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_findings_on_draft_save(request, page):
    """A draft always saves; tell the editor what would stop it being published."""
    page = page.specific
    if not isinstance(page, ItaPageMixin) or not hasattr(page, "get_findings"):
        return
    errors = [finding for finding in page.get_findings() if finding.is_error]
    for finding in errors[:MAX_LISTED_FINDINGS]:
        messages.warning(request, finding.message)
    if len(errors) > MAX_LISTED_FINDINGS:
        more = len(errors) - MAX_LISTED_FINDINGS
        messages.warning(
            request,
            ngettext(
                "…and %(count)s more problem to fix before publishing.",
                "…and %(count)s more problems to fix before publishing.",
                more,
            )
            % {"count": more},
        )


@hooks.register("before_delete_page")
def confirm_deleting_measures_that_have_reports(request, page):
    """Deleting O42 deletes its O43 reports too: list them and ask first."""
    page = page.specific
    if not isinstance(page, MeasurePlanMixin) or request.method == "POST":
        return None
    reports = page.get_children().specific().order_by("path")
    if not reports:
        return None
    return TemplateResponse(
        request,
        "ita_wagtail/admin/confirm_delete_measures.html",
        {
            "page": page,
            "reports": reports,
            "delete_url": reverse("wagtailadmin_pages:delete", args=[page.pk]),
            "page_title": _("Delete the measures and their reports?"),
        },
    )


from .importers import admin_hooks  # noqa: E402, F401
