"""Admin forms of the import: the upload, then the preview with its choices.

Between the two, the table read from the file travels in the page as a signed
token (``django.core.signing``) bound to the page and the user, so nothing is
stored on the server before the editor confirms, and nobody can slip other
rows into the confirmation.
"""

from django import forms
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import ACCEPTED_EXTENSIONS, import_max_bytes, read_table
from .columns import FIELDS
from .errors import TableImportError
from .plans import APPEND, REPLACE
from .table import ImportedTable


SIGNING_SALT = "ita_wagtail.importers.table"
#: How long a preview may be confirmed after the upload.
TOKEN_MAX_AGE = 24 * 60 * 60


def _salt(page, user):
    return f"{SIGNING_SALT}:{page.pk}:{user.pk}"


def sign_table(table, page, user):
    """The table as a token only this user may confirm, on this page."""
    return signing.dumps(table.to_dict(), salt=_salt(page, user), compress=True)


def unsign_table(token, page, user):
    """The table of a token from ``sign_table``.

    Raises:
        signing.BadSignature: the token was changed, is for another page or
            user, or is older than TOKEN_MAX_AGE.
    """
    data = signing.loads(token, salt=_salt(page, user), max_age=TOKEN_MAX_AGE)
    return ImportedTable.from_dict(data)


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
        return upload


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
                "token": sign_table(table, page, user),
                "include": list(range(len(table.rows))),
            }
        super().__init__(data, initial=initial)
        self.fields["mode"].choices = mode_choices(kind)
        self.table = table if table is not None else self._table_from_data()
        if self.table is not None:
            self._add_column_fields()

    def _table_from_data(self):
        try:
            return unsign_table(self.data.get("token", ""), self.page, self.user)
        except (signing.BadSignature, KeyError, TypeError, ValueError):
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
