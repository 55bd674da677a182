"""The ITA section and its years: ItaIndexPage (/ita/) and ItaYearPage (/ita/2564/).

Each page type comes as an abstract mixin plus a concrete page, as Wagtail's
own ``AbstractForm(FormMixin, Page)`` does, so a site can build its own page
types on the same behaviour.
"""

import datetime
import functools
import json
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    Page,
    TaskState,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.search import index

from ..domain.progress import ReportProgress, count_statuses
from ..domain.roles import is_approver_group
from ..fiscal import FiscalYear
from .approval import ItaApprovalTask
from .forms import ItaPageForm, ItaYearPageForm
from .measure_table_html import picks_the_apps_template
from .settings import ItaSiteSettings
from .wagtail_compat import (
    model_for_content_type,
    next_child_type,
    route_to_child,
    routed_parent,
)


DEFAULT_BASE_TEMPLATE = "ita_wagtail/base.html"

#: The year page's overview and answer sheet read every page type, so they are
#: services (a layer above the models): wagtail_hooks.py registers them for
#: these hooks, as Wagtail's own models find image operations and rich text
#: features. The overview hook's function takes (year page, request,
#: visibility_only=…), the answer sheet's is a view: (request, year page,
#: file format or None for the HTML page).
YEAR_OVERVIEW_HOOK = "ita_year_overview"
ANSWER_SHEET_HOOK = "ita_answer_sheet"


@dataclass
class Approval:
    role: str
    approved_at: datetime.datetime


#: The name of the annotation routing leaves on the page it serves: the id
#: of the approved task state of its live revision (None if nobody approved
#: it), so that ``get_approval`` asks nothing more for a page nobody approved.
APPROVAL_ANNOTATION = "ita_approval_task_state_id"
#: The annotation giving a routed page the content type of its child named by
#: the next URL segment (wagtail_compat.next_child_type).
NEXT_CHILD_ANNOTATION = "ita_next_child_type"


#: get_approval's query as a scalar subquery of the outer page (its table's
#: name, quoted, is ``page``).
_APPROVAL_SQL = """(
    SELECT ts.{ts_id} FROM {task_states} ts
    INNER JOIN {workflow_states} ws ON ts.{ts_workflow_state} = ws.{ws_id}
    WHERE ts.{ts_revision} = {page}.{live_revision}
    AND ts.{ts_status} = %s AND ws.{ws_content_type} = %s
    AND ws.{ws_object_id} = CAST({page}.{page_id} AS TEXT)
    ORDER BY ts.{ts_finished_at} DESC LIMIT 1
)"""


def approval_subquery():
    """The latest approved task state of a page's live revision, as a subquery.

    For a queryset of pages: ``get_approval``'s query, by the outer page's id
    and live revision (APPROVAL_ANNOTATION). Written as SQL: built by the ORM
    (a Subquery of two joined querysets), it cost more Python on every
    routing query than the query it saves (issue 17). Its text depends only on
    the database, so it is built once per database vendor; only the values
    are per call.
    """
    # Only quoted names are formatted in; the values are parameters.
    return RawSQL(  # noqa: S611
        _approval_sql(connection.vendor),
        (TaskState.STATUS_APPROVED, get_default_page_content_type().pk),
        output_field=models.IntegerField(),
    )


@functools.cache
def _approval_sql(vendor):
    """_APPROVAL_SQL with the quoted names of ``vendor``'s connection."""
    quote = connection.ops.quote_name
    return _APPROVAL_SQL.format(
        task_states=quote(TaskState._meta.db_table),
        workflow_states=quote(WorkflowState._meta.db_table),
        page=quote(Page._meta.db_table),
        ts_id=quote(TaskState._meta.pk.column),
        ts_workflow_state=quote(TaskState._meta.get_field("workflow_state").column),
        ws_id=quote(WorkflowState._meta.pk.column),
        ts_revision=quote(TaskState._meta.get_field("revision").column),
        live_revision=quote(Page._meta.get_field("live_revision").column),
        ts_status=quote(TaskState._meta.get_field("status").column),
        ws_content_type=quote(
            WorkflowState._meta.get_field("base_content_type").column
        ),
        ws_object_id=quote(WorkflowState._meta.get_field("object_id").column),
        page_id=quote(Page._meta.pk.column),
        ts_finished_at=quote(TaskState._meta.get_field("finished_at").column),
    )


