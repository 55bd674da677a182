"""Opening Word and Excel files (ZIP packages of XML) without risk to the server.

Before python-docx or openpyxl see a file, the package is checked: its parts
must not unpack to more than a bound (``limits.max_unpacked_bytes``), no large
part may be packed more tightly than real documents are (a compressed bomb),
a workbook may have at most MAX_SHEETS sheets, and every XML part is read as
a stream, in chunks, never whole: it must have no DTD at all (which rules out
external entities and entity-expansion bombs), and the package may hold at
most MAX_ELEMENTS XML elements and, in its sheets, MAX_CELLS cells. So a file
that would take minutes and gigabytes to load is refused in well under a
second, with little memory, before any library loads it. zipfile itself
never unpacks a part beyond the size its header declares, and neither
python-docx nor openpyxl reads past it.
"""

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ...domain.files import package_kind
from .errors import TooMuchContentError, UnsafeFileError, WrongFormatError


#: More parts than any real document has.
MAX_PARTS = 5000
#: A part larger than this may not be packed more than MAX_RATIO times.
RATIO_CHECKED_FROM = 1024 * 1024
MAX_RATIO = 100
#: Sheets of a workbook that may be read: far more than any O42/O43 file has.
MAX_SHEETS = 30
#: Cells of all the sheets of a workbook together (a sheet is read up to
#: xlsx.MAX_ROWS rows of xlsx.MAX_COLUMNS columns).
MAX_CELLS = 200_000
#: XML elements of all the parts of a package together.
MAX_ELEMENTS = 1_000_000
#: What all the XML parts of a package may unpack to together.
MAX_XML_BYTES = 50 * 1024 * 1024
#: Bytes of a part parsed at a time.
CHUNK_BYTES = 64 * 1024
WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
#: Part names that say which kind of package this is.
KIND_DESCRIPTIONS = {
    "docx": _("a Word document (.docx)"),
    "xlsx": _("an Excel workbook (.xlsx)"),
    "zip": _("a ZIP archive"),
}
# What a damaged ZIP or an unpacking failure raises in zipfile and zlib.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
)


@dataclass
class PackageScan:
    """What the streaming check counted of a package."""

    elements: int = 0
    cells: int = 0
    sheets: int = 0
    #: {worksheet part name: ["A1:A3", …]}: openpyxl's read-only mode,
    #: which xlsx uses, does not read merged cells.
    merged_ranges: dict = field(default_factory=dict)


def _is_xml(part_name):
    return part_name.lower().endswith((".xml", ".rels", ".vml"))


def is_worksheet(part_name):
    return bool(WORKSHEET_PART.match(part_name))


def check_package(data, name, expected, max_unpacked_bytes):
    """Check a Word or Excel package before any library parses it.

    Args:
        data: the file's bytes.
        name: the file's name, for messages.
        expected: "docx" or "xlsx".
        max_unpacked_bytes: the most all its parts may unpack to.

    Returns:
        A PackageScan.

    Raises:
        WrongFormatError: not a ZIP package, or not of the expected kind.
        UnsafeFileError: a compressed bomb or XML with a DTD.
        TooMuchContentError: more sheets, cells or XML than a table needs.
    """
    expected_text = KIND_DESCRIPTIONS[expected]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except ZIP_ERRORS as error:
        raise WrongFormatError.unreadable(name, expected_text, error) from error
    with archive:
        if len(parts) > MAX_PARTS:
            raise UnsafeFileError(name=name, reason=_("it has too many parts"))
        if any(part.flag_bits & 0x1 for part in parts):
            raise WrongFormatError.unreadable(
                name, expected_text, _("it is protected by a password")
            )
        _check_sizes(parts, name, max_unpacked_bytes)
        kind = package_kind(part.filename for part in parts)
        if kind != expected:
            raise WrongFormatError(
                name=name, expected=expected_text, found=KIND_DESCRIPTIONS[kind]
            )
        sheets = sum(1 for part in parts if is_worksheet(part.filename))
        if expected == "xlsx" and sheets > MAX_SHEETS:
            raise TooMuchContentError(
                name=name,
                reason=_("%(count)s sheets, of which at most %(limit)s are read")
                % {"count": sheets, "limit": MAX_SHEETS},
            )
        xml_bytes = sum(part.file_size for part in parts if _is_xml(part.filename))
        if xml_bytes > MAX_XML_BYTES:
            raise TooMuchContentError(
                name=name,
                reason=_("its XML unpacks to more than %(limit)s")
                % {"limit": filesizeformat(MAX_XML_BYTES)},
            )
        scan = PackageScan()
        for part in parts:
            if _is_xml(part.filename):
                _scan_xml(archive, part, name, expected, scan)
    return scan


