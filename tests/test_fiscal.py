"""Fiscal years, Thai dates, periods and digits (ita_wagtail.fiscal).

Needs no database. Tests that render messages use the ``english`` fixture, which
sets Django up only if the project's settings are not in use (``-p no:django``).
"""

import os
from datetime import date, datetime

import django
import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.test import override_settings
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from ita_wagtail.fiscal import (
    BE_OFFSET,
    THAI_DIGITS,
    THAI_MONTHS_ABBR,
    THAI_MONTHS_FULL,
    FiscalYear,
    Period,
    ThaiDateParseError,
    be_to_ce,
    ce_to_be,
    format_period,
    format_thai_date,
    parse_period,
    parse_thai_date,
    to_arabic_digits,
    to_thai_digits,
)


@pytest.fixture(scope="module")
def english():
    """Render messages in English, the language of the msgids."""
    if not django_settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
        # Running without the project's settings: gettext needs some settings.
        # Same as in test_ita_tags.py, whichever file runs first.
        django_settings.configure(STATIC_URL="/static/")
    if not apps.ready:
        django.setup()
    with translation.override("en"):
        yield


FY2564 = FiscalYear(2564)


# -- Fiscal years ---------------------------------------------------------------


def test_fiscal_year_2564_starts_on_1_october_2020():
    assert FY2564.start == date(2020, 10, 1)


def test_fiscal_year_2564_ends_on_30_september_2021():
    assert FY2564.end == date(2021, 9, 30)


def test_ce_year_of_a_fiscal_year_is_the_year_it_ends_in():
    assert FY2564.ce_year == 2021


def test_fiscal_year_from_be_accepts_an_int_or_thai_or_arabic_digits():
    assert FiscalYear.from_be(2564) == FiscalYear.from_be("๒๕๖๔") == FY2564
    assert FiscalYear.from_be("2564") == FY2564


def test_fiscal_year_from_ce_is_the_one_that_ends_in_that_year():
    assert FiscalYear.from_ce(2021) == FY2564


@pytest.mark.parametrize(
    ("day", "be_year"),
    [
        (date(2020, 9, 30), 2563),
        (date(2020, 10, 1), 2564),
        (date(2021, 1, 1), 2564),
        (date(2021, 9, 30), 2564),
        (date(2021, 10, 1), 2565),
        (datetime(2020, 10, 1, 0, 0), 2564),
        (datetime(2020, 9, 30, 23, 59), 2563),
    ],
)
def test_a_day_belongs_to_the_fiscal_year_that_ends_on_the_next_30_september(
    day, be_year
):
    assert FiscalYear.from_date(day) == FiscalYear(be_year)


def test_current_fiscal_year_is_that_of_the_given_day():
    assert FiscalYear.current(today=date(2021, 10, 1)) == FiscalYear(2565)


def test_current_fiscal_year_defaults_to_today_in_the_site_time_zone(english):
    with override_settings(USE_TZ=True), timezone.override("Asia/Bangkok"):
        assert FiscalYear.current() == FiscalYear.from_date(timezone.localdate())


def test_fiscal_year_contains_its_first_and_last_day_but_not_the_days_around():
    assert FY2564.contains(date(2020, 10, 1))
    assert FY2564.contains(date(2021, 9, 30))
    assert not FY2564.contains(date(2020, 9, 30))
    assert not FY2564.contains(date(2021, 10, 1))


def test_in_operator_works_with_dates_and_datetimes_and_rejects_other_things():
    assert date(2021, 3, 1) in FY2564
    assert datetime(2021, 9, 30, 23, 59) in FY2564
    assert datetime(2021, 10, 1, 0, 0) not in FY2564
    assert "2021-03-01" not in FY2564


def test_next_and_previous_fiscal_years_are_one_year_apart():
    assert FY2564.next() == FiscalYear(2565)
    assert FY2564.previous() == FiscalYear(2563)
    assert FY2564.previous() < FY2564 < FY2564.next()


def test_fiscal_year_months_run_from_october_to_september():
    months = FY2564.months()
    assert len(months) == 12
    assert months[0] == (2020, 10)
    assert months[2] == (2020, 12)
    assert months[3] == (2021, 1)
    assert months[-1] == (2021, 9)


