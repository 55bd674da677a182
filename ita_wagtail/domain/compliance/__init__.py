"""The guidance's rules as plain functions that return findings.

The same functions serve the page editor (publishing is refused while a page
has errors; a draft always saves and shows them as warnings), the year report
behind the year page, the answer sheet, the dashboard and ``ita_check``. They
take plain values rather than forms or requests, so a form can check content
before it is saved.
"""

from .findings import ERROR, WARNING, Finding, has_text
from .items import (
    SUBSTANTIVE_BLOCKS,
    binding_findings,
    external_link_findings,
    is_pdf_or_drive_url,
    item_page_findings,
    visibility_findings,
)
from .measures import (
    analysis_findings,
    office_site_findings,
    plan_findings,
    plan_state_findings,
    report_findings,
    same_year_findings,
)
from .years import covered_fiscal_year, plan_site_findings, reported_plan_findings


__all__ = [
    "ERROR",
    "SUBSTANTIVE_BLOCKS",
    "WARNING",
    "Finding",
    "analysis_findings",
    "binding_findings",
    "covered_fiscal_year",
    "external_link_findings",
    "has_text",
    "is_pdf_or_drive_url",
    "item_page_findings",
    "office_site_findings",
    "plan_findings",
    "plan_site_findings",
    "plan_state_findings",
    "report_findings",
    "reported_plan_findings",
    "same_year_findings",
    "visibility_findings",
]
