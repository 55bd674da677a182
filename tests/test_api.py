"""Wagtail's API v2 shows the structured fields of the ITA pages."""

import pytest

from tests.factories import ItaTree


pytestmark = pytest.mark.django_db


def test_o43_in_the_api_has_its_results_and_the_measures_they_answer(client):
    tree = ItaTree(measure_count=2)
    response = client.get(f"/api/v2/pages/{tree.report.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "ita_wagtail.MeasureResultPage"
    assert data["item_code"] == "O43"
    assert data["report_date"] == "2021-03-31"
    assert data["reporting_round"] == "six_month"
    assert [r["value"]["measure_id"] for r in data["results"]] == tree.measure_ids
    table = data["measure_table"]
    assert [row["measure"] for row in table] == ["มาตรการที่ 1", "มาตรการที่ 2"]
    assert table[0]["offices"] == ["กองคลัง"]
    assert table[0]["result"]["actions"] == ["ดำเนินการแล้ว"]


def test_o42_in_the_api_has_its_measures_and_analysis(client):
    tree = ItaTree(measure_count=1)
    data = client.get(f"/api/v2/pages/{tree.plan.pk}/").json()
    assert {"item_code", "analysis_intro", "analysis", "measures"} <= set(data)
    assert data["measures"][0]["value"]["measure"] == "มาตรการที่ 1"
    assert data["measure_table"][0]["period"]["start"] == "2021-01-01"
    assert "result" not in data["measure_table"][0]


def test_year_pages_can_be_listed_with_their_year(client):
    tree = ItaTree(measure_count=0)
    response = client.get("/api/v2/pages/?type=ita_wagtail.ItaYearPage&fields=year")
    assert [item["year"] for item in response.json()["items"]] == [2564]
    assert response.json()["items"][0]["id"] == tree.year_page.pk


def test_the_api_does_not_show_drafts(client):
    tree = ItaTree(measure_count=1)
    tree.plan.unpublish()
    assert client.get(f"/api/v2/pages/{tree.plan.pk}/").status_code == 404
