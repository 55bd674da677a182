"""Thai fiscal years, Buddhist Era dates, periods and digits.

A fiscal year (ปีงบประมาณ) N runs from 1 October of พ.ศ. N-1 to 30 September of
พ.ศ. N, and พ.ศ. = ค.ศ. + 543. Periods are written the way local governments write
them in ITA documents ("ม.ค.-มี.ค. ๖๔"), with Thai or Arabic digits.

Pure Python on purpose: PyThaiNLP would add a 22 MB wheel for a few dozen lines.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy


THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
BE_OFFSET = 543
# fmt: off
THAI_MONTHS_ABBR = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
THAI_MONTHS_FULL = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
# fmt: on

Digits = Literal["thai", "arabic"]
MonthStyle = Literal["abbr", "full"]


def _digit_swapper(source: str, target: str):
    # re.sub touches only the digits: str.translate looks up every character,
    # about ten times slower on Thai text, which has few digits.
    pattern = re.compile(f"[{source[0]}-{source[-1]}]")
    mapping = dict(zip(source, target, strict=True))

    def swap(text: str) -> str:
        return pattern.sub(lambda match: mapping[match[0]], text)

    return swap


_TO_THAI = _digit_swapper(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = _digit_swapper(THAI_DIGITS, ARABIC_DIGITS)
_MONTH_NAMES = {"abbr": THAI_MONTHS_ABBR, "full": THAI_MONTHS_FULL}


def to_thai_digits(text: object) -> str:
    """Return ``str(text)`` with Arabic digits replaced by Thai ones; None -> ""."""
    return "" if text is None else _TO_THAI(str(text))


def to_arabic_digits(text: object) -> str:
    """Return ``str(text)`` with Thai digits replaced by Arabic ones; None -> ""."""
    return "" if text is None else _TO_ARABIC(str(text))


def _option(options: dict, value: str, name: str):
    if value not in options:
        raise ValueError(f"{name} must be one of {sorted(options)}, not {value!r}")
    return options[value]


_DIGIT_WRITERS = {"thai": to_thai_digits, "arabic": to_arabic_digits}


def digit_writer(digits: str | None):
    """``to_thai_digits`` or ``to_arabic_digits``, as a site's setting says.

    "thai" or "arabic"; blank (a setting left empty) means Thai. Anything
    else raises ValueError.
    """
    return _option(_DIGIT_WRITERS, digits or "thai", "digits")


# Item codes (O1, O43, EB3) and web addresses are names, not numbers: written
# text keeps their Arabic digits whatever the site's setting.
_NAMES = re.compile(r"(https?://\S+|(?<![A-Za-z0-9])[A-Z]{1,3}[0-9]+(?![0-9]))")


def text_digit_writer(digits: str | None):
    """Like ``digit_writer``, for sentences that may name items or addresses.

    The digits of item codes ("O42") and of URLs stay as they are; every
    other digit is written as the setting says.
    """
    write = digit_writer(digits)

    def write_text(text: object) -> str:
        if text is None:
            return ""
        parts = _NAMES.split(str(text))
        # Odd parts are the names the pattern captured.
        return "".join(
            part if index % 2 else write(part) for index, part in enumerate(parts)
        )

    return write_text


def _apply_digits(text: str, digits: str) -> str:
    return _option(_DIGIT_WRITERS, digits, "digits")(text)


def be_to_ce(year: int) -> int:
    """Convert a Buddhist Era (พ.ศ.) year to a Christian Era (ค.ศ.) year."""
    return int(year) - BE_OFFSET


def ce_to_be(year: int) -> int:
    """Convert a Christian Era (ค.ศ.) year to a Buddhist Era (พ.ศ.) year."""
    return int(year) + BE_OFFSET


def _as_date(value: date) -> date:
    # datetime is a subclass of date but does not compare with it, so strip the time.
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A Thai government fiscal year, named by the พ.ศ. year in which it ends."""

    be_year: int

    MIN_BE_YEAR = 2400  # class constants, not dataclass fields (no annotation)
    MAX_BE_YEAR = 2700

    def __post_init__(self) -> None:
        if isinstance(self.be_year, bool) or not isinstance(self.be_year, int):
            raise TypeError(f"be_year must be an int, not {self.be_year!r}")
        if not self.MIN_BE_YEAR <= self.be_year <= self.MAX_BE_YEAR:
            raise ValueError(
                f"fiscal year {self.be_year} is outside "
                f"{self.MIN_BE_YEAR}..{self.MAX_BE_YEAR} (is it a ค.ศ. year?)"
            )

    @classmethod
    def from_be(cls, year: int | str) -> FiscalYear:
        """Return fiscal year พ.ศ. ``year``; strings may use Thai digits."""
        return cls(int(to_arabic_digits(year)) if isinstance(year, str) else year)

    @classmethod
    def from_ce(cls, year: int) -> FiscalYear:
        """Return the fiscal year that ends in ค.ศ. ``year`` (2021 -> 2564)."""
        return cls(ce_to_be(year))

    @classmethod
    def from_date(cls, d: date) -> FiscalYear:
        """Return the fiscal year containing ``d`` (a date or datetime)."""
        return cls(ce_to_be(d.year) + (1 if d.month >= 10 else 0))

    @classmethod
    def current(cls, today: date | None = None) -> FiscalYear:
        """Return the fiscal year of ``today`` (default: today in the site's zone)."""
        if today is None:
            # The server clock is often UTC; 1 October begins 7 hours earlier in
            # Thailand, so use the site's time zone whenever Django has one.
            today = timezone.localdate() if settings.USE_TZ else date.today()
        return cls.from_date(today)

    @property
    def ce_year(self) -> int:
        """The ค.ศ. year in which this fiscal year ends."""
        return be_to_ce(self.be_year)

    @property
    def start(self) -> date:
        """1 October of the previous year."""
        return date(self.ce_year - 1, 10, 1)

    @property
    def end(self) -> date:
        """30 September of ``ce_year``."""
        return date(self.ce_year, 9, 30)

    def contains(self, d: date) -> bool:
        """Return whether the date (or datetime) ``d`` falls in this fiscal year."""
        return self.start <= _as_date(d) <= self.end

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.contains(d)

    def next(self) -> FiscalYear:
        """Return the following fiscal year."""
        return FiscalYear(self.be_year + 1)

    def previous(self) -> FiscalYear:
        """Return the preceding fiscal year."""
        return FiscalYear(self.be_year - 1)

    def months(self) -> list[tuple[int, int]]:
        """Return the 12 (ค.ศ. year, month) pairs from October to September."""
        first = [(self.ce_year - 1, m) for m in (10, 11, 12)]
        return first + [(self.ce_year, m) for m in range(1, 10)]

    def __str__(self) -> str:
        return str(self.be_year)

    def label(self, digits: Digits = "thai") -> str:
        """Return e.g. "ปีงบประมาณ พ.ศ. ๒๕๖๔" (translated "Fiscal year 2564")."""
        year = _apply_digits(str(self.be_year), digits)
        return gettext("Fiscal year %(year)s") % {"year": year}


