"""Applying an import to O42 and O43 pages: one draft revision, nothing published."""

import datetime

import pytest

from ita_wagtail.models import MeasureIndexPage, MeasureResultPage, ResponsibleOffice
from ita_wagtail.services.importers import read_table
from ita_wagtail.services.importers.plans import APPEND, REPLACE, apply_plan, build_plan
from tests.factories import ItaTree
from tests.importing import csv_bytes, demo_data, seed_bytes


pytestmark = pytest.mark.django_db


def seed_table(extension="docx"):
    return read_table(seed_bytes(extension), f"seed.{extension}")


def import_seed(page, mode=REPLACE, extension="docx", excluded=()):
    table = seed_table(extension)
    plan = build_plan(page, table, table.mapping, excluded)
    return plan, apply_plan(plan, mode)


def latest(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_importing_into_an_empty_o42_saves_one_draft_with_the_seven_measures():
    tree = ItaTree(measure_count=0)
    revisions_before = tree.plan.revisions.count()
    _plan, revision = import_seed(tree.plan)
    page = MeasureIndexPage.objects.get(pk=tree.plan.pk)
    assert page.revisions.count() == revisions_before + 1
    assert page.latest_revision == revision
    assert page.has_unpublished_changes and len(page.measures) == 0  # live unchanged
    measures = list(revision.as_object().measures)
    demo = demo_data()["o42"]["measures"]
    assert [m.value["measure"] for m in measures] == [d["measure"] for d in demo]
    assert [list(m.value["methods"]) for m in measures] == [d["methods"] for d in demo]
    first = measures[0].value
    assert first["period"]["start"] == datetime.date(2021, 1, 1)
    assert first["period"]["end"] == datetime.date(2021, 3, 31)
    assert [office.name for office in first["offices"]] == ["กองคลัง"]


def test_offices_are_matched_by_name_or_created_for_the_pages_site():
    tree = ItaTree(measure_count=0)
    ResponsibleOffice.objects.create(site=tree.site, name="สำนักปลัด  และทุกกอง")
    plan = build_plan(tree.plan, seed_table(), seed_table().mapping)
    assert plan.new_office_names == [
        "ทุกสำนัก/กอง อบต. ทั่วทุกว",
        "ผู้บริหาร และพนักงานทุกสำนัก/กอง",
        "ทุกสำนัก/กอง",
    ]
    apply_plan(plan, REPLACE)
    names = set(
        ResponsibleOffice.objects.filter(site=tree.site).values_list("name", flat=True)
    )
    assert names == {
        "กองคลัง",
        "สำนักปลัด  และทุกกอง",
        "ทุกสำนัก/กอง อบต. ทั่วทุกว",
        "ผู้บริหาร และพนักงานทุกสำนัก/กอง",
        "ทุกสำนัก/กอง",
    }


def test_appending_to_o42_keeps_the_current_measures_first():
    tree = ItaTree(measure_count=2)
    plan, _revision = import_seed(tree.plan, mode=APPEND)
    assert plan.has_content
    measures = list(latest(tree.plan).measures)
    assert [m.id for m in measures[:2]] == tree.measure_ids[:2]
    assert len(measures) == 9


def test_replacing_o42_keeps_the_ids_of_measures_with_the_same_text():
    tree = ItaTree(measure_count=0)
    import_seed(tree.plan)
    first_ids = [m.id for m in latest(tree.plan).measures]
    plan, _revision = import_seed(tree.plan, mode=REPLACE, extension="csv")
    assert plan.removed_on_replace == []
    assert [m.id for m in latest(tree.plan).measures] == first_ids


def test_rows_the_editor_leaves_out_are_not_imported():
    tree = ItaTree(measure_count=0)
    import_seed(tree.plan, excluded={0, 6})
    assert len(latest(tree.plan).measures) == 5


def plan_with_seed_measures():
    tree = ItaTree(measure_count=0)
    import_seed(tree.plan)
    page = latest(tree.plan)
    page.save_revision().publish()
    return tree


def test_o43_rows_are_matched_to_the_o42_measures_by_number_and_text():
    tree = plan_with_seed_measures()
    plan, revision = import_seed(tree.report, extension="xlsx")
    measure_ids = [m.id for m in latest(tree.plan).measures]
    assert [row.match.measure_id for row in plan.rows] == measure_ids
    results = list(revision.as_object().results)
    assert [r.value["measure_id"] for r in results] == measure_ids
    actions = [list(r.value["actions"]) for r in results]
    assert actions == [r["actions"] for r in demo_data()["o43"]["results"]]
    assert all(r.value["status"] == "done" for r in results)
    live = MeasureResultPage.objects.get(pk=tree.report.pk)
    assert len(live.results) == 0 and live.has_unpublished_changes


def test_o43_rows_that_match_no_measure_are_kept_apart_and_shown():
    tree = plan_with_seed_measures()
    data = csv_bytes(
        [
            ["มาตรการ", "ผลการดำเนินงาน"],
            ["๒. จัดทำคู่มือและระเบียบการใช้ทรัพย์สินของราชการ", "๑. จัดทำคู่มือ"],
            ["๙. มาตรการที่ไม่มีในแผน", "๑. ทำแล้ว"],
        ]
    )
    table = read_table(data, "report.csv")
    plan = build_plan(tree.report, table, table.mapping)
    assert plan.rows[0].match.number == 2
    assert [row.row.measure for row in plan.unmatched_rows] == ["มาตรการที่ไม่มีในแผน"]
    revision = apply_plan(plan, REPLACE)
    results = list(revision.as_object().results)
    assert results[-1].value["measure_id"] == ""
    assert results[-1].value["measure_label"] == "มาตรการที่ไม่มีในแผน"


def test_appending_o43_results_adds_actions_to_a_measures_result():
    tree = ItaTree(measure_count=1)
    data = csv_bytes([["มาตรการ", "ผลการดำเนินงาน"], ["๑. มาตรการที่ 1", "๑. อบรมเพิ่ม"]])
    table = read_table(data, "report.csv")
    plan = build_plan(tree.report, table, table.mapping)
    assert plan.has_content
    revision = apply_plan(plan, APPEND)
    (result,) = revision.as_object().results
    assert list(result.value["actions"]) == ["ดำเนินการแล้ว", "อบรมเพิ่ม"]
    assert result.id == tree.report.results[0].id
