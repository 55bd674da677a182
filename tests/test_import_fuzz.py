"""Fuzzing: whatever the bytes, the importer answers with its own errors only."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ita_wagtail.fiscal import FiscalYear
from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.errors import TableImportError
from ita_wagtail.services.importers.rows import read_rows
from tests.importing import csv_bytes, seed_bytes


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
EXTENSIONS = st.sampled_from(["docx", "xlsx", "csv", "json", "doc", "txt"])
HEADINGS = st.sampled_from(
    [
        "มาตรการ",
        "วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลา",
        "ผลการดำเนินงาน",
        "ข้อเสนอแนะ",
        "สถานะ",
        "ที่",
        "หมายเหตุ",
        "อื่น ๆ",
        "",
    ]
)
CELL_TEXT = st.lists(
    st.sampled_from(
        [*list("๑๒๓1234567890. )-/,;\n\t\"'=+@กขคมพยเาิ"), "ม.ค.", "๖๔", "แล้ว", "\x00"]
    ),
    max_size=30,
).map("".join)


def import_everything(data, name):
    """Read the file and, when it has a table, its rows; return nothing."""
    try:
        table = read_table(data, name)
        read_rows(table, table.mapping, FiscalYear(2564))
    except TableImportError as error:
        assert str(error)


@FUZZ
@given(data=st.binary(max_size=2000), extension=EXTENSIONS)
def test_random_bytes_raise_only_import_errors(data, extension):
    import_everything(data, f"fuzz.{extension}")


@FUZZ
@given(
    header=st.lists(HEADINGS, min_size=1, max_size=7),
    rows=st.lists(st.lists(CELL_TEXT, max_size=8), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp874"]),
)
def test_random_tables_raise_only_import_errors(header, rows, encoding):
    text = csv_bytes([header, *rows], encoding="utf-8").decode("utf-8")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    import_everything(data, "fuzz.csv")


@FUZZ
@given(
    position=st.integers(min_value=0, max_value=40000),
    garbage=st.binary(min_size=1, max_size=64),
    extension=st.sampled_from(["docx", "xlsx"]),
)
def test_damaged_office_files_raise_only_import_errors(position, garbage, extension):
    data = bytearray(seed_bytes(extension))
    position %= len(data)
    data[position : position + len(garbage)] = garbage
    import_everything(bytes(data), f"damaged.{extension}")


@FUZZ
@given(
    names=st.lists(
        st.sampled_from(
            [
                "word/document.xml",
                "xl/workbook.xml",
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/worksheets/sheet1.xml",
                "other.bin",
            ]
        ),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    content=st.binary(max_size=200),
    extension=st.sampled_from(["docx", "xlsx"]),
)
def test_odd_zip_packages_raise_only_import_errors(names, content, extension):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, content)
    import_everything(buffer.getvalue(), f"odd.{extension}")


@FUZZ
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["columns", "rows", "measures", "period", "result", "x"]
                ),
                children,
                max_size=4,
            )
        ),
        max_leaves=30,
    )
)
def test_random_json_raises_only_import_errors(value):
    import json

    import_everything(json.dumps(value).encode(), "fuzz.json")
