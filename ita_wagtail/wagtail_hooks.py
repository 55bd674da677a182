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
from wagtail.models import TaskState, WorkflowState
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from . import converters  # noqa: F401  (registers <ita_id:…>)
from .admin import imports
from .admin.catalogue import OitItemAdmin
from .admin.dashboard import ItaDashboardPanel
from .admin.offices import (
    DeleteOfficesBulkAction,
    ResponsibleOfficeViewSet,
    office_permission_policy,
)
from .fiscal import FiscalYear
from .models import (
    ItaItemPage,
    ItaPageMixin,
    ItaYearMixin,
    ItaYearPage,
    MeasureIndexPage,
    MeasurePlanMixin,
    ResponsibleOffice,
    ResponsibleOfficeLogEntry,
)
from .models.approval import APPROVED_PARAMETER
from .models.catalogue_loading import is_provisional
from .models.evidence import evidence_files_filter, page_evidence_findings, pages_filter
from .models.forms import site_digits
from .models.pages import ANSWER_SHEET_HOOK, YEAR_OVERVIEW_HOOK
from .models.site_access import ita_sites_for_user
from .services.cache import cache_public_ita_pages
from .services.year_report import build_year_report
from .views import reports
from .views.answer_sheet import answer_sheet
from .views.catalogue_years import CatalogueYearsView
from .views.documents import check_public_use
from .views.guide import EditorGuideView


#: How many findings a draft save lists before summing up the rest.
MAX_LISTED_FINDINGS = 5


# The offices: their permission policy before the viewset (Wagtail's views
# look it up), and the bulk delete after Wagtail's own, which it replaces.
register_permission_policy(ResponsibleOffice, office_permission_policy)
register_snippet(ResponsibleOfficeViewSet)
hooks.register("register_bulk_action", DeleteOfficesBulkAction, order=1)
# ITA evidence documents: served only to their editors or while a live, public
# page uses them (see documents.py).
hooks.register("before_serve_document", check_public_use)
# The page cache (services/cache.py): innermost of the serve chain, so that
# Wagtail's view-restriction check (order 0) runs first.
hooks.register("on_serve_page", cache_public_ita_pages, order=100)
# The year page's overview and answer sheet, which read every page type: the
# page asks for them through these hooks (models/pages.py).
hooks.register(YEAR_OVERVIEW_HOOK, build_year_report)
hooks.register(ANSWER_SHEET_HOOK, answer_sheet)

# Imports and the next fiscal year on O42/O43 (admin/imports.py).
hooks.register("register_admin_urls", imports.import_admin_urls)
hooks.register("register_log_actions", imports.register_import_log_action)
hooks.register("register_page_header_buttons", imports.page_header_buttons)
hooks.register("register_page_listing_more_buttons", imports.page_listing_more_buttons)


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
            "ita/answers/<ita_id:page_id>/",
            reports.answer_sheet,
            name="ita_wagtail_answer_sheet",
        ),
        path(
            "ita/answers/<ita_id:page_id>.<str:file_format>",
            reports.answer_sheet_download,
            name="ita_wagtail_answer_sheet_download",
        ),
        path(
            "ita/catalogue/years/",
            CatalogueYearsView.as_view(),
            name="ita_wagtail_catalogue_years",
        ),
        path("ita/guide/", EditorGuideView.as_view(), name="ita_wagtail_editor_guide"),
    ]


@hooks.register("register_help_menu_item")
def editor_guide_menu_item():
    return MenuItem(
        _("Editor's guide (ITA)"),
        reverse("ita_wagtail_editor_guide"),
        name="ita-editor-guide",
        icon_name="help",
        order=100,
    )


class CatalogueYearsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("ita_wagtail.view_oititem")


@hooks.register("register_settings_menu_item")
def catalogue_years_menu_item():
    return CatalogueYearsMenuItem(
        _("OIT catalogue years"),
        reverse("ita_wagtail_catalogue_years"),
        icon_name="list-ol",
        order=901,
    )


def _provisional_notice(request, year):
    if year and is_provisional(year):
        messages.warning(
            request,
            _(
                "The OIT list of %(year)s is provisional: the NACC had not "
                "published it when it was copied from an earlier year. Items, "
                "codes and rules may change; the catalogue managers confirm it "
                "once checked."
            )
            % {"year": year},
        )


