"""Reading headers and cells: wording variants, numbered lists, merged rows."""

import datetime

import pytest
from django.utils import translation

from ita_wagtail.fiscal import FiscalYear, Period
from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.cells import (
    clean_text,
    read_status,
    split_leading_number,
    split_numbered,
    split_office_names,
)
from ita_wagtail.services.importers.columns import field_for_header
from ita_wagtail.services.importers.rows import parse_mapping_text, read_rows
from tests.importing import csv_bytes


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("มาตรการ/แนวทาง", "measure"),
        ("มาตรการ", "measure"),
        ("มาตรการ / แนวทาง", "measure"),
        ("มาตรการ/\nแนวทาง", "measure"),
        ("วิธีการดำเนินการ", "methods"),
        ("วิธีการ\nดำเนินการ", "methods"),
        ("ผู้รับผิดชอบ", "offices"),
        ("หน่วยงานที่รับผิดชอบ", "offices"),
        ("ระยะเวลา", "period"),
        ("ระยะเวลาดำเนินการ", "period"),
        ("ระยะเวลา ดำเนินการ (ต.ค.๖๓ - ก.ย.๖๔)", "period"),
        ("ผลการดำเนินการ", "actions"),
        ("ผลการดำเนินงาน", "actions"),
        ("ผลการ\u200bดำเนินงาน", "actions"),
        ("ข้อเสนอแนะ", "suggestions"),
        ("ปัญหาอุปสรรค/ข้อเสนอแนะ", "suggestions"),
        ("ลำดับที่", "number"),
        ("Measure/approach", "measure"),
        ("How it is carried out", "methods"),
        ("Results", "actions"),
    ],
)
def test_headers_are_recognised_in_their_usual_wordings(heading, field):
    assert field_for_header(heading).name == field


@pytest.mark.parametrize(
    "heading",
    [
        "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "ชื่อ-สกุล",
        "งบประมาณ",
        "",
    ],
)
def test_titles_and_other_headings_are_not_columns(heading):
    assert field_for_header(heading) is None


def test_thai_numbered_steps_run_together_become_a_list():
    assert split_numbered("๑. จัดทำประกาศ ๒.แจ้ง ประชาสัมพันธ์ ๓.ประชาสัมพันธ์") == [
        "จัดทำประกาศ",
        "แจ้ง ประชาสัมพันธ์",
        "ประชาสัมพันธ์",
    ]


def test_arabic_numbered_lines_become_a_list():
    assert split_numbered("1. ประชุม\n2) อบรม") == ["ประชุม", "อบรม"]


def test_years_times_and_abbreviations_do_not_split_a_step():
    text = "๑. อบรมในปี พ.ศ.๒๕๖๔ เวลา 10.30 น. ณ อบต. ๒. รายงาน"
    assert split_numbered(text) == [
        "อบรมในปี พ.ศ.๒๕๖๔ เวลา 10.30 น. ณ อบต.",
        "รายงาน",
    ]


def test_unnumbered_lines_and_bullets_become_steps():
    assert split_numbered("ประชุม\nอบรม") == ["ประชุม", "อบรม"]
    assert split_numbered("- ประชุม\n- อบรม") == ["ประชุม", "อบรม"]
    assert split_numbered("  ") == []


def test_measure_number_is_read_in_thai_or_arabic_digits():
    assert split_leading_number("๓. ประชาสัมพันธ์") == (3, "ประชาสัมพันธ์")
    assert split_leading_number("12) อบรม") == (12, "อบรม")
    assert split_leading_number("ประชาสัมพันธ์") == (None, "ประชาสัมพันธ์")


def test_offices_are_one_per_line_or_comma():
    assert split_office_names("กองคลัง\nสำนักปลัด, กองช่าง") == [
        "กองคลัง",
        "สำนักปลัด",
        "กองช่าง",
    ]
    assert split_office_names("สำนักปลัด และทุกกอง") == ["สำนักปลัด และทุกกอง"]


def test_whitespace_and_invisible_characters_are_tidied():
    assert clean_text(" ก\u200b ข \u00a0 ค \r\n\r\n ง ") == "ก ข ค\nง"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ดำเนินการแล้ว", "done"),
        ("อยู่ระหว่างดำเนินการ", "in_progress"),
        ("ยังไม่ดำเนินการ", "not_started"),
        ("Done", "done"),
        ("?", None),
    ],
)
def test_statuses_are_read_from_their_usual_words(text, status):
    assert read_status(text) == status


def small_table(rows, header=("มาตรการ", "วิธีการดำเนินการ", "ระยะเวลา")):
    return read_table(csv_bytes([list(header), *rows]), "plan.csv")


def test_a_row_without_measure_continues_the_measure_above():
    table = small_table(
        [["๑. ประชาสัมพันธ์", "๑. ประกาศ", "ม.ค.-มี.ค. ๖๔"], ["", "๒. แจ้งหมู่บ้าน", ""]]
    )
    with translation.override("en"):
        (row,) = read_rows(table, table.mapping, FiscalYear(2564))
    assert row.methods == ["ประกาศ", "แจ้งหมู่บ้าน"]
    assert row.location == "Row 2 + Row 3"


def test_an_unreadable_period_is_reported_and_kept_in_the_notes():
    table = small_table([["๑. ประชาสัมพันธ์", "ประกาศ", "ไตรมาสสอง"]])
    (row,) = read_rows(table, table.mapping, FiscalYear(2564))
    assert row.period is None
    assert "ไตรมาสสอง" in row.problems[0]
    assert "ไตรมาสสอง" in row.notes


def test_a_period_outside_the_fiscal_year_is_reported():
    table = small_table([["๑. ประชาสัมพันธ์", "ประกาศ", "ม.ค.-มี.ค. ๖๕"]])
    (row,) = read_rows(table, table.mapping, FiscalYear(2564))
    assert row.period == Period(datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))
    assert row.problems


def test_a_period_without_year_takes_the_pages_fiscal_year():
    table = small_table([["๑. ประชาสัมพันธ์", "ประกาศ", "ต.ค.-ธ.ค."]])
    (row,) = read_rows(table, table.mapping, FiscalYear(2564))
    assert row.period == Period(datetime.date(2020, 10, 1), datetime.date(2020, 12, 31))


def test_column_numbers_under_the_header_are_not_a_measure():
    table = small_table([["(1)", "(2)", "(3)"], ["๑. ประชาสัมพันธ์", "ประกาศ", ""]])
    assert len(table.rows) == 1


def test_mapping_text_of_the_command_is_one_based():
    assert parse_mapping_text("1=measure, 3=ignore,๔=period") == {
        0: "measure",
        2: "",
        3: "period",
    }
