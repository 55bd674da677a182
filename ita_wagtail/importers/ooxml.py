"""Opening Word and Excel files (ZIP packages of XML) without risk to the server.

Before python-docx or openpyxl see a file, the package is checked: its parts
must not unpack to more than a bound (``limits.max_unpacked_bytes``), no large
part may be packed more tightly than real documents are (a compressed bomb),
and every XML part must parse with defusedxml with no DTD at all, which rules
out external entities and entity-expansion bombs. zipfile itself never
unpacks a part beyond the size its header declares.
"""

import io
import zipfile
import zlib

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml_safely
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .errors import UnsafeFileError, WrongFormatError


#: More parts than any real document has.
MAX_PARTS = 5000
#: A part larger than this may not be packed more than MAX_RATIO times.
RATIO_CHECKED_FROM = 1024 * 1024
MAX_RATIO = 100
#: Part names that say which kind of package this is.
PACKAGE_MARKERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))
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


def package_kind(names):
    """ "docx", "xlsx" or "zip", from the part names of a ZIP package."""
    names = set(names)
    return next((kind for part, kind in PACKAGE_MARKERS if part in names), "zip")


def check_package(data, name, expected, max_unpacked_bytes):
    """Check a Word or Excel package before any library parses it.

    Args:
        data: the file's bytes.
        name: the file's name, for messages.
        expected: "docx" or "xlsx".
        max_unpacked_bytes: the most all its parts may unpack to.

    Raises:
        WrongFormatError: not a ZIP package, or not of the expected kind.
        UnsafeFileError: a compressed bomb or XML with a DTD.
    """
    expected_text = KIND_DESCRIPTIONS[expected]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except ZIP_ERRORS as error:
        raise WrongFormatError(
            WrongFormatError.unreadable_message,
            name=name,
            expected=expected_text,
            detail=type(error).__name__,
        ) from error
    with archive:
        if len(parts) > MAX_PARTS:
            raise UnsafeFileError(name=name, reason=_("it has too many parts"))
        if any(part.flag_bits & 0x1 for part in parts):
            raise WrongFormatError(
                WrongFormatError.unreadable_message,
                name=name,
                expected=expected_text,
                detail=_("it is protected by a password"),
            )
        _check_sizes(parts, name, max_unpacked_bytes)
        kind = package_kind(part.filename for part in parts)
        if kind != expected:
            raise WrongFormatError(
                name=name, expected=expected_text, found=KIND_DESCRIPTIONS[kind]
            )
        for part in parts:
            if part.filename.lower().endswith((".xml", ".rels", ".vml")):
                _check_xml(archive, part, name, expected_text)


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


def _check_xml(archive, part, name, expected_text):
    try:
        content = archive.read(part)
    except ZIP_ERRORS as error:
        raise WrongFormatError(
            WrongFormatError.unreadable_message,
            name=name,
            expected=expected_text,
            detail=type(error).__name__,
        ) from error
    try:
        parse_xml_safely(
            content, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as error:
        raise UnsafeFileError(
            name=name,
            reason=_("its XML declares entities or a document type (DTD)"),
        ) from error
    except (ParseError, ValueError, LookupError) as error:
        raise WrongFormatError(
            WrongFormatError.unreadable_message,
            name=name,
            expected=expected_text,
            detail=part.filename,
        ) from error
