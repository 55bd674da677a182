"""The year page's ITAS answer sheet: ``answers/``, ``answers/csv/``, ``answers/xlsx/``.

The year page declares the routes (models/pages.py); wagtail_hooks.py
registers ``answer_sheet`` for its ``ita_answer_sheet`` hook, since the sheet
reads every page type of the year (services/).
"""

from django.utils.translation import gettext as _

from ..services.answer_sheet import answer_rows, answer_sheet_response


def answer_sheet_rows(request, year_page):
    """One row per catalogue item of the year, as the year's site writes them."""
    ita_settings = year_page.get_ita_settings(request)
    return answer_rows(
        year_page.get_year_report(request),
        ita_settings.organisation_name,
        ita_settings.digits,
    )


def answer_sheet(request, year_page, file_format=None):
    """The answer sheet as a page of the site, or as a "csv" or "xlsx" download."""
    rows = answer_sheet_rows(request, year_page)
    if file_format is None:
        return year_page.render(
            request,
            template=year_page.answer_sheet_template,
            context_overrides={"rows": rows, "subpage_title": _("ITAS answer sheet")},
        )
    return answer_sheet_response(rows, year_page.year, file_format)
