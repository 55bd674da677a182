"""Where a fiscal year's ITA section stands: each item, its page, its findings.

One function builds it for the year page, the answer sheet, the dashboard, the
findings report and ``ita_check``, in a constant number of queries whatever
the number of items.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Q
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from ..domain.compliance import ERROR, external_link_findings, visibility_findings
from ..models import (
    AnswersItemMixin,
    MeasureIndexPage,
    MeasurePlanMixin,
    MeasureResultMixin,
    MeasureResultPage,
    OitItem,
)
from ..models.forms import site_digits
from ..models.items import specific_pages_only
from ..models.pages import latest_report_progress
from ..models.wagtail_compat import prefill_cached_property, urls_below


class ItemStatus:
    MISSING = "missing"
    DRAFT = "draft"
    LIVE = "live"
    LIVE_WITH_FINDINGS = "live_with_findings"

    labels = {
        MISSING: _("Missing"),
        DRAFT: _("Draft"),
        LIVE: _("Live"),
        LIVE_WITH_FINDINGS: _("Live with findings"),
    }


@dataclass
class ItemEntry:
    """One catalogue item of the year and the page that answers it, if any."""

    item: OitItem | None
    page: Page | None = None
    findings: list = field(default_factory=list)
    #: The request the page's full URL is built for.
    request: object = field(default=None, repr=False, compare=False)
    #: A function giving the page its link (wagtail_compat.urls_below).
    links: object = field(default=None, repr=False, compare=False)

    @cached_property
    def url(self):
        """The page's full URL (for the answer sheet), "" if there is no page."""
        if self.page is None:
            return ""
        return self.page.get_full_url(self.request) or ""

    @cached_property
    def link(self):
        """The page's URL as ``{% pageurl %}`` gives it on this request."""
        if self.page is None:
            return None
        if self.links is None:
            return self.page.get_url(self.request)
        return self.links(self.page)

    @property
    def status(self):
        if self.page is None:
            return ItemStatus.MISSING
        if not self.page.live:
            return ItemStatus.DRAFT
        if self.findings:
            return ItemStatus.LIVE_WITH_FINDINGS
        return ItemStatus.LIVE

    @property
    def status_label(self):
        return ItemStatus.labels[self.status]

    @property
    def is_available(self):
        """Whether the assessor can open the page: it is live and public."""
        return self.page is not None and not any(
            f.code.startswith("page.") for f in self.findings
        )

    @property
    def error_count(self):
        return sum(1 for f in self.findings if f.severity == ERROR)


@dataclass
class SubIndicatorGroup:
    code: str
    title: str
    entries: list


@dataclass
class IndicatorGroup:
    code: str
    title: str
    sub_indicators: list


@dataclass
class YearOverview:
    """The year overview (README, "Glossary"): each item, its page, its findings."""

    year_page: Page
    entries: list
    #: Pages under the year that answer no item of its catalogue.
    unbound: list = field(default_factory=list)
    #: The year's live, public reports on its live, public measures pages,
    #: as (report, plan) pairs: where its progress is read.
    reports: list = field(default_factory=list, repr=False)

    @cached_property
    def progress(self):
        """The progress of the year's latest published report (O43), or None.

        As ``models.pages.latest_report_progress_by_year`` gives it for the
        year, from the pages the report has already read.
        """
        return latest_report_progress(self.reports)

    @property
    def total(self):
        return len(self.entries)

    @property
    def ready_count(self):
        """Items whose page is live, public and has no findings."""
        return sum(1 for e in self.entries if e.status == ItemStatus.LIVE)

    @property
    def available_count(self):
        return sum(1 for e in self.entries if e.is_available)

    @property
    def finding_count(self):
        return sum(len(e.findings) for e in self.entries + self.unbound) + sum(
            1 for e in self.entries if e.page is None
        )

    @property
    def all_entries(self):
        return self.entries + self.unbound

    def groups(self):
        """The entries grouped by indicator and sub-indicator, in catalogue order."""
        groups = []
        for (code, title), by_indicator in groupby(
            self.entries, key=lambda e: (e.item.indicator, e.item.indicator_title)
        ):
            subs = [
                SubIndicatorGroup(sub_code, sub_title, list(entries))
                for (sub_code, sub_title), entries in groupby(
                    by_indicator,
                    key=lambda e: (e.item.sub_indicator, e.item.sub_indicator_title),
                )
            ]
            groups.append(IndicatorGroup(code, title, subs))
        return groups


#: The name it had first (a report is O43's word).
YearReport = YearOverview


#: What a reader's year page reads of each page under the year: its link,
#: whether it can be opened, its item and, for a report (O43), the plan it
#: answers and what the progress says of it. The rest stays unread.
READER_FIELDS = (
    "path",
    "depth",
    "url_path",
    "title",
    "live",
    "expire_at",
    "content_type",
    "locale",
    "oit_item",
    "measures_page",
    "report_date",
    "reporting_round",
)


