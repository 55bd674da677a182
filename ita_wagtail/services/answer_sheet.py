"""The ITAS answer sheet: for each item, มี/ไม่มี, the URL and a note for the assessor.

The NACC's system (ITAS) asks, per OIT item, whether the agency has it, the
URL where it is on its main website, and a short explanation. The sheet gives
the webmaster all three to copy, and exports them as CSV and XLSX.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from ..fiscal import format_thai_date, text_digit_writer
from ..models import ItaItemPageMixin, MeasurePlanMixin, MeasureResultMixin
from .spreadsheets import csv_bytes, file_response, xlsx_bytes


@dataclass
class AnswerRow:
    code: str
    title: str
    has_item: bool
    url: str
    explanation: str
    entry: object

    @property
    def answer(self):
        if self.has_item:
            return pgettext("ITAS answer: the agency has the item", "Has")
        return pgettext("ITAS answer: the agency has the item", "Has not")


HEADER = (
    gettext_lazy("Code"),
    gettext_lazy("Item"),
    gettext_lazy("Has it"),
    gettext_lazy("URL"),
    gettext_lazy("Explanation"),
)


def _count(blocks, block_type):
    return sum(1 for block in blocks if block.block_type == block_type)


def _item_page_parts(page):
    blocks = list(page.body or [])
    parts = []
    if _count(blocks, "text"):
        parts.append(_("the information as text"))
    for block_type, message in (
        ("table", _("%(count)s table(s)")),
        ("document", _("%(count)s document(s) with their description")),
        ("image", _("%(count)s image(s)")),
        ("page_link", _("%(count)s link(s) to pages of the website")),
        ("video", _("%(count)s video(s)")),
        ("contact", _("contact details")),
    ):
        count = _count(blocks, block_type)
        if count:
            parts.append(message % {"count": count})
    return parts


def _keep(text):
    return "" if text is None else str(text)


def suggest_explanation(entry, organisation_name, digits=None):
    """A suggested explanation for the assessor, in Thai, made from the page.

    Args:
        entry: an ItemEntry of the year report.
        organisation_name: the LAO's name, from its ITA settings.
        digits: "thai" or "arabic", the site's setting, for every number
            but the item codes; None leaves the text's digits as they are.
    """
    write = _keep if digits is None else text_digit_writer(digits)
    page = entry.page
    if page is None or not entry.is_available:
        return ""
    if page.answer_note:
        return write(page.answer_note)
    with translation.override("th"):
        where = _(
            "Page %(code)s “%(title)s”, fiscal year %(year)s, on the main website "
            "of %(organisation)s"
        ) % {
            "code": entry.item.code,
            "title": page.title,
            "year": page.fiscal_year.be_year if page.fiscal_year else "",
            "organisation": organisation_name or "",
        }
        if isinstance(page, MeasureResultMixin) and page.answers_other_year:
            table = page.get_measure_table()
            plan_page = page.plan_page
            what = _(
                "shows the results of all %(count)s measures of fiscal year "
                "%(plan_year)s (page “%(plan_title)s”), one row per measure with "
                "what was done, the result and suggestions (%(round)s, as of "
                "%(date)s)."
            ) % {
                "count": len(table.rows),
                "plan_year": plan_page.fiscal_year.be_year
                if plan_page and plan_page.fiscal_year
                else "",
                "plan_title": plan_page.title if plan_page else "",
                "round": page.get_reporting_round_display(),
                "date": format_thai_date(page.report_date, digits="arabic")
                if page.report_date
                else "",
            }
        elif isinstance(page, MeasureResultMixin):
            table = page.get_measure_table()
            what = _(
                "shows the results of all %(count)s measures of %(plan_code)s, one "
                "row per measure with what was done, the result and suggestions "
                "(%(round)s, as of %(date)s)."
            ) % {
                "count": len(table.rows),
                "plan_code": page.plan_page.item_code if page.plan_page else "",
                "round": page.get_reporting_round_display(),
                "date": format_thai_date(page.report_date, digits=digits or "arabic")
                if page.report_date
                else "",
            }
        elif isinstance(page, MeasurePlanMixin):
            what = _(
                "shows the analysis of last year's ITA result and %(count)s measures, "
                "each with how it is carried out, who is responsible and when."
            ) % {"count": len(page.get_measure_table().rows)}
        elif isinstance(page, ItaItemPageMixin):
            parts = _item_page_parts(page)
            what = (
                _("shows %(parts)s on the page itself.") % {"parts": ", ".join(parts)}
                if parts
                else ""
            )
        else:
            what = ""
        return write(f"{where} {what}".strip())


def answer_rows(report, organisation_name, digits=None):
    """One AnswerRow per catalogue item of the year report, in catalogue order.

    ``digits`` ("thai" or "arabic", the site's setting) writes the numbers in
    the titles and explanations; None leaves them as they are.
    """
    write = _keep if digits is None else text_digit_writer(digits)
    return [
        AnswerRow(
            code=entry.item.code,
            title=write(entry.item.title_th),
            has_item=entry.is_available,
            url=entry.url if entry.is_available else "",
            explanation=suggest_explanation(entry, organisation_name, digits),
            entry=entry,
        )
        for entry in report.entries
    ]


def _plain_rows(rows):
    return [[row.code, row.title, row.answer, row.url, row.explanation] for row in rows]


def answer_sheet_csv(rows):
    return csv_bytes([str(h) for h in HEADER], _plain_rows(rows))


def answer_sheet_xlsx(rows, year):
    return xlsx_bytes([str(h) for h in HEADER], _plain_rows(rows), f"ITA {year}")


def answer_sheet_response(rows, year, file_format):
    """The answer sheet as a download, "ita-2564-answers.csv" or ".xlsx"."""
    if file_format == "csv":
        content = answer_sheet_csv(rows)
    else:
        content = answer_sheet_xlsx(rows, year)
    return file_response(content, file_format, f"ita-{year}-answers.{file_format}")
