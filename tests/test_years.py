"""ITA 2568–2570: each year's list and rules, last year's measures, provisional years.

Through the commands, the admin's own views and the public URLs.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import rich_text

from ita_wagtail.fiscal import to_thai_digits
from ita_wagtail.models import (
    Coverage,
    ItaIndexPage,
    ItaItemPage,
    ItaSiteSettings,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    OitItem,
    PageType,
    PlanRule,
    ResponsibleOffice,
)
from ita_wagtail.models.catalogue_loading import load_year
from ita_wagtail.services.roles import catalogue_managers
from tests.factories import (
    measure_raw,
    page_form_data,
    result_form_value,
    result_raw,
    speaks,
    stream_form_data,
)
from tests.test_o42_o43_rules import form_messages


pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(page_class, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=[page_class._meta.app_label, page_class._meta.model_name, parent.pk],
    )


@pytest.fixture
def english_admin(admin_client, django_user_model):
    speaks(django_user_model.objects.get(username="webmaster"), "en")
    return admin_client


# 1. The shipped lists and 2. their rules ------------------------------------------


def test_load_all_ships_2568_and_2569_with_26_items_each():
    out = run("ita_catalogue", "load", "--all")
    assert "2568: 26 created" in out
    assert "2569: 26 created" in out
    for year in (2568, 2569):
        codes = [item.code for item in OitItem.objects.for_year(year)]
        assert codes == [f"O{n}" for n in range(1, 27)]
        assert {item.indicator for item in OitItem.objects.for_year(year)} == {
            "9",
            "10",
        }


def test_every_2568_and_2569_item_says_how_sure_it_is_and_what_to_check():
    load_year(2568)
    load_year(2569)
    for item in OitItem.objects.filter(year__in=[2568, 2569]):
        assert item.note[0] in "✔~?", item
        assert "Check" in item.note, item
    assert OitItem.objects.get(year=2569, code="O2").note.startswith("? Guessed")
    assert OitItem.objects.get(year=2568, code="O2").note.startswith("~ Inferred")
    assert OitItem.objects.get(year=2569, code="O1").note.startswith("✔ Seen")


def test_2569_o25_and_o26_are_the_measures_and_their_report_on_last_year():
    load_year(2569)
    o25 = OitItem.objects.get(year=2569, code="O25")
    o26 = OitItem.objects.get(year=2569, code="O26")
    assert o25.title_th == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert (o25.page_type, o25.covers) == (PageType.MEASURES, Coverage.ASSESSMENT_YEAR)
    assert (o26.page_type, o26.covers, o26.plan_rule) == (
        PageType.MEASURE_RESULTS,
        Coverage.PREVIOUS_YEAR,
        PlanRule.MEASURES_PAGE,
    )
    assert o26.covered_be_year == 2568
    previous = set(
        OitItem.objects.filter(year=2569, covers=Coverage.PREVIOUS_YEAR).values_list(
            "code", flat=True
        )
    )
    assert previous == {"O12", "O22", "O24", "O26"}


def test_2568_lists_no_measures_item_and_covers_its_own_year():
    load_year(2568)
    items = OitItem.objects.for_year(2568)
    assert {item.page_type for item in items} == {PageType.ITEM}
    assert {item.covers for item in items} == {Coverage.ASSESSMENT_YEAR}
    assert "no separate measures item" in items.get(code="O25").note


def test_2564_to_2566_keep_o43_on_o42_of_the_same_year():
    for year in (2564, 2565, 2566):
        load_year(year)
        items = OitItem.objects.for_year(year)
        assert {item.covers for item in items} == {Coverage.ASSESSMENT_YEAR}
        reports = [item for item in items if item.plan_rule]
        assert [(i.code, i.plan_rule, i.plan_code) for i in reports] == [
            ("O43", PlanRule.SAME_YEAR_ITEM, "O42")
        ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_reports_todays_rule():
    executor = MigrationExecutor(connection)
    executor.migrate([("ita_wagtail", "0005_office_history_per_site")])
    old_apps = executor.loader.project_state(
        [("ita_wagtail", "0005_office_history_per_site")]
    ).apps
    old_item = old_apps.get_model("ita_wagtail", "OitItem")
    common = {"indicator": "10", "sub_indicator": "10.2", "year": 2565}
    old_item.objects.create(
        code="O42", title_th="มาตรการ", page_type="measures", **common
    )
    old_item.objects.create(
        code="O43", title_th="การดำเนินการ", page_type="measure_results", **common
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("ita_wagtail", "0006_years_catalogue_rules")])
    o43 = OitItem.objects.get(year=2565, code="O43")
    assert (o43.covers, o43.plan_rule, o43.plan_code) == (
        Coverage.ASSESSMENT_YEAR,
        PlanRule.SAME_YEAR_ITEM,
        "O42",
    )
    assert OitItem.objects.get(year=2565, code="O42").plan_rule == ""


# 3. A report on last year's measures ---------------------------------------------


class YearsTree:
    """/ita/2568/measures/ (2568 lists no measures item) and /ita/2569/o26/ on it."""

    def __init__(self):
        load_year(2568)
        load_year(2569)
        self.site = Site.objects.get(is_default_site=True)
        settings = ItaSiteSettings.for_site(self.site)
        settings.organisation_name = "องค์การบริหารส่วนตำบลทดสอบ"
        settings.save()
        self.office, _ = ResponsibleOffice.objects.get_or_create(
            site=self.site, name="กองคลัง"
        )
        self.index = self.site.root_page.add_child(
            instance=ItaIndexPage(title="ITA", slug="ita")
        )
        self.year_2568 = self.index.add_child(
            instance=ItaYearPage(title="ปีงบประมาณ 2568", slug="2568", year=2568)
        )
        self.year_2569 = self.index.add_child(
            instance=ItaYearPage(title="ปีงบประมาณ 2569", slug="2569", year=2569)
        )
        self.measures = [
            measure_raw(
                f"มาตรการปี 2568 ที่ {n}",
                offices=[self.office],
                start=datetime.date(2025, 1, 1),
                end=datetime.date(2025, 3, 31),
            )
            for n in (1, 2)
        ]
        self.plan_2568 = self.year_2568.add_child(
            instance=MeasureIndexPage(
                title="มาตรการส่งเสริมคุณธรรม ปี 2568",
                slug="measures",
                oit_item=None,
                analysis_intro="<p>วิเคราะห์ผลการประเมิน ITA 2567</p>",
                measures=self.measures,
            )
        )
        self.o26_item = OitItem.objects.get(year=2569, code="O26")
        self.report = self.year_2569.add_child(
            instance=MeasureResultPage(
                title="รายงานผลการดำเนินการ ปี 2568",
                slug="o26",
                oit_item=self.o26_item,
                measures_page=self.plan_2568,
                report_date=datetime.date(2025, 9, 30),
                reporting_round="annual",
                results=[result_raw(m["id"]) for m in self.measures],
            )
        )


@pytest.fixture
def years_tree(db):
    return YearsTree()


def o26_form_data(tree, plan, report_date, publish=True):
    data = page_form_data(
        title="รายงานผลการดำเนินการ ปี 2568",
        slug="o26",
        oit_item=str(tree.o26_item.pk),
        answer_note="",
        measures_page=str(plan.pk),
        reporting_round="annual",
        report_date=report_date,
        intro=rich_text(""),
        **stream_form_data(
            "results",
            [
                ("result", f"r-{m['id']}", result_form_value(m["id"]))
                for m in plan.measures.raw_data
            ],
        ),
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_o26_of_2569_on_the_2568_measures_publishes_when_it_covers_2568(
    english_admin, years_tree
):
    response = english_admin.post(
        edit_url(years_tree.report),
        o26_form_data(years_tree, years_tree.plan_2568, "2025-09-30"),
    )
    assert response.status_code == 302, form_messages(response)
    report = MeasureResultPage.objects.get(pk=years_tree.report.pk)
    assert report.live and not report.has_unpublished_changes
    assert report.measures_page_id == years_tree.plan_2568.pk


def test_o26_of_2569_dated_in_2569_is_refused(english_admin, years_tree):
    response = english_admin.post(
        edit_url(years_tree.report),
        o26_form_data(years_tree, years_tree.plan_2568, "2025-12-01"),
    )
    assert response.status_code == 200
    assert form_messages(response) == [
        "The report date ๑ ธ.ค. ๒๕๖๘ is outside fiscal year ๒๕๖๘; O26 of the ๒๕๖๙ "
        "assessment reports on work of fiscal year ๒๕๖๘."
    ]


def test_o26_of_2569_on_the_2569_measures_is_refused(english_admin, years_tree):
    plan_2569 = years_tree.year_2569.add_child(
        instance=MeasureIndexPage(
            title="มาตรการ ปี 2569",
            slug="o25",
            oit_item=OitItem.objects.get(year=2569, code="O25"),
            analysis_intro="<p>วิเคราะห์</p>",
            measures=[measure_raw("มาตรการปี 2569", offices=[years_tree.office])],
        )
    )
    response = english_admin.post(
        edit_url(years_tree.report),
        o26_form_data(years_tree, plan_2569, "2025-09-30"),
    )
    assert response.status_code == 200
    assert form_messages(response) == [
        "O26 of the ๒๕๖๙ assessment reports on fiscal year ๒๕๖๘, but these measures "
        "are of fiscal year ๒๕๖๙: answer the measures page of fiscal year ๒๕๖๘."
    ]


def test_the_rule_comes_from_the_catalogue_a_manager_edits(english_admin, years_tree):
    item = years_tree.o26_item
    response = english_admin.post(
        reverse("ita_wagtail_oititem_modeladmin_edit", args=[item.pk]),
        {
            "year": "2569",
            "code": "O26",
            "sort_order": str(item.sort_order),
            "title_th": item.title_th,
            "title_en": item.title_en,
            "indicator": item.indicator,
            "indicator_title": item.indicator_title,
            "sub_indicator": item.sub_indicator,
            "sub_indicator_title": item.sub_indicator_title,
            "requirements": item.requirements,
            "page_type": item.page_type,
            "covers": "assessment_year",
            "plan_rule": "measures_page",
            "plan_code": "",
            "note": item.note,
        },
    )
    assert response.status_code == 302
    response = english_admin.post(
        edit_url(years_tree.report),
        o26_form_data(years_tree, years_tree.plan_2568, "2025-09-30"),
    )
    assert response.status_code == 200
    assert "outside fiscal year ๒๕๖๙" in " ".join(form_messages(response))


def test_the_catalogue_editor_shows_the_rules_to_catalogue_managers(
    client, django_user_model, years_tree
):
    user = django_user_model.objects.create_user("keeper", password="pw")
    user.groups.add(catalogue_managers())
    client.force_login(user)
    response = client.get(
        reverse("ita_wagtail_oititem_modeladmin_edit", args=[years_tree.o26_item.pk])
    )
    html = response.content.decode()
    for name in ("covers", "plan_rule", "plan_code", "provisional"):
        assert f'name="{name}"' in html


def test_a_new_report_under_2569_starts_on_the_2568_measures(admin_client, years_tree):
    response = admin_client.get(add_url(MeasureResultPage, years_tree.year_2569))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["measures_page"] == years_tree.plan_2568.pk
    assert form.initial["oit_item"] == years_tree.o26_item.pk
    results = form.initial["results"]  # one result row per 2568 measure
    assert [child.value["measure_id"] for child in results] == [
        m["id"] for m in years_tree.measures
    ]


def test_the_2568_measures_publish_without_a_measures_item_that_year(
    english_admin, years_tree
):
    plan = years_tree.plan_2568
    data = page_form_data(
        title=plan.title,
        slug=plan.slug,
        oit_item="",
        answer_note="",
        analysis_intro=rich_text("<p>วิเคราะห์ผลการประเมิน ITA 2567</p>"),
        **stream_form_data("analysis", []),
        **stream_form_data(
            "measures",
            [
                (
                    "measure",
                    m["id"],
                    {
                        "measure": m["value"]["measure"],
                        "methods": {"__list__": ["ขั้นตอน"]},
                        "offices": {"__list__": [str(years_tree.office.pk)]},
                        "period-start": "2025-01-01",
                        "period-end": "2025-03-31",
                        "notes": "",
                    },
                )
                for m in years_tree.measures
            ],
        ),
        **{"action-publish": "action-publish"},
    )
    response = english_admin.post(edit_url(plan), data)
    assert response.status_code == 302, form_messages(response)


def test_the_2569_year_page_and_answer_sheet_list_o26_at_its_own_url(
    client, years_tree
):
    year_page = client.get("/ita/2569/")
    assert year_page.status_code == 200
    assert "/ita/2569/o26/" in year_page.content.decode()
    sheet = client.get("/ita/2569/answers/").content.decode()
    assert "/ita/2569/o26/" in sheet
    assert to_thai_digits("2568") in sheet  # the site writes Thai digits
    report = client.get("/ita/2569/o26/")
    assert report.status_code == 200
    assert to_thai_digits("มาตรการปี 2568 ที่ 2") in report.content.decode()
    plan = client.get("/ita/2568/measures/").content.decode()
    assert "/ita/2569/o26/" in plan  # the measures list the report on them


def test_ita_check_and_the_year_report_find_no_fault_in_o26(years_tree):
    report = years_tree.year_2569.get_year_report()
    entry = next(e for e in report.entries if e.item.code == "O26")
    assert entry.page.pk == years_tree.report.pk
    assert entry.findings == []
    assert entry.page.plan_page.pk == years_tree.plan_2568.pk


def test_the_2569_year_shows_the_progress_of_its_report_on_2568(years_tree):
    from ita_wagtail.models.pages import latest_report_progress_by_year

    progress = latest_report_progress_by_year(years_tree.index)
    assert progress[years_tree.year_2569.pk].progress.done == 2
    assert years_tree.year_2568.pk not in progress


def test_the_api_gives_o26_its_2568_measure_table(client, years_tree):
    response = client.get(f"/api/v2/pages/{years_tree.report.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["item_code"] == "O26"
    assert [row["measure"] for row in data["measure_table"]] == [
        "มาตรการปี 2568 ที่ 1",
        "มาตรการปี 2568 ที่ 2",
    ]


def test_a_measures_page_of_another_site_is_refused(english_admin, years_tree):
    other_home = Page.get_first_root_node().add_child(
        instance=Page(title="Other", slug="other-lao")
    )
    Site.objects.create(hostname="other.example", root_page=other_home)
    other_index = other_home.add_child(instance=ItaIndexPage(title="ITA", slug="ita"))
    other_year = other_index.add_child(
        instance=ItaYearPage(title="2568", slug="2568", year=2568)
    )
    other_plan = other_year.add_child(
        instance=MeasureIndexPage(
            title="มาตรการของที่อื่น",
            slug="measures",
            analysis_intro="<p>x</p>",
            measures=years_tree.measures,
        )
    )
    response = english_admin.post(
        edit_url(years_tree.report),
        o26_form_data(years_tree, other_plan, "2025-09-30"),
    )
    assert response.status_code == 200
    assert form_messages(response) == [
        "The measures page “มาตรการของที่อื่น” is not in this site's ITA section: "
        "choose a measures page of this site."
    ]


# 4. A year nobody has published yet --------------------------------------------


def test_copy_makes_a_provisional_list_that_confirm_confirms():
    load_year(2569)
    out = run("ita_catalogue", "copy", "2569", "2570")
    assert "2570: 26 items copied from 2569" in out
    assert "provisional" in out
    items = OitItem.objects.filter(year=2570)
    assert items.count() == 26 and all(item.provisional for item in items)
    assert items.get(code="O26").covers == Coverage.PREVIOUS_YEAR
    assert "Provisional: copied from 2569" in items.get(code="O1").note
    assert "2570 (provisional)" in run("ita_catalogue", "years")
    assert "26 provisional items confirmed" in run("ita_catalogue", "confirm", "2570")
    assert not OitItem.objects.filter(year=2570, provisional=True).exists()
    assert "2570 (provisional)" not in run("ita_catalogue", "years")


@pytest.fixture
def ita_index(db):
    site = Site.objects.get(is_default_site=True)
    return site.root_page.add_child(instance=ItaIndexPage(title="ITA", slug="ita"))


def test_the_year_page_of_an_unpublished_year_works_on_day_one(
    english_admin, ita_index
):
    assert not OitItem.objects.filter(year=2570).exists()
    response = english_admin.post(
        add_url(ItaYearPage, ita_index),
        page_form_data(
            year="2570",
            title="ปีงบประมาณ 2570",
            slug="2570",
            intro=rich_text(""),
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302, form_messages(response)
    year_page = ItaYearPage.objects.get(year=2570)
    items = OitItem.objects.for_year(2570)
    assert items.count() == 26 and all(item.provisional for item in items)
    # Its pages can be made at once, bound to the provisional items.
    response = english_admin.get(add_url(ItaItemPage, year_page))
    assert response.status_code == 200
    choices = list(response.context["form"].fields["oit_item"].queryset)
    assert [item.code for item in choices][:2] == ["O1", "O2"]
    assert {item.year for item in choices} == {2570}
    # Editors are told, the public is not.
    notice = "The OIT list of 2570 is provisional"
    assert notice in english_admin.get(edit_url(year_page)).content.decode()
    assert notice in english_admin.get(add_url(ItaItemPage, year_page)).content.decode()
    assert notice in english_admin.get(reverse("wagtailadmin_home")).content.decode()
    public = english_admin.get("/ita/2570/")
    assert public.status_code == 200
    assert "provisional" not in public.content.decode().lower()


def test_a_catalogue_manager_confirms_a_provisional_year_in_the_admin(
    client, django_user_model
):
    load_year(2569)
    run("ita_catalogue", "copy", "2569", "2570")
    user = django_user_model.objects.create_user("keeper", password="pw")
    user.groups.add(catalogue_managers())
    client.force_login(user)
    url = reverse("ita_wagtail_catalogue_years")
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="confirm"' in page.content.decode()
    response = client.post(url, {"action": "confirm", "year": "2570"})
    assert response.status_code == 302
    assert not OitItem.objects.filter(year=2570, provisional=True).exists()


def test_a_catalogue_manager_starts_the_next_year_in_the_admin(
    client, django_user_model
):
    load_year(2569)
    user = django_user_model.objects.create_user("keeper", password="pw")
    user.groups.add(catalogue_managers())
    client.force_login(user)
    response = client.post(
        reverse("ita_wagtail_catalogue_years"), {"action": "copy", "year": "2571"}
    )
    assert response.status_code == 302
    assert OitItem.objects.filter(year=2571, provisional=True).count() == 26


def test_an_editor_may_neither_copy_nor_confirm_years(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    url = reverse("ita_wagtail_catalogue_years")
    assert client.get(url).status_code in (302, 403)
    client.post(url, {"action": "copy", "year": "2571"})
    assert not OitItem.objects.filter(year=2571).exists()


def test_archive_keeps_o26_on_the_2568_measures_of_the_site_it_is_restored_to(
    years_tree, tmp_path
):
    from ita_wagtail.services.archive import export_year, import_year

    export_year(years_tree.site, 2568, tmp_path / "2568.zip")
    export_year(years_tree.site, 2569, tmp_path / "2569.zip")
    home = Page.get_first_root_node().add_child(
        instance=Page(title="Restored", slug="restored")
    )
    site = Site.objects.create(hostname="restored.example", root_page=home)
    import_year(site, tmp_path / "2568.zip")
    year_2569 = import_year(site, tmp_path / "2569.zip")
    report = MeasureResultPage.objects.descendant_of(year_2569).get(slug="o26")
    plan = MeasureIndexPage.objects.descendant_of(home).get(slug="measures")
    assert plan.pk != years_tree.plan_2568.pk
    assert report.measures_page_id == plan.pk
    assert report.live and report.oit_item == years_tree.o26_item
    assert [row.result is not None for row in report.get_measure_table().rows] == [
        True,
        True,
    ]


def test_next_year_from_the_2568_measures_shows_the_o26_results_and_makes_o25(
    admin_client, years_tree
):
    url = reverse("ita_wagtail_admin:next_year", args=[years_tree.plan_2568.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["plan"].report.pk == years_tree.report.pk
    response = admin_client.post(url)
    assert response.status_code == 302
    new_plan = MeasureIndexPage.objects.child_of(years_tree.year_2569).get()
    assert new_plan.oit_item == OitItem.objects.get(year=2569, code="O25")


def test_an_import_into_a_2569_page_gives_period_examples_of_2569(years_tree, tmp_path):
    o25 = years_tree.year_2569.add_child(
        instance=MeasureIndexPage(
            title="มาตรการ ปี 2569",
            slug="o25",
            oit_item=OitItem.objects.get(year=2569, code="O25"),
            analysis_intro="<p>วิเคราะห์</p>",
        )
    )
    table = tmp_path / "measures.csv"
    table.write_text(
        "มาตรการ,ผู้รับผิดชอบ,ระยะเวลา\nประชาสัมพันธ์,กองคลัง,ไตรมาสที่ 2\nอบรม,กองคลัง,เร็ว ๆ นี้\n",
        encoding="utf-8",
    )
    out = run("ita_import", str(table), "--page", str(o25.pk), "--dry-run")
    assert "“เร็ว ๆ นี้”" in out
    assert "ม.ค.-มี.ค. ๖๙" in out
    assert "Cannot read “ไตรมาสที่ 2”" not in out  # the quarter reads


def test_a_report_may_be_added_under_the_2569_year_page_only(years_tree):
    assert MeasureResultPage.can_create_at(years_tree.year_2569)
    assert not MeasureResultPage.can_create_at(years_tree.year_2568)
    assert MeasureResultPage.can_create_at(years_tree.plan_2568)


@pytest.mark.parametrize("plan_state", ["public", "private"])
def test_the_2569_year_page_shows_the_progress_of_its_o26_as_the_index_does(
    client, years_tree, plan_state
):
    """O26 of 2569 reports on the measures of 2568, a page of another year: the
    2569 year page finds that report as the ITA section's page does, and like
    it shows nothing when those measures are not public."""
    from wagtail.models import PageViewRestriction

    if plan_state == "private":
        PageViewRestriction.objects.create(
            page=years_tree.plan_2568,
            restriction_type=PageViewRestriction.PASSWORD,
            password="x",
        )
    year_page = client.get("/ita/2569/").content.decode()
    index = client.get("/ita/").content.decode()
    done = "ดำเนินการแล้ว ๒ จาก ๒ มาตรการ"
    if plan_state == "public":
        assert 'class="ita-progress__bar' in year_page
        assert done in " ".join(re.sub(r"<[^>]+>", " ", year_page).split())
        assert done in " ".join(re.sub(r"<[^>]+>", " ", index).split())
    else:
        assert "ita-progress__bar" not in year_page
        assert done not in " ".join(re.sub(r"<[^>]+>", " ", index).split())
