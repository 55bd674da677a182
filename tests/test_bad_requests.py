"""Malformed or hostile requests get 400/404, never a server error (HTTP 500)."""

import pytest
from django.urls import reverse

from ita_wagtail.models import ResponsibleOffice
from tests.test_site_access import CHOOSER, editor_a  # noqa: F401


pytestmark = pytest.mark.django_db

#: Larger than any database integer.
HUGE = "99999999999999999999"


@pytest.fixture
def admin(admin_client):
    admin_client.raise_request_exception = False
    return admin_client


@pytest.mark.parametrize(
    "url",
    [
        f"/admin/ita/answers/{HUGE}/",
        f"/admin/ita/answers/{HUGE}.csv",
        f"/admin/ita/answers/{HUGE}.xlsx",
        f"/admin/ita/import/{HUGE}/",
        f"/admin/ita/next-year/{HUGE}/",
        f"/admin/ita/previous-year/{HUGE}/",
        f"/ita-data/{HUGE}.csv",
        f"/ita-data/{HUGE}999.json",
    ],
)
def test_an_id_too_large_for_the_database_is_not_found(admin, ita_tree, url):
    assert admin.get(url, follow=True).status_code == 404


def test_the_answer_sheet_downloads_only_as_csv_or_xlsx(admin, ita_tree):
    page_id = ita_tree.year_page.pk
    for file_format in ["pdf", "html", "CSV", "xlsx.pdf"]:
        url = f"/admin/ita/answers/{page_id}.{file_format}"
        assert admin.get(url, follow=True).status_code == 404, file_format
    csv_response = admin.get(f"/admin/ita/answers/{page_id}.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert csv_response["Content-Disposition"].endswith('.csv"')
    xlsx_response = admin.get(f"/admin/ita/answers/{page_id}.xlsx")
    assert xlsx_response.content.startswith(b"PK")
    assert xlsx_response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("endpoint", ["pages"])
def test_an_api_offset_too_large_is_a_bad_request(client, ita_tree, endpoint):
    client.raise_request_exception = False
    for offset in [f"{HUGE}000", f"%2B{HUGE}", "1000000001"]:
        response = client.get(f"/api/v2/{endpoint}/?offset={offset}")
        assert response.status_code == 400, offset
        assert "offset" in response.json()["message"]
    assert client.get(f"/api/v2/{endpoint}/?offset=1000000000").status_code == 200


def test_the_api_pages_still_page(client, ita_tree):
    first = client.get("/api/v2/pages/?limit=2").json()
    second = client.get("/api/v2/pages/?limit=2&offset=2").json()
    assert first["meta"]["total_count"] == second["meta"]["total_count"] >= 4
    assert {item["id"] for item in first["items"]}.isdisjoint(
        item["id"] for item in second["items"]
    )


def test_the_office_chooser_has_no_create_view(client, editor_a, lao_a):  # noqa: F811
    client.raise_request_exception = False
    before = ResponsibleOffice.objects.count()
    url = reverse(f"{CHOOSER}:create")
    response = client.post(
        url, {"site": lao_a.site.pk, "name": "กองใหม่", "sort_order": 0}
    )
    assert response.status_code == 404
    assert client.get(url).status_code == 404
    assert ResponsibleOffice.objects.count() == before
    # Offices are added from their own admin pages, as before.
    response = client.post(
        reverse("wagtailsnippets_ita_wagtail_responsibleoffice:add"),
        {"site": lao_a.site.pk, "name": "กองใหม่", "sort_order": 0},
    )
    assert response.status_code == 302
    assert ResponsibleOffice.objects.count() == before + 1