def _as_fiscal_year(value: FiscalYear | int | str) -> FiscalYear:
    return value if isinstance(value, FiscalYear) else FiscalYear.from_be(value)


def _last_day(ce_year: int, month: int) -> int:
    return calendar.monthrange(ce_year, month)[1]


@dataclass(frozen=True)
class Period:
    """An inclusive range of dates, such as the time given for an O42 measure."""

    start: date
    end: date

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, date):
                raise TypeError(f"{name} must be a date, not {value!r}")
            object.__setattr__(self, name, _as_date(value))
        if self.start > self.end:
            raise ValueError(f"period starts after it ends: {self.start} > {self.end}")

    @property
    def is_whole_months(self) -> bool:
        """Whether the period starts on a 1st and ends on its month's last day."""
        end = self.end
        return self.start.day == 1 and end.day == _last_day(end.year, end.month)

    def within(self, fiscal_year: FiscalYear | int) -> bool:
        """Return whether the whole period lies inside ``fiscal_year``."""
        fy = _as_fiscal_year(fiscal_year)
        return fy.start <= self.start and self.end <= fy.end

    @classmethod
    def month_range(
        cls, ce_year1: int, month1: int, ce_year2: int, month2: int
    ) -> Period:
        """Return the whole months from (ce_year1, month1) to (ce_year2, month2)."""
        end = date(ce_year2, month2, _last_day(ce_year2, month2))
        return cls(date(ce_year1, month1, 1), end)

    @classmethod
    def whole_fiscal_year(cls, fiscal_year: FiscalYear | int) -> Period:
        """Return the period covering ``fiscal_year`` (a FiscalYear or พ.ศ. int)."""
        fy = _as_fiscal_year(fiscal_year)
        return cls(fy.start, fy.end)


