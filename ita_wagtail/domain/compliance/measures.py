"""Rules of O42 (the measures) and O43 (what was done for each of them)."""

from django.utils.translation import gettext_lazy as _

from ...fiscal import digit_writer, format_period, format_thai_date
from ..blocks import period_of
from ..measure_table import build_measure_table, measure_children
from .findings import ERROR, WARNING, Finding, has_text
from .years import reported_plan_findings


def _measure_name(number, value, limit=60):
    text = " ".join(str(value.get("measure") or "").split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _("measure %(number)s (“%(text)s”)") % {"number": number, "text": text}


def plan_findings(fiscal_year, measures, digits="arabic"):
    """Check the measures of an O42 page.

    Args:
        fiscal_year: the page's FiscalYear, or None if it is not under a year.
        measures: the ``measures`` StreamValue.
        digits: the digits the dates are written in ("thai" or "arabic").

    Returns:
        A list of Finding.
    """
    findings = []
    children = measure_children(measures)
    if not children:
        findings.append(
            Finding(
                ERROR,
                "o42.no_measures",
                _("The page has no measures; O42 needs at least one."),
                field="measures",
            )
        )
    if fiscal_year is None:
        return findings
    for index, child in enumerate(measures or []):
        if child.block_type != "measure":
            continue
        period = period_of(child.value.get("period"))
        if period is not None and not period.within(fiscal_year):
            findings.append(
                Finding(
                    ERROR,
                    "o42.period_outside_fiscal_year",
                    _(
                        "The period %(period)s is outside fiscal year %(year)s "
                        "(%(start)s – %(end)s)."
                    )
                    % {
                        "period": format_period(period, digits=digits),
                        "year": digit_writer(digits)(fiscal_year.be_year),
                        "start": format_thai_date(fiscal_year.start, digits=digits),
                        "end": format_thai_date(fiscal_year.end, digits=digits),
                    },
                    field="measures",
                    block_index=index,
                    block_field="period",
                )
            )
    return findings


def office_site_findings(measures, site_ids):
    """O42 names the LAO's own offices, never an office of another site.

    Args:
        measures: the ``measures`` StreamValue.
        site_ids: the ids of the sites the page is on (``site_access.site_ids_of``);
            empty when the page is on no site, and then nothing is checked.

    Returns:
        A list of Finding, one per measure that names another site's office.
    """
    if not site_ids:
        return []
    findings = []
    number = 0
    for index, child in enumerate(measures or []):
        if child.block_type != "measure":
            continue
        number += 1
        foreign = [
            office
            for office in child.value.get("offices") or []
            if office is not None and office.site_id not in site_ids
        ]
        if foreign:
            findings.append(
                Finding(
                    ERROR,
                    "o42.office_of_another_site",
                    _(
                        "%(measure)s names “%(office)s”, an office of another site: "
                        "choose this site's own responsible offices."
                    )
                    % {
                        "measure": _measure_name(number, child.value),
                        "office": foreign[0].name,
                    },
                    field="measures",
                    block_index=index,
                    block_field="offices",
                )
            )
    return findings


def report_findings(
    fiscal_year,
    report_date,
    results,
    measures,
    oit_item=None,
    pair=True,
    digits="arabic",
):
    """Check an O43 page against its O42 measures.

    Args:
        fiscal_year: the FiscalYear the report covers: its item's
            (``years.covered_fiscal_year``), else that of its O42 page.
        report_date: the report's date, or None.
        results: the O43 ``results`` StreamValue.
        measures: the published measures of the O42 page it answers
            (``MeasurePlanMixin.get_published_measures``).
        oit_item: the report's OitItem; when it covers another fiscal year
            than its assessment year (2569's O26), the message says so.
        pair: False when O42 is not published: there is nothing to pair the
            results with yet (``plan_state_findings`` says so, once).
        digits: the digits the report date is written in ("thai" or "arabic").

    Returns:
        A list of Finding.
    """
    findings = []
    if report_date is None:
        findings.append(
            Finding(
                ERROR,
                "o43.no_report_date",
                _("Give the date of the report."),
                field="report_date",
            )
        )
    elif (
        fiscal_year is not None
        and report_date not in fiscal_year
        and oit_item is not None
        and oit_item.year != fiscal_year.be_year
    ):
        findings.append(
            Finding(
                ERROR,
                "o43.report_date_outside_fiscal_year",
                _(
                    "The report date %(date)s is outside fiscal year %(year)s; "
                    "%(code)s of the %(assessment)s assessment reports on work of "
                    "fiscal year %(year)s."
                )
                % {
                    "date": format_thai_date(report_date, digits=digits),
                    "year": digit_writer(digits)(fiscal_year.be_year),
                    "code": oit_item.code,
                    "assessment": digit_writer(digits)(oit_item.year),
                },
                field="report_date",
            )
        )
    elif fiscal_year is not None and report_date not in fiscal_year:
        findings.append(
            Finding(
                ERROR,
                "o43.report_date_outside_fiscal_year",
                _(
                    "The report date %(date)s is outside fiscal year %(year)s; O43 "
                    "must report work of the same fiscal year as O42."
                )
                % {
                    "date": format_thai_date(report_date, digits=digits),
                    "year": digit_writer(digits)(fiscal_year.be_year),
                },
                field="report_date",
            )
        )
    if not pair:
        return findings
    table = build_measure_table(measures, results)
    if not table.rows:
        findings.append(
            Finding(
                ERROR,
                "o43.no_measures_in_o42",
                _(
                    "The measures page above this report has no measures: define "
                    "the measures (O42) before reporting on them."
                ),
                field="results",
            )
        )
    index_of = {child.id: index for index, child in enumerate(results or [])}
    for orphan in table.orphans:
        label = orphan.measure_label or "—"
        findings.append(
            Finding(
                ERROR,
                "o43.result_without_measure",
                _(
                    "This result answers no measure of the measures page "
                    "(“%(label)s”): the measure was removed or the result repeats "
                    "another. Move its content to the right measure and delete it."
                )
                % {"label": label},
                field="results",
                block_index=index_of.get(orphan.result_id),
            )
        )
    for row in table.rows:
        if row.result is None:
            findings.append(
                Finding(
                    ERROR,
                    "o43.measure_without_result",
                    _("There is no result for %(measure)s.")
                    % {"measure": _measure_name(row.number, row.measure)},
                    field="results",
                )
            )
    return findings


def plan_state_findings(plan_page):
    """Check that the O42 page a report answers is there for the public to see."""
    if plan_page is None:
        return []
    if not plan_page.live:
        return [
            Finding(
                ERROR,
                "o43.plan_not_live",
                _(
                    "The measures page (O42) above this report is not published; "
                    "publish it first, since the report must match the published "
                    "measures."
                ),
            )
        ]
    if plan_page.has_unpublished_changes:
        draft = plan_page.get_latest_revision_as_object()
        changes = draft_measure_changes(plan_page.measures, draft.measures)
        if not changes:
            return []
        return [
            Finding(
                WARNING,
                "o43.plan_has_unpublished_changes",
                _(
                    "The measures page (O42) has a newer draft that is not "
                    "published: this report answers the published measures until "
                    "it is. The draft differs: %(changes)s."
                )
                % {"changes": "; ".join(changes)},
            )
        ]
    return []


def draft_measure_changes(published, draft):
    """What an O42 draft changes in its published measures, in words.

    Args:
        published: the published O42's ``measures``.
        draft: the ``measures`` of its latest revision.

    Returns:
        A list of strings, one per measure added, removed or reworded.
    """
    before = {child.id: child.value for child in measure_children(published)}
    after = {child.id: child.value for child in measure_children(draft)}
    changes = []

    def name(value):
        return _short(value.get("measure"))

    for measure_id, value in after.items():
        if measure_id not in before:
            changes.append(_("added “%(measure)s”") % {"measure": name(value)})
        elif name(value) != name(before[measure_id]):
            changes.append(
                _("“%(old)s” reworded as “%(new)s”")
                % {"old": name(before[measure_id]), "new": name(value)}
            )
    for measure_id, value in before.items():
        if measure_id not in after:
            changes.append(_("removed “%(measure)s”") % {"measure": name(value)})
    return changes


def _short(text):
    text = " ".join(str(text or "").split())
    return text if len(text) <= 80 else text[:79] + "…"


def same_year_findings(oit_item, plan_page, digits="arabic"):
    """O43 answers the plan its catalogue item names (``years.reported_plan_findings``);
    in 2564–2566, O42 of the same fiscal year. ``digits`` writes the years."""
    return reported_plan_findings(oit_item, plan_page, digits)


def analysis_findings(analysis_intro, analysis):
    """O42's measures must come from an analysis of last year's ITA result."""
    if has_text(analysis_intro) or len(analysis or []):
        return []
    return [
        Finding(
            ERROR,
            "o42.no_analysis",
            _(
                "Add the analysis of last year's ITA result: the assessor expects "
                "the measures to follow from it."
            ),
            field="analysis_intro",
        )
    ]
