"""manage.py ita_import: a file into a page, as a draft revision."""

import io

import pytest
from django.core.management import CommandError, call_command

from ita_wagtail.models import MeasureIndexPage
from tests.factories import ItaTree
from tests.importing import FIXTURES, SEED


pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("ita_import", *args, stdout=out)
    return out.getvalue()


def latest(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_the_command_imports_a_file_as_a_draft():
    tree = ItaTree(measure_count=0)
    output = run(str(FIXTURES / f"{SEED}.xlsx"), "--page", str(tree.plan.pk))
    assert "not published" in output
    assert len(latest(tree.plan).measures) == 7
    assert len(MeasureIndexPage.objects.get(pk=tree.plan.pk).measures) == 0


def test_the_command_asks_for_a_mode_when_the_page_has_content():
    tree = ItaTree(measure_count=1)
    with pytest.raises(CommandError, match="--mode"):
        run(str(FIXTURES / f"{SEED}.csv"), "--page", str(tree.plan.pk))
    run(str(FIXTURES / f"{SEED}.csv"), "--page", str(tree.plan.pk), "--mode", "append")
    assert len(latest(tree.plan).measures) == 8


def test_the_command_takes_a_mapping_and_a_dry_run_saves_nothing():
    tree = ItaTree(measure_count=0)
    output = run(
        str(FIXTURES / f"{SEED}.csv"),
        "--page",
        str(tree.plan.pk),
        "--mapping",
        "1=measure,2=ignore",
        "--dry-run",
    )
    assert "column 2" in output and "Dry run" in output
    assert len(latest(tree.plan).measures) == 0


def test_the_command_reports_bad_files_and_pages(tmp_path):
    tree = ItaTree(measure_count=0)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="ไฟล์ว่างเปล่า"):
        run(str(empty), "--page", str(tree.plan.pk))
    with pytest.raises(CommandError):
        run(str(FIXTURES / f"{SEED}.csv"), "--page", str(tree.year_page.pk))