# -- Formatting ---------------------------------------------------------------


def _month_names(month_style: str) -> tuple[str, ...]:
    return _option(_MONTH_NAMES, month_style, "month_style")


def _be_year_text(ce_year: int, short: bool) -> str:
    be = ce_to_be(ce_year)
    # Two digits only where they are unambiguous to the parser (64 -> 2564).
    return f"{be % 100:02d}" if short and 2500 <= be <= 2599 else str(be)


def format_thai_date(
    d: date,
    digits: Digits = "thai",
    month_style: MonthStyle = "abbr",
    short_year: bool = False,
) -> str:
    """Format a date the Thai way, e.g. "๑ ต.ค. ๒๕๖๓" or "1 ตุลาคม 2563".

    Args:
        d: The date (or datetime; its time is ignored).
        digits: "thai" or "arabic" digits for the day and year.
        month_style: "abbr" (ต.ค.) or "full" (ตุลาคม).
        short_year: Write the พ.ศ. year with two digits ("63") when it is 25xx.

    Raises:
        ValueError: ``digits`` or ``month_style`` is not one of the choices.
    """
    text = f"{d.day} {_month_names(month_style)[d.month - 1]} "
    return _apply_digits(text + _be_year_text(d.year, short_year), digits)


def format_period(
    period_or_start: Period | date,
    end: date | None = None,
    digits: Digits = "thai",
    month_style: MonthStyle = "abbr",
) -> str:
    """Format a period as local governments write it.

    Whole months: "ม.ค.-มี.ค. ๖๔", "ม.ค. ๖๔", "ต.ค. ๖๓ - มี.ค. ๖๔"; with full month
    names "มกราคม - มีนาคม ๒๕๖๔". Other periods: "๑ ต.ค. ๒๕๖๓ - ๓๐ ก.ย. ๒๕๖๔".

    Args:
        period_or_start: A Period, or its start date.
        end: The end date when a start date is given (default: same day).
        digits: "thai" or "arabic".
        month_style: "abbr" or "full".

    Raises:
        ValueError: Bad ``digits``/``month_style``, or the start is after the end.
        TypeError: ``end`` given together with a Period.
    """
    if isinstance(period_or_start, Period):
        if end is not None:  # most likely digits passed positionally
            raise TypeError(f"end must not be given with a Period, got {end!r}")
        period = period_or_start
    else:
        period = Period(period_or_start, period_or_start if end is None else end)
    names = _month_names(month_style)
    _apply_digits("", digits)  # reject a bad ``digits`` before doing any work
    s, e = period.start, period.end
    if not period.is_whole_months:
        dates = [s] if s == e else [s, e]
        return " - ".join(format_thai_date(x, digits, month_style) for x in dates)
    short = month_style == "abbr"  # LAOs abbreviate the year with the month
    end_text = f"{names[e.month - 1]} {_be_year_text(e.year, short)}"
    if (s.year, s.month) == (e.year, e.month):
        text = end_text
    elif s.year == e.year:
        text = names[s.month - 1] + ("-" if short else " - ") + end_text
    else:
        text = f"{names[s.month - 1]} {_be_year_text(s.year, short)} - {end_text}"
    return _apply_digits(text, digits)


# -- Parsing ------------------------------------------------------------------

_PERIOD_EXAMPLE = "ม.ค.-มี.ค. ๖๔"
_DATE_EXAMPLE = "๑ ต.ค. ๒๕๖๓"
_MAX_INPUT = 200  # longer text is a sentence, not a date; also bounds regex work