def _check_sizes(parts, name, max_unpacked_bytes):
    total = 0
    for part in parts:
        total += part.file_size
        packed = max(part.compress_size, 1)
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_RATIO * packed:
            raise UnsafeFileError(
                name=name,
                reason=_("one of its parts unpacks to %(ratio)s times its size")
                % {"ratio": part.file_size // packed},
            )
    if total > max_unpacked_bytes:
        raise UnsafeFileError(
            name=name,
            reason=_("it unpacks to more than %(limit)s")
            % {"limit": filesizeformat(max_unpacked_bytes)},
        )


class _Refused(Exception):
    """Raised inside the XML handlers to stop parsing at once."""

    def __init__(self, error):
        self.error = error


#: A cell's start tag, with or without a namespace prefix: <c>, <c r="A1">, <x:c/>.
CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?c[\s/>]")
#: A sheet of the workbook's list of sheets: <sheet name="…" sheetId="1" r:id="…"/>.
SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?sheet[\s/>]")
MERGE_TAG = re.compile(
    rb"<(?:[A-Za-z_][\w.-]{0,40}:)?mergeCell\s[^<>]{0,200}?\bref=[\"']([A-Z0-9:$]{2,40})"
)
#: Bytes kept from one chunk to the next, so a tag cut in two is still seen.
OVERLAP = 300


def _scan_xml(archive, part, name, expected, scan):
    """Parse one part as a stream: no DTD, and within the element and cell bounds.

    expat checks the XML in C, with no handler but for a DTD; elements, and
    in a workbook its sheets and cells, are counted on the raw bytes, chunk
    by chunk. Every part of a workbook is counted, whatever its name: the
    workbook's relationships, not the names, say which parts are sheets.
    """
    expected_text = KIND_DESCRIPTIONS[expected]
    sheet = expected == "xlsx"
    merged = set()

    def refuse_dtd(*args):
        raise _Refused(
            UnsafeFileError(
                name=name,
                reason=_("its XML declares entities or a document type (DTD)"),
            )
        )

    def unreadable(detail):
        return WrongFormatError.unreadable(name, expected_text, detail)

    def count(data):
        """Count the start tags in ``data`` (a tag cut in two may count twice)."""
        scan.elements += (
            data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")
        )
        if scan.elements > MAX_ELEMENTS:
            raise TooMuchContentError(
                name=name,
                reason=_("more than %(limit)s XML elements")
                % {"limit": f"{MAX_ELEMENTS:,}"},
            )

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    window = b""
    try:
        with archive.open(part) as stream:
            first = True
            while chunk := stream.read(CHUNK_BYTES):
                if first and (
                    chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk
                ):
                    raise unreadable(part.filename)  # Office writes UTF-8 only
                first = False
                parser.Parse(chunk, False)
                count(chunk)
                if sheet:
                    window = _count_cells(window + chunk, scan, merged, name)
            parser.Parse(b"", True)
            if sheet and window:
                _count_cells(window, scan, merged, name, final=True)
    except _Refused as refused:
        raise refused.error from None
    except ZIP_ERRORS as error:
        raise unreadable(type(error).__name__) from error
    except expat.ExpatError as error:
        raise unreadable(part.filename) from error
    if merged:
        scan.merged_ranges[part.filename] = sorted(merged)


def _count_cells(window, scan, merged, name, final=False):
    """Count the cells of the window but a tag cut at its end; return that tag.

    A match starts with "<" and holds no other, so none crosses the last "<".
    """
    last = window.rfind(b"<")
    cut = not final and last != -1 and len(window) - last < OVERLAP
    end = last if cut else len(window)
    scan.cells += len(CELL_TAG.findall(window, 0, end))
    if b"sheet" in window:
        scan.sheets += len(SHEET_TAG.findall(window, 0, end))
        if scan.sheets > MAX_SHEETS:
            raise TooMuchContentError(
                name=name,
                reason=_("more than %(limit)s sheets") % {"limit": MAX_SHEETS},
            )
    if scan.cells > MAX_CELLS:
        raise TooMuchContentError(
            name=name,
            reason=_("more than %(limit)s cells") % {"limit": f"{MAX_CELLS:,}"},
        )
    if b"mergeCell" in window:
        merged.update(ref.decode() for ref in MERGE_TAG.findall(window, 0, end))
    return window[end:]