def test_fiscal_year_prints_as_its_be_year():
    assert str(FY2564) == "2564"


@pytest.mark.parametrize("be_year", [2021, 2399, 2701, 0, -5])
def test_fiscal_year_outside_the_sane_be_range_is_rejected(be_year):
    with pytest.raises(ValueError, match="outside"):
        FiscalYear(be_year)


@pytest.mark.parametrize("be_year", ["2564", 2564.0, True, None])
def test_fiscal_year_needs_an_int(be_year):
    with pytest.raises(TypeError):
        FiscalYear(be_year)


def test_fiscal_year_label_writes_the_be_year_in_the_chosen_digits(english):
    assert FY2564.label() == "Fiscal year ๒๕๖๔"
    assert FY2564.label(digits="arabic") == "Fiscal year 2564"


def test_fiscal_year_label_rejects_unknown_digits(english):
    with pytest.raises(ValueError, match="digits"):
        FY2564.label(digits="roman")


# -- Digits and eras ------------------------------------------------------------


def test_thai_digits_are_the_ten_thai_numerals():
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert to_thai_digits("0123456789") == THAI_DIGITS


def test_to_thai_digits_changes_only_digits():
    assert to_thai_digits("ปี 2564 (O42)") == "ปี ๒๕๖๔ (O๔๒)"


def test_to_arabic_digits_changes_thai_digits_in_mixed_text():
    assert to_arabic_digits("ม.ค.-มี.ค. ๖๔, 2564") == "ม.ค.-มี.ค. 64, 2564"


def test_digit_conversion_accepts_any_object_and_none():
    assert to_thai_digits(2564) == "๒๕๖๔"
    assert to_arabic_digits(None) == to_thai_digits(None) == ""


def test_be_is_ce_plus_543():
    assert BE_OFFSET == 543
    assert ce_to_be(2021) == 2564
    assert be_to_ce(2564) == 2021


# -- Periods --------------------------------------------------------------------


def test_period_cannot_start_after_it_ends():
    with pytest.raises(ValueError, match="starts after"):
        Period(date(2021, 3, 31), date(2021, 1, 1))


def test_period_stores_datetimes_as_dates():
    period = Period(datetime(2021, 1, 1, 8, 30), datetime(2021, 1, 31, 17, 0))
    assert period == Period(date(2021, 1, 1), date(2021, 1, 31))


def test_period_of_whole_months_runs_from_a_first_to_a_month_end():
    assert Period(date(2024, 2, 1), date(2024, 2, 29)).is_whole_months
    assert not Period(date(2024, 2, 1), date(2024, 2, 28)).is_whole_months
    assert not Period(date(2021, 1, 2), date(2021, 3, 31)).is_whole_months


def test_month_range_covers_whole_months_across_a_year_end():
    assert Period.month_range(2020, 10, 2021, 3) == Period(
        date(2020, 10, 1), date(2021, 3, 31)
    )


def test_whole_fiscal_year_period_is_october_to_september():
    assert Period.whole_fiscal_year(FY2564) == Period(
        date(2020, 10, 1), date(2021, 9, 30)
    )
    assert Period.whole_fiscal_year(2564) == Period.whole_fiscal_year(FY2564)


def test_period_is_within_a_fiscal_year_only_if_both_ends_are():
    assert Period.month_range(2020, 10, 2021, 9).within(FY2564)
    assert Period.month_range(2021, 1, 2021, 3).within(2564)
    assert not Period.month_range(2020, 9, 2021, 3).within(FY2564)
    assert not Period.month_range(2021, 7, 2021, 10).within(FY2564)


# -- Formatting -----------------------------------------------------------------

OCT_1_2020 = date(2020, 10, 1)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "๑ ต.ค. ๒๕๖๓"),
        ({"digits": "arabic"}, "1 ต.ค. 2563"),
        ({"digits": "arabic", "month_style": "full"}, "1 ตุลาคม 2563"),
        ({"month_style": "full"}, "๑ ตุลาคม ๒๕๖๓"),
        ({"digits": "arabic", "short_year": True}, "1 ต.ค. 63"),
        ({"short_year": True}, "๑ ต.ค. ๖๓"),
    ],
)
def test_format_thai_date_writes_day_month_and_be_year(kwargs, expected):
    assert format_thai_date(OCT_1_2020, **kwargs) == expected