_MSG_EMPTY_PERIOD = gettext_lazy("Enter a period, e.g. “%(example)s”.")
_MSG_EMPTY_DATE = gettext_lazy("Enter a date, e.g. “%(example)s”.")
_MSG_BAD_PERIOD = gettext_lazy(
    "Cannot read “%(text)s” as a period, e.g. “%(example)s”."
)
_MSG_BAD_DATE = gettext_lazy("Cannot read “%(text)s” as a date, e.g. “%(example)s”.")
_MSG_NO_YEAR = gettext_lazy("“%(text)s” has no year; give one, e.g. “%(example)s”.")
_MSG_NO_DAY = gettext_lazy("“%(text)s” has no day; give one, e.g. “%(example)s”.")
_MSG_BAD_YEAR = gettext_lazy(
    "Cannot use “%(year)s” in “%(text)s” as a year; write it like 2564 or 64."
)
_MSG_BAD_DAY = gettext_lazy("There is no day %(day)s in that month: “%(text)s”.")
_MSG_REVERSED = gettext_lazy("The period starts after it ends: “%(text)s”.")


class ThaiDateParseError(ValueError):
    """Text could not be read as a Thai date or period.

    Like Django's ValidationError it keeps ``message`` (lazy), ``code`` and
    ``params``, and translates only when turned into a string, so raising it needs
    no active language and forms can re-raise it as a ValidationError.
    """

    def __init__(self, message, code: str, params: dict) -> None:
        super().__init__(message, code, params)
        self.message, self.code, self.params = message, code, params

    def __str__(self) -> str:
        return str(self.message) % self.params


# Dots and whitespace are removed before matching, so "ม.ค", "มค." and "ม. ค." match.
# Full names, also in the colloquial short form ("มีนา") and with common misspellings.
_FULL_MONTHS = ("มกรา(คม)?", "กุมภา(พันธ์|พันธุ์)?", "มีนา(คม)?", "เมษา(ยน)?", "พฤษภา(คม)?")
_FULL_MONTHS += ("มิถุนา(ยน)?", "กรก[ฎฏ]า(คม)?", "สิงหา(คม)?", "กันยา(ยน)?", "ตุลา(คม)?")
_FULL_MONTHS += ("พฤศจิกา(ยน)?", "ธันวา(คม)?")
_ABBR_MONTHS = ("มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค")
_TOKEN_RE = re.compile(
    "|".join(
        f"(?P<F{i}>{p.replace('(', '(?:')})" for i, p in enumerate(_FULL_MONTHS, 1)
    )
    + "|"
    + "|".join(f"(?P<A{i}>{p})" for i, p in enumerate(_ABBR_MONTHS, 1))
    + "|(?P<NUM>[0-9]+)|(?P<DASH>-)"
)
_INVISIBLE_RE = re.compile(r"[\s.\u200b-\u200d\u2060\ufeff]+")
_DASH_RE = re.compile(r"[\u2010-\u2015\u2212\ufe63\uff0d~]|(?:จน)?ถึง")
_NOISE_RE = re.compile("ตั้งแต่|ระหว่าง|เดือน|วันที่|[พค]ศ|ปี")
_WHOLE_FY_RE = re.compile("(ตลอด)?ปี(งบ(?:ประมาณ|ฯ)?)?(?:พศ)?([0-9]*)")
# "ปีงบประมาณ 2569", "/2569", "ปี 69" after a quarter or a half of the year.
_FY_SUFFIX = "(?:(?:/|ปี(?:งบ(?:ประมาณ|ฯ)?)?(?:พศ)?)([0-9]+))?"
_QUARTER = "ไตรมาส(?:ที่)?"
# Quarters of the fiscal year: "ไตรมาสที่ 1" (Oct-Dec), "ไตรมาส 2-3", "ไตรมาสที่ 1/2569".
_QUARTER_RE = re.compile(f"{_QUARTER}([0-9])(?:-(?:{_QUARTER})?([0-9]))?{_FY_SUFFIX}")
# Halves: "ครึ่งปีแรก" (Oct-Mar), "ครึ่งปีหลัง" (Apr-Sep), also "6 เดือนแรก/หลัง".
_HALF_RE = re.compile(f"(?:ครึ่งปี(?:งบ(?:ประมาณ|ฯ)?)?|6เดือน)(แรก|หลัง){_FY_SUFFIX}")
_QUARTER_EXAMPLE = "ไตรมาสที่ ๑/๒๕๖๔"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _fail(message, code: str, text: str, **params) -> ThaiDateParseError:
    return ThaiDateParseError(message, code, {"text": _quote(text), **params})


