"""Admin date fields that speak พ.ศ.

Wagtail's date picker stores Christian-era ISO dates (2021-03-31); everything
else in the admin is พ.ศ. The field keeps the picker, shows the date it holds
in พ.ศ. beside it ("31 มีนาคม พ.ศ. ๒๕๖๔", in the site's digits; updated live by
``admin/dates.js``, rendered by the server so it shows without JavaScript),
and accepts a date typed with a พ.ศ. year ("31/03/2564", "2564-03-31").
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.widgets import AdminDateInput

from ..fiscal import BE_OFFSET, format_thai_date, to_arabic_digits


#: A year from here on is a พ.ศ. year (ค.ศ. 2400 is far in the future).
BE_YEAR_FROM = 2400

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_thai_date(text):
    """The date ``text`` names, its year ค.ศ. or พ.ศ.; None if it names none.

    "2021-03-31", "2564-03-31", "31/03/2564", "๓๑/๐๓/๒๕๖๔" all give
    2021-03-31. A year of 2400 or more is a พ.ศ. year.

    Raises:
        ValueError: the text has a date's shape but no such day exists.
    """
    text = to_arabic_digits(text)
    match = _ISO.match(text)
    if match:
        year, month, day = (int(x) for x in match.groups())
    else:
        match = _DMY.match(text)
        if not match:
            return None
        day, month, year = (int(x) for x in match.groups())
    if year >= BE_YEAR_FROM:
        year -= BE_OFFSET
    return date(year, month, day)


#: The digits ("thai"/"arabic") of the site whose form is being cleaned: the
#: blocks' validation messages write their dates in them (a block does not
#: know its page's site). Set by ``message_digits``; Thai outside it.
_MESSAGE_DIGITS = ContextVar("ita_message_digits", default="thai")


@contextmanager
def message_digits(digits):
    """While the block inside is cleaned, its messages write ``digits``."""
    token = _MESSAGE_DIGITS.set(digits or "thai")
    try:
        yield
    finally:
        _MESSAGE_DIGITS.reset(token)


def current_message_digits():
    """The digits validation messages write now (``message_digits``)."""
    return _MESSAGE_DIGITS.get()


def buddhist_era_text(value, digits):
    """ "31 มีนาคม พ.ศ. ๒๕๖๔" for a date (or its ISO text); "" for none."""
    if isinstance(value, str):
        try:
            value = parse_thai_date(value)
        except ValueError:
            value = None
    if not isinstance(value, date):
        return ""
    day, month, year = format_thai_date(value, digits or "thai", "full").split(" ")
    return f"{day} {month} พ.ศ. {year}"


class TypedDateInput(AdminDateInput):
    """Wagtail's date picker, leaving a date typed in พ.ศ. as typed.

    The picker replaces, when the field loses focus, a text it cannot read
    in its own format (2021-03-31) with today's date: "31/03/2564" became
    the day it was typed. The server reads it (``parse_thai_date``).
    """

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class BuddhistEraDateInput(TypedDateInput):
    """Wagtail's date picker, with the date it holds written in พ.ศ. beside it."""

    def __init__(self, attrs=None, format=None, digits="thai"):
        super().__init__(attrs=attrs, format=format)
        self.digits = digits or "thai"

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or ""
        return format_html(
            '{}<output class="ita-be-date" for="{}" data-ita-digits="{}" '
            'aria-live="polite">{}</output>',
            html,
            field_id,
            self.digits,
            buddhist_era_text(value, self.digits),
        )


class BuddhistEraDateParsing(forms.DateField):
    """A date field that also takes a date typed with a พ.ศ. year.

    "31/03/2564" or "2564-03-31" is the Christian-era date 2021-03-31, which
    is what is stored and what the picker shows once saved.
    """

    default_error_messages = {
        "invalid": _(
            "Enter a valid date, e.g. 31/03/2564 (Buddhist era) or 2021-03-31, or "
            "pick it from the calendar."
        ),
    }

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                parsed = parse_thai_date(value)
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from None
            if parsed is not None:
                return parsed
        return super().to_python(value)


class BuddhistEraDateField(BuddhistEraDateParsing):
    """``BuddhistEraDateParsing`` with the date written in พ.ศ. beside it."""

    def __init__(self, *, digits="thai", **kwargs):
        kwargs["widget"] = BuddhistEraDateInput(digits=digits)
        super().__init__(**kwargs)


class BuddhistEraDateBlock(blocks.DateBlock):
    """Wagtail's DateBlock, also taking a date typed with a พ.ศ. year.

    Its value is stored as a DateBlock's (an ISO date); in migrations it is
    a DateBlock (``deconstruct``), so using it needs none, and moving this
    module breaks none. ``admin/dates.js`` writes the พ.ศ. date beside it.
    """

    @cached_property
    def field(self):
        return BuddhistEraDateParsing(
            widget=TypedDateInput(format=self.format), **self.field_options
        )

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.DateBlock", args, kwargs


def use_buddhist_era(form, name, digits):
    """Make the form's date field ``name`` a ``BuddhistEraDateField``."""
    old = form.fields[name]
    form.fields[name] = BuddhistEraDateField(
        digits=digits,
        required=old.required,
        label=old.label,
        help_text=old.help_text,
        initial=old.initial,
    )
