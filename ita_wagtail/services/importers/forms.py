"""Admin forms of the import: the upload, then the preview with its choices.

Between the two, the table read from the file is kept on the server, in the
cache ``ITA_WAGTAIL_IMPORT_CACHE`` (default: "default"; it must be shared by
every worker, like the page cache), under a random key. The preview form
carries only that key; the entry names the page and the user it was made
for, so nobody else can confirm it, on no other page, and nobody can slip
other rows into it. It lives PREVIEW_MAX_AGE seconds and is dropped once
confirmed. Nothing of the page changes before the editor confirms.

(Earlier versions carried the whole table in the form as a signed token: a
large file made a token larger than Django accepts in a form, and its
confirmation failed with HTTP 400.)
"""

import json
import re
import secrets
import zlib

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import ACCEPTED_EXTENSIONS, import_max_bytes, read_table
from .columns import FIELDS
from .errors import TableImportError
from .plans import APPEND, REPLACE
from .table import ImportedTable


#: How long a preview may be confirmed after the upload.
PREVIEW_MAX_AGE = 24 * 60 * 60
PREVIEW_KEY_PREFIX = "ita_wagtail:import-preview:"
PREVIEW_ID = re.compile(r"[A-Za-z0-9_-]{32,64}")


def preview_cache():
    return caches[getattr(settings, "ITA_WAGTAIL_IMPORT_CACHE", "default")]


def store_table(table, page, user):
    """Keep the table for this user and page; return the preview's opaque id."""
    preview_id = secrets.token_urlsafe(32)
    entry = {
        "page": page.pk,
        "user": user.pk,
        "table": zlib.compress(json.dumps(table.to_dict()).encode()),
    }
    preview_cache().set(PREVIEW_KEY_PREFIX + preview_id, entry, PREVIEW_MAX_AGE)
    return preview_id


def load_table(preview_id, page, user):
    """The table kept under ``preview_id`` for this user and page, else None."""
    if not isinstance(preview_id, str) or not PREVIEW_ID.fullmatch(preview_id):
        return None
    entry = preview_cache().get(PREVIEW_KEY_PREFIX + preview_id)
    if not entry or entry.get("page") != page.pk or entry.get("user") != user.pk:
        return None
    return ImportedTable.from_dict(json.loads(zlib.decompress(entry["table"])))


def discard_table(preview_id):
    """Forget a preview once it has been confirmed."""
    if isinstance(preview_id, str) and PREVIEW_ID.fullmatch(preview_id):
        preview_cache().delete(PREVIEW_KEY_PREFIX + preview_id)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = None
        self.fields["file"].help_text = _(
            "A Word (.docx), Excel (.xlsx), CSV or JSON file holding the table of "
            "measures, of up to %(limit)s. Nothing is saved until you confirm."
        ) % {"limit": filesizeformat(import_max_bytes())}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = read_table(upload, upload.name)
        except TableImportError as error:
            raise forms.ValidationError(str(error), code=error.code) from error
        limit = max_preview_rows(self.table)
        if limit is not None and len(self.table.rows) > limit:
            raise forms.ValidationError(
                _(
                    "“%(name)s” has %(count)s rows; at most %(limit)s can be "
                    "imported at once. Split the table into smaller files and "
                    "import them one after the other, adding each to the page."
                )
                % {
                    "name": self.table.file_name,
                    "count": len(self.table.rows),
                    "limit": limit,
                },
                code="too_many_rows",
            )
        return upload


#: Fields of the preview form besides one per row and one per column.
OTHER_PREVIEW_FIELDS = 8


def max_preview_rows(table):
    """The most rows whose preview Django accepts back (one checkbox each).

    Django refuses a form of more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``
    fields (HTTP 400) before any view sees it; None when unbounded.
    """
    max_fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if max_fields is None:
        return None
    return max(max_fields - table.column_count - OTHER_PREVIEW_FIELDS, 1)


def mode_choices(kind):
    if kind == "plan":
        return [
            (REPLACE, _("Replace the current measures with those of the file")),
            (APPEND, _("Add the file's measures after the current ones")),
        ]
    return [
        (REPLACE, _("Replace the current results with those of the file")),
        (APPEND, _("Add the file's results to the current ones")),
    ]


class ImportPreviewForm(forms.Form):
    """The editor's choices on the preview: columns, rows, replace or append."""

    token = forms.CharField(widget=forms.HiddenInput)
    include = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    mode = forms.ChoiceField(required=False, widget=forms.RadioSelect)

    def __init__(self, data=None, *, page, user, kind, table=None):
        self.page, self.user = page, user
        initial = {}
        if table is not None:
            initial = {
                "token": store_table(table, page, user),
                "include": list(range(len(table.rows))),
            }
        super().__init__(data, initial=initial)
        self.fields["mode"].choices = mode_choices(kind)
        self.table = table if table is not None else self._table_from_data()
        if self.table is not None:
            self._add_column_fields()

    def _table_from_data(self):
        try:
            return load_table(self.data.get("token", ""), self.page, self.user)
        except (KeyError, TypeError, ValueError, zlib.error):
            return None

    def _add_column_fields(self):
        choices = [("", _("Do not import")), *((f.name, f.label) for f in FIELDS)]
        self.fields["include"].choices = [(i, i) for i in range(len(self.table.rows))]
        for index in range(self.table.column_count):
            heading = self.table.header[index] if index < len(self.table.header) else ""
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=_("Column %(number)s: %(heading)s")
                % {"number": index + 1, "heading": heading or "—"},
                choices=choices,
                required=False,
                initial=self.table.mapping.get(index, ""),
            )

    def clean_token(self):
        if self.table is None:
            raise forms.ValidationError(
                _("This preview has expired or was changed. Upload the file again."),
                code="bad_token",
            )
        return self.cleaned_data["token"]

    @property
    def column_fields(self):
        return [self[f"column_{i}"] for i in range(self.table.column_count)]

    def mapping(self):
        """{column index: field name} as chosen (or as detected, before a choice)."""
        source = self.cleaned_data if self.is_bound else {}
        return {
            index: (
                source.get(f"column_{index}")
                if self.is_bound
                else self.table.mapping.get(index, "")
            )
            or ""
            for index in range(self.table.column_count)
        }

    def excluded(self):
        """Indexes of the rows the editor unticked."""
        if not self.is_bound:
            return set()
        included = set(self.cleaned_data.get("include") or [])
        return set(range(len(self.table.rows))) - included