def _be_year(token: str, text: str) -> int:
    """Read a written year as พ.ศ.: 2 digits are 25xx, 1900-2200 are ค.ศ."""
    value = int(token) if len(token) in (2, 4) else 0
    if len(token) == 2:
        return 2500 + value
    if 1900 <= value <= 2200:
        return ce_to_be(value)
    if 2300 <= value <= 2999:
        return value
    raise _fail(_MSG_BAD_YEAR, "invalid_year", text, year=_quote(token))


def _read_side(tokens: list[tuple[str, str]], text: str, bad: Exception) -> list:
    """Read "[day] month [year]" or a lone day into [day, month, be_year]."""
    kinds = "".join(kind for kind, _ in tokens)
    values = [value for _, value in tokens]
    if kinds not in ("M", "NM", "MN", "NMN", "N"):
        raise bad
    day = month = year = None
    if kinds.startswith("N"):
        if len(values[0]) > 2:  # e.g. "1.10.2563" run together: not our notation
            raise bad
        day = int(values.pop(0))
    if values:
        month = int(values.pop(0))
    if values:
        year = _be_year(values.pop(0), text)
    return [day, month, year]


def _tokenize(text: str, bad: Exception) -> list[list[tuple[str, str]]]:
    """Split normalised text into sides of (kind, value) tokens around one dash."""
    sides: list[list[tuple[str, str]]] = [[]]
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise bad
        kind = match.lastgroup or ""
        if kind == "DASH":
            sides.append([])
        elif kind == "NUM":
            sides[-1].append(("N", match.group()))
        else:
            sides[-1].append(("M", kind[1:]))
        pos = match.end()
    if len(sides) > 2:
        raise bad
    return sides


def _normalise(text: str) -> str:
    text = _DASH_RE.sub("-", to_arabic_digits(text))
    return _INVISIBLE_RE.sub("", text)


def _prepare(text: object, bad_message, empty_message, example: str):
    """Return (text, normalised text, generic error) or raise for empty input."""
    text = "" if text is None else str(text)
    bad = _fail(bad_message, "invalid", text, example=example)
    if len(text) > _MAX_INPUT:
        raise bad
    norm = _normalise(text)
    if not norm:
        raise _fail(empty_message, "required", text, example=example)
    return text, norm, bad


def _make_date(be_year: int, month: int, day: int, text: str) -> date:
    ce_year = be_to_ce(be_year)
    if not 1 <= day <= _last_day(ce_year, month):
        raise _fail(_MSG_BAD_DAY, "invalid_day", text, day=day)
    return date(ce_year, month, day)


def period_example(fiscal_year: FiscalYear | int | None = None) -> str:
    """An example period for messages: January to March of ``fiscal_year``.

    "ม.ค.-มี.ค. ๖๙" for fiscal year 2569, so that an LAO reads an example of its
    own year; "ม.ค.-มี.ค. ๖๔" without one.
    """
    try:
        fy = None if fiscal_year is None else _as_fiscal_year(fiscal_year)
    except (TypeError, ValueError):
        fy = None
    if fy is None:
        return _PERIOD_EXAMPLE
    return format_period(Period.month_range(fy.ce_year, 1, fy.ce_year, 3))


def _fiscal_year_written(token: str, text: str) -> int:
    year = _be_year(token, text)
    if not FiscalYear.MIN_BE_YEAR <= year <= FiscalYear.MAX_BE_YEAR:
        raise _fail(_MSG_BAD_YEAR, "invalid_year", text, year=token)
    return year


def _part_of_fiscal_year(norm, text, fiscal_year, bad):
    """The Period of "ไตรมาสที่ 1-2/2569" or "ครึ่งปีหลัง", or None for other text."""
    quarter = _QUARTER_RE.fullmatch(norm)
    half = None if quarter else _HALF_RE.fullmatch(norm)
    if quarter is None and half is None:
        return None
    if quarter is not None:
        first = int(quarter[1])
        last = int(quarter[2] or first)
        if not (1 <= first <= 4 and 1 <= last <= 4):
            raise bad
        if first > last:
            raise _fail(_MSG_REVERSED, "reversed", text)
        year_token, example = quarter[3], _QUARTER_EXAMPLE
    else:
        first, last = (1, 2) if half[1] == "แรก" else (3, 4)
        year_token, example = half[2], "ครึ่งปีแรก ปีงบประมาณ ๒๕๖๔"
    if year_token:
        fiscal_year = _fiscal_year_written(year_token, text)
    if fiscal_year is None:
        raise _fail(_MSG_NO_YEAR, "no_year", text, example=example)
    months = _as_fiscal_year(fiscal_year).months()
    return Period.month_range(*months[3 * first - 3], *months[3 * last - 1])