def test_format_thai_date_ignores_the_time_of_a_datetime():
    assert format_thai_date(datetime(2021, 9, 30, 23, 59), "arabic") == "30 ก.ย. 2564"


def test_short_year_keeps_four_digits_outside_the_2500s_to_stay_unambiguous():
    assert format_thai_date(date(2057, 1, 1), "arabic", short_year=True) == (
        "1 ม.ค. 2600"
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"digits": "roman"}, "digits"), ({"month_style": "long"}, "month_style")],
)
def test_formatting_rejects_unknown_options(kwargs, error):
    with pytest.raises(ValueError, match=error):
        format_thai_date(OCT_1_2020, **kwargs)
    with pytest.raises(ValueError, match=error):
        format_period(Period.month_range(2021, 1, 2021, 3), **kwargs)


JAN_MAR_64 = Period.month_range(2021, 1, 2021, 3)
OCT_63_MAR_64 = Period.month_range(2020, 10, 2021, 3)
JAN_64 = Period.month_range(2021, 1, 2021, 1)
WHOLE_FY_BY_DAYS = Period(date(2020, 10, 1), date(2021, 9, 29))


@pytest.mark.parametrize(
    ("period", "digits", "month_style", "expected"),
    [
        (JAN_MAR_64, "thai", "abbr", "ม.ค.-มี.ค. ๖๔"),
        (JAN_MAR_64, "arabic", "abbr", "ม.ค.-มี.ค. 64"),
        (JAN_64, "thai", "abbr", "ม.ค. ๖๔"),
        (OCT_63_MAR_64, "thai", "abbr", "ต.ค. ๖๓ - มี.ค. ๖๔"),
        (OCT_63_MAR_64, "arabic", "abbr", "ต.ค. 63 - มี.ค. 64"),
        (JAN_MAR_64, "thai", "full", "มกราคม - มีนาคม ๒๕๖๔"),
        (JAN_MAR_64, "arabic", "full", "มกราคม - มีนาคม 2564"),
        (OCT_63_MAR_64, "thai", "full", "ตุลาคม ๒๕๖๓ - มีนาคม ๒๕๖๔"),
        (JAN_64, "thai", "full", "มกราคม ๒๕๖๔"),
        (WHOLE_FY_BY_DAYS, "thai", "abbr", "๑ ต.ค. ๒๕๖๓ - ๒๙ ก.ย. ๒๕๖๔"),
        (WHOLE_FY_BY_DAYS, "arabic", "abbr", "1 ต.ค. 2563 - 29 ก.ย. 2564"),
        (WHOLE_FY_BY_DAYS, "arabic", "full", "1 ตุลาคม 2563 - 29 กันยายน 2564"),
        (Period(OCT_1_2020, OCT_1_2020), "arabic", "abbr", "1 ต.ค. 2563"),
    ],
)
def test_format_period_writes_periods_as_laos_do(period, digits, month_style, expected):
    assert format_period(period, digits=digits, month_style=month_style) == expected


def test_whole_fiscal_year_is_written_as_months():
    assert format_period(Period.whole_fiscal_year(FY2564)) == "ต.ค. ๖๓ - ก.ย. ๖๔"


def test_format_period_refuses_an_end_date_beside_a_period():
    with pytest.raises(TypeError):
        format_period(JAN_MAR_64, "arabic")


def test_format_period_accepts_start_and_end_dates():
    assert format_period(date(2021, 1, 1), date(2021, 3, 31), "arabic") == (
        "ม.ค.-มี.ค. 64"
    )
    assert format_period(OCT_1_2020, digits="arabic") == "1 ต.ค. 2563"


def test_format_period_keeps_four_digit_years_outside_the_2500s():
    assert format_period(Period.month_range(2057, 1, 2057, 3), digits="arabic") == (
        "ม.ค.-มี.ค. 2600"
    )


# -- Parsing --------------------------------------------------------------------


def _both_digit_kinds(cases):
    """Each case as written, plus the same text with Thai digits."""
    thai = [(to_thai_digits(text), *rest) for text, *rest in cases]
    return cases + [case for case in thai if case not in cases]


