"""A whole year's record survives a move: export, a new database, import, same pages."""

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Site

from ita_wagtail.models import MeasureResultPage
from ita_wagtail.models.references import remap_rich_text, walk
from ita_wagtail.services.archive import ArchiveError, export_year, import_year


ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def tree_with_evidence(ita_tree):
    document = Document(title="รายงานการประชุม")
    document.file.save("meeting.pdf", ContentFile(b"%PDF-1.4 minutes"), save=False)
    document._set_document_file_metadata()
    document.save()
    report = MeasureResultPage.objects.get(pk=ita_tree.report.pk)
    results = list(report.results.raw_data)
    results[0]["value"]["evidence"] = [
        {"type": "document", "value": document.pk, "id": "e1"},
        {
            "type": "link",
            "value": {"page": ita_tree.plan.pk, "url": "", "title": "O42"},
            "id": "e2",
        },
    ]
    report.results = results
    report.save_revision().publish()
    ita_tree.add_item_page(
        "O1",
        body=[
            {
                "type": "text",
                "value": (
                    f'<p>ดู <a linktype="document" id="{document.pk}">รายงาน</a></p>'
                ),
            },
            {
                "type": "document",
                "value": {"document": document.pk, "description": "ฉบับเต็ม"},
            },
        ],
    )
    return document


def natural(data):
    """The archive's pages with every id replaced by what it stands for."""
    offices = {o["id"]: o["name"] for o in data["offices"]}
    files = {
        ("document", d["id"]): (d["title"], zip_payload(data, d["file"]))
        for d in data["documents"]
    }
    linked = {int(k): v for k, v in data["linked_pages"].items()}

    def remap(kind, object_id):
        if kind == "office":
            return offices[object_id]
        if kind == "page":
            return linked[object_id]
        return files[(kind, object_id)]

    from django.apps import apps
    from wagtail.fields import RichTextField, StreamField

    pages = []
    for entry in data["pages"]:
        model = apps.get_model(entry["type"])
        fields = {}
        for name, value in entry["fields"].items():
            model_field = model._meta.get_field(name)
            if isinstance(model_field, StreamField):
                value = walk(model_field.stream_block, value, remap)
            elif isinstance(model_field, RichTextField):
                value = remap_rich_text(value, lambda kind, i: 0)
            fields[name] = value
        pages.append(
            {
                "type": entry["type"],
                "path": entry["path"],
                "live": entry["live"],
                "fields": fields,
            }
        )
    # The import saves rich text as the editor does, with its block keys.
    text = re.sub(r' data-block-key=\\"\w+\\"', "", json.dumps(pages, default=str))
    return json.loads(text)


ARCHIVES = {}


def zip_payload(data, name):
    return ARCHIVES[data["exported_at"]].read(name).decode("latin-1")


def read(path):
    archive = zipfile.ZipFile(path)
    data = json.loads(archive.read("archive.json"))
    ARCHIVES[data["exported_at"]] = archive
    return data


def manage(*args, database, media):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "example_site.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "example_site" / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_a_year_exported_and_imported_into_a_new_database_has_the_same_pages(
    ita_tree, tmp_path
):
    tree_with_evidence(ita_tree)
    first = tmp_path / "first.zip"
    export_year(ita_tree.site, 2564, first)

    database, media = tmp_path / "new.sqlite3", tmp_path / "media"
    manage("migrate", "--no-input", database=database, media=media)
    manage(
        "ita_archive",
        "import",
        str(first),
        "--site",
        "localhost",
        database=database,
        media=media,
    )
    second = tmp_path / "second.zip"
    manage(
        "ita_archive",
        "export",
        "--site",
        "localhost",
        "--year",
        "2564",
        "--output",
        str(second),
        database=database,
        media=media,
    )

    before, after = read(first), read(second)
    assert len(after["pages"]) == len(before["pages"]) == 4  # year, O42, O43, O1
    assert natural(after) == natural(before)
    assert after["settings"] == before["settings"]
    assert [o["name"] for o in after["offices"]] == [
        o["name"] for o in before["offices"]
    ]
    assert after["catalogue"] == before["catalogue"]


def test_importing_twice_into_the_same_site_is_refused(ita_tree, tmp_path):
    archive = tmp_path / "a.zip"
    export_year(ita_tree.site, 2564, archive)
    with pytest.raises(ArchiveError, match="มีปีงบประมาณ 2564 อยู่แล้ว"):
        import_year(Site.objects.get(is_default_site=True), archive)


def test_a_file_that_is_not_an_archive_is_refused(db, tmp_path):
    bogus = tmp_path / "bogus.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(ArchiveError, match="ไม่ใช่ไฟล์สำรองข้อมูล ITA"):
        import_year(Site.objects.get(is_default_site=True), bogus)


def test_exporting_a_year_that_is_not_there_is_refused(ita_tree, tmp_path):
    with pytest.raises(ArchiveError, match="ไม่มีหน้า ITA ของปีงบประมาณ 2570"):
        export_year(ita_tree.site, 2570, tmp_path / "x.zip")
