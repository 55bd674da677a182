"""Every format of the seed's table imports to the same seven measures."""

import datetime

import pytest
from django.utils import translation

from ita_wagtail.fiscal import FiscalYear, Period
from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.cells import clean_text
from ita_wagtail.services.importers.rows import read_rows
from tests.importing import (
    FORMATS,
    content_of,
    csv_bytes,
    demo_data,
    seed_bytes,
    seed_reference,
)


FY2564 = FiscalYear(2564)
SEED_COLUMNS = ["measure", "methods", "offices", "period", "actions", "suggestions"]


def read_seed(extension, data=None):
    table = read_table(data or seed_bytes(extension), f"seed.{extension}")
    return table, read_rows(table, table.mapping, FY2564)


@pytest.mark.parametrize("extension", FORMATS)
def test_each_seed_format_finds_the_six_seed_columns(extension):
    table, _rows = read_seed(extension)
    assert [table.mapping[i] for i in range(6)] == SEED_COLUMNS
    assert table.header == seed_reference()["columns"]


@pytest.mark.parametrize("extension", FORMATS)
def test_each_seed_format_has_the_reference_cells(extension):
    table, _rows = read_seed(extension)
    reference = [
        [clean_text("\n".join(cell)) for cell in row]
        for row in seed_reference()["rows"]
    ]
    assert [[clean_text(c) for c in row.cells] for row in table.rows] == reference


def test_all_seed_formats_import_to_identical_content():
    contents = {ext: content_of(read_seed(ext)[1]) for ext in FORMATS}
    assert len(contents["json"]) == 7
    for extension in FORMATS:
        assert contents[extension] == contents["json"], extension


@pytest.mark.parametrize("extension", FORMATS)
def test_seed_reads_as_the_demo_was_typed_by_hand(extension):
    _table, rows = read_seed(extension)
    demo = demo_data()
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    for row, measure, result in zip(
        rows, demo["o42"]["measures"], demo["o43"]["results"], strict=True
    ):
        assert row.measure == measure["measure"]
        assert row.methods == measure["methods"]
        assert row.office_names == measure["offices"]
        assert row.period == Period(
            datetime.date(2021, 1, 1), datetime.date(2021, 3, 31)
        )
        assert row.actions == result["actions"]
        assert row.problems == []


def test_docx_reads_every_table_that_repeats_the_header():
    table, _rows = read_seed("docx")
    assert {row.grid_number for row in table.rows} == {1, 2, 3, 4}
    with translation.override("en"):
        assert table.rows[0].location == "Table 1, row 2"
    assert table.skipped == []


def test_docx_cells_of_several_paragraphs_become_steps():
    _table, rows = read_seed("docx")
    assert len(rows[4].methods) == 4
    assert rows[4].methods[1] == "มีการประชุมพนักงานประจำเดือน"


def test_xlsx_title_rows_above_the_header_are_not_data():
    table, _rows = read_seed("xlsx")
    with translation.override("th"):
        assert table.rows[0].location == "แผ่นงาน “O43” แถวที่ 5"
    assert len(table.rows) == 7


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620"])
def test_csv_in_thai_excel_encodings_reads_the_same(encoding):
    text = seed_bytes("csv").decode("utf-8-sig")
    _table, rows = read_seed("csv", text.encode(encoding))
    assert content_of(rows) == content_of(read_seed("json")[1])


def test_csv_saved_as_unicode_text_with_tabs_reads_the_same():
    reference = seed_reference()
    rows = [reference["columns"]] + [
        ["\n".join(cell) for cell in row] for row in reference["rows"]
    ]
    data = csv_bytes(rows, encoding="utf-16", separator="\t")
    _table, read = read_seed("csv", data)
    assert content_of(read) == content_of(read_seed("json")[1])


def test_semicolon_separated_csv_is_read():
    data = csv_bytes(
        [["มาตรการ", "ระยะเวลา"], ["๑. ประชาสัมพันธ์", "ม.ค. ๖๔"]], separator=";"
    )
    table = read_table(data, "plan.csv")
    assert table.mapping == {0: "measure", 1: "period"}
    assert table.rows[0].cells == ["๑. ประชาสัมพันธ์", "ม.ค. ๖๔"]


def word_file(build):
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("รายงานผลการดำเนินการตามมาตรการ")
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_title_rows_merged_across_and_measures_merged_down_are_read():
    def build(document):
        table = document.add_table(rows=4, cols=3)
        title = table.cell(0, 0).merge(table.cell(0, 2))
        title.text = "มาตรการส่งเสริมคุณธรรม ปีงบประมาณ ๒๕๖๔"
        for column, text in enumerate(["มาตรการ", "วิธีการดำเนินการ", "ระยะเวลา"]):
            table.cell(1, column).text = text
        measure = table.cell(2, 0).merge(table.cell(3, 0))
        measure.text = "๑. ประชาสัมพันธ์"
        table.cell(2, 1).text = "๑. ประกาศ"
        table.cell(3, 1).text = "๒. แจ้งหมู่บ้าน"
        table.cell(2, 2).text = "ม.ค.-มี.ค. ๖๔"
        signatures = document.add_table(rows=1, cols=2)
        signatures.cell(0, 0).text = "ลงชื่อ"
        signatures.cell(0, 1).text = "ปลัด อบต."

    table = read_table(word_file(build), "merged.docx")
    assert table.header == ["มาตรการ", "วิธีการดำเนินการ", "ระยะเวลา"]
    assert [(s.kind, s.number) for s in table.skipped] == [("table", 2)]
    (row,) = read_rows(table, table.mapping, FY2564)
    assert row.measure == "ประชาสัมพันธ์"
    assert row.methods == ["ประกาศ", "แจ้งหมู่บ้าน"]


def test_excel_cells_merged_down_count_once_and_dates_are_read_as_periods():
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"])
    sheet.append(["๑. ประชาสัมพันธ์", "กองคลัง", datetime.date(2021, 2, 1)])
    sheet.append(["", "สำนักปลัด", None])
    sheet.merge_cells("A2:A3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "merged.xlsx")
    (row,) = read_rows(table, table.mapping, FY2564)
    assert row.office_names == ["กองคลัง", "สำนักปลัด"]
    assert row.period == Period(datetime.date(2021, 2, 1), datetime.date(2021, 2, 1))
