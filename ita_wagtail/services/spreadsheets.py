"""Tables out as CSV that Thai Excel opens and as XLSX, safe from formula injection.

One place for both the O42/O43 exports and the ITAS answer sheet.
"""

import csv
import io
import re

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font


#: What a spreadsheet reads as the start of a formula (the importers take the
#: apostrophe ``safe_cell`` puts in front off again).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: The content type of each kind of file the app writes.
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
#: Characters XML (and so XLSX) cannot hold.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """The value as CSV text, neutralised so that no spreadsheet runs it.

    Cells starting with = + - @ (or a tab or carriage return) are how CSV
    injection works; an apostrophe in front makes them text. The importers
    take it off again.
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_bytes(header, rows):
    """UTF-8 CSV with a byte-order mark, so Excel in Thai opens it as Thai."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, sheet_title, widths=None):
    """An XLSX workbook of one sheet: every cell text (never a formula), the
    header bold and frozen, long text wrapped.

    Args:
        header: the column headings.
        rows: the rows, each a sequence of values.
        sheet_title: the sheet's name (cut to Excel's 31 characters).
        widths: optional column widths, one per column.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\\/*?:\[\]]", "", str(sheet_title))[:31] or "ITA"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate([header, *rows], start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = XML_ILLEGAL.sub("", "" if value is None else str(value))
            cell.data_type = "s"  # a leading "=" stays text
            cell.alignment = wrap
            if row_number == 1:
                cell.font = Font(bold=True)
    for column_number, width in enumerate(widths or [], start=1):
        letter = sheet.cell(row=1, column=column_number).column_letter
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_response(content, file_format, filename, disposition="attachment"):
    """A download of ``content`` (bytes) named ``filename``, typed by its format."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
