"""Helpers of the import and export tests: the seed's files and small tables."""

import csv
import io
import json
from pathlib import Path


FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = "tungkwao-o43-2564"
FORMATS = ("docx", "xlsx", "csv", "json")
DEMO_DATA = (
    Path(__file__).resolve().parent.parent
    / "example_site"
    / "demo"
    / "data"
    / "tungkwao-2564.json"
)


def seed_bytes(extension):
    return (FIXTURES / f"{SEED}.{extension}").read_bytes()


def seed_reference():
    """The seed's reference table: columns and rows of cells (lists of paragraphs)."""
    return json.loads(seed_bytes("json"))


def demo_data():
    """The demo's hand-typed reading of the seed: measures, steps, results."""
    return json.loads(DEMO_DATA.read_text(encoding="utf-8"))


def csv_bytes(rows, encoding="utf-8", separator=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def content_of(rows):
    """What an import reads, as plain data, to compare two imports."""
    return [
        {
            "number": row.number,
            "measure": row.measure,
            "methods": row.methods,
            "offices": row.office_names,
            "period": row.period,
            "actions": row.actions,
            "outcome": row.outcome,
            "suggestions": row.suggestions,
        }
        for row in rows
    ]
