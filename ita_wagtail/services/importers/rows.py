"""Reading the data rows of an imported table, for a given column mapping.

A row whose measure cell is empty (or continues a merged cell) continues the
measure above it, as when a Word table breaks a measure over two rows: its
cells are added to that measure's. Each row's cells are then read: the
measure's number, steps and results as ordered lists, offices, period and
status, with a problem noted for anything that could not be read.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from ...fiscal import FiscalYear, ThaiDateParseError, parse_period, to_arabic_digits
from .cells import (
    clean_text,
    read_status,
    split_leading_number,
    split_numbered,
    split_office_names,
)
from .columns import FIELDS, FIELDS_BY_NAME
from .errors import MappingError


@dataclass
class ImportedRow:
    """One measure (and, for O43, its result) as read from the file."""

    index: int  # position among the table's rows, for the editor's choices
    locations: list[str]
    number: int | None = None
    measure: str = ""
    methods: list[str] = field(default_factory=list)
    office_names: list[str] = field(default_factory=list)
    period: object = None  # fiscal.Period or None
    period_text: str = ""
    notes: str = ""
    actions: list[str] = field(default_factory=list)
    outcome: str = ""
    suggestions: str = ""
    status: str | None = None
    status_text: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def location(self):
        return " + ".join(self.locations)

    @property
    def has_result(self):
        return bool(self.actions or self.outcome or self.suggestions)


def validate_mapping(mapping):
    """Check a mapping {column index: field name}; return it without ignored columns.

    Raises:
        MappingError: no measure column, or one field read from two columns.
    """
    cleaned = {}
    for index, name in mapping.items():
        if not name:
            continue
        if name not in FIELDS_BY_NAME:
            raise MappingError(MappingError.unknown_message, text=name)
        if name in cleaned.values():
            label = FIELDS_BY_NAME[name].label
            raise MappingError(MappingError.duplicate_message, field=label)
        cleaned[int(index)] = name
    if "measure" not in cleaned.values():
        raise MappingError()
    return cleaned


def parse_mapping_text(text):
    """Read "1=measure,2=methods,5=actions" (1-based columns) into a mapping.

    Raises:
        MappingError: the text is not in that form.
    """
    mapping = {}
    names = {f.name for f in FIELDS} | {"", "ignore"}
    for part in filter(None, (p.strip() for p in str(text).split(","))):
        column, _, name = part.partition("=")
        column = to_arabic_digits(column.strip())
        name = name.strip().lower()
        if not column.isdigit() or int(column) < 1 or name not in names:
            raise MappingError(MappingError.unknown_message, text=part)
        mapping[int(column) - 1] = "" if name == "ignore" else name
    return mapping


def _merge_continuations(table, columns):
    """[(first row index, locations, {field: text})], continuation rows merged."""
    measure_column = columns["measure"]
    merged_rows = []
    for index, row in enumerate(table.rows):
        texts = {
            name: clean_text(row.cell(column))
            for name, column in columns.items()
            if not row.is_merged(column)
        }
        continues = not texts.get("measure") and merged_rows
        if (row.is_merged(measure_column) or continues) and merged_rows:
            _index, locations, previous = merged_rows[-1]
            locations.append(row.location)
            for name, text in texts.items():
                if text and name != "measure":
                    previous[name] = "\n".join(filter(None, [previous.get(name), text]))
            continue
        merged_rows.append((index, [row.location], texts))
    return merged_rows


def read_rows(table, mapping, fiscal_year=None):
    """The rows of ``table`` read with ``mapping``.

    Args:
        table: an ImportedTable.
        mapping: {column index: field name}; see ``validate_mapping``.
        fiscal_year: the page's FiscalYear, to read periods without a year and
            to warn about periods outside it.

    Returns:
        A list of ImportedRow, in the file's order.
    """
    mapping = validate_mapping(mapping)
    columns = {name: index for index, name in mapping.items()}
    rows = []
    for index, locations, texts in _merge_continuations(table, columns):
        rows.append(_read_row(index, locations, texts, columns, fiscal_year))
    return rows


def _read_row(index, locations, texts, columns, fiscal_year):
    row = ImportedRow(index=index, locations=locations)
    row.number, row.measure = split_leading_number(texts.get("measure", ""))
    if "number" in columns:
        number_text = to_arabic_digits(texts.get("number", "")).strip(" .()")
        if number_text.isdigit():
            row.number = int(number_text)
    if not row.measure:
        row.problems.append(
            gettext("This row has no measure; it will not be imported.")
        )
    row.methods = split_numbered(texts.get("methods", ""))
    row.office_names = split_office_names(texts.get("offices", ""))
    row.notes = texts.get("notes", "")
    row.actions = split_numbered(texts.get("actions", ""))
    row.outcome = texts.get("outcome", "")
    row.suggestions = texts.get("suggestions", "")
    if "period" in columns:
        _read_period(row, texts.get("period", ""), fiscal_year)
    if "status" in columns and texts.get("status"):
        row.status_text = texts["status"]
        row.status = read_status(row.status_text)
        if row.status is None:
            row.problems.append(
                gettext("Cannot read the status “%(text)s”; it is left to choose.")
                % {"text": row.status_text}
            )
    return row


def _read_period(row, text, fiscal_year):
    row.period_text = text
    if not text:
        row.problems.append(gettext("No period is given."))
        return
    try:
        row.period = parse_period(text, fiscal_year)
    except ThaiDateParseError as error:
        row.problems.append(str(error))
        kept = gettext("Period as written: %(text)s") % {"text": text}
        row.notes = "\n".join(filter(None, [row.notes, kept]))
        return
    if isinstance(fiscal_year, FiscalYear) and not row.period.within(fiscal_year):
        row.problems.append(
            gettext("The period “%(text)s” is not inside fiscal year %(year)s.")
            % {"text": text, "year": fiscal_year.be_year}
        )