def registered(hook_name):
    """The function registered last for ``hook_name`` (in hook order)."""
    return hooks.get_hooks(hook_name)[-1]


def get_base_template():
    """The template every public ITA page extends (``ITA_WAGTAIL_BASE_TEMPLATE``)."""
    return getattr(settings, "ITA_WAGTAIL_BASE_TEMPLATE", DEFAULT_BASE_TEMPLATE)


class ItaPageMixin(models.Model):
    """What every ITA page shares: its organisation, fiscal year and base template."""

    base_form_class = ItaPageForm

    class Meta:
        abstract = True

    #: The page type (``app_label.Model``) of most of this page's children:
    #: routing asks for a child in that type at once (wagtail_compat), one
    #: query instead of two.
    routed_child_type = None

    def route(self, request, path_components):
        model = self.routed_child_model(path_components)
        if model is not None:
            # The approval of every page routed through: a page's routable
            # views (the answer sheet, the history) show it too.
            annotations = {APPROVAL_ANNOTATION: approval_subquery()}
            if len(path_components) > 1:
                annotations[NEXT_CHILD_ANNOTATION] = next_child_type(path_components[1])
            routed = route_to_child(
                self, request, path_components, model, annotations=annotations
            )
            if routed is not None:
                return routed
        return super().route(request, path_components)

    def routed_child_model(self, path_components):
        """The page type to ask for the child ``path_components`` names, or None.

        The type routing already read for that child (NEXT_CHILD_ANNOTATION,
        left on this page by its own routing query), else ``routed_child_type``.
        """
        if not path_components:
            return None
        model = model_for_content_type(self.__dict__.get(NEXT_CHILD_ANNOTATION))
        if model is not None:
            return model
        if self.routed_child_type:
            return apps.get_model(self.routed_child_type)
        return None

    def get_ita_settings(self, request=None):
        if request is not None:
            return ItaSiteSettings.for_request(request)
        return ItaSiteSettings.for_site(self.get_site())

    @cached_property
    def routed_ancestors(self):
        """The ancestors routing already loaded, parent first; None if any is not.

        Wagtail's router caches each page on its child as the parent
        (wagtail_compat.routed_parent), so a page served from its URL knows its
        ancestors, in their specific types, down to the site's root page at no
        query cost.
        """
        ancestors = []
        page = self
        while page.depth > 2:  # depth 1 is the tree root, which no one shows
            page = routed_parent(page)
            if page is None:
                return None
            ancestors.append(page)
        return ancestors

    @cached_property
    def breadcrumb_ancestors(self):
        """The pages above this one, below the tree root, top down."""
        if self.routed_ancestors is not None:
            return self.routed_ancestors[::-1]
        return list(self.get_ancestors().filter(depth__gt=1))

    @cached_property
    def year_page(self):
        """The ItaYearPage this page belongs to (itself for a year page), or None."""
        if isinstance(self, ItaYearMixin):
            return self
        if self.routed_ancestors is not None:
            for page in self.routed_ancestors:
                if issubclass(page.specific_class or type(page), ItaYearPage):
                    return page.specific
            return None
        return ItaYearPage.objects.ancestor_of(self).first()

    @property
    def fiscal_year(self):
        year_page = self.year_page
        return year_page.fiscal_year if year_page else None

    def set_defaults_for_new_page(self, parent_page):
        """Fill in what a new page of this type starts with (title, slug …)."""

    def get_approval(self):
        """Who approved the live version, by role, and when; None if nobody did.

        Only an approval of the very revision that is live counts: a later
        change published some other way shows no approval rather than an old one.
        """
        if not self.live_revision_id:
            return None
        if APPROVAL_ANNOTATION in self.__dict__:  # read by routing
            task_state_id = self.__dict__[APPROVAL_ANNOTATION]
            if task_state_id is None:
                return None
            task_states = TaskState.objects.filter(pk=task_state_id)
        else:
            task_states = TaskState.objects.filter(
                workflow_state__in=WorkflowState.objects.for_instance(self),
                status=TaskState.STATUS_APPROVED,
                revision_id=self.live_revision_id,
            )
        task_state = task_states.select_related("task").order_by("-finished_at").first()
        if task_state is None:
            return None
        task = task_state.task.specific
        groups = list(getattr(task, "groups", Group.objects.none()).all())
        if isinstance(task, ItaApprovalTask) or any(
            is_approver_group(group) for group in groups
        ):
            role = _("the approver (ปลัด / นายก)")
        else:
            role = task_state.task.name
        return Approval(role=role, approved_at=task_state.finished_at)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ita_settings = self.get_ita_settings(request)
        context.update(
            ita_settings=ita_settings,
            ita_digits=ita_settings.digits,
            ita_base_template=get_base_template(),
            fiscal_year=self.fiscal_year,
        )
        return context


