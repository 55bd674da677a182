"""Bad files get a clear message, in Thai or English, and are never read further."""

import io
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.errors import (
    EmptyFileError,
    FileTooLargeError,
    MappingError,
    NoHeaderError,
    TableImportError,
    UnrelatedColumnsError,
    UnsafeFileError,
    UnsupportedFormatError,
    WrongFormatError,
)
from ita_wagtail.services.importers.ooxml import check_package
from ita_wagtail.services.importers.rows import validate_mapping
from tests.importing import csv_bytes, seed_bytes


def rezip(data, replace=None, add=None):
    """A copy of a ZIP package with some parts replaced or added."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = replace.get(item.filename, source.read(item.filename))
            target.writestr(item.filename, content)
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def error_for(data, name):
    with pytest.raises(TableImportError) as caught:
        read_table(data, name)
    return caught.value


@pytest.mark.parametrize(
    ("data", "name", "error_class"),
    [
        (b"", "plan.csv", EmptyFileError),
        (b"\xef\xbb\xbf\r\n", "plan.csv", EmptyFileError),
        (csv_bytes([["", ""], ["", ""]]), "plan.csv", EmptyFileError),
        (b"%PDF-1.4 ...", "plan.docx", WrongFormatError),
        (b"%PDF-1.4 ...", "plan.csv", WrongFormatError),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "plan.xlsx",
            WrongFormatError,
        ),
        (b"PK\x03\x04 broken", "plan.docx", WrongFormatError),
        (b"not json", "plan.json", WrongFormatError),
        (b"[[[[" * 5000, "plan.json", WrongFormatError),
        (b"{}", "plan.json", WrongFormatError),
        (b"\x00\x01\x02\x03" * 10, "plan.csv", WrongFormatError),
        (b"abc", "plan.pdf", UnsupportedFormatError),
        (b"abc", "plan", UnsupportedFormatError),
        (b"abc", "plan.doc", UnsupportedFormatError),
        (
            csv_bytes([["ชื่อ", "อีเมล"], ["สมชาย", "a@b.c"]]),
            "x.csv",
            UnrelatedColumnsError,
        ),
        (
            csv_bytes([["ผู้รับผิดชอบ", "ระยะเวลา"], ["กองคลัง", "ม.ค. ๖๔"]]),
            "x.csv",
            UnrelatedColumnsError,
        ),
        (csv_bytes([["12345", "67"], ["1", "2"]]), "x.csv", NoHeaderError),
        ("ข้อความยาวไม่ใช่ตาราง".encode() * 20, "x.csv", NoHeaderError),
    ],
)
def test_bad_files_are_refused_with_their_own_error(data, name, error_class):
    error = error_for(data, name)
    assert type(error) is error_class
    assert str(error)


def test_a_word_file_that_is_really_a_workbook_says_so():
    error = error_for(seed_bytes("xlsx"), "measures.docx")
    assert isinstance(error, WrongFormatError)
    assert "Excel" in str(error) and "measures.docx" in str(error)


def test_a_csv_that_is_really_a_word_file_says_so():
    error = error_for(seed_bytes("docx"), "measures.csv")
    assert isinstance(error, WrongFormatError)
    assert "Word" in str(error)


def test_messages_are_in_thai_for_thai_editors():
    with translation.override("th"):
        message = str(error_for(b"", "plan.csv"))
    assert "ไฟล์" in message


@override_settings(ITA_WAGTAIL_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_reading():
    error = error_for(seed_bytes("csv"), "seed.csv")
    assert isinstance(error, FileTooLargeError)
    assert "1000" in str(error).replace(" ", "") or "KB" in str(error)


def test_an_uploaded_file_over_the_limit_is_refused_by_its_size():
    class Upload(io.BytesIO):
        size = 50 * 1024 * 1024

    with pytest.raises(FileTooLargeError):
        read_table(Upload(b"x"), "big.csv")


def test_a_compressed_bomb_is_refused():
    bomb = rezip(seed_bytes("docx"), add={"word/media/image9.bin": b"\0" * (8 << 20)})
    assert len(bomb) < 100_000
    error = error_for(bomb, "bomb.docx")
    assert isinstance(error, UnsafeFileError)


def test_a_package_unpacking_beyond_the_limit_is_refused():
    with pytest.raises(UnsafeFileError):
        check_package(
            seed_bytes("docx"), "seed.docx", "docx", max_unpacked_bytes=10_000
        )


XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
)


@pytest.mark.parametrize("prologue", [XXE, LAUGHS])
def test_word_xml_with_entities_is_refused(prologue):
    original = zipfile.ZipFile(io.BytesIO(seed_bytes("docx"))).read("word/document.xml")
    body = original.split(b"?>", 1)[1]
    evil = rezip(seed_bytes("docx"), replace={"word/document.xml": prologue + body})
    assert isinstance(error_for(evil, "evil.docx"), UnsafeFileError)


def test_excel_xml_with_an_external_entity_is_refused():
    original = zipfile.ZipFile(io.BytesIO(seed_bytes("xlsx")))
    sheet = original.read("xl/worksheets/sheet1.xml")
    evil = rezip(seed_bytes("xlsx"), replace={"xl/worksheets/sheet1.xml": XXE + sheet})
    assert isinstance(error_for(evil, "evil.xlsx"), UnsafeFileError)


def test_a_mapping_without_measure_or_with_a_field_twice_is_refused():
    with pytest.raises(MappingError):
        validate_mapping({0: "methods"})
    with pytest.raises(MappingError):
        validate_mapping({0: "measure", 1: "methods", 2: "methods"})
