"""Import O42/O43 tables from Word, Excel, CSV and JSON files.

``read_table`` checks an uploaded file (size, format, safety), reads its tables
and finds the header: the result is an ``ImportedTable``. ``rows.read_rows``
reads each row's cells for a column mapping, and ``plans`` applies the rows to
an O42 or O43 page as one draft revision. Every failure is a
``TableImportError`` with a message in the editor's language.
"""

import io
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ...domain.files import package_kind
from .columns import build_table
from .csv import CSV_DESCRIPTION, read_csv
from .docx import read_docx
from .errors import (
    EmptyFileError,
    FileTooLargeError,
    TableImportError,
    UnsupportedFormatError,
    WrongFormatError,
)
from .json import JSON_DESCRIPTION, read_json
from .ooxml import KIND_DESCRIPTIONS, ZIP_ERRORS
from .table import ImportedTable
from .xlsx import read_xlsx


__all__ = ["ImportedTable", "TableImportError", "import_max_bytes", "read_table"]

#: Default of the ITA_WAGTAIL_IMPORT_MAX_BYTES setting: 10 MB.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Word and Excel packages may unpack to at most this many times the upload limit.
UNPACKED_FACTOR = 20
FORMATS = ("docx", "xlsx", "csv", "json")
ACCEPTED_EXTENSIONS = (".docx", ".xlsx", ".csv", ".json")
_TEXT_FORMATS = {"csv", "json"}
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", _("an old Word or Excel 97–2003 file")),
    (b"%PDF", _("a PDF document")),
    (b"\x89PNG", _("a picture")),
    (b"\xff\xd8\xff", _("a picture")),
    (b"GIF8", _("a picture")),
    (b"{\\rtf", _("a rich text (RTF) document")),
)


def import_max_bytes():
    """The largest file that may be imported (``ITA_WAGTAIL_IMPORT_MAX_BYTES``)."""
    return int(getattr(settings, "ITA_WAGTAIL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _read_bytes(file, max_bytes):
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > max_bytes:
            raise FileTooLargeError(size, max_bytes)
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLargeError(getattr(file, "size", None) or len(data), max_bytes)
    return data


def _content_kind(data):
    """What the bytes are: "docx", "xlsx", "zip", "text" or a lazy description."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return package_kind(archive.namelist())
        except ZIP_ERRORS:
            return "zip"
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            return description
    return "text"


def _describe(kind):
    if kind in KIND_DESCRIPTIONS:
        return KIND_DESCRIPTIONS[kind]
    if kind == "text":
        return _("a text file")
    return kind


def read_table(file, name=None, *, max_bytes=None):
    """Read the O42/O43 table of an uploaded file.

    Args:
        file: an uploaded file (or any binary file object), or bytes.
        name: the file's name; its extension says which format it claims to be.
        max_bytes: the size limit (default: ``import_max_bytes()``).

    Returns:
        An ImportedTable with the detected column mapping.

    Raises:
        TableImportError: with a message for the editor; nothing was read.
    """
    max_bytes = import_max_bytes() if max_bytes is None else max_bytes
    name = PurePath(str(name or getattr(file, "name", "") or "")).name
    data = _read_bytes(file, max_bytes)
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension in ("doc", "xls"):
        raise UnsupportedFormatError(
            UnsupportedFormatError.old_office_message, name=name
        )
    if extension not in FORMATS:
        raise UnsupportedFormatError(name=name)
    if not data.strip(b" \t\r\n\x00").removeprefix(b"\xef\xbb\xbf").strip():
        raise EmptyFileError()

    found = _content_kind(data)
    expected_kind = "text" if extension in _TEXT_FORMATS else extension
    if found != expected_kind:
        expected = {"csv": CSV_DESCRIPTION, "json": JSON_DESCRIPTION}.get(
            extension
        ) or KIND_DESCRIPTIONS.get(extension)
        raise WrongFormatError(name=name, expected=expected, found=_describe(found))

    max_unpacked = max_bytes * UNPACKED_FACTOR
    if extension == "docx":
        grids = read_docx(data, name, max_unpacked)
    elif extension == "xlsx":
        grids = read_xlsx(data, name, max_unpacked)
    elif extension == "csv":
        grids = [read_csv(data, name)]
    else:
        grids = [read_json(data, name)]
    if not any(cell.strip() for grid in grids for row in grid.rows for cell in row):
        raise EmptyFileError()
    return build_table(grids, name, extension)
