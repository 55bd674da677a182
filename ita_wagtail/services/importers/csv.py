"""CSV files as Thai offices save them: UTF-8 with or without a BOM, or Windows-874.

Thai Excel saves "CSV" in Windows-874 (a superset of TIS-620) unless told to use
UTF-8, and "Unicode text" as tab-separated UTF-16. The encoding is recognised
from the byte-order mark, else UTF-8 is tried, then Windows-874; the separator
(comma, semicolon or tab) from the first lines.
"""

import csv
import io

from django.utils.translation import gettext_lazy as _

from .cells import unescape_formula
from .errors import WrongFormatError
from .table import Grid


CSV_DESCRIPTION = _("a CSV file (.csv)")
SEPARATORS = (",", ";", "\t")
#: Rows read for choosing the separator.
SAMPLE_ROWS = 50
MAX_ROWS = 20000


def decode_text(data, name):
    """The text of a CSV file, from whichever encoding it was saved in.

    Raises:
        WrongFormatError: binary content, or text in no known encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp874")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise WrongFormatError(
        name=name, expected=CSV_DESCRIPTION, found=_("a binary file, not text")
    )


def _rows(text, separator, limit=None):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows = []
    for row in reader:
        rows.append(row)
        if limit and len(rows) >= limit:
            break
    return rows


def choose_separator(text):
    """The separator that splits the first rows most steadily into columns.

    The real separator gives most rows the same number of columns (two or
    more); a wrong one gives scattered widths, or one column per row.
    """
    best, best_score = ",", (0.0, 0)
    for separator in SEPARATORS:
        try:
            sample = [row for row in _rows(text, separator, SAMPLE_ROWS) if row]
        except csv.Error:
            continue
        widths = [len(row) for row in sample]
        if not widths:
            continue
        width = max(set(widths), key=lambda w: (widths.count(w), w))
        if width < 2:
            continue
        score = (widths.count(width) / len(widths), width)
        if score > best_score:
            best, best_score = separator, score
    return best


def read_csv(data, name):
    """The rows of a CSV file as one Grid.

    Raises:
        WrongFormatError: not text, or not well-formed CSV.
    """
    text = decode_text(data, name)
    separator = choose_separator(text)
    try:
        rows = _rows(text, separator, MAX_ROWS)
    except csv.Error as error:
        raise WrongFormatError.unreadable(name, CSV_DESCRIPTION, str(error)) from error
    grid = Grid("file", 1)
    grid.rows = [[unescape_formula(cell) for cell in row] for row in rows]
    grid.merged = [()] * len(rows)
    return grid