class ItaIndexMixin(ItaPageMixin):
    """The landing page of a site's ITA section: one link per fiscal year."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A short word to citizens and assessors about this section."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    routed_child_type = "ita_wagtail.ItaYearPage"

    class Meta:
        abstract = True

    def set_defaults_for_new_page(self, parent_page):
        self.title = self.title or str(_("ITA disclosures"))
        self.slug = self.slug or "ita"

    def get_year_pages(self):
        return ItaYearPage.objects.child_of(self).live().public().order_by("-year")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        year_pages = self.get_year_pages()
        progress_by_year = latest_report_progress_by_year(self)
        context["year_pages"] = year_pages
        context["years"] = [
            (year_page, progress_by_year.get(year_page.pk)) for year_page in year_pages
        ]
        return context


class ItaYearMixin(RoutablePageMixin, ItaPageMixin):
    """One assessment year of the ITA section, named by its fiscal year (พ.ศ.).

    Besides the page itself it serves the year's ITAS answer sheet, at
    ``answers/``, ``answers/csv/`` and ``answers/xlsx/``.
    """

    answer_sheet_template = "ita_wagtail/pages/answer_sheet.html"

    year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_(
            "The Buddhist-era fiscal year assessed, e.g. 2564 for "
            "1 October 2020 – 30 September 2021."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list of this year's disclosures."),
    )

    content_panels = [FieldPanel("year"), *Page.content_panels, FieldPanel("intro")]
    #: The admin lists a year's pages in OIT order (see wagtail_hooks), not by
    #: their last change.
    admin_default_ordering = "ord"
    base_form_class = ItaYearPageForm
    api_fields = [APIField("year"), APIField("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    @property
    def fiscal_year(self):
        return FiscalYear(self.year) if self.year else None

    def set_defaults_for_new_page(self, parent_page):
        if not self.year:
            self.year = FiscalYear.current().be_year
        self.title = self.title or str(FiscalYear(self.year).label(digits="arabic"))
        self.slug = self.slug or str(self.year)

    def get_year_report(self, request=None, visibility_only=False):
        """The year's overview, built once per request (a page and its answer
        sheet, or the dashboard, may ask for it more than once), by the
        function registered for the ``ita_year_overview`` hook."""
        cached = self.__dict__.get("_ita_year_report")
        if (
            cached is not None
            and request is not None
            and cached[0] is request
            and cached[1] == visibility_only
        ):
            return cached[2]
        build = registered(YEAR_OVERVIEW_HOOK)
        report = build(self, request, visibility_only=visibility_only)
        self.__dict__["_ita_year_report"] = (request, visibility_only, report)
        return report

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = getattr(request, "user", None)
        can_edit = bool(
            user
            and user.is_authenticated
            and self.permissions_for_user(user).can_edit()
        )
        # The app's own year page shows a reader which items they can open,
        # and findings only to editors: for the others, check only that.
        visibility_only = (
            not can_edit
            and self.__dict__.get("_ita_year_view", False)
            and picks_the_apps_template(self.template)
        )
        report = self.get_year_report(request, visibility_only=visibility_only)
        context.update(report=report, can_edit=can_edit)
        context["year_progress"] = report.progress
        return context

    def get_cached_paths(self):
        """The year page and its answer sheet, for the frontend cache's purges."""
        return ["/", "/answers/", "/answers/csv/", "/answers/xlsx/"]

    @path("")
    def year_view(self, request):
        self.__dict__["_ita_year_view"] = True  # not the answer sheet
        return self.render(request)

    @path("answers/", name="answer_sheet")
    def answer_sheet_view(self, request):
        return registered(ANSWER_SHEET_HOOK)(request, self)

    @path("answers/csv/", name="answer_sheet_csv")
    def answer_sheet_csv_view(self, request):
        return registered(ANSWER_SHEET_HOOK)(request, self, "csv")

    @path("answers/xlsx/", name="answer_sheet_xlsx")
    def answer_sheet_xlsx_view(self, request):
        return registered(ANSWER_SHEET_HOOK)(request, self, "xlsx")