PERIOD_CASES = [
    ("ม.ค.-มี.ค. 64", date(2021, 1, 1), date(2021, 3, 31)),
    ("ม.ค.-มี.ค.64", date(2021, 1, 1), date(2021, 3, 31)),
    ("ม.ค. - มี.ค. 64", date(2021, 1, 1), date(2021, 3, 31)),
    ("ม.ค – มี.ค. 64", date(2021, 1, 1), date(2021, 3, 31)),
    ("มค.—มีค 64", date(2021, 1, 1), date(2021, 3, 31)),
    ("ม.ค. ถึง มี.ค. พ.ศ. 2564", date(2021, 1, 1), date(2021, 3, 31)),
    ("ม.ค.-มี.ค. ปี 64", date(2021, 1, 1), date(2021, 3, 31)),
    ("ม.ค.-มี.ค. 2021", date(2021, 1, 1), date(2021, 3, 31)),
    ("ต.ค.64 - มี.ค.65", date(2021, 10, 1), date(2022, 3, 31)),
    ("ต.ค. 2563 - มี.ค. 2564", date(2020, 10, 1), date(2021, 3, 31)),
    ("1 ต.ค. 2563 - 30 ก.ย. 2564", date(2020, 10, 1), date(2021, 9, 30)),
    ("วันที่ 1 ต.ค. 63 ถึง 15 ต.ค. 63", date(2020, 10, 1), date(2020, 10, 15)),
    ("1-15 ม.ค. 64", date(2021, 1, 1), date(2021, 1, 15)),
    ("มิ.ย. 64", date(2021, 6, 1), date(2021, 6, 30)),
    ("1 ต.ค. 2563", date(2020, 10, 1), date(2020, 10, 1)),
    ("มกราคม - มีนาคม 2564", date(2021, 1, 1), date(2021, 3, 31)),
    ("ตุลาคม 2563 - กันยายน 2564", date(2020, 10, 1), date(2021, 9, 30)),
    ("มีนา - พฤษภา 64", date(2021, 3, 1), date(2021, 5, 31)),
    ("กรกฏาคม 2564", date(2021, 7, 1), date(2021, 7, 31)),
    ("ต.ค.-ธ.ค. 63", date(2020, 10, 1), date(2020, 12, 31)),
    ("ต.ค.-มี.ค. 64", date(2020, 10, 1), date(2021, 3, 31)),
    ("ต.ค. 63 - มี.ค.", date(2020, 10, 1), date(2021, 3, 31)),
    ("ก.พ. 67", date(2024, 2, 1), date(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "start", "end"), _both_digit_kinds(PERIOD_CASES))
def test_parse_period_reads_periods_as_laos_write_them(text, start, end):
    assert parse_period(text) == Period(start, end)


FY_CASES = [
    ("ม.ค.-มี.ค.", date(2021, 1, 1), date(2021, 3, 31)),
    ("ต.ค.-ธ.ค.", date(2020, 10, 1), date(2020, 12, 31)),
    ("ต.ค. - มี.ค.", date(2020, 10, 1), date(2021, 3, 31)),
    ("ก.ย.", date(2021, 9, 1), date(2021, 9, 30)),
    ("1 ต.ค. - 15 พ.ย.", date(2020, 10, 1), date(2020, 11, 15)),
    ("ตลอดปีงบประมาณ", date(2020, 10, 1), date(2021, 9, 30)),
    ("ตลอดปี", date(2020, 10, 1), date(2021, 9, 30)),
    ("ตลอดปีงบประมาณ 2565", date(2021, 10, 1), date(2022, 9, 30)),
]


@pytest.mark.parametrize(("text", "start", "end"), _both_digit_kinds(FY_CASES))
def test_parse_period_takes_missing_years_from_the_fiscal_year(text, start, end):
    assert parse_period(text, fiscal_year=FY2564) == Period(start, end)
    assert parse_period(text, fiscal_year=2564) == Period(start, end)


def test_a_fiscal_year_written_in_the_text_needs_no_fiscal_year_argument():
    assert parse_period("ปีงบประมาณ พ.ศ. ๒๕๖๔") == Period.whole_fiscal_year(FY2564)


def test_years_written_in_the_text_win_over_the_fiscal_year_argument():
    assert parse_period("ม.ค.-มี.ค. 65", fiscal_year=FY2564) == (
        Period.month_range(2022, 1, 2022, 3)
    )


DATE_CASES = [
    ("1 ต.ค. 2563", date(2020, 10, 1)),
    ("30 ก.ย. 64", date(2021, 9, 30)),
    ("1 ตุลาคม 2563", date(2020, 10, 1)),
    ("1ต.ค.63", date(2020, 10, 1)),
    ("วันที่ 29 กุมภาพันธ์ พ.ศ. 2567", date(2024, 2, 29)),
    ("5 ธ.ค. 2020", date(2020, 12, 5)),
]


@pytest.mark.parametrize(("text", "expected"), _both_digit_kinds(DATE_CASES))
def test_parse_thai_date_reads_day_month_and_year(text, expected):
    assert parse_thai_date(text) == expected


ERROR_CASES = [
    (parse_period, "", "required", "Enter a period, e.g. “ม.ค.-มี.ค. ๖๔”."),
    (
        parse_period,
        "เร็ว ๆ นี้",
        "invalid",
        "Cannot read “เร็ว ๆ นี้” as a period, e.g. “ม.ค.-มี.ค. ๖๔”.",
    ),
    (
        parse_period,
        "ม.ค.-มี.ค.",
        "no_year",
        "“ม.ค.-มี.ค.” has no year; give one, e.g. “ม.ค.-มี.ค. ๖๔”.",
    ),
    (
        parse_period,
        "ตลอดปีงบประมาณ",
        "no_year",
        "“ตลอดปีงบประมาณ” has no year; give one, e.g. “ตลอดปีงบประมาณ ๒๕๖๔”.",
    ),
    (
        parse_period,
        "มี.ค. 64 - ม.ค. 64",
        "reversed",
        "The period starts after it ends: “มี.ค. 64 - ม.ค. 64”.",
    ),
    (
        parse_period,
        "31 ก.พ. - 15 มี.ค. 64",
        "invalid_day",
        "There is no day 31 in that month: “31 ก.พ. - 15 มี.ค. 64”.",
    ),
    (
        parse_period,
        "ม.ค. ๕๖๔",
        "invalid_year",
        "Cannot use “564” in “ม.ค. ๕๖๔” as a year; write it like 2564 or 64.",
    ),
    (
        parse_period,
        "ม.ค. - มี.ค. - พ.ค. 64",
        "invalid",
        "Cannot read “ม.ค. - มี.ค. - พ.ค. 64” as a period, e.g. “ม.ค.-มี.ค. ๖๔”.",
    ),
    (parse_thai_date, "  ", "required", "Enter a date, e.g. “๑ ต.ค. ๒๕๖๓”."),
    (
        parse_thai_date,
        "31 ก.พ. 2564",
        "invalid_day",
        "There is no day 31 in that month: “31 ก.พ. 2564”.",
    ),
    (
        parse_thai_date,
        "1 ต.ค.",
        "no_year",
        "“1 ต.ค.” has no year; give one, e.g. “๑ ต.ค. ๒๕๖๓”.",
    ),
    (
        parse_thai_date,
        "ต.ค. 2563",
        "no_day",
        "“ต.ค. 2563” has no day; give one, e.g. “๑ ต.ค. ๒๕๖๓”.",
    ),
    (
        parse_thai_date,
        "1 ต.ค. 63 - 5 ต.ค. 63",
        "invalid",
        "Cannot read “1 ต.ค. 63 - 5 ต.ค. 63” as a date, e.g. “๑ ต.ค. ๒๕๖๓”.",
    ),
]


@pytest.mark.parametrize(("parse", "text", "code", "message"), ERROR_CASES)
def test_unreadable_text_gets_a_specific_message_quoting_it(
    english, parse, text, code, message
):
    with pytest.raises(ThaiDateParseError) as caught:
        parse(text)
    assert caught.value.code == code
    assert str(caught.value) == message


def test_parse_error_is_a_value_error_carrying_message_and_params(english):
    with pytest.raises(ValueError) as caught:
        parse_period("ม.ค.-มี.ค.")
    assert caught.value.params["text"] == "ม.ค.-มี.ค."
    assert str(caught.value.message) == (
        "“%(text)s” has no year; give one, e.g. “%(example)s”."
    )


def test_very_long_text_is_refused_with_a_shortened_quote(english):
    with pytest.raises(ThaiDateParseError) as caught:
        parse_period("ม.ค. " * 1000)
    assert caught.value.code == "invalid"
    assert len(str(caught.value)) < 120


# -- Properties -----------------------------------------------------------------

DIGITS = st.sampled_from(["thai", "arabic"])
MONTH_STYLES = st.sampled_from(["abbr", "full"])


@st.composite
def whole_month_periods_in_a_fiscal_year(draw):
    fiscal_year = FiscalYear(draw(st.integers(2400, 2700)))
    first = draw(st.integers(0, 11))
    last = draw(st.integers(first, 11))
    months = fiscal_year.months()
    return Period.month_range(*months[first], *months[last])


@settings(max_examples=200, deadline=None)
@given(whole_month_periods_in_a_fiscal_year(), DIGITS, MONTH_STYLES)
def test_a_formatted_whole_month_period_parses_back_to_itself(
    period, digits, month_style
):
    text = format_period(period, digits=digits, month_style=month_style)
    assert parse_period(text) == period


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(1857, 1, 1), date(2157, 12, 31)),  # พ.ศ. 2400-2700
    DIGITS,
    MONTH_STYLES,
    st.booleans(),
)
def test_a_formatted_date_parses_back_to_itself(day, digits, month_style, short):
    text = format_thai_date(day, digits, month_style, short_year=short)
    assert parse_thai_date(text) == day


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_thai_digits_round_trip_to_the_same_arabic_text(text):
    assert to_arabic_digits(to_thai_digits(text)) == to_arabic_digits(text)


