"""JSON tables: this app's own export, and plain {"columns": …, "rows": …} tables.

A plain table's cells may be text or lists of paragraphs (as in the seed's
reference file). An export of this app is read back through the same column
names it was written with, so exporting then importing gives the same content.
"""

import datetime
import json

from django.utils.translation import gettext_lazy as _

from ...fiscal import format_period
from .columns import FIELDS_BY_NAME, PLAN_COLUMNS, RESULT_COLUMNS, numbered
from .errors import WrongFormatError
from .table import Grid


JSON_DESCRIPTION = _("a JSON file (.json)")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_cell(item) for item in value)
    if isinstance(value, dict):
        raise TypeError("a cell cannot be an object")
    return str(value)


def _export_rows(data):
    """Rows of an export of this app (see ita_wagtail.exporters.measure_data)."""
    has_results = any(
        isinstance(measure, dict) and measure.get("result") is not None
        for measure in data["measures"]
    )
    names = PLAN_COLUMNS + (RESULT_COLUMNS if has_results else ())
    rows = [[str(FIELDS_BY_NAME[name].label) for name in names]]
    for measure in data["measures"]:
        result = measure.get("result") or {}
        period = measure.get("period") or {}
        values = {
            "number": measure.get("number"),
            "measure": measure.get("measure"),
            "methods": numbered(measure.get("methods") or []),
            "offices": measure.get("offices"),
            "period": period.get("text")
            or _period_text(period.get("start"), period.get("end")),
            "notes": measure.get("notes"),
            "actions": numbered(result.get("actions") or []),
            "outcome": result.get("outcome"),
            "suggestions": result.get("suggestions"),
            "status": result.get("status_label") or result.get("status"),
        }
        rows.append([_cell(values[name]) for name in names])
    return rows


def _period_text(start, end):
    if not (start and end):
        return ""
    return format_period(
        datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    )


def read_json(data, name):
    """The table of a JSON file as one Grid.

    Raises:
        WrongFormatError: not JSON, or JSON that holds no table.
    """
    try:
        text = data.decode("utf-8-sig")
        content = json.loads(text)
        if isinstance(content, dict) and isinstance(content.get("measures"), list):
            rows = _export_rows(content)
        elif isinstance(content, dict) and isinstance(content.get("rows"), list):
            columns = content.get("columns") or []
            rows = [[_cell(cell) for cell in columns]] if columns else []
            rows += [[_cell(cell) for cell in row] for row in content["rows"]]
        elif isinstance(content, list) and all(isinstance(r, list) for r in content):
            rows = [[_cell(cell) for cell in row] for row in content]
        else:
            raise TypeError("no table")
    # Malformed JSON, deep nesting (RecursionError), bad dates (ValueError) and
    # values of the wrong shape (TypeError, AttributeError) all mean "not a table".
    except (ValueError, TypeError, AttributeError, RecursionError) as error:
        raise WrongFormatError.unreadable(name, JSON_DESCRIPTION, error) from error
    grid = Grid("file", 1)
    grid.rows = rows
    grid.merged = [()] * len(rows)
    return grid
