"""Starting next fiscal year's O42 from this year's measures and results."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from ita_wagtail.models import ItaYearPage, MeasureIndexPage
from ita_wagtail.services.next_year import next_year_measures, shift_period
from tests.factories import ItaTree, measure_raw, result_raw


pytestmark = pytest.mark.django_db


def next_year_url(page):
    return reverse("ita_wagtail_admin:next_year", args=[page.pk])


def test_whole_month_periods_move_one_year_and_stay_whole_months():
    start, end = shift_period(datetime.date(2020, 2, 1), datetime.date(2020, 2, 29))
    assert (start, end) == (datetime.date(2021, 2, 1), datetime.date(2021, 2, 28))
    start, end = shift_period(datetime.date(2020, 2, 29), datetime.date(2020, 3, 5))
    assert (start, end) == (datetime.date(2021, 2, 28), datetime.date(2021, 3, 5))


def test_measures_are_copied_with_new_ids_and_periods_a_year_on():
    tree = ItaTree(measure_count=2)
    copied = next_year_measures(tree.plan.measures)
    assert [m["value"]["measure"] for m in copied] == ["มาตรการที่ 1", "มาตรการที่ 2"]
    assert not {m["id"] for m in copied} & set(tree.measure_ids)
    assert copied[0]["value"]["period"] == {"start": "2022-01-01", "end": "2022-03-31"}
    assert copied[0]["value"]["offices"][0]["value"] == tree.office.pk


def test_the_confirmation_shows_each_measure_beside_its_result_and_suggestions(
    admin_client,
):
    tree = ItaTree(measure_count=1)
    tree.report.results = [
        result_raw(
            tree.measure_ids[0], actions=["จัดอบรม"], suggestions="ควรอบรมทุกไตรมาส"
        )
    ]
    tree.report.save_revision().publish()
    html = admin_client.get(next_year_url(tree.plan)).content.decode()
    assert "มาตรการที่ 1" in html
    assert "จัดอบรม" in html
    assert "ควรอบรมทุกไตรมาส" in html
    assert "2565" in html


def test_starting_next_year_creates_draft_pages_and_opens_the_new_o42(admin_client):
    tree = ItaTree(measure_count=2)
    response = admin_client.post(next_year_url(tree.plan))
    year_page = ItaYearPage.objects.get(year=2565)
    new_plan = MeasureIndexPage.objects.child_of(year_page).get()
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[new_plan.pk]
    )
    assert not year_page.live and not new_plan.live
    assert year_page.get_parent().pk == tree.index.pk
    measures = list(new_plan.get_latest_revision_as_object().measures)
    assert [m.value["measure"] for m in measures] == ["มาตรการที่ 1", "มาตรการที่ 2"]
    assert measures[0].value["period"]["start"] == datetime.date(2022, 1, 1)
    assert len(MeasureIndexPage.objects.get(pk=tree.plan.pk).measures) == 2
    # It answers next year's item of the same kind, whatever its code.
    assert (new_plan.oit_item.year, new_plan.oit_item.code) == (2565, "O42")


def test_an_existing_next_year_page_is_used_and_its_o42_never_duplicated(admin_client):
    tree = ItaTree(measure_count=1)
    next_year = tree.index.add_child(
        instance=ItaYearPage(title="ปีงบประมาณ 2565", slug="2565", year=2565)
    )
    admin_client.post(next_year_url(tree.plan))
    assert MeasureIndexPage.objects.child_of(next_year).count() == 1
    response = admin_client.post(next_year_url(tree.plan))
    assert response.status_code == 302
    assert MeasureIndexPage.objects.child_of(next_year).count() == 1


def test_next_year_is_only_for_o42_pages(admin_client):
    tree = ItaTree(measure_count=1)
    assert admin_client.get(next_year_url(tree.report)).status_code == 404


def test_a_measure_without_period_is_copied_without_one():
    tree = ItaTree(measure_count=0)
    raw = measure_raw("ไม่มีระยะเวลา", offices=[tree.office])
    raw["value"]["period"] = {"start": None, "end": None}
    tree.plan.measures = [raw]
    tree.plan.save_revision().publish()
    (copied,) = next_year_measures(
        MeasureIndexPage.objects.get(pk=tree.plan.pk).measures
    )
    assert copied["value"]["period"] == {"start": None, "end": None}


def test_last_years_results_are_shown_beside_this_years_o42(admin_client):
    tree = ItaTree(measure_count=1)
    tree.report.results = [
        result_raw(tree.measure_ids[0], actions=["จัดอบรม"], suggestions="ขยายผลปีหน้า")
    ]
    tree.report.save_revision().publish()
    admin_client.post(next_year_url(tree.plan))
    new_plan = MeasureIndexPage.objects.child_of(
        ItaYearPage.objects.get(year=2565)
    ).get()
    url = reverse("ita_wagtail_admin:previous_year", args=[new_plan.pk])
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[new_plan.pk]))
    assert url in edit.content.decode()
    html = admin_client.get(url).content.decode()
    assert "จัดอบรม" in html and "ขยายผลปีหน้า" in html
    assert (
        admin_client.get(
            reverse("ita_wagtail_admin:previous_year", args=[tree.plan.pk])
        ).status_code
        == 404
    )


def test_an_editor_who_may_not_add_pages_cannot_start_next_year(
    client, django_user_model
):
    tree = ItaTree(measure_count=1)
    user = django_user_model.objects.create_user("clerk", password="pw")
    group = Group.objects.create(name="O42 editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=tree.plan,
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    client.force_login(user)
    assert client.get(next_year_url(tree.plan)).status_code == 200
    client.post(next_year_url(tree.plan))
    assert not ItaYearPage.objects.filter(year=2565).exists()
