"""Files that would exhaust the server are refused quickly, with little memory.

The workbook of the report (190 sheets of about 1 MiB, 0.7 MB on disk) held a
request for about four minutes at 4 GB: it is refused before any sheet is
loaded. benchmarks/hostile_imports.py measures time and peak memory.
"""

import tracemalloc

import pytest
from django.utils import translation

from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.errors import TooMuchContentError
from tests.factories import ItaTree, speaks
from tests.hostile_files import many_sheets_workbook, sheet_xml, workbook_bytes
from tests.test_import_admin import upload


pytestmark = pytest.mark.django_db

#: Peak Python memory a refusal may take (the report's file took 4 GB).
MEMORY_BOUND = 200 * 1024 * 1024

REFUSED = {
    "en": (
        "“many-sheets.xlsx” holds far more than an O42/O43 table (190 sheets, of "
        "which at most 30 are read), so it was not read. Copy just the table into "
        "a new file and import that."
    ),
    "th": (
        "“many-sheets.xlsx” มีข้อมูลมากเกินกว่าตาราง O42/O43 มาก (มี 190 แผ่นงาน "
        "แต่ระบบอ่านได้ไม่เกิน 30 แผ่นงาน) ระบบจึงไม่อ่านไฟล์นี้ "
        "กรุณาคัดลอกเฉพาะตารางไปไว้ในไฟล์ใหม่แล้วนำเข้าไฟล์นั้น"
    ),
}


@pytest.fixture(scope="module")
def many_sheets():
    data = many_sheets_workbook()
    assert len(data) < 1024 * 1024  # small on disk …
    return data  # … 190 MB of XML unpacked


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_workbook_of_190_sheets_is_refused_on_the_upload_form(
    admin_client, django_user_model, many_sheets, language
):
    tree = ItaTree(measure_count=0)
    speaks(django_user_model.objects.get(username="webmaster"), language)
    revisions = tree.plan.revisions.count()
    tracemalloc.start()
    try:
        response = upload(admin_client, tree.plan, "many-sheets.xlsx", many_sheets)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSED[language] in html
    assert peak < MEMORY_BOUND
    assert tree.plan.revisions.count() == revisions


def refusal(data, name="hostile.xlsx"):
    tracemalloc.start()
    try:
        with translation.override("en"), pytest.raises(TooMuchContentError) as raised:
            read_table(data, name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND
    with translation.override("en"):
        return str(raised.value)


def test_few_sheets_with_too_many_cells_are_refused():
    # Four sheets just under 1 MiB each: about 260,000 cells.
    message = refusal(workbook_bytes(4, 1024 * 1024 - 1024))
    assert "more than 200,000 cells" in message


def test_sheets_are_counted_wherever_the_workbook_keeps_them():
    # Not under xl/worksheets/: the workbook's own list of sheets counts.
    message = refusal(workbook_bytes(40, 2000, folder="data"))
    assert "more than 30 sheets" in message


def test_a_package_of_too_much_xml_is_refused():
    filler = [
        (f"customXml/item{n}.xml", sheet_xml(1024 * 1024 - 1024)) for n in range(52)
    ]
    message = refusal(workbook_bytes(1, 2000, extra_parts=filler))
    assert "its XML unpacks to more than 50.0\xa0MB" in message


def test_a_workbook_within_the_bounds_is_still_read():
    # One sheet of 5,000 rows of 20 numbers, a header row first.
    data = workbook_bytes(1, 20 * 16 * 5000, folder="worksheets")
    with pytest.raises(Exception) as raised:
        read_table(data, "numbers.xlsx")
    assert not isinstance(raised.value, TooMuchContentError)  # read, no header
