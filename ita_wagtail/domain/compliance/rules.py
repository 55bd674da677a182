"""The rules' names in words, for the findings report's filter and rows.

A finding's ``code`` is for programs (``ita_check``, the exports); people
read these names instead.
"""

from django.utils.translation import gettext_lazy as _


RULE_NAMES = {
    "item.missing": _("No page for the item"),
    "item.not_bound": _("OIT item not chosen"),
    "item.wrong_year": _("OIT item of another year"),
    "item.only_pdf_or_drive": _("Only a PDF or Google Drive link"),
    "item.empty": _("Page without content"),
    "item.url_not_on_site": _("Link that leaves the site"),
    "page.not_live": _("Page not published"),
    "page.expired": _("Page expired"),
    "page.password_protected": _("Page behind a password"),
    "page.private": _("Private page"),
    "o42.no_measures": _("No measures"),
    "o42.period_outside_fiscal_year": _("Period outside the fiscal year"),
    "o42.office_of_another_site": _("Office of another site"),
    "o42.no_analysis": _("No analysis of last year's results"),
    "o43.no_report_date": _("No report date"),
    "o43.report_date_outside_fiscal_year": _("Report date outside the fiscal year"),
    "o43.no_measures_in_o42": _("No measures in O42"),
    "o43.result_without_measure": _("Result without a measure"),
    "o43.measure_without_result": _("Measure without a result"),
    "o43.plan_not_live": _("O42 not published"),
    "o43.plan_has_unpublished_changes": _("O42 has unpublished changes"),
    "o43.other_year_than_o42": _("O43 of another year than O42"),
}


def rule_name(code):
    """The rule's name in words; the code itself for a rule without one."""
    return RULE_NAMES.get(code, code)