PERIOD_PIECES = st.sampled_from(
    [
        *THAI_MONTHS_ABBR,
        *THAI_MONTHS_FULL,
        *"0123456789",
        *THAI_DIGITS,
        "64",
        "๖๔",
        "2564",
        "31",
        "-",
        "–",
        "—",
        " ",
        ".",
        "ถึง",
        "พ.ศ.",
        "ปี",
        "ตลอดปีงบประมาณ",
        "วันที่",
        "มค",
        "\u200b",
    ]
)
ARBITRARY_TEXT = st.one_of(st.text(), st.lists(PERIOD_PIECES).map("".join))


@settings(max_examples=300, deadline=None)
@given(ARBITRARY_TEXT, st.sampled_from([None, FY2564]))
def test_parsing_any_text_gives_a_period_or_a_parse_error(english, text, fiscal_year):
    for parse in (lambda t: parse_period(t, fiscal_year), parse_thai_date):
        try:
            result = parse(text)
        except ThaiDateParseError as error:
            assert str(error)  # the message itself must render too
        else:
            assert isinstance(result, Period | date)


# -- Periods of ITA 2568-2570: quarters, halves, the whole year ---------------

FY2569 = FiscalYear(2569)

PERIODS_OF_THE_YEAR = [
    ("ไตรมาสที่ 1", date(2025, 10, 1), date(2025, 12, 31)),
    ("ไตรมาส 2-3", date(2026, 1, 1), date(2026, 6, 30)),
    ("ไตรมาสที่ 2 - ไตรมาสที่ 3", date(2026, 1, 1), date(2026, 6, 30)),
    ("ไตรมาสที่ 1/2569", date(2025, 10, 1), date(2025, 12, 31)),
    ("ไตรมาสที่ 4 ปีงบประมาณ 2569", date(2026, 7, 1), date(2026, 9, 30)),
    ("ไตรมาสที่ 4 ปีงบประมาณ 2568", date(2025, 7, 1), date(2025, 9, 30)),
    ("ไตรมาสที่ 3/69", date(2026, 4, 1), date(2026, 6, 30)),
    ("ครึ่งปีแรก", date(2025, 10, 1), date(2026, 3, 31)),
    ("ครึ่งปีหลัง", date(2026, 4, 1), date(2026, 9, 30)),
    ("ครึ่งปีหลัง ปีงบประมาณ 2570", date(2027, 4, 1), date(2027, 9, 30)),
    ("6 เดือนแรก", date(2025, 10, 1), date(2026, 3, 31)),
    ("ตลอดปีงบประมาณ", date(2025, 10, 1), date(2026, 9, 30)),
    ("ต.ค. 67 – ก.ย. 68", date(2024, 10, 1), date(2025, 9, 30)),
    ("1 ต.ค. 2568 - 30 ก.ย. 2569", date(2025, 10, 1), date(2026, 9, 30)),
]


