"""Rules that come from the catalogue: which fiscal year an item covers, which
plan a report answers.

The NACC changes them from year to year (in 2564–2566 O43 reports on O42 of
the same fiscal year; in 2569 O26 reports on the measures of the year before),
so they are fields of each OitItem (``covers``, ``plan_rule``, ``plan_code``)
that the catalogue managers correct, and these functions only read them.
"""

from django.utils.translation import gettext_lazy as _

from ...fiscal import FiscalYear, digit_writer
from ..catalogue import PlanRule
from .findings import ERROR, Finding


def covered_fiscal_year(oit_item, fiscal_year):
    """The fiscal year a page's content must cover.

    Args:
        oit_item: the page's OitItem, or None.
        fiscal_year: the FiscalYear of the page's year page, or None.

    Returns:
        The FiscalYear the item names (its assessment year or the one before);
        the page's own fiscal year when it answers no item.
    """
    if oit_item is None:
        return fiscal_year
    return FiscalYear(oit_item.covered_be_year)


def reported_plan_findings(oit_item, plan_page, digits="arabic"):
    """A report answers the plan its catalogue item names.

    "O43 must be of the same fiscal year as O42" (2564–2566) is one case: a
    plan item of the same assessment year. 2569's O26 answers the site's
    measures page of the fiscal year it covers (2568).

    Args:
        oit_item: the report's OitItem, or None (nothing is checked).
        plan_page: the measures page the report answers, or None.
        digits: the digits the years are written in ("thai" or "arabic");
            item codes keep theirs.

    Returns:
        A list of Finding.
    """
    if oit_item is None or plan_page is None:
        return []

    def year(value):  # the digits are read only for a message
        return digit_writer(digits)(value)

    plan_item = getattr(plan_page, "oit_item", None)
    expected_year = oit_item.plan_assessment_year
    if expected_year is not None and plan_item is not None:
        if plan_item.year != expected_year:
            if oit_item.plan_rule == PlanRule.SAME_YEAR_ITEM:
                message = _(
                    "This report answers the %(year)s assessment but its measures "
                    "page answers %(plan_year)s: O43 must be work of the same "
                    "fiscal year as O42."
                ) % {"year": year(oit_item.year), "plan_year": year(plan_item.year)}
                return [Finding(ERROR, "o43.other_year_than_o42", message, "oit_item")]
            message = _(
                "%(code)s of the %(year)s assessment reports on the plan of "
                "%(expected)s, but its measures page answers %(plan_year)s."
            ) % {
                "code": oit_item.code,
                "year": year(oit_item.year),
                "expected": year(expected_year),
                "plan_year": year(plan_item.year),
            }
            return [Finding(ERROR, "report.plan_of_other_year", message, "oit_item")]
        if oit_item.plan_code and plan_item.code != oit_item.plan_code:
            message = _(
                "%(code)s reports on %(plan_code)s of %(plan_year)s, but its "
                "measures page answers %(other)s."
            ) % {
                "code": oit_item.code,
                "plan_code": oit_item.plan_code,
                "plan_year": year(expected_year),
                "other": plan_item.code,
            }
            return [Finding(ERROR, "report.plan_other_item", message, "oit_item")]
        return []
    plan_year = plan_page.fiscal_year
    covered = oit_item.covered_be_year
    if plan_year is not None and plan_year.be_year != covered:
        message = _(
            "%(code)s of the %(year)s assessment reports on fiscal year "
            "%(covered)s, but these measures are of fiscal year %(plan_year)s: "
            "answer the measures page of fiscal year %(covered)s."
        ) % {
            "code": oit_item.code,
            "year": year(oit_item.year),
            "covered": year(covered),
            "plan_year": year(plan_year.be_year),
        }
        return [Finding(ERROR, "report.plan_of_other_fiscal_year", message, "oit_item")]
    return []


def plan_site_findings(year_page, plan_page):
    """A report on another year's measures answers a page of its own site.

    Both pages must sit in the same ITA section, so that the URL given to the
    assessor stays on the LAO's own website.

    Args:
        year_page: the year page the report is in, or None.
        plan_page: the measures page it answers, or None.
    """
    if plan_page is None or year_page is None:
        return []
    section_path = year_page.path[: -year_page.steplen]
    if plan_page.path.startswith(section_path):
        return []
    return [
        Finding(
            ERROR,
            "report.plan_on_other_site",
            _(
                "The measures page “%(title)s” is not in this site's ITA section: "
                "choose a measures page of this site."
            )
            % {"title": plan_page.title},
            field="measures_page",
        )
    ]
