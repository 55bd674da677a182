"""`ita_archive import` trusts nothing in the file it is given.

Each archive here is a real export, then altered the way an attacker or a
damaged disk would alter it. Whatever is wrong, the command says so in a
CommandError, changes nothing in the database and leaves no file in media.
"""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, PageViewRestriction, Revision

from ita_wagtail.models import (
    ItaItemPage,
    ItaSiteSettings,
    MeasureResultPage,
    OitItem,
    ResponsibleOffice,
)
from ita_wagtail.services.archive import export_year
from tests.factories import make_lao_site


pytestmark = pytest.mark.django_db
TARGET = "new.example.go.th"
PDF = b"%PDF-1.4\n% minutes of the meeting\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def exported(ita_tree, media, tmp_path):
    """A real archive of ita_tree's year, with one document, and its target site."""
    document = Document(title="รายงานการประชุม")
    document.file.save("meeting.pdf", ContentFile(PDF), save=False)
    document._set_document_file_metadata()
    document.save()
    ita_tree.add_item_page(
        "O1",
        body=[
            {"type": "text", "value": "<p>ข้อมูลพื้นฐาน</p>"},
            {"type": "document", "value": {"document": document.pk}},
        ],
    )
    path = tmp_path / "year.zip"
    export_year(ita_tree.site, 2564, path)
    make_lao_site(TARGET)
    return path


def members(path):
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rebuild(source, target, change=None, extra=(), drop=()):
    """A copy of ``source``: its JSON changed by ``change(data)``, members added."""
    files = members(source)
    data = json.loads(files.pop("archive.json"))
    if change is not None:
        data = change(data) or data
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive.json", json.dumps(data, ensure_ascii=False))
        for name, content in files.items():
            if name not in drop:
                archive.writestr(name, content)
        for name, content in extra:
            archive.writestr(name, content)
    return target


def media_files(media):
    return sorted(str(p) for p in media.rglob("*") if p.is_file())