class ItaIndexPage(ItaIndexMixin, Page):
    template = "ita_wagtail/pages/ita_index_page.html"
    subpage_types = ["ita_wagtail.ItaYearPage"]
    max_count_per_parent = 1
    page_description = _(
        "The ITA section of the site: one page for each fiscal year assessed."
    )

    class Meta:
        verbose_name = _("ITA section")
        verbose_name_plural = _("ITA sections")


class ItaYearPage(ItaYearMixin, Page):
    template = "ita_wagtail/pages/ita_year_page.html"
    parent_page_types = ["ita_wagtail.ItaIndexPage"]
    subpage_types = [
        "ita_wagtail.ItaItemPage",
        "ita_wagtail.MeasureIndexPage",
        "ita_wagtail.MeasureResultPage",
    ]
    page_description = _(
        "One fiscal year's assessment (B.E.): the pages answering its OIT items."
    )

    class Meta:
        verbose_name = _("ITA fiscal year")
        verbose_name_plural = _("ITA fiscal years")


def latest_report_progress_by_year(parent_page):
    """Each fiscal year's progress, from its latest published report (O43).

    Args:
        parent_page: the ITA section (ItaIndexPage) or one of its years.

    Returns:
        A dict mapping each ItaYearPage's id under ``parent_page`` (itself
        included) that has a published report to a ReportProgress. Costs a
        constant number of queries, however many years there are.
    """
    # By name: measures.py, which defines them, imports this module.
    MeasureIndexPage = apps.get_model("ita_wagtail", "MeasureIndexPage")
    MeasureResultPage = apps.get_model("ita_wagtail", "MeasureResultPage")

    def live_under(model):
        return model.objects.live().public().filter(path__startswith=parent_page.path)

    years = list(live_under(ItaYearPage).only("id", "path", "depth"))
    plans = {plan.path: plan for plan in live_under(MeasureIndexPage)}
    plans_by_id = {plan.pk: plan for plan in plans.values()}
    by_year = {}
    for report in live_under(MeasureResultPage):
        if report.measures_page_id:  # a report on last year's measures (O26)
            plan = plans_by_id.get(report.measures_page_id)
        else:
            plan = plans.get(report.path[: -report.steplen])
        year = next((y for y in years if report.path.startswith(y.path)), None)
        if plan is None or year is None:
            continue
        by_year.setdefault(year.pk, []).append((report, plan))
    return {
        year_id: latest_report_progress(candidates)
        for year_id, candidates in by_year.items()
    }


def latest_report_progress(candidates):
    """The progress the latest of a year's reports gives, or None if none.

    Args:
        candidates: (report, plan) pairs: each live, public report (a
            MeasureResultPage) with the live, public measures page it answers.
            Their StreamFields may be deferred (``defer_streamfields``): the
            latest report's results and its plan's measures are then read, raw,
            in one query.

    Returns:
        A ReportProgress, or None when there is no candidate.
    """
    if not candidates:
        return None
    report, plan = max(candidates, key=_report_order)
    streams = _measures_and_results(plan, report)
    if streams is None:  # deleted since they were read
        return None
    return ReportProgress(report, count_statuses(*streams))


