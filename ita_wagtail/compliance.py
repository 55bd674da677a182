"""The guidance's rules as plain functions that return findings.

The same functions serve the page editor (publishing is refused while a page
has errors; a draft always saves and shows them as warnings), and later the
dashboard, the answer sheet and ``ita_check``. They take plain values rather
than forms or requests, so a form can check content before it is saved.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .blocks import period_of
from .fiscal import format_period, format_thai_date
from .measure_table import build_measure_table, measure_children


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing an assessor would mark down, with where to fix it.

    Attributes:
        severity: ERROR blocks publishing; WARNING only informs.
        code: a stable identifier, e.g. ``"o43.result_without_measure"``.
        message: a translatable sentence for the editor.
        field: the page field to fix, if any.
        block_index: the position of the block to fix within that field.
        block_field: the child of that block to fix.
    """

    severity: str
    code: str
    message: str
    field: str | None = None
    block_index: int | None = None
    block_field: str | None = None

    @property
    def is_error(self):
        return self.severity == ERROR


def _measure_name(number, value, limit=60):
    text = " ".join(str(value.get("measure") or "").split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _("measure %(number)s (“%(text)s”)") % {"number": number, "text": text}


def plan_findings(fiscal_year, measures):
    """Check the measures of an O42 page.

    Args:
        fiscal_year: the page's FiscalYear, or None if it is not under a year.
        measures: the ``measures`` StreamValue.

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
                        "period": format_period(period, digits="arabic"),
                        "year": fiscal_year.be_year,
                        "start": format_thai_date(fiscal_year.start, digits="arabic"),
                        "end": format_thai_date(fiscal_year.end, digits="arabic"),
                    },
                    field="measures",
                    block_index=index,
                    block_field="period",
                )
            )
    return findings


def report_findings(fiscal_year, report_date, results, measures):
    """Check an O43 page against its O42 measures.

    Args:
        fiscal_year: the FiscalYear of the O42 page the report belongs to.
        report_date: the report's date, or None.
        results: the O43 ``results`` StreamValue.
        measures: the parent O42 page's ``measures`` StreamValue.

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
                    "date": format_thai_date(report_date, digits="arabic"),
                    "year": fiscal_year.be_year,
                },
                field="report_date",
            )
        )
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
        return [
            Finding(
                WARNING,
                "o43.plan_has_unpublished_changes",
                _(
                    "The measures page (O42) has changes that are not published; "
                    "this report is checked against its published measures."
                ),
            )
        ]
    return []


# Rules about any page that answers an OIT item -------------------------------


def binding_findings(oit_item, fiscal_year):
    """Check that the page answers an item of its own year's catalogue."""
    if oit_item is None:
        return [
            Finding(
                ERROR,
                "item.not_bound",
                _("Choose the OIT item this page answers."),
                field="oit_item",
            )
        ]
    if fiscal_year is not None and oit_item.year != fiscal_year.be_year:
        return [
            Finding(
                ERROR,
                "item.wrong_year",
                _(
                    "This page is in fiscal year %(year)s but answers %(code)s of "
                    "the %(item_year)s assessment."
                )
                % {
                    "year": fiscal_year.be_year,
                    "code": oit_item.code,
                    "item_year": oit_item.year,
                },
                field="oit_item",
            )
        ]
    return []


def same_year_findings(oit_item, plan_page):
    """O43 must be work of the same fiscal year as the O42 it reports on."""
    plan_item = getattr(plan_page, "oit_item", None) if plan_page else None
    if oit_item is None or plan_item is None or oit_item.year == plan_item.year:
        return []
    return [
        Finding(
            ERROR,
            "o43.other_year_than_o42",
            _(
                "This report answers the %(year)s assessment but its measures page "
                "answers %(plan_year)s: O43 must be work of the same fiscal year as "
                "O42."
            )
            % {"year": oit_item.year, "plan_year": plan_item.year},
            field="oit_item",
        )
    ]


def analysis_findings(analysis_intro, analysis):
    """O42's measures must come from an analysis of last year's ITA result."""
    if _has_text(analysis_intro) or len(analysis or []):
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


def _has_text(html):
    return bool(re.sub(r"<[^>]*>|&nbsp;|\s", "", str(html or "")))


# What an item page says -------------------------------------------------------

#: Blocks that carry information on the page itself.
SUBSTANTIVE_BLOCKS = {"text", "table", "image", "video", "contact", "page_link"}


def is_pdf_or_drive_url(url):
    """True for an address of a PDF file or of Google Drive / Docs."""
    parts = urlsplit(str(url or ""))
    host = (parts.hostname or "").lower()
    return parts.path.lower().endswith(".pdf") or host in {
        "drive.google.com",
        "docs.google.com",
    }


def item_page_findings(body):
    """Check that an item page shows its information, not just a file or link.

    Args:
        body: the ItaItemPage ``body`` StreamValue.
    """
    blocks = list(body or [])
    substantive = [
        block
        for block in blocks
        if block.block_type in SUBSTANTIVE_BLOCKS
        and not (block.block_type == "text" and not _has_text(block.value.source))
    ]
    if substantive:
        return []
    pdf_or_drive = [
        block
        for block in blocks
        if (
            block.block_type == "external_link"
            and is_pdf_or_drive_url(block.value["url"])
        )
        or (
            block.block_type == "document"
            and not block.value.get("description")
            and block.value["document"] is not None
            and block.value["document"].file_extension.lower() == "pdf"
        )
    ]
    if pdf_or_drive:
        return [
            Finding(
                WARNING,
                "item.only_pdf_or_drive",
                _(
                    "The page's content is only a link to a PDF file or to Google "
                    "Drive. Assessors do not accept that: show the information on "
                    "the page itself, with the file as support."
                ),
                field="body",
            )
        ]
    if not any(b.block_type in {"external_link", "document"} for b in blocks):
        return [
            Finding(
                ERROR,
                "item.empty",
                _("The page has no content yet."),
                field="body",
            )
        ]
    return []


def external_link_findings(body, hostname):
    """Links to another website, where the assessors expect the site's own pages."""
    findings = []
    for index, block in enumerate(body or []):
        if block.block_type != "external_link":
            continue
        host = (urlsplit(block.value["url"]).hostname or "").lower()
        if host and hostname and host != hostname.lower():
            findings.append(
                Finding(
                    WARNING,
                    "item.url_not_on_site",
                    _(
                        "The link to %(host)s is not on this website (%(site)s); "
                        "assessors look for the information on the LAO's own "
                        "website."
                    )
                    % {"host": host, "site": hostname},
                    field="body",
                    block_index=index,
                )
            )
    return findings


# Can the assessor see the page? ------------------------------------------------


def visibility_findings(page, restriction_types=(), now=None):
    """Check that the public, and so the assessor, can open the page.

    Args:
        page: the page.
        restriction_types: the restriction types (``PageViewRestriction``) on
            the page or its ancestors, fetched by the caller in one query.
        now: the current time (for tests).
    """
    now = now or timezone.now()
    findings = []
    if not page.live:
        findings.append(
            Finding(ERROR, "page.not_live", _("The page is not published."))
        )
    elif page.expire_at and page.expire_at <= now:
        findings.append(Finding(ERROR, "page.expired", _("The page has expired.")))
    if "password" in restriction_types:
        findings.append(
            Finding(
                ERROR,
                "page.password_protected",
                _("The page is protected by a password; the assessor cannot open it."),
            )
        )
    elif restriction_types:
        findings.append(
            Finding(
                ERROR,
                "page.private",
                _("The page is private; the assessor cannot open it."),
            )
        )
    return findings