@hooks.register("before_edit_page")
def say_the_year_is_provisional(request, page):
    """Every page of a provisional year says so to its editors (not the public)."""
    if request.method != "GET":
        return
    page = page.specific
    if isinstance(page, ItaPageMixin):
        year_page = page.year_page
        _provisional_notice(request, year_page.year if year_page else None)


@hooks.register("before_create_page")
def say_the_year_is_provisional_on_create(request, parent_page, page_class):
    if request.method != "GET" or not issubclass(page_class, ItaPageMixin):
        return
    parent = parent_page.specific
    if issubclass(page_class, ItaYearMixin):
        year = FiscalYear.current().be_year
    else:
        year_page = getattr(parent, "year_page", None)
        year = year_page.year if year_page else None
    _provisional_notice(request, year)


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
        '<script src="{}"></script><script src="{}"></script>'
        '<script src="{}"></script><script src="{}"></script>',
        static("ita_wagtail/admin/start.js"),  # itaAdmin, used by the others
        static("ita_wagtail/admin/year.js"),
        static("ita_wagtail/admin/dates.js"),
        static("ita_wagtail/admin/results.js"),
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_findings_on_draft_save(request, page):
    """A draft always saves; tell the editor what would stop it being published."""
    if not request.accepts("text/html"):
        # Wagtail 8's autosave (it asks for JSON): its messages would pile up
        # in the session and show, stale and repeated, after the next save.
        return
    page = page.specific
    if not isinstance(page, ItaPageMixin) or not hasattr(page, "get_findings"):
        return
    page._ita_digits = site_digits(page)  # dates in the messages, as the site writes
    findings = page.get_findings() + page_evidence_findings(page)
    errors = list(
        {finding.message: finding for finding in findings if finding.is_error}.values()
    )  # each finding once
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


def _say_approved(request, task_state):
    """Tell the approver what their approval did: Wagtail says nothing."""
    workflow_state = task_state.workflow_state
    title = workflow_state.content_object.get_admin_display_title()
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        message = _("Approved and published: “%(title)s”.")
    else:
        message = _("Approved: “%(title)s” goes on to its next approval step.")
    messages.success(request, message % {"title": title})


def _approved_by(request, page, **filters):
    return (
        TaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            finished_by=request.user.pk,
            workflow_state__object_id=str(page.pk),
            **filters,
        )
        .select_related("workflow_state")
        .order_by("-finished_at")
        .first()
    )


@hooks.register("before_edit_page")
def confirm_an_approval_from_the_workflow_action_view(request, page):
    """Wagtail's workflow action view redirects here after an ITA approval."""
    task_state_id = request.GET.get(APPROVED_PARAMETER, "")
    if request.method == "GET" and task_state_id.isdigit():
        task_state = _approved_by(request, page, pk=task_state_id)
        if task_state is not None:
            _say_approved(request, task_state)


@hooks.register("after_edit_page")
def confirm_an_approval_in_the_edit_view(request, page):
    """The edit view's "Approve" saves, approves, and says only "updated"."""
    if (
        request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    ):
        task_state = _approved_by(request, page)
        if task_state is not None:
            _say_approved(request, task_state)


def _user_site_ids(request):
    """The ids of the user's ITA sites, or None for a superuser (every site)."""
    if request.user.is_superuser:
        return None
    cached = getattr(request, "_ita_user_site_ids", None)
    if cached is None:
        cached = set(ita_sites_for_user(request.user).values_list("pk", flat=True))
        request._ita_user_site_ids = cached
    return cached


@hooks.register("construct_document_chooser_queryset")
@hooks.register("construct_image_chooser_queryset")
def evidence_files_of_user_sites(files, request):
    """The choosers offer the files of the user's own sites, none of another's."""
    site_ids = _user_site_ids(request)
    if site_ids is None:
        return files
    return files.filter(evidence_files_filter(site_ids))


@hooks.register("construct_page_chooser_queryset")
def pages_of_user_sites(pages, request):
    """The page chooser offers the pages of the user's own ITA sites only."""
    site_ids = _user_site_ids(request)
    if not site_ids:
        return pages
    return pages.filter(pages_filter(site_ids))


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
