"""The project itself: migrations, the installable package, the Thai catalogue."""

import gettext
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest
from django.core.management import call_command


ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "ita_wagtail" / "locale" / "th" / "LC_MESSAGES"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_the_wheel_carries_templates_static_files_migrations_and_the_thai_catalogue(
    tmp_path,
):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("ita_wagtail-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in [
        "ita_wagtail/locale/th/LC_MESSAGES/django.po",
        "ita_wagtail/locale/th/LC_MESSAGES/django.mo",
        "ita_wagtail/migrations/0001_initial.py",
        "ita_wagtail/templates/ita_wagtail/pages/measure_result_page.html",
        "ita_wagtail/templates/ita_wagtail/includes/measure_table.html",
        "ita_wagtail/templates/ita_wagtail/admin/import_preview.html",
        "ita_wagtail/templates/ita_wagtail/admin/includes/measures_beside_results.html",
        "ita_wagtail/static/ita_wagtail/css/ita.css",
        "ita_wagtail/static/ita_wagtail/js/ita.js",
        "ita_wagtail/static/ita_wagtail/fonts/sarabun-thai-400-normal.woff2",
        "ita_wagtail/static/ita_wagtail/fonts/OFL.txt",
    ]:
        assert required in names
    assert not any(name.startswith(("tests/", "example_site/")) for name in names)


def test_thai_catalogue_is_complete_with_nothing_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert len(catalogue) > 100
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_compiled_thai_catalogue_matches_the_po_file():
    po = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in po.translated_entries():
        if entry.msgid_plural or entry.msgctxt:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_every_translatable_string_in_the_source_is_in_the_thai_catalogue(tmp_path):
    """makemessages on a copy of the app finds exactly the committed msgids."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext (GNU gettext) is needed in CI")
        pytest.skip("xgettext (GNU gettext) is not installed")
    copy = tmp_path / "ita_wagtail"
    shutil.copytree(
        ROOT / "ita_wagtail", copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "example_site" / "manage.py"),
            "makemessages",
            "--locale",
            "th",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {
        e.msgid for e in polib.pofile(str(copy / "locale/th/LC_MESSAGES/django.po"))
    }
    committed = {e.msgid for e in polib.pofile(str(LOCALE / "django.po"))}
    assert sorted(fresh - committed) == []
    assert sorted(committed - fresh) == []


def test_no_hard_coded_thai_in_python_messages_outside_gettext():
    """A cheap guard: Python sources raise no ValidationError with a bare string."""
    for path in (ROOT / "ita_wagtail").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"ValidationError\(\s*[\"']", source), path
