"""Worksheets of an Excel workbook (.xlsx), read with openpyxl.

Title rows often sit above the header; header detection finds it. Values that
Excel stores as numbers or dates are turned back into text; a cell merged over
several rows counts in the first row and marks the others as merged.

The sheets are streamed (openpyxl's read-only mode), row by row, after
``ooxml.check_package`` has bounded the sheets and cells: a workbook is never
loaded whole. Read-only mode does not read merged cells; the check collects
them on its way through the sheets.
"""

import datetime
import io
import posixpath

import openpyxl
from openpyxl.utils.cell import range_boundaries

from ...fiscal import format_thai_date
from .errors import WrongFormatError
from .ooxml import KIND_DESCRIPTIONS, check_package
from .table import Grid


#: Bounds on what is read of one sheet: far beyond any O42/O43 table.
MAX_ROWS = 5000
MAX_COLUMNS = 50


def cell_text(value):
    """The text of a cell value as Excel shows it, roughly: 3, 2.5, "1 ม.ค. 2564"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return format_thai_date(value, digits="arabic")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(data, name, max_unpacked_bytes):
    """The worksheets of a .xlsx file, in order, as Grids.

    Raises:
        TableImportError: the file is not a safe, readable Excel workbook.
    """
    scan = check_package(data, name, "xlsx", max_unpacked_bytes)
    # openpyxl parses with defusedxml when it is installed, as it is here.
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True
        )
        grids = []
        for number, sheet in enumerate(workbook.worksheets, start=1):
            merged = scan.merged_ranges.get(_part_name(sheet), [])
            grids.append(_read_sheet(sheet, number, merged))
        workbook.close()
    # openpyxl raises many kinds of exception on a damaged workbook; whatever it
    # is, the editor is told the file cannot be read.
    except Exception as error:
        raise WrongFormatError.unreadable(
            name, KIND_DESCRIPTIONS["xlsx"], error
        ) from error
    return grids


def _part_name(sheet):
    """The package part of a read-only sheet: "xl/worksheets/sheet1.xml"."""
    path = getattr(sheet, "_worksheet_path", "") or ""
    return posixpath.normpath(path).lstrip("/")


def _read_sheet(sheet, number, merged_ranges):
    grid = Grid("sheet", number, name=str(sheet.title))
    continued = set()  # (row, column) of cells under the first row of a merge
    for merged_range in merged_ranges:
        try:
            min_col, min_row, _max_col, max_row = range_boundaries(merged_range)
        except (TypeError, ValueError):
            continue
        for row in range(min_row + 1, min(max_row, MAX_ROWS) + 1):
            continued.add((row, min_col))
    # The sheet's own dimension may be missing or false: rows are read as
    # they are, at most MAX_COLUMNS wide, and trimmed to the widest one.
    sheet.reset_dimensions()
    rows = []
    for row_number, row in enumerate(
        sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
    ):
        if row_number > MAX_ROWS:
            break
        rows.append([cell_text(value) for value in row])
    width = max(
        (
            len(row) - next((i for i, c in enumerate(reversed(row)) if c), len(row))
            for row in rows
        ),
        default=0,
    )
    for row_number, row in enumerate(rows, start=1):
        grid.rows.append(row[:width] + [""] * (width - len(row)))
        grid.merged.append(
            tuple(
                column - 1
                for column in range(1, width + 1)
                if (row_number, column) in continued
            )
        )
    return grid
