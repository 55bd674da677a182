"""Template filters for Thai dates, periods, fiscal years and digits.

``{% load ita_tags %}`` then e.g. ``{{ measure.period|thai_period:ita_digits }}``.
Every filter takes "thai" or "arabic" as its argument (default "thai"); an empty
argument (None or "", e.g. a site setting left blank) also means "thai".
"""

import re
from collections.abc import Mapping
from datetime import date

from django import template
from django.utils.safestring import mark_safe

from ita_wagtail import fiscal


register = template.Library()


def _style(arg: object) -> str:
    # A blank site setting should not break every page: fall back to the default.
    return str(arg) if arg else "thai"


@register.filter(is_safe=True)
def digits(value: object, arg: str = "thai") -> str:
    """Write the digits in ``value`` (a string or number) as Thai or Arabic digits.

    ``is_safe`` only keeps already-safe input safe (swapping digits adds no markup);
    plain strings stay plain and are escaped by autoescape.
    """
    if value is None or value == "":
        return ""
    return fiscal.digit_writer(_style(arg))(value)


# Tags and character references (&#8211;) are markup, not text: their digits stay.
_MARKUP = re.compile(r"(<[^>]*>|&#?[0-9A-Za-z]+;)")


@register.filter
def digits_html(value: object, arg: str = "thai") -> str:
    """Like ``digits``, for HTML such as rich text: only the text changes.

    Digits inside tags (``href="/ita/2564/"``) and character references are
    left alone. The result is marked safe, so give it only HTML that is safe
    already, e.g. the output of ``|richtext``.
    """
    if value is None or value == "":
        return ""
    parts = _MARKUP.split(str(value))
    for index in range(0, len(parts), 2):  # even parts are text between markup
        parts[index] = digits(parts[index], arg)
    return mark_safe("".join(parts))  # noqa: S308 - input is already-safe HTML


def _format_date(value: object, arg: object, month_style: fiscal.MonthStyle) -> str:
    if not isinstance(value, date):
        return ""
    return fiscal.format_thai_date(value, _style(arg), month_style)


@register.filter(expects_localtime=True)
def thai_date(value: object, arg: str = "thai") -> str:
    """Format a date as "๑ ต.ค. ๒๕๖๓"; anything that is not a date gives ""."""
    return _format_date(value, arg, "abbr")


@register.filter(expects_localtime=True)
def thai_date_full(value: object, arg: str = "thai") -> str:
    """Format a date as "๑ ตุลาคม ๒๕๖๓"; anything that is not a date gives ""."""
    return _format_date(value, arg, "full")


def _bound(value: object, name: str) -> date | None:
    if isinstance(value, Mapping):  # also Wagtail's StructValue
        found = value.get(name)
    else:
        found = getattr(value, name, None)
    return found if isinstance(found, date) else None


@register.filter
def thai_period(value: object, arg: str = "thai") -> str:
    """Format a period as "ม.ค.-มี.ค. ๖๔".

    Takes a Period, an object with ``start``/``end``, or a mapping with "start"/"end"
    keys (such as a StructValue). With only one of them, formats that date.
    """
    if value is None or value == "":
        return ""
    style = _style(arg)
    start, end = _bound(value, "start"), _bound(value, "end")
    if start is None or end is None:
        return _format_date(start or end, style, "abbr")
    try:
        period = fiscal.Period(start, end)
    except ValueError:
        # Bad data saved elsewhere: show it as written rather than hide it.
        return " - ".join(_format_date(d, style, "abbr") for d in (start, end))
    return fiscal.format_period(period, digits=style)


@register.filter
def fiscal_year_label(value: object, arg: str = "thai") -> str:
    """Return "ปีงบประมาณ พ.ศ. ๒๕๖๔" for FiscalYear(2564), 2564 or "๒๕๖๔"."""
    if value is None or value == "":
        return ""
    try:
        if not isinstance(value, fiscal.FiscalYear):
            value = fiscal.FiscalYear.from_be(value)
    except (TypeError, ValueError):
        return ""  # not a fiscal year: render nothing, as Django's filters do
    return value.label(_style(arg))


@register.filter
def with_headings(row: object, columns: object) -> list:
    """Pair each cell of a table block's row with its column's heading.

    ``{% for heading, cell in row|with_headings:value.columns %}``: a phone
    shows each cell under its heading (``data-label``), as the table would.
    """
    headings = [str((column or {}).get("heading") or "") for column in columns or ()]
    cells = list(row or ())
    headings += [""] * (len(cells) - len(headings))
    return list(zip(headings, cells, strict=False))
