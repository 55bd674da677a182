"""Evidence uploads are measured by what they really unpack to, not by their headers."""

import io
import struct
import zipfile

import pytest
from wagtail.documents.models import Document

from ita_wagtail.services import uploads
from tests.test_uploads import errors_of, upload


pytestmark = pytest.mark.django_db


def docx_declaring(real_bytes, declared_size):
    """A .docx whose word/media/data.bin unpacks to ``real_bytes`` but declares less."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/data.bin", "w") as member:
            for start in range(0, real_bytes, 1024 * 1024):
                member.write(b"\x00" * min(1024 * 1024, real_bytes - start))
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/media/data.bin")
    # The local header's and the central directory's "uncompressed size".
    struct.pack_into("<L", data, info.header_offset + 22, declared_size)
    central = data.rindex(b"PK\x01\x02")
    assert data[central + 46 : central + 46 + 19] == b"word/media/data.bin"
    struct.pack_into("<L", data, central + 24, declared_size)
    return bytes(data)


def test_a_zip_declaring_small_sizes_but_unpacking_to_more_is_refused(
    admin_client, monkeypatch
):
    # The bound made small so the test stays light; the check is the same.
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 8 * 1024 * 1024)
    data = docx_declaring(real_bytes=64 * 1024 * 1024, declared_size=1000)
    assert len(data) < 200 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(i.file_size for i in archive.infolist()) < 2000  # as declared
    response = upload(admin_client, "bomb.docx", data)
    assert response.status_code == 200
    assert "ขยายได้ใหญ่กว่าขนาดไฟล์มาก" in errors_of(response)
    assert Document.objects.count() == 0


def test_a_zip_whose_sizes_do_not_match_its_data_is_refused(admin_client):
    data = docx_declaring(real_bytes=100_000, declared_size=1000)
    response = upload(admin_client, "crafted.docx", data)
    assert "ไม่ตรงกับขนาดที่ไฟล์ระบุไว้" in errors_of(response)
    assert Document.objects.count() == 0


def test_a_real_docx_with_a_large_picture_is_accepted(admin_client):
    data = docx_declaring(real_bytes=3 * 1024 * 1024, declared_size=3 * 1024 * 1024)
    assert upload(admin_client, "plan.docx", data).status_code == 302
    assert Document.objects.count() == 1
