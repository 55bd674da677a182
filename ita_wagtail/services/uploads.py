"""Evidence uploads: only the allowed kinds of file, checked by content, not by name.

Sites enable it with ``WAGTAILDOCS_DOCUMENT_FORM_BASE =
"ita_wagtail.uploads.EvidenceDocumentForm"``; images are checked by Wagtail
itself, which reads their format from the content.
"""

import struct
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from ..domain.files import package_kind


DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: A .docx or .xlsx is a zip; more than this unpacked is treated as a bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Compressed bytes read, and unpacked bytes produced, at a time.
READ_CHUNK = 64 * 1024
UNPACK_CHUNK = 1024 * 1024
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
EXTENSION_KINDS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
    "webp": "webp",
}
KIND_LABELS = {
    "pdf": _("a PDF document"),
    "docx": _("a Word document (.docx)"),
    "xlsx": _("an Excel workbook (.xlsx)"),
    "jpeg": _("a JPEG image"),
    "png": _("a PNG image"),
    "webp": _("a WebP image"),
}


def max_upload_bytes():
    return getattr(settings, "ITA_WAGTAIL_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def detect_kind(file):
    """What the file is, from its content: a key of KIND_LABELS, or None.

    Raises:
        ValidationError: a zip that would unpack to more than MAX_UNPACKED_BYTES.
    """
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                members = archive.infolist()
                if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                    raise _zip_bomb()
                check_real_sizes(file, members)
                names = {member.filename for member in members}
        except zipfile.BadZipFile:
            return None
        finally:
            file.seek(0)
        kind = package_kind(names)
        if "[Content_Types].xml" in names and kind != "zip":
            return kind
    return None


def _zip_bomb():
    return ValidationError(
        _("The file unpacks to far more than its size; it is refused."),
        code="zip_bomb",
    )


def _forged():
    return ValidationError(
        _(
            "The file's contents do not match the sizes it declares: it is damaged "
            "or was made to deceive. Save it again from its program and upload "
            "that file."
        ),
        code="zip_sizes",
    )


def check_real_sizes(file, members):
    """Unpack every member for real, in bounded steps, and count what comes out.

    A ZIP's headers declare each member's size, and Python's zipfile trusts
    them; another program reading the file may not. So each member's own data
    is unpacked up to its end, whatever was declared, a chunk at a time,
    stopping as soon as all of them together pass MAX_UNPACKED_BYTES.

    Raises:
        ValidationError: more than MAX_UNPACKED_BYTES unpacked, or sizes or
            data that do not agree with the headers.
    """
    total = 0
    for member in members:
        total += _real_size(file, member, MAX_UNPACKED_BYTES - total)
        if total > MAX_UNPACKED_BYTES:
            raise _zip_bomb()


def _real_size(file, member, budget):
    """The member's real unpacked size, or more than ``budget`` once past it."""
    file.seek(member.header_offset)
    header = file.read(LOCAL_HEADER.size)
    if len(header) < LOCAL_HEADER.size:
        raise _forged()
    signature, _version, flags, method, _t, _d, _crc, _packed, _size, name, extra = (
        LOCAL_HEADER.unpack(header)
    )
    if signature != b"PK\x03\x04" or method != member.compress_type or flags & 0x1:
        raise _forged()
    file.seek(member.header_offset + LOCAL_HEADER.size + name + extra)
    if method == zipfile.ZIP_STORED:
        if member.compress_size != member.file_size:
            raise _forged()
        return member.file_size
    if method != zipfile.ZIP_DEFLATED:
        raise _forged()  # Word and Excel use nothing else
    unpacker = zlib.decompressobj(-zlib.MAX_WBITS)
    size, pending = 0, b""
    try:
        while not unpacker.eof:
            if not pending:
                pending = file.read(READ_CHUNK)
                if not pending:
                    raise _forged()  # the data stops before its end
            size += len(unpacker.decompress(pending, UNPACK_CHUNK))
            pending = unpacker.unconsumed_tail
            if size > budget:
                return size
    except zlib.error as error:
        raise _forged() from error
    if size != member.file_size:
        raise _forged()
    return size


def check_upload(file):
    """Refuse a file that is too big, or whose content is not what its name says."""
    limit = max_upload_bytes()
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    extension = file.name.rpartition(".")[2].lower() if "." in file.name else ""
    expected = EXTENSION_KINDS.get(extension)
    if expected is None:
        return  # a kind the site allowed itself (WAGTAILDOCS_EXTENSIONS)
    found = detect_kind(file)
    if found != expected:
        raise ValidationError(
            _(
                "The file is named .%(extension)s but its content is not %(expected)s. "
                "Save it again from its program and upload that file."
            )
            % {"extension": extension, "expected": KIND_LABELS[expected]},
            code="content_mismatch",
        )


class EvidenceDocumentForm(BaseDocumentForm):
    """Wagtail's document form, checking the file's size and content."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and file is not self.original_file and hasattr(file, "size"):
            check_upload(file)
        return file

    def _post_clean(self):
        had_file_error = "file" in self._errors
        super()._post_clean()
        if had_file_error:
            # The model's own extension check then sees no file at all; the
            # first message is the one that says what is wrong.
            self._errors["file"] = self.error_class(self._errors["file"][:1])
