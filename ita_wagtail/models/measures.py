"""O42, the year's integrity and transparency measures, and O43, their results."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..domain.blocks import AnalysisStreamBlock, MeasureStreamBlock, ResultStreamBlock
from ..domain.compliance import (
    analysis_findings,
    covered_fiscal_year,
    office_site_findings,
    plan_findings,
    plan_site_findings,
    plan_state_findings,
    report_findings,
    same_year_findings,
)
from ..domain.measure_table import (
    build_measure_table,
    build_measure_table_from_raw,
    measure_children,
    measure_label,
    raw_office_ids,
)
from ..domain.progress import Progress
from .api_fields import MeasureTableField, ResultsField
from .catalogue import Coverage, OitItem, PageType, PlanRule
from .forms import MeasurePlanForm, MeasureResultForm
from .items import AnswersItemMixin
from .offices import ResponsibleOffice
from .pages import ItaPageMixin, ItaYearMixin
from .panels import ConfirmationPanel, ResultsPanel
from .site_access import site_ids_of


def raw_measure_table(measures, results=None, digits="thai"):
    """``build_measure_table_from_raw`` with the offices its measures name.

    The offices are fetched in one query, as the StreamField would (issue 17).
    """
    office_ids = raw_office_ids(measures)
    offices = ResponsibleOffice.objects.in_bulk(office_ids) if office_ids else {}
    return build_measure_table_from_raw(measures, results, digits, offices)


class ReportingRound(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly report")
    SIX_MONTH = "six_month", _("6-month report")
    ANNUAL = "annual", _("Annual report")


class MeasurePlanMixin(AnswersItemMixin):
    """O42: the measures of the year, and the analysis they were derived from."""

    routed_child_type = "ita_wagtail.MeasureResultPage"

    oit_page_type = PageType.MEASURES
    base_form_class = MeasurePlanForm
    history_field = "measures"

    analysis_intro = RichTextField(
        _("analysis of last year's ITA result"),
        blank=True,
        help_text=_(
            "How last year's ITA result was analysed, and its score if known. The "
            "assessor expects the measures to follow from this analysis."
        ),
    )
    analysis = StreamField(
        AnalysisStreamBlock(),
        blank=True,
        verbose_name=_("points of the analysis"),
        help_text=_("The weak points found, what to improve, and how."),
    )
    measures = StreamField(
        MeasureStreamBlock(),
        blank=True,
        verbose_name=_("measures"),
        help_text=_(
            "Each measure with how it is carried out, who is responsible and when, "
            "inside the fiscal year. The assessor checks that the report (O43) "
            "answers exactly these measures."
        ),
    )

    content_panels = [
        *AnswersItemMixin.page_panels,
        MultiFieldPanel(
            [FieldPanel("analysis_intro"), FieldPanel("analysis")],
            heading=_("Analysis of last year's ITA result"),
        ),
        ConfirmationPanel("confirm_measure_removal"),
        HelpPanel(
            content=_(
                "<p>List the measures adopted for this fiscal year. The assessor "
                "checks that they are carried out and that the report under this "
                "page (O43) shows, for each, what was done in the same year.</p>"
            )
        ),
        FieldPanel("measures"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("analysis_intro"),
        index.SearchField("analysis"),
        index.SearchField("measures"),
    ]
    api_fields = [
        APIField("item_code"),
        APIField("analysis_intro"),
        APIField("analysis"),
        APIField("measures"),
        APIField("measure_table", serializer=MeasureTableField()),
    ]

    class Meta:
        abstract = True

    def get_measure_table(self, digits="thai"):
        return build_measure_table(self.measures, digits=digits)

    @staticmethod
    def history_label(raw_block):
        return (raw_block.get("value") or {}).get("measure", "")

    def get_reports(self):
        """The reports answering this measures page (drafts too): those under
        it, and those of a later year that name it (2569's O26 on the measures
        of 2568)."""
        reports = [
            page
            for page in self.get_children().specific()
            if isinstance(page, MeasureResultMixin)
        ]
        for model in self.item_page_classes():
            if issubclass(model, MeasureResultMixin):
                reports += list(model.objects.filter(measures_page=self))
        return reports

    def get_published_measures(self):
        """The measures O43 answers: the published O42's, or None if not published.

        The one rule of O42 and O43: the O43 editor, its checks, its public
        page, history, exports and API, its import, last year's results and
        next year's carry-forward all read the published O42. A newer O42
        draft is only shown to the O43 editor, as such (``plan_state_findings``).
        Call it on the page as stored, not on a revision's object: a live page's
        row holds its published content (Wagtail keeps drafts in revisions).
        """
        if not self.pk or not self.live:
            return None
        return self.measures

    def get_findings(self):
        findings = super().get_findings()
        if self.oit_item_id is None and not self.year_lists_a_measures_item():
            # 2568's list may have had no measures item: the LAO still adopts
            # its measures, which next year's report (2569's O26) answers.
            findings = [f for f in findings if f.code != "item.not_bound"]
        return (
            findings
            + plan_findings(
                covered_fiscal_year(self.oit_item, self.fiscal_year),
                self.measures,
                # The site's digits when the admin gives them (draft warnings).
                digits=self.__dict__.get("_ita_digits", "arabic"),
            )
            + office_site_findings(self.measures, site_ids_of(self))
            + analysis_findings(self.analysis_intro, self.analysis)
        )

    def year_lists_a_measures_item(self):
        """Whether this page's year has a measures item in the catalogue."""
        if "_year_lists_measures" in self.__dict__:  # given by build_year_report
            return self.__dict__["_year_lists_measures"]
        fiscal_year = self.fiscal_year
        if fiscal_year is None:
            return True
        return (
            OitItem.objects.for_year(fiscal_year.be_year)
            .filter(page_type=self.oit_page_type)
            .exists()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.reads_raw_rows(context):
            context["table"] = raw_measure_table(
                self.measures, digits=context["ita_digits"]
            )
        else:
            context["table"] = self.get_measure_table(context["ita_digits"])
        # Its own reports below it, and a later year's report on these
        # measures (2569's O26 on the measures of 2568), in one query.
        context["reports"] = (
            MeasureResultPage.objects.filter(
                Q(path__startswith=self.path, depth=self.depth + 1)
                | Q(measures_page=self)
            )
            .live()
            .public()
            .select_related("oit_item")  # each report's code, in the same query
            .order_by("path")
        )
        return context


class MeasureResultMixin(AnswersItemMixin):
    """O43: what was done for each measure of the O42 page above it."""

    oit_page_type = PageType.MEASURE_RESULTS
    base_form_class = MeasureResultForm
    history_field = "results"
    #: The editor's copy of O42's wording: never compared nor shown in history.
    history_ignored_keys = ("measure_label",)

    report_date = models.DateField(
        _("report date"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the report. It must be inside the fiscal year: the "
            "assessor accepts only work of the same year as the measures."
        ),
    )
    reporting_round = models.CharField(
        _("reporting round"),
        max_length=16,
        choices=ReportingRound.choices,
        default=ReportingRound.SIX_MONTH,
        help_text=_("Which report this is; each round is a page of its own."),
    )
    measures_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("measures page reported on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Only for a report on another year's measures, e.g. O26 of 2569 on "
            "the measures of fiscal year 2568: that year's measures page of this "
            "site. Leave empty when the report sits under its measures page."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A few words on how the measures were carried out this year."),
    )
    results = StreamField(
        ResultStreamBlock(),
        blank=True,
        verbose_name=_("results"),
        help_text=_(
            "One result for each measure of the measures page. A measure added "
            "there later appears here the next time you open this page. The "
            "assessor expects every measure to have a result detailed enough to "
            "show how it was carried out."
        ),
    )

    content_panels = [
        *AnswersItemMixin.page_panels,
        MultiFieldPanel(
            [
                PageChooserPanel("measures_page", "ita_wagtail.MeasureIndexPage"),
                FieldPanel("reporting_round"),
                FieldPanel("report_date"),
                FieldPanel("intro"),
            ],
            heading=_("Report"),
        ),
        HelpPanel(
            content=_(
                "<p>Each result belongs to one measure of the measures page (O42). "
                "Edit the measures there; here, say what was done, the result and "
                "suggestions for each.</p>"
            )
        ),
        ResultsPanel("results"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("results"),
    ]
    api_fields = [
        APIField("item_code"),
        APIField("reporting_round"),
        APIField("report_date"),
        APIField("intro"),
        APIField("results", serializer=ResultsField()),
        APIField("measure_table", serializer=MeasureTableField(results=True)),
    ]

    class Meta:
        abstract = True

    @cached_property
    def plan_page(self):
        """The O42 page this report answers, or None.

        Its parent, or, for a report on another year's measures (2569's O26
        under the 2569 year page), the measures page it names.
        """
        if self.measures_page_id:
            page = self.measures_page
            return page.specific if page else None
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def year_page(self):
        if self.measures_page_id:
            # In the tree like an item page; kept, since this is no cached_property.
            if "_own_year_page" not in self.__dict__:
                self.__dict__["_own_year_page"] = ItaPageMixin.year_page.func(self)
            return self.__dict__["_own_year_page"]
        plan_page = self.plan_page
        return plan_page.year_page if plan_page else None

    @property
    def answers_other_year(self):
        """Whether the report answers measures outside its own year page."""
        return bool(self.measures_page_id)

    def set_defaults_for_new_page(self, parent_page):
        super().set_defaults_for_new_page(parent_page)
        if isinstance(parent_page, ItaYearMixin) and self.measures_page_id is None:
            self.measures_page = plan_page_for(self.oit_item, parent_page)
        sibling_slugs = set(parent_page.get_children().values_list("slug", flat=True))
        if self.slug in sibling_slugs:
            self.slug = f"{self.slug}-{self.reporting_round}".replace("_", "-")

    def history_label(self, raw_block):
        """A result's label in the public history: its measure in the published O42.

        Never the ``measure_label`` stored in the result, which the editor saw
        and which the public must not (issue 13: nothing of an O42 draft).
        """
        labels = self.__dict__.get("_published_measure_labels")
        if labels is None:
            labels = {
                child.id: measure_label(number, child.value)
                for number, child in enumerate(
                    measure_children(self.get_published_plan_measures()), start=1
                )
            }
            self.__dict__["_published_measure_labels"] = labels
        measure_id = (raw_block.get("value") or {}).get("measure_id")
        return labels.get(measure_id) or gettext(
            "a result for a measure that is not in the published measures"
        )

    def get_published_plan_measures(self):
        """The published measures of the O42 above, or None (see its rule)."""
        plan_page = self.plan_page
        return plan_page.get_published_measures() if plan_page else None

    def get_measure_table(self, digits="thai"):
        return build_measure_table(
            self.get_published_plan_measures(), self.results, digits
        )

    def get_findings(self):
        plan_page = self.plan_page
        return (
            super().get_findings()
            + plan_state_findings(plan_page)
            + same_year_findings(
                self.oit_item, plan_page, self.__dict__.get("_ita_digits", "arabic")
            )
            + (
                plan_site_findings(self.year_page, plan_page)
                if self.measures_page_id
                else []
            )
            + report_findings(
                covered_fiscal_year(
                    self.oit_item, plan_page.fiscal_year if plan_page else None
                ),
                self.report_date,
                self.results,
                self.get_published_plan_measures(),
                self.oit_item,
                pair=plan_page is None or plan_page.live,
                digits=self.__dict__.get("_ita_digits", "arabic"),
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plan_page"] = self.plan_page
        if self.reads_raw_rows(context):
            table = raw_measure_table(
                self.get_published_plan_measures(), self.results, context["ita_digits"]
            )
        else:
            table = self.get_measure_table(context["ita_digits"])
        context["table"] = table
        context["progress"] = Progress.from_counts(table.status_counts)
        return context


def reports_on_another_year(year):
    """Whether a year's catalogue has a report item on another year's plan."""
    return (
        OitItem.objects.filter(year=year, page_type=PageType.MEASURE_RESULTS)
        .filter(
            Q(covers=Coverage.PREVIOUS_YEAR) | Q(plan_rule=PlanRule.PREVIOUS_YEAR_ITEM)
        )
        .exists()
    )


class MeasureIndexPage(MeasurePlanMixin, Page):
    template = "ita_wagtail/pages/measure_index_page.html"
    parent_page_types = ["ita_wagtail.ItaYearPage"]
    subpage_types = ["ita_wagtail.MeasureResultPage"]
    max_count_per_parent = 1
    page_description = _(
        "O42: the year's measures to promote integrity and transparency, "
        "drawn from last year's assessment."
    )

    class Meta:
        verbose_name = _("integrity and transparency measures")
        verbose_name_plural = _("integrity and transparency measures")


class MeasureResultPage(MeasureResultMixin, Page):
    template = "ita_wagtail/pages/measure_result_page.html"
    # Under its measures page (O43 of 2564–2566), or under its own year page
    # when it answers last year's measures (O26 of 2569): see README "Years".
    parent_page_types = ["ita_wagtail.MeasureIndexPage", "ita_wagtail.ItaYearPage"]
    page_description = _(
        "What was done for each measure of the measures page it answers "
        "(O43; O26 from ITA 2569)."
    )
    subpage_types = []

    @classmethod
    def can_create_at(cls, parent):
        """Under a year page only in a year whose report answers another
        year's measures (2569's O26); in 2564–2566 O43 goes under its O42."""
        if not super().can_create_at(parent):
            return False
        parent = parent.specific
        if isinstance(parent, ItaYearMixin):
            return reports_on_another_year(parent.year)
        return True

    class Meta:
        verbose_name = _("report on the measures")
        verbose_name_plural = _("reports on the measures")


def plan_page_for(oit_item, year_page):
    """The measures page of the same ITA section that a report item answers.

    A report answers the measures page above it (O43 of 2564–2566), or, when its
    catalogue item reports on another year (2569's O26 covers fiscal year 2568),
    it sits under its own year page and names that year's measures page of the
    same ITA section (``MeasureResultMixin.measures_page``). README, "Years".

    Args:
        oit_item: the report's OitItem (its ``plan_rule`` and ``plan_code``).
        year_page: the year page the report is made in.

    Returns:
        A specific measures page, or None when the section has none yet.
    """
    if oit_item is None or year_page is None:
        return None
    if oit_item.plan_rule in (PlanRule.SAME_YEAR_ITEM, PlanRule.PREVIOUS_YEAR_ITEM):
        target_year = oit_item.plan_assessment_year
    else:
        target_year = oit_item.covered_be_year
    index_page = year_page.get_parent()
    if index_page is None:
        return None
    target = next(
        (
            page
            for page in index_page.get_children().specific()
            if isinstance(page, ItaYearMixin) and page.year == target_year
        ),
        None,
    )
    if target is None:
        return None
    plans = [
        page
        for page in target.get_descendants().specific()
        if isinstance(page, MeasurePlanMixin)
    ]
    if oit_item.plan_code:
        named = [
            page
            for page in plans
            if page.oit_item_id and page.oit_item.code == oit_item.plan_code
        ]
        plans = named or plans
    return plans[0] if plans else None
