"""The O42/O43 tables as open data: CSV (UTF-8 with a BOM), XLSX and JSON.

Everything is built from ``measure_table.build_measure_table`` through the
page's ``get_measure_table``, so an O43 export carries each result beside its
own measure's text from O42, exactly as the public page shows it. The column
headings are those the importers recognise, so an export can be imported back.
"""

import json
import re

from ..domain.measure_table import table_data
from ..fiscal import digit_writer
from ..models import MeasurePlanMixin, MeasureResultMixin
from .importers.columns import FIELDS_BY_NAME, PLAN_COLUMNS, RESULT_COLUMNS, numbered
from .spreadsheets import csv_bytes, xlsx_bytes


FORMAT_VERSION = 1
# Characters XML 1.0 (and so XLSX) cannot hold.


def is_measure_page(page):
    """Whether a page is an O42 or O43 page, the pages that have data to export."""
    return isinstance(page, MeasurePlanMixin | MeasureResultMixin)


def measure_data(page):
    """The page's table as a JSON-ready dict: the JSON export and the API's view.

    Args:
        page: an O42 (MeasurePlanMixin) or O43 (MeasureResultMixin) page.
    """
    page = page.specific
    ita_settings = page.get_ita_settings()
    digits = ita_settings.digits
    fiscal_year = page.fiscal_year
    is_report = isinstance(page, MeasureResultMixin)
    data = {
        "format": "ita-wagtail/measures",
        "version": FORMAT_VERSION,
        "organisation": ita_settings.organisation_name,
        "fiscal_year": fiscal_year.be_year if fiscal_year else None,
        "item_code": page.item_code,
        "title": page.title,
        "url": page.full_url,
        "last_published_at": (
            page.last_published_at.isoformat() if page.last_published_at else None
        ),
    }
    if is_report:
        data["report_date"] = page.report_date.isoformat() if page.report_date else None
        data["reporting_round"] = page.reporting_round
    data["measures"] = table_data(page.get_measure_table(), digits, is_report)
    return data


def measure_rows(page):
    """(headings, rows) of the page's table as text cells, for CSV and XLSX."""
    page = page.specific
    digits = page.get_ita_settings().digits
    data = measure_data(page)
    is_report = isinstance(page, MeasureResultMixin)
    names = PLAN_COLUMNS + (RESULT_COLUMNS if is_report else ())
    headings = [str(FIELDS_BY_NAME[name].label) for name in names]
    rows = []
    for measure in data["measures"]:
        result = measure.get("result") or {}
        cells = {
            "number": digit_writer(digits)(measure["number"]),
            "measure": measure["measure"],
            "methods": numbered(measure["methods"], digits),
            "offices": "\n".join(measure["offices"]),
            "period": (measure["period"] or {}).get("text", ""),
            "notes": measure["notes"],
            "actions": numbered(result.get("actions") or [], digits),
            "outcome": result.get("outcome", ""),
            "suggestions": result.get("suggestions", ""),
            "status": result.get("status_label", ""),
        }
        rows.append([cells[name] for name in names])
    return headings, rows


def to_csv(page):
    """The page's table as CSV bytes: UTF-8 with a BOM, so Thai Excel reads it."""
    headings, rows = measure_rows(page)
    return csv_bytes(headings, rows)


def to_xlsx(page):
    """The page's table as an Excel workbook; every cell is text, never a formula."""
    headings, rows = measure_rows(page)
    widths = {"number": 6, "measure": 45, "methods": 45, "actions": 45}
    names = PLAN_COLUMNS + RESULT_COLUMNS
    return xlsx_bytes(
        headings,
        rows,
        page.specific.item_code,
        widths=[widths.get(names[i], 22) for i in range(len(headings))],
    )


def to_json(page):
    """The page's table as UTF-8 JSON (see ``measure_data``)."""
    return json.dumps(measure_data(page), ensure_ascii=False, indent=1).encode("utf-8")


EXPORTERS = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}


def export_file_name(page, data_format):
    """A plain ASCII file name such as "o43-2564.csv"."""
    page = page.specific
    code = re.sub(r"[^a-z0-9]+", "-", (page.item_code or "ita").lower()).strip("-")
    year = page.fiscal_year.be_year if page.fiscal_year else ""
    return f"{code or 'ita'}-{year}-{page.pk}.{data_format}".replace("--", "-")