def _measures_and_results(plan, report):
    """O42's measures and O43's results, raw: from the pages or, if they were
    deferred, only the parts count_statuses reads, from the database."""
    deferred = plan.get_deferred_fields() | report.get_deferred_fields()
    if "measures" not in deferred and "results" not in deferred:
        return plan.measures, report.results
    sql = _STREAM_PARTS_SQL.get(connection.vendor)
    if sql is None:  # another database: the two streams' JSON, decoded here
        return _measures_and_results_json(plan, report)
    measures = plan._meta.get_field("measures")
    results = report._meta.get_field("results")
    quote = connection.ops.quote_name
    sql = sql.format(
        plan_table=quote(measures.model._meta.db_table),
        plan_pk=quote(measures.model._meta.pk.column),
        measures=quote(measures.column),
        report_table=quote(results.model._meta.db_table),
        report_pk=quote(results.model._meta.pk.column),
        results=quote(results.column),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk, report.pk])
        rows = cursor.fetchall()
    raw = ([], [])
    for stream, _position, block_type, block_id, status in rows:
        if stream == 0:
            raw[0].append({"type": block_type, "id": block_id})
        else:
            value = {"measure_id": block_id, "status": status}
            raw[1].append({"type": block_type, "value": value})
    return raw


#: The parts of O42's measures (each block's type and id) and O43's results
#: (each block's type, measure and status) that the progress reads, in stream
#: order, picked out of the two pages' JSON by the database: a year page does
#: not fetch and decode two whole streams (≈ 280 kB for 50 measures) for a
#: progress bar (issue 17). Anything but a JSON array reads as an empty stream.
_STREAM_PARTS_SQL = {
    "sqlite": """
        SELECT 0, e.key, json_extract(e.value, '$.type'),
            json_extract(e.value, '$.id'), NULL
        FROM {plan_table} AS p, json_each(CASE WHEN json_valid(p.{measures})
            THEN CASE WHEN json_type(p.{measures}) = 'array' THEN p.{measures}
            ELSE '[]' END ELSE '[]' END) AS e
        WHERE p.{plan_pk} = %s
        UNION ALL
        SELECT 1, e.key, json_extract(e.value, '$.type'),
            json_extract(e.value, '$.value.measure_id'),
            json_extract(e.value, '$.value.status')
        FROM {report_table} AS r, json_each(CASE WHEN json_valid(r.{results})
            THEN CASE WHEN json_type(r.{results}) = 'array' THEN r.{results}
            ELSE '[]' END ELSE '[]' END) AS e
        WHERE r.{report_pk} = %s
        ORDER BY 1, 2
    """,
    "postgresql": """
        SELECT 0, e.position, e.block ->> 'type', e.block ->> 'id', NULL
        FROM {plan_table} AS p, jsonb_array_elements(
            CASE WHEN jsonb_typeof(p.{measures}) = 'array' THEN p.{measures}
            ELSE '[]'::jsonb END) WITH ORDINALITY AS e(block, position)
        WHERE p.{plan_pk} = %s
        UNION ALL
        SELECT 1, e.position, e.block ->> 'type',
            e.block #>> '{{value,measure_id}}', e.block #>> '{{value,status}}'
        FROM {report_table} AS r, jsonb_array_elements(
            CASE WHEN jsonb_typeof(r.{results}) = 'array' THEN r.{results}
            ELSE '[]'::jsonb END) WITH ORDINALITY AS e(block, position)
        WHERE r.{report_pk} = %s
        ORDER BY 1, 2
    """,
}


def _measures_and_results_json(plan, report):
    as_text = models.TextField()
    measures = type(plan).objects.filter(pk=plan.pk).values("measures")[:1]
    row = (
        type(report)
        ._base_manager.filter(pk=report.pk)
        .values_list(Cast(models.Subquery(measures), as_text), Cast("results", as_text))
        .first()
    )
    return None if row is None else [json.loads(text or "[]") for text in row]


def _report_order(candidate):
    """Latest report date first; among reports of one date, the last created."""
    report, _plan = candidate
    return (report.report_date or date.min, report.path)