@pytest.mark.parametrize(
    ("text", "start", "end"), _both_digit_kinds(PERIODS_OF_THE_YEAR)
)
def test_quarters_halves_and_whole_years_read_in_both_digit_systems(text, start, end):
    assert parse_period(text, fiscal_year=FY2569) == Period(start, end)


def test_the_issues_thai_digit_quarter_reads_without_a_fiscal_year_argument():
    assert parse_period("ไตรมาสที่ ๔ ปีงบประมาณ ๒๕๖๙") == Period.month_range(
        2026, 7, 2026, 9
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ไตรมาส 5", "invalid"),
        ("ไตรมาส 0-2", "invalid"),
        ("ไตรมาส 3-2", "reversed"),
        ("ไตรมาสที่ 1/12345", "invalid_year"),
    ],
)
def test_impossible_quarters_are_refused(english, text, code):
    with pytest.raises(ThaiDateParseError) as caught:
        parse_period(text, fiscal_year=FY2569)
    assert caught.value.code == code


def test_a_quarter_without_any_year_asks_for_one(english):
    with pytest.raises(ThaiDateParseError) as caught:
        parse_period("ไตรมาสที่ 1")
    assert str(caught.value) == (
        "“ไตรมาสที่ 1” has no year; give one, e.g. “ไตรมาสที่ ๑/๒๕๖๔”."
    )