def state():
    """What an import may change: every row it would touch, as plain values."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "url_path", "live", "locked")),
        "revisions": Revision.objects.count(),
        "documents": sorted(Document.objects.values_list("pk", "file")),
        "images": Image.objects.count(),
        "catalogue": sorted(OitItem.objects.values_list("year", "code", "title_th")),
        "offices": sorted(ResponsibleOffice.objects.values_list("site_id", "name")),
        "settings": sorted(
            ItaSiteSettings.objects.values_list(
                "site_id", "organisation_name", "organisation_type", "digits"
            )
        ),
        "restrictions": PageViewRestriction.objects.count(),
    }


def import_archive(path, *args):
    with translation.override("en"):
        call_command("ita_archive", "import", str(path), "--site", TARGET, *args)


def assert_refused(path, media, match, *args):
    before, files_before = state(), media_files(media)
    with pytest.raises(CommandError, match=match):
        import_archive(path, *args)
    assert state() == before
    assert media_files(media) == files_before


def the_document_entry(data):
    return data["documents"][0]


# Sizes ---------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_the_bytes_it_really_unpacks_to(
    exported, media, tmp_path, settings
):
    settings.ITA_WAGTAIL_MAX_UPLOAD_BYTES = 1024 * 1024
    bomb = tmp_path / "bomb.zip"
    name = None

    def swap(data):
        nonlocal name
        name = the_document_entry(data)["file"]

    rebuild(exported, bomb, swap)
    files = members(bomb)
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in files.items():
            if member != name:
                archive.writestr(member, content)
        with archive.open(name, "w") as big:
            big.write(b"%PDF-1.4\n")
            for _chunk in range(64):
                big.write(bytes(1024 * 1024))  # 64 MB of zeros, about 64 KB packed
    assert bomb.stat().st_size < 1024 * 1024
    assert_refused(bomb, media, "unpacks to more than the upload limit")


def test_the_sizes_a_zip_declares_are_not_believed(exported, media, tmp_path, settings):
    """A member declaring 40 bytes but holding 8 MB is not stored in any size."""
    settings.ITA_WAGTAIL_MAX_UPLOAD_BYTES = 1024 * 1024
    liar = tmp_path / "liar.zip"
    entry = {}
    rebuild(exported, liar, lambda data: entry.update(the_document_entry(data)))
    files = members(liar)
    files[entry["file"]] = b"%PDF-1.4\n" + bytes(8 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, content in files.items():
            archive.writestr(member, content)
    raw = bytearray(buffer.getvalue())
    encoded = entry["file"].encode()
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := raw.find(signature, start)) != -1:
            name_offset = start + (30 if signature == b"PK\x03\x04" else 46)
            if raw[name_offset : name_offset + len(encoded)] == encoded:
                raw[start + size_offset : start + size_offset + 4] = (40).to_bytes(
                    4, "little"
                )
            start += 4
    liar.write_bytes(bytes(raw))
    assert zipfile.ZipFile(liar).getinfo(entry["file"]).file_size == 40
    assert_refused(liar, media, "damaged|upload limit")


def test_an_archive_with_too_many_members_is_refused(
    exported, media, tmp_path, settings
):
    settings.ITA_WAGTAIL_ARCHIVE_MAX_FILES = 10
    crowded = rebuild(
        exported,
        tmp_path / "crowded.zip",
        extra=[(f"files/extra/{n}.txt", b"x") for n in range(20)],
    )
    assert_refused(crowded, media, "holds 2[0-9] files; at most 10")


def test_files_adding_up_past_the_total_limit_are_refused(
    exported, media, tmp_path, settings
):
    settings.ITA_WAGTAIL_ARCHIVE_MAX_BYTES = 60

    def two_documents(data):
        copy = dict(the_document_entry(data), id=999999)
        copy["file"] = "files/documents/999999/copy.pdf"
        data["documents"].append(copy)

    archive = rebuild(
        exported,
        tmp_path / "two.zip",
        two_documents,
        extra=[("files/documents/999999/copy.pdf", PDF)],
    )
    assert_refused(archive, media, "unpack to more than 60")


# Paths and file types ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../outside.pdf", "files/documents/../../../etc/passwd", "/etc/passwd", "C:/x"],
)
def test_a_member_named_outside_the_archive_is_refused(exported, media, tmp_path, name):
    evil = rebuild(exported, tmp_path / "evil.zip", extra=[(name, PDF)])
    assert_refused(evil, media, "outside its folder")


def test_a_document_listed_outside_the_files_folder_is_refused(
    exported, media, tmp_path
):
    def point_elsewhere(data):
        the_document_entry(data)["file"] = "archive.json"

    evil = rebuild(exported, tmp_path / "evil.zip", point_elsewhere)
    assert_refused(evil, media, "outside files/documents/")


def test_html_disguised_as_a_pdf_is_refused(exported, media, tmp_path):
    files = {}
    rebuild(exported, tmp_path / "x.zip", lambda data: files.update(data))
    name = files["documents"][0]["file"]
    html = b"<html><script>alert(document.cookie)</script></html>"
    evil = rebuild(exported, tmp_path / "evil.zip", extra=[(name, html)], drop=(name,))
    assert_refused(evil, media, "named .pdf but its content is not a PDF")


def test_an_html_document_is_refused_whatever_it_holds(exported, media, tmp_path):
    def html(data):
        the_document_entry(data)["file"] = "files/documents/1/page.html"

    evil = rebuild(
        exported,
        tmp_path / "evil.zip",
        html,
        extra=[("files/documents/1/page.html", b"<html><body>hi</body></html>")],
    )
    assert_refused(evil, media, r"type \.html are not accepted")


# The shared catalogue ------------------------------------------------------------


def retitle_o1(data):
    for item in data["catalogue"]:
        if item["code"] == "O1":
            item["title_th"] = "ชื่อที่ไฟล์สำรองเปลี่ยน"


def test_the_shared_catalogue_is_not_changed_without_the_flag(exported, tmp_path):
    archive = rebuild(exported, tmp_path / "retitled.zip", retitle_o1)
    title = OitItem.objects.get(year=2564, code="O1").title_th
    import_archive(archive)
    assert OitItem.objects.get(year=2564, code="O1").title_th == title
    assert ItaItemPage.objects.filter(url_path__contains="/o1/").count() == 2


def test_the_catalogue_is_updated_only_with_update_catalogue(exported, tmp_path):
    archive = rebuild(exported, tmp_path / "retitled.zip", retitle_o1)
    import_archive(archive, "--update-catalogue")
    assert OitItem.objects.get(year=2564, code="O1").title_th == "ชื่อที่ไฟล์สำรองเปลี่ยน"


def answer_o99(data):
    o1 = next(item for item in data["catalogue"] if item["code"] == "O1")
    data["catalogue"].append(dict(o1, code="O99", title_th="ข้อใหม่"))
    page = next(p for p in data["pages"] if p["fields"].get("slug") == "o1")
    page["fields"]["oit_item"] = {"year": 2564, "code": "O99"}


def test_an_item_the_instance_lacks_is_an_error_without_the_flag(
    exported, media, tmp_path
):
    archive = rebuild(exported, tmp_path / "o99.zip", answer_o99)
    assert_refused(archive, media, "no item O99 of 2564.*--update-catalogue")


def test_an_item_the_instance_lacks_is_created_with_the_flag(exported, tmp_path):
    archive = rebuild(exported, tmp_path / "o99.zip", answer_o99)
    import_archive(archive, "--update-catalogue")
    assert OitItem.objects.get(year=2564, code="O99").title_th == "ข้อใหม่"


# What the archive may not decide -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("locked", True),
        ("first_published_at", "2001-01-01T00:00:00+00:00"),
        ("go_live_at", "2099-01-01T00:00:00+00:00"),
        ("expire_at", "2001-01-01T00:00:00+00:00"),
        ("owner", 1),
        ("live_revision", 1),
        ("path", "0001"),
    ],
)
def test_page_state_in_the_file_is_refused(exported, media, tmp_path, name, value):
    def plant(data):
        data["pages"][2]["fields"][name] = value

    archive = rebuild(exported, tmp_path / "planted.zip", plant)
    assert_refused(archive, media, f"“{name}” is not a field an archive may set")


def test_imported_pages_are_unlocked_unowned_and_published_now(exported, tmp_path):
    started = timezone.now()
    import_archive(exported)
    pages = Page.objects.filter(url_path__startswith="/new-example-go-th/ita/2564/")
    assert pages.count() == 4  # year, O42, O43, O1
    for page in pages:
        assert not page.locked
        assert page.owner_id is None
        assert page.go_live_at is None and page.expire_at is None
        assert page.first_published_at >= started - datetime.timedelta(seconds=1)


# Malformed archive.json -----------------------------------------------------------


def set_path(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


MALFORMED = {
    "not an object": lambda data: [data],
    "no pages": lambda data: {k: v for k, v in data.items() if k != "pages"},
    "pages not a list": lambda data: set_path(data, ["pages"], {"a": 1}),
    "empty pages": lambda data: set_path(data, ["pages"], []),
    "page a string": lambda data: set_path(data, ["pages", 1], "O42"),
    "fields a list": lambda data: set_path(data, ["pages", 1, "fields"], []),
    "title a number": lambda data: set_path(data, ["pages", 1, "fields", "title"], 4),
    "no slug": lambda data: data["pages"][1]["fields"].pop("slug") and data,
    "bad slug": lambda data: set_path(data, ["pages", 2, "fields", "slug"], "../x"),
    "unknown type": lambda data: set_path(data, ["pages", 1, "type"], "auth.user"),
    "not a page type": lambda data: set_path(data, ["pages", 1, "type"], "nope"),
    "second year page": lambda data: set_path(
        data, ["pages", 1, "type"], "ita_wagtail.itayearpage"
    ),
    "orphan path": lambda data: set_path(data, ["pages", 2, "path"], "x/o43/"),
    "live a string": lambda data: set_path(data, ["pages", 1, "live"], "yes"),
    "year a string": lambda data: set_path(data, ["year"], "2564"),
    "year page of another year": lambda data: set_path(
        data, ["pages", 0, "fields", "year"], 2565
    ),
    "stream a dict": lambda data: set_path(
        data, ["pages", 1, "fields", "measures"], {"type": "measure"}
    ),
    "stream of strings": lambda data: set_path(
        data, ["pages", 1, "fields", "measures"], ["measure"]
    ),
    "block value of the wrong shape": lambda data: set_path(
        data, ["pages", 1, "fields", "measures", 0, "value"], [1, 2]
    ),
    "office id a string": lambda data: set_path(
        data, ["pages", 1, "fields", "measures", 0, "value", "offices"], ["x"]
    ),
    "report date nonsense": lambda data: set_path(
        data, ["pages", 2, "fields", "report_date"], "31/03/2021"
    ),
    "oit item a string": lambda data: set_path(
        data, ["pages", 1, "fields", "oit_item"], "O42"
    ),
    "offices not a list": lambda data: set_path(data, ["offices"], "กองคลัง"),
    "office without a name": lambda data: set_path(data, ["offices", 0, "name"], None),
    "settings with a site": lambda data: set_path(data, ["settings", "site_id"], 2),
    "digits unknown": lambda data: set_path(data, ["settings", "digits"], "roman"),
    "catalogue of strings": lambda data: set_path(data, ["catalogue"], ["O1"]),
    "catalogue item id": lambda data: set_path(data, ["catalogue", 0, "id"], 1),
    "document id a string": lambda data: set_path(data, ["documents", 0, "id"], "1"),
    "document without a file": lambda data: data["documents"][0].pop("file") and data,
    "document file missing": lambda data: set_path(
        data, ["documents", 0, "file"], "files/documents/1/none.pdf"
    ),
    "linked pages a list": lambda data: set_path(data, ["linked_pages"], [1]),
    "restriction of no kind": lambda data: set_path(
        data, ["pages", 1, "restriction"], {"type": "everyone"}
    ),
    "password without a password": lambda data: set_path(
        data, ["pages", 1, "restriction"], {"type": "password"}
    ),
    "workflow a string": lambda data: set_path(data, ["pages", 1, "workflow"], "x"),
    "draft with a bad slug": lambda data: set_path(
        data,
        ["pages", 1, "draft"],
        dict(data["pages"][1]["fields"], slug="../elsewhere"),
    ),
    "future version": lambda data: set_path(data, ["version"], 99),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_archive_is_refused_and_nothing_changes(
    exported, media, tmp_path, case
):
    archive = rebuild(exported, tmp_path / "bad.zip", MALFORMED[case])
    assert_refused(archive, media, "ITA archive|not valid|restored|lists")


def test_json_that_does_not_parse_is_refused(exported, media, tmp_path):
    files = members(exported)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content[:-40] if name == "archive.json" else content)
    assert_refused(bad, media, "Not an ITA archive")


def mutations():
    """A path into archive.json and a value to put there, of any JSON kind."""
    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.text(max_size=8),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=5), children, max_size=3)
        ),
        max_leaves=6,
    )
    return st.tuples(st.lists(st.integers(0, 40), min_size=1, max_size=6), values)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutations())
def test_any_change_to_a_valid_archive_is_refused_cleanly_or_imported(
    exported, media, tmp_path, mutation
):
    """CommandError with nothing changed and no file left, or a clean import."""
    from django.db import transaction

    steps, value = mutation

    def mutate(data):
        target = data
        for step in steps[:-1]:
            if not isinstance(target, dict | list) or not target:
                return
            keys = sorted(target) if isinstance(target, dict) else range(len(target))
            target = target[list(keys)[step % len(keys)]]
        if isinstance(target, dict) and target:
            target[sorted(target)[steps[-1] % len(target)]] = value
        elif isinstance(target, list) and target:
            target[steps[-1] % len(target)] = value

    archive = rebuild(exported, tmp_path / "mutated.zip", mutate)
    before, files_before = state(), media_files(media)
    with transaction.atomic():
        try:
            import_archive(archive)
        except CommandError:
            assert state() == before
            assert media_files(media) == files_before
        else:
            for path in set(media_files(media)) - set(files_before):
                Path(path).unlink()
        transaction.set_rollback(True)


def test_errors_are_said_in_thai_too(exported, tmp_path):
    archive = rebuild(exported, tmp_path / "bad.zip", MALFORMED["title a number"])
    with translation.override("th"), pytest.raises(CommandError) as error:
        call_command("ita_archive", "import", str(archive), "--site", TARGET)
    assert "ไม่ถูกต้อง" in str(error.value)


def test_a_valid_archive_still_imports(exported):
    import_archive(exported)
    report = MeasureResultPage.objects.get(url_path__startswith="/new-example-go-th/")
    assert report.live
    document = Document.objects.order_by("-pk").first()
    with document.file.open("rb") as stored:
        assert stored.read() == PDF


# Content that would run in a reader's browser ------------------------------------


def plant_script(data):
    script = '<p>ข้อมูล<script>alert(1)</script><a href="javascript:alert(2)">x</a></p>'
    item = next(p for p in data["pages"] if p["fields"].get("slug") == "o1")
    item["fields"]["body"][0]["value"] = script
    plan = next(p for p in data["pages"] if p["fields"].get("slug") == "o42")
    plan["fields"]["analysis_intro"] = script + '<img src="x" onerror="alert(3)">'


def test_rich_text_is_stored_as_the_editor_would_save_it(exported, tmp_path):
    import_archive(rebuild(exported, tmp_path / "script.zip", plant_script))
    pages = Page.objects.filter(url_path__startswith="/new-example-go-th/")
    stored = []
    for page in (p.specific for p in pages):
        stored.append(getattr(page, "analysis_intro", ""))
        if hasattr(page, "body"):
            stored.append(json.dumps(list(page.body.raw_data), ensure_ascii=False))
    stored = "\n".join(stored)
    assert "ข้อมูล" in stored
    assert "<script" not in stored and "javascript:" not in stored
    assert "onerror" not in stored


def test_an_address_that_is_not_a_web_address_is_refused(exported, media, tmp_path):
    def plant(data):
        item = next(p for p in data["pages"] if p["fields"].get("slug") == "o1")
        item["fields"]["body"].append(
            {
                "type": "external_link",
                "id": "x1",
                "value": {"url": "javascript:alert(1)", "title": "ลิงก์"},
            }
        )

    archive = rebuild(exported, tmp_path / "url.zip", plant)
    assert_refused(archive, media, "not a web address")


def test_a_link_to_a_page_the_archive_does_not_name_points_nowhere(
    exported, tmp_path, ita_tree
):
    other = ita_tree.home.add_child(instance=Page(title="หน้าอื่น", slug="other"))

    def plant(data):
        item = next(p for p in data["pages"] if p["fields"].get("slug") == "o1")
        item["fields"]["body"][0]["value"] = (
            f'<p><a linktype="page" id="{other.pk}">ดูหน้าอื่น</a></p>'
        )

    import_archive(rebuild(exported, tmp_path / "link.zip", plant))
    item = ItaItemPage.objects.get(url_path="/new-example-go-th/ita/2564/o1/")
    assert f'id="{other.pk}"' not in item.body[0].value.source
