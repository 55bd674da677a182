"""Evidence uploads: allowed kinds only, checked by content, served safely."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document


pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(admin_client, name, content):
    return admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def errors_of(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_a_real_pdf_and_a_real_docx_are_accepted(admin_client):
    assert upload(admin_client, "report.pdf", PDF).status_code == 302
    assert upload(admin_client, "plan.docx", docx_bytes()).status_code == 302
    assert Document.objects.count() == 2


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(admin_client):
    response = upload(admin_client, "report.pdf", PNG)
    assert response.status_code == 200
    assert "ไม่ใช่เอกสาร PDF" in errors_of(response)
    response = upload(admin_client, "plan.docx", b"MZ\x90\x00 an executable")
    assert "ไม่ใช่เอกสาร Word (.docx)" in errors_of(response)
    assert Document.objects.count() == 0


def test_kinds_outside_the_allowed_list_are_refused(admin_client):
    response = upload(admin_client, "tool.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    assert errors_of(response)
    assert Document.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.ITA_WAGTAIL_MAX_UPLOAD_BYTES = 100
    response = upload(admin_client, "big.pdf", PDF + b"x" * 200)
    assert errors_of(response) == "ไฟล์มีขนาด 220\xa0ไบต์ เกินขนาดสูงสุดที่รับได้ 100\xa0ไบต์"


def test_a_zip_bomb_is_refused(admin_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\x00" * (210 * 1024 * 1024))
    response = upload(admin_client, "bomb.docx", buffer.getvalue())
    assert "ขยายได้ใหญ่กว่าขนาดไฟล์มาก" in errors_of(response)


def test_documents_are_served_with_a_safe_type_and_name(client, admin_client):
    upload(admin_client, "plan.docx", docx_bytes())
    document = Document.objects.get()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment")