@pytest.mark.parametrize(
    ("fiscal_year", "example"),
    [
        (2569, "ม.ค.-มี.ค. ๖๙"),
        (FiscalYear(2570), "ม.ค.-มี.ค. ๗๐"),
        (None, "ม.ค.-มี.ค. ๖๔"),
    ],
)
def test_a_periods_error_gives_an_example_in_the_pages_own_fiscal_year(
    english, fiscal_year, example
):
    with pytest.raises(ThaiDateParseError) as caught:
        parse_period("เร็ว ๆ นี้", fiscal_year=fiscal_year)
    assert str(caught.value) == (
        f"Cannot read “เร็ว ๆ นี้” as a period, e.g. “{example}”."
    )


@st.composite
def quarter_texts(draw):
    """A quarter range as LAOs write it, and the months it means."""
    fiscal_year = FiscalYear(draw(st.integers(2400, 2700)))
    first = draw(st.integers(1, 4))
    last = draw(st.integers(first, 4))
    word = draw(st.sampled_from(["ไตรมาสที่ ", "ไตรมาส ", "ไตรมาสที่"]))
    quarters = str(first) if first == last else f"{first}-{last}"
    year = draw(st.sampled_from(["/", " ปีงบประมาณ ", " ปี ", "ปีงบฯ "]))
    text = f"{word}{quarters}{year}{fiscal_year.be_year}"
    months = fiscal_year.months()
    period = Period.month_range(*months[3 * first - 3], *months[3 * last - 1])
    return text, period


@settings(max_examples=200, deadline=None)
@given(quarter_texts(), DIGITS)
def test_a_written_quarter_reads_back_as_its_months(case, digits):
    text, period = case
    written = to_thai_digits(text) if digits == "thai" else text
    assert parse_period(written) == period
    # The months it means, formatted the usual way, read back the same.
    assert parse_period(format_period(period, digits=digits)) == period


@settings(max_examples=100, deadline=None)
@given(st.integers(2400, 2700), st.sampled_from(["แรก", "หลัง"]), DIGITS)
def test_a_written_half_year_reads_back_as_its_six_months(be_year, half, digits):
    months = FiscalYear(be_year).months()
    period = (
        Period.month_range(*months[0], *months[5])
        if half == "แรก"
        else Period.month_range(*months[6], *months[11])
    )
    text = f"ครึ่งปี{half} ปีงบประมาณ {be_year}"
    written = to_thai_digits(text) if digits == "thai" else text
    assert parse_period(written) == period
    assert parse_period(f"ครึ่งปี{half}", fiscal_year=be_year) == period