def parse_period(text: str, fiscal_year: FiscalYear | int | None = None) -> Period:
    """Read a period as local governments write it.

    Accepts Thai or Arabic digits, abbreviated or full month names, 2-digit พ.ศ.,
    4-digit พ.ศ. or ค.ศ. (1900-2200) years, "-", "–", "—" or "ถึง" between the ends,
    e.g. "ม.ค.-มี.ค. ๖๔", "ต.ค.64 - มี.ค.65", "1 ต.ค. 2563 - 30 ก.ย. 2564",
    "มิ.ย. 64", "ต.ค.-มี.ค. 64" (October 2020 to March 2021).

    Args:
        text: The text to read.
        fiscal_year: Supplies missing years (Oct-Dec in N-1, Jan-Sep in N) and the
            meaning of "ตลอดปีงบประมาณ"/"ตลอดปี" (the whole fiscal year).

    Returns:
        The Period, whole months unless days were written.

    Raises:
        ThaiDateParseError: With a translatable message quoting ``text``.
    """
    example = period_example(fiscal_year)
    text, norm, bad = _prepare(text, _MSG_BAD_PERIOD, _MSG_EMPTY_PERIOD, example)
    whole = _WHOLE_FY_RE.fullmatch(norm)
    if whole and (whole[1] or whole[2]):
        if whole[3]:
            fiscal_year = _fiscal_year_written(whole[3], text)
        if fiscal_year is None:
            raise _fail(_MSG_NO_YEAR, "no_year", text, example="ตลอดปีงบประมาณ ๒๕๖๔")
        return Period.whole_fiscal_year(fiscal_year)
    part = _part_of_fiscal_year(norm, text, fiscal_year, bad)
    if part is not None:
        return part
    sides = [_read_side(s, text, bad) for s in _tokenize(_NOISE_RE.sub("", norm), bad)]
    first, last = sides[0], sides[-1]
    if last[1] is None:  # a lone day may only start a range: "1-15 ม.ค. 64"
        raise bad
    if first[1] is None:
        first[1:] = last[1:]
    if first[2] is None and last[2] is not None:
        first[2] = last[2] - (1 if first[1] > last[1] else 0)
    elif last[2] is None and first[2] is not None:
        last[2] = first[2] + (1 if first[1] > last[1] else 0)
    elif first[2] is None:
        if fiscal_year is None:
            raise _fail(_MSG_NO_YEAR, "no_year", text, example=example)
        fy = _as_fiscal_year(fiscal_year).be_year
        for side in sides:
            side[2] = fy - 1 if side[1] >= 10 else fy
    start = _make_date(first[2], first[1], first[0] or 1, text)
    last_day = _last_day(be_to_ce(last[2]), last[1])
    end = _make_date(last[2], last[1], last[0] or last_day, text)
    if start > end:
        raise _fail(_MSG_REVERSED, "reversed", text)
    return Period(start, end)


def parse_thai_date(text: str) -> date:
    """Read one Thai date such as "1 ต.ค. 2563", "๓๐ ก.ย. ๖๔" or "1 ตุลาคม 2563".

    Raises:
        ThaiDateParseError: With a translatable message quoting ``text``.
    """
    text, norm, bad = _prepare(text, _MSG_BAD_DATE, _MSG_EMPTY_DATE, _DATE_EXAMPLE)
    sides = _tokenize(_NOISE_RE.sub("", norm), bad)
    if len(sides) != 1:
        raise bad
    day, month, year = _read_side(sides[0], text, bad)
    if month is None:
        raise bad
    if year is None:
        raise _fail(_MSG_NO_YEAR, "no_year", text, example=_DATE_EXAMPLE)
    if day is None:
        raise _fail(_MSG_NO_DAY, "no_day", text, example=_DATE_EXAMPLE)
    return _make_date(year, month, day, text)
