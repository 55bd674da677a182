"""A neutral table read from any file format: rows of text cells.

Readers (docx, xlsx, csv, json) produce ``Grid`` objects; header detection turns
them into one ``ImportedTable``: the header, the column mapping it suggests,
and the data rows with where each came from. The table is plain data, so the
admin can carry it, signed, from the preview to the confirmation.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext


@dataclass
class Grid:
    """One table of a file: a Word table, a worksheet, or the whole CSV.

    ``merged`` holds, per row, the indexes of cells that continue a cell merged
    vertically from the row above (their text is empty here).
    """

    kind: str  # "table", "sheet" or "file"
    number: int  # 1-based position of the table or sheet in the file
    name: str = ""  # the sheet's name
    rows: list[list[str]] = field(default_factory=list)
    merged: list[tuple[int, ...]] = field(default_factory=list)


@dataclass
class SourceRow:
    """One data row and where it was found, to show the editor."""

    kind: str
    grid_number: int
    grid_name: str
    row_number: int  # 1-based, as the editor sees it in Word or Excel
    cells: list[str]
    merged: tuple[int, ...] = ()

    @property
    def location(self):
        """ "Table 2, row 3", "Sheet “O43”, row 5" or "Row 5"."""
        params = {
            "table": self.grid_number,
            "sheet": self.grid_name,
            "row": self.row_number,
        }
        if self.kind == "table":
            return gettext("Table %(table)s, row %(row)s") % params
        if self.kind == "sheet":
            return gettext("Sheet “%(sheet)s”, row %(row)s") % params
        return gettext("Row %(row)s") % params

    def cell(self, index):
        return (
            self.cells[index] if index is not None and index < len(self.cells) else ""
        )

    def is_merged(self, index):
        return index in self.merged

    def to_dict(self):
        return {
            "k": self.kind,
            "g": self.grid_number,
            "n": self.grid_name,
            "r": self.row_number,
            "c": self.cells,
            "m": list(self.merged),
        }

    @classmethod
    def from_dict(cls, data):
        return cls(
            kind=data["k"],
            grid_number=data["g"],
            grid_name=data["n"],
            row_number=data["r"],
            cells=list(data["c"]),
            merged=tuple(data["m"]),
        )


@dataclass
class SkippedGrid:
    """A table or sheet of the file that was not read, and why (shown in preview)."""

    kind: str
    number: int
    name: str
    row_count: int


@dataclass
class ImportedTable:
    """The table found in an uploaded file, before it is applied to a page."""

    file_name: str
    file_format: str  # "docx", "xlsx", "csv" or "json"
    header: list[str]
    mapping: dict[int, str]  # column index -> field name (see columns.FIELDS)
    rows: list[SourceRow] = field(default_factory=list)
    skipped: list[SkippedGrid] = field(default_factory=list)

    @property
    def column_count(self):
        return max([len(self.header), *(len(row.cells) for row in self.rows)])

    def to_dict(self):
        return {
            "file_name": self.file_name,
            "file_format": self.file_format,
            "header": self.header,
            "mapping": {str(index): name for index, name in self.mapping.items()},
            "rows": [row.to_dict() for row in self.rows],
            "skipped": [
                [grid.kind, grid.number, grid.name, grid.row_count]
                for grid in self.skipped
            ],
        }

    @classmethod
    def from_dict(cls, data):
        return cls(
            file_name=data["file_name"],
            file_format=data["file_format"],
            header=list(data["header"]),
            mapping={int(index): name for index, name in data["mapping"].items()},
            rows=[SourceRow.from_dict(row) for row in data["rows"]],
            skipped=[SkippedGrid(*grid) for grid in data["skipped"]],
        )
