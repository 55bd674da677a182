"""Starting next fiscal year's O42 from this year's measures.

The ITA guide asks that each year's measures follow from how last year's went,
so the new O42 starts as a draft copy of this year's measures (new block ids,
periods moved one year on) under next year's ItaYearPage, created as a draft
if missing. The admin shows each measure beside its O43 result and
suggestions while the editor decides.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..domain.blocks import period_of
from ..domain.measure_table import build_measure_table, measure_children
from ..fiscal import Period
from ..models import ItaIndexMixin, ItaYearMixin, OitItem
from ..models.catalogue_loading import ensure_year


def shift_date(day, years=1):
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def shift_period(start, end, years=1):
    """(start, end) moved ``years`` on; whole months stay whole months."""
    period = Period(start, end)
    if period.is_whole_months:
        shifted = Period.month_range(
            start.year + years, start.month, end.year + years, end.month
        )
        return shifted.start, shifted.end
    return shift_date(start, years), shift_date(end, years)


def _new_ids(items):
    return [{**dict(item), "id": str(uuid.uuid4())} for item in items or []]


def next_year_measures(measures):
    """Raw StreamField data of the measures for next year: new ids, shifted periods.

    Args:
        measures: this year's O42 ``measures`` StreamValue.
    """
    copied = []
    for child in measure_children(measures):
        value = dict(child.block.get_prep_value(child.value))
        value["methods"] = _new_ids(value.get("methods"))
        value["offices"] = _new_ids(value.get("offices"))
        period = period_of(child.value.get("period"))
        if period is not None:
            start, end = shift_period(period.start, period.end)
            value["period"] = {"start": start.isoformat(), "end": end.isoformat()}
        copied.append({"type": "measure", "id": str(uuid.uuid4()), "value": value})
    return copied


def latest_report(plan_page):
    """The O43 report on ``plan_page`` with the latest report date (drafts too)."""
    reports = plan_page.get_reports()
    if not reports:
        return None
    return max(
        reports, key=lambda page: (page.report_date or datetime.date.min, page.path)
    )


@dataclass
class NextYearPlan:
    """What starting next year from ``plan_page`` would do, for the admin to show."""

    plan_page: object
    report: object  # the latest O43, as last saved, or None
    table: object  # MeasureTable of this year's measures beside the report's results
    index_page: object
    year_page: object  # next year's ItaYearPage, or None if it is to be created
    next_plan: object  # next year's existing O42, or None
    fiscal_year: object  # next year's FiscalYear

    def rows_with_new_periods(self):
        """(row, next year's Period or None) for each measure."""
        return [
            (row, Period(*shift_period(row.period.start, row.period.end)))
            if row.period
            else (row, None)
            for row in self.table.rows
        ]


def measures_beside_results(plan_page):
    """(latest O43 as last saved or None, MeasureTable of the published measures)."""
    report = latest_report(plan_page)
    report_content = report.get_latest_revision_as_object() if report else None
    measures = plan_page.get_published_measures()  # O43 answers the published O42
    table = build_measure_table(
        measures, report_content.results if report_content else None
    )
    return report_content, table


def _sections(plan_page):
    """(year page, ITA section page) of an O42 page, or (None, None)."""
    year_page = plan_page.year_page
    index_page = year_page.get_parent().specific if year_page else None
    if year_page is None or not isinstance(index_page, ItaIndexMixin):
        return None, None
    return year_page, index_page


def _year_page(index_page, be_year):
    return next(
        (
            page
            for page in index_page.get_children().specific()
            if isinstance(page, ItaYearMixin) and page.year == be_year
        ),
        None,
    )


def previous_year_plan(plan_page):
    """Last fiscal year's O42 page of the same ITA section, or None."""
    year_page, index_page = _sections(plan_page)
    if year_page is None:
        return None
    previous = _year_page(index_page, year_page.year - 1)
    if previous is None:
        return None
    return previous.get_children().type(type(plan_page)).specific().first()


def plan_next_year(plan_page):
    """Work out where next year's O42 goes and what it starts from.

    Raises:
        ValueError: the page is not inside a fiscal year of an ITA section.
    """
    year_page, index_page = _sections(plan_page)
    if year_page is None:
        raise ValueError("the O42 page is not inside an ITA section's fiscal year")
    fiscal_year = year_page.fiscal_year.next()
    next_year_page = _year_page(index_page, fiscal_year.be_year)
    next_plan = None
    if next_year_page is not None:
        next_plan = (
            next_year_page.get_children().type(type(plan_page)).specific().first()
        )
    report_content, table = measures_beside_results(plan_page)
    return NextYearPlan(
        plan_page,
        report_content,
        table,
        index_page,
        next_year_page,
        next_plan,
        fiscal_year,
    )


@transaction.atomic
def start_next_year(plan, user=None):
    """Create next year's O42 as a draft (and its fiscal year page if missing).

    Args:
        plan: a NextYearPlan whose ``next_plan`` is None.
        user: the editor, who must be allowed to add the pages.

    Returns:
        The new O42 page (not live).

    Raises:
        PermissionDenied: the user may not add the pages.
        ValueError: next year already has an O42 page.
    """
    if plan.next_plan is not None:
        raise ValueError("next year already has its measures page")
    parent = plan.year_page or plan.index_page
    if user is not None and not parent.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    year_page = plan.year_page
    if year_page is None:
        year_class = type(plan.plan_page.year_page)
        year_page = year_class(year=plan.fiscal_year.be_year, live=False)
        year_page.set_defaults_for_new_page(plan.index_page)
        plan.index_page.add_child(instance=year_page)
        year_page.save_revision(user=user, log_action=True)
    source = plan.plan_page.get_latest_revision_as_object()
    # Next year's item may have another code (the list changes every year);
    # a year whose list ships with the app is loaded on the way.
    year = plan.fiscal_year.be_year
    ensure_year(year)
    item = OitItem.objects.for_year(year).filter(page_type=source.oit_page_type).first()
    new_plan = type(source)(
        title=item.title_th if item else source.title,
        slug=item.code.lower() if item else source.slug,
        oit_item=item,
        # The published measures, the ones this year's O43 answered.
        measures=next_year_measures(plan.plan_page.get_published_measures()),
        live=False,
    )
    year_page.add_child(instance=new_plan)
    new_plan.save_revision(user=user, log_action=True)
    return new_plan