def _restriction_types_by_path(year_page):
    """Restriction types on the year page, its ancestors and its descendants."""
    path = year_page.path
    step = year_page.steplen
    ancestor_paths = [path[:i] for i in range(step, len(path) + 1, step)]
    restrictions = PageViewRestriction.objects.filter(
        Q(page__path__in=ancestor_paths) | Q(page__path__startswith=path)
    ).values_list("page__path", "restriction_type")
    by_path = defaultdict(set)
    for restricted_path, restriction_type in restrictions:
        by_path[restricted_path].add(restriction_type)
    return by_path


def build_year_report(year_page, request=None, visibility_only=False):
    """The state of every catalogue item of a year page's fiscal year.

    Args:
        year_page: an ItaYearPage.
        request: the current request, for full URLs on the right host.
        visibility_only: check only whether each page can be opened (live,
            not expired, not restricted: what ``is_available`` reads), not
            its content. For the public year page, which shows no findings.

    Returns:
        A YearOverview, in a constant number of queries.
    """
    items = list(OitItem.objects.for_year(year_page.year))
    items_by_id = {item.pk: item for item in items}
    year_item_ids = set(items_by_id)
    descendants = year_page.get_descendants()
    if visibility_only:  # no content checks: only what the listing reads
        descendants = specific_pages_only(
            descendants, READER_FIELDS, joined=AnswersItemMixin.item_page_classes()
        )
    else:
        descendants = descendants.specific()
    pages = [page for page in descendants if isinstance(page, AnswersItemMixin)]
    foreign_ids = {p.oit_item_id for p in pages if p.oit_item_id} - set(items_by_id)
    if foreign_ids:
        items_by_id.update(OitItem.objects.in_bulk(foreign_ids))
    restrictions = _restriction_types_by_path(year_page)
    by_path = {page.path: page for page in pages}
    # Reports on another year's measures (2569's O26 on those of 2568): their
    # measures pages, in one query, and only when there are such reports.
    named_plan_ids = {
        page.measures_page_id
        for page in pages
        if isinstance(page, MeasureResultMixin) and page.measures_page_id
    }
    named_plans = {}
    public_named_plan_ids = set()
    if named_plan_ids:
        named_plans = {
            plan.pk: plan
            for plan in Page.objects.filter(pk__in=named_plan_ids).specific()
        }
        # Which of them a reader may open, as the ITA section's progress asks.
        public_named_plan_ids = set(
            Page.objects.live()
            .public()
            .filter(pk__in=named_plan_ids)
            .values_list("pk", flat=True)
        )
    lists_measures = any(
        item.page_type == MeasurePlanMixin.oit_page_type for item in items
    )

    @functools.cache
    def site():  # for the content checks only
        return year_page.get_site()

    def hostname():
        return site().hostname if site() else ""

    # The site's digits for the years and dates of the messages, read once and
    # only when a message writes one (most pages have none: no query for them).
    digits = lazy(functools.cache(functools.partial(site_digits, year_page)), str)()

    def restriction_types_of(page):
        types = set()
        for restricted_path, restriction_types in restrictions.items():
            if page.path.startswith(restricted_path):
                types |= restriction_types
        return types

    def is_published(page):  # what ``.live().public()`` selects, under the year
        return (
            page is not None
            and page.live
            and page.path.startswith(year_page.path)
            and not restriction_types_of(page)
        )

    url_below = None

    def links(page):  # the year's own URL once, each page's from it
        nonlocal url_below
        if url_below is None:
            url_below = urls_below(year_page, request)
        return url_below(page)

    page_for_item = {}
    unbound = []
    reports = []
    for page in pages:
        # Give each page what it would otherwise fetch on its own.
        prefill_cached_property(page, "year_page", year_page)
        page.oit_item = items_by_id.get(page.oit_item_id)
        if isinstance(page, MeasureResultMixin) and page.measures_page_id:
            prefill_cached_property(page, "_own_year_page", year_page)
            prefill_cached_property(
                page, "plan_page", named_plans.get(page.measures_page_id)
            )
        elif isinstance(page, MeasureResultMixin):
            prefill_cached_property(
                page, "plan_page", by_path.get(page.path[: -page.steplen])
            )
        if isinstance(page, MeasurePlanMixin):
            prefill_cached_property(page, "_year_lists_measures", lists_measures)
        restriction_types = restriction_types_of(page)
        findings = visibility_findings(page, restriction_types)
        if not visibility_only:
            page._ita_digits = digits
            findings = (
                page.get_findings()
                + findings
                + external_link_findings(getattr(page, "body", None), hostname())
            )
        if isinstance(page, MeasureResultPage) and year_page.live:
            plan = page.plan_page
            if (
                isinstance(plan, MeasureIndexPage)
                and is_published(page)
                and (is_published(plan) or plan.pk in public_named_plan_ids)
            ):
                reports.append((page, plan))
        entry = ItemEntry(
            item=page.oit_item,
            page=page,
            findings=findings,
            request=request,
            links=links,
        )
        if page.oit_item_id in year_item_ids:
            page_for_item.setdefault(page.oit_item.pk, entry)
        else:
            unbound.append(entry)
    entries = [page_for_item.get(item.pk) or ItemEntry(item=item) for item in items]
    return YearOverview(
        year_page=year_page, entries=entries, unbound=unbound, reports=reports
    )
