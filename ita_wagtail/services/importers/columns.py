"""Which column holds what: headers recognised by their text, wording variants too.

LAOs word their headers differently ("มาตรการ/แนวทาง" or "มาตรการ",
"ผลการดำเนินการ" or "ผลการดำเนินงาน", "ระยะเวลา" or "ระยะเวลาดำเนินการ") and
break them over lines; a header is compared with spaces, line breaks, dots,
colons and anything in brackets removed.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...fiscal import digit_writer, to_arabic_digits
from .cells import clean_text
from .errors import NoHeaderError, UnrelatedColumnsError
from .table import ImportedTable, SkippedGrid, SourceRow


@dataclass(frozen=True)
class Field:
    """A kind of column the importer can read."""

    name: str
    label: object  # lazy translated label, also the exported column heading
    patterns: tuple[str, ...]

    def matches(self, key):
        return any(re.fullmatch(pattern, key) for pattern in self.patterns)


_DO = "ดำเนิน(?:การ|งาน)"
FIELDS = (
    Field(
        "number", pgettext_lazy("column", "No."), ("ที่", "ลำดับ(?:ที่)?", "ข้อ", "no", "#")
    ),
    Field(
        "measure",
        _("Measure/approach"),
        (
            "(?:ชื่อ)?มาตรการ(?:(?:/|และ|หรือ)?แนวทาง)?(?:ที่กำหนด)?",
            "แนวทาง(?:/มาตรการ)?",
            "measures?(?:/approach(?:es)?)?",
        ),
    ),
    Field(
        "methods",
        _("How it is carried out"),
        (
            f"วิธี(?:การ)?(?:{_DO})?",
            f"ขั้นตอน(?:การ)?(?:{_DO})?",
            f"แนวทาง(?:การ)?{_DO}",
            f"(?:กิจกรรม|โครงการ)(?:/?(?:กิจกรรม|โครงการ))?(?:ที่)?(?:{_DO})?",
            "howitiscarriedout",
            "methods?",
            "steps?",
        ),
    ),
    Field(
        "offices",
        _("Responsible"),
        (
            "ผู้รับผิดชอบ(?:/?หน่วยงาน(?:ที่)?รับผิดชอบ)?",
            "(?:หน่วยงาน|สำนัก/?กอง|ส่วนราชการ)(?:ที่)?รับผิดชอบ",
            "responsible(?:offices?)?",
        ),
    ),
    Field(
        "period",
        _("Period"),
        (
            f"(?:ระยะ|ช่วง|ห้วง)?เวลา(?:ที่)?(?:{_DO})?",
            "ระยะเวลา(?:แล้วเสร็จ)?",
            "periods?",
        ),
    ),
    Field(
        "actions",
        _("Results"),
        (
            f"ผล(?:การ)?{_DO}",
            f"การ{_DO}(?:ตามมาตรการ)?",
            "ผล(?:การ)?ปฏิบัติ(?:งาน)?",
            "results?",
            "whatwasdone",
            "actions?",
        ),
    ),
    Field("outcome", _("Outcome"), ("ผลลัพธ์", "ผลที่ได้รับ", "ผลสัมฤทธิ์", "outcomes?")),
    Field(
        "suggestions",
        _("Suggestions"),
        (
            "ข้อเสนอแนะ(?:/?(?:และ)?ปัญหา(?:และ|/)?อุปสรรค)?",
            "ปัญหา(?:และ|/)?อุปสรรค(?:(?:และ|/)?ข้อเสนอแนะ)?",
            "suggestions?",
        ),
    ),
    Field("status", _("Status"), ("สถานะ(?:การ" + _DO + ")?", "status")),
    Field("notes", _("Notes"), ("หมายเหตุ", "notes?", "remarks?")),
)
FIELDS_BY_NAME = {field.name: field for field in FIELDS}
#: The columns of an exported O42 table, in order; O43's add RESULT_COLUMNS.
PLAN_COLUMNS = ("number", "measure", "methods", "offices", "period", "notes")
RESULT_COLUMNS = ("actions", "outcome", "suggestions", "status")
#: Rows searched for the header, per table or sheet; titles sit above it.
HEADER_SEARCH_ROWS = 25
_BRACKETS_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_KEY_RE = re.compile(r"[\s.:*\u200b-\u200d\u2060\ufeff]+")
_COLUMN_NUMBER_RE = re.compile(r"\(?[0-9]{1,2}\)?")


def header_key(text):
    """A header reduced for matching: "ระยะเวลา ดำเนินการ (๑)" → "ระยะเวลาดำเนินการ"."""
    text = _BRACKETS_RE.sub("", to_arabic_digits(clean_text(text)).lower())
    return _NOT_KEY_RE.sub("", text)


def field_for_header(text):
    """The Field a header names, or None."""
    key = header_key(text)
    if not key or len(key) > 60:  # a title, not a header
        return None
    return next((field for field in FIELDS if field.matches(key)), None)


def mapping_for_header(cells):
    """{column index: field name} for a header row; repeated fields count once."""
    mapping = {}
    for index, text in enumerate(cells):
        field = field_for_header(text)
        if field is not None and field.name not in mapping.values():
            mapping[index] = field.name
    return mapping


def _is_blank(row):
    return not any(cell.strip() for cell in row)


def _is_column_numbers(row):
    """A row of "(1) (2) (3)" under a header, as Thai government forms have."""
    filled = [header_key(cell) or cell.strip() for cell in row if cell.strip()]
    return len(filled) > 1 and all(
        _COLUMN_NUMBER_RE.fullmatch(to_arabic_digits(cell.strip()))
        for cell in row
        if cell.strip()
    )


def _find_header(grid):
    """(row index, mapping) of the best header row of a grid, or (None, {})."""
    best_index, best_mapping = None, {}
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        mapping = mapping_for_header(row)
        if len(mapping) >= 2 and len(mapping) > len(best_mapping):
            best_index, best_mapping = index, mapping
    return best_index, best_mapping


def _looks_like_header(row):
    """Short text cells, none a number: a heading row of some other table."""
    filled = [clean_text(cell) for cell in row if cell.strip()]
    return len(filled) >= 2 and all(
        len(cell) <= 60 and not to_arabic_digits(cell).replace(".", "").isdigit()
        for cell in filled
    )


def build_table(grids, file_name, file_format):
    """Find the header and gather the data rows of all grids into one table.

    The first grid with a recognisable header sets the columns. Later grids
    that repeat that header (Word tables split over pages), or that have no
    header but the same number of columns, add their rows; other grids are
    listed as skipped so the editor sees them.

    Raises:
        NoHeaderError: no grid has a row of recognisable headings.
        UnrelatedColumnsError: the headings found name no measure column.
    """
    header_grid = header_index = None
    mapping = unrelated = {}
    for grid in grids:
        index, found = _find_header(grid)
        if index is None:
            continue
        if "measure" in found.values():
            header_grid, header_index, mapping = grid, index, found
            break
        unrelated = unrelated or {"grid": grid, "index": index}
    if header_grid is None:
        if unrelated:
            first = unrelated["grid"].rows[unrelated["index"]]
        else:
            first = next(
                (row for grid in grids for row in grid.rows if not _is_blank(row)),
                None,
            )
        if first is not None and (unrelated or _looks_like_header(first)):
            columns = ", ".join(
                f"“{clean_text(cell)}”" for cell in first if cell.strip()
            )
            raise UnrelatedColumnsError(name=file_name, columns=columns)
        raise NoHeaderError(name=file_name)
    header = [clean_text(cell) for cell in header_grid.rows[header_index]]
    header_keys = [header_key(cell) for cell in header]
    table = ImportedTable(file_name, file_format, header, mapping)
    started = False
    for grid in grids:
        if grid is header_grid:
            start = header_index + 1
            started = True
        elif not started:
            if any(not _is_blank(row) for row in grid.rows):
                table.skipped.append(_skipped(grid))
            continue
        else:
            index, found = _find_header(grid)
            if index is not None and found == mapping:
                start = index + 1
            elif index is None and _width(grid) == len(header):
                start = 0
            else:
                if any(not _is_blank(row) for row in grid.rows):
                    table.skipped.append(_skipped(grid))
                continue
        for row_index in range(start, len(grid.rows)):
            cells = grid.rows[row_index]
            if _is_blank(cells) or _is_column_numbers(cells):
                continue
            if [header_key(cell) for cell in cells[: len(header)]] == header_keys:
                continue  # the header repeated on a new page
            merged = grid.merged[row_index] if row_index < len(grid.merged) else ()
            table.rows.append(
                SourceRow(
                    grid.kind, grid.number, grid.name, row_index + 1, cells, merged
                )
            )
    return table


def _width(grid):
    return max((len(row) for row in grid.rows), default=0)


def _skipped(grid):
    return SkippedGrid(grid.kind, grid.number, grid.name, len(grid.rows))


def numbered(items, digits="arabic"):
    """The items one a line, numbered "1. …" in ``digits`` (the way back:
    ``cells.split_numbered``)."""
    write = digit_writer(digits)
    return "\n".join(f"{write(number)}. {item}" for number, item in enumerate(items, 1))
