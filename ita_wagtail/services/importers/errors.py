"""Why a file could not be imported, in the editor's language.

Every error an importer raises is a ``TableImportError``: the admin shows its
message on the upload form and the management command prints it. Messages are
lazy and formatted only when shown, so raising one needs no active language.
"""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class TableImportError(Exception):
    """A file that cannot be imported; ``str(error)`` is the message to show."""

    code = "invalid"
    default_message = _("The file cannot be imported.")

    def __init__(self, message=None, **params):
        self.message = message or self.default_message
        self.params = params
        super().__init__(self.message, params)

    def __str__(self):
        return str(self.message) % self.params if self.params else str(self.message)


class FileTooLargeError(TableImportError):
    code = "too_large"
    default_message = _(
        "The file is %(size)s; files of up to %(limit)s can be imported. Remove "
        "pictures from it or split the table, then try again."
    )

    def __init__(self, size, limit):
        super().__init__(size=filesizeformat(size), limit=filesizeformat(limit))


class EmptyFileError(TableImportError):
    code = "empty"
    default_message = _("The file is empty: it has no table to import.")


class UnsupportedFormatError(TableImportError):
    code = "unsupported_format"
    default_message = _(
        "Files named “%(name)s” cannot be imported. Use a Word (.docx), Excel "
        "(.xlsx), CSV (.csv) or JSON (.json) file."
    )
    old_office_message = _(
        "“%(name)s” is an old Word or Excel 97–2003 file. Open it and save it as "
        "a Word document (.docx) or Excel workbook (.xlsx), then import that."
    )


class WrongFormatError(TableImportError):
    """The content is not what the file's extension says it is."""

    code = "wrong_format"
    default_message = _(
        "“%(name)s” is not %(expected)s: it looks like %(found)s. Save it again "
        "in the right format, or give it the right extension."
    )
    unreadable_message = _(
        "“%(name)s” could not be read as %(expected)s (%(detail)s). It may be "
        "damaged; open it, save it again and retry."
    )

    @classmethod
    def unreadable(cls, name, expected, detail):
        """The file is of the right kind but cannot be read; ``detail`` says
        why (an exception is named by its class)."""
        if isinstance(detail, BaseException):
            detail = type(detail).__name__
        return cls(cls.unreadable_message, name=name, expected=expected, detail=detail)


class UnsafeFileError(TableImportError):
    """The file could harm the server: a compressed bomb, or XML entities."""

    code = "unsafe"
    default_message = _(
        "“%(name)s” was refused because reading it could harm the server: "
        "%(reason)s. Save the table again as a new file and retry."
    )


class TooMuchContentError(TableImportError):
    """More sheets, cells or XML than any O42/O43 table: refused before reading."""

    code = "too_much"
    default_message = _(
        "“%(name)s” holds far more than an O42/O43 table (%(reason)s), so it "
        "was not read. Copy just the table into a new file and import that."
    )


class NoHeaderError(TableImportError):
    code = "no_header"
    default_message = _(
        "No row of column headings was found in “%(name)s”. The table needs a "
        "heading row such as “มาตรการ/แนวทาง”, “วิธีการดำเนินการ”, "
        "“ผู้รับผิดชอบ” and “ระยะเวลาดำเนินการ”."
    )


class UnrelatedColumnsError(TableImportError):
    code = "unrelated_columns"
    default_message = _(
        "The columns of “%(name)s” (%(columns)s) are not those of a measures "
        "table: no column of measures (มาตรการ/แนวทาง) was found."
    )


class MappingError(TableImportError):
    """The column mapping chosen (or given on the command line) cannot be used."""

    code = "bad_mapping"
    default_message = _("Choose which column holds the measures (มาตรการ/แนวทาง).")
    duplicate_message = _("Two columns are both read as “%(field)s”; choose one.")
    unknown_message = _(
        "Cannot read “%(text)s” as a column mapping; write it like "
        "“1=measure,2=methods”."
    )
