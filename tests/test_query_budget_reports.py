"""The answer sheet, the dashboard and the findings report cost fixed queries.

A province may host a thousand LAOs on one instance, each with O42 lists of
one to two hundred measures and up to 43 item pages: none of that may change
what one LAO's answer sheet or dashboard costs. (Public O42/O43, year and
index pages: test_query_budget.py.)
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ita_wagtail.services.roles import setup_site_roles
from tests.factories import ItaTree, make_lao_site


pytestmark = pytest.mark.django_db

#: The most queries each report may make, on a second request (site roots and
#: the user's permissions cached where Wagtail caches them). Where they go:
#: - the public answer sheet is a route of the year page: finding the site,
#:   routing and view restrictions (6: the ITA section asks for its year in
#:   its own type at once), the ITA settings (1); the year report
#:   (the catalogue items, the pages under the year with their specific types,
#:   their view restrictions, the site, O42's offices: 7), built once per
#:   request, whose pages also give the year's progress (0; issue 17: 6
#:   before). Its CSV the same.
#: - the admin answer sheet: session, user, permissions and profile (5), the
#:   year page and the user's page permissions (2), the year report (7), the
#:   settings (2), then the admin's own (locales, collections, the menu and
#:   its per-site settings permissions: 5).
#: - the dashboard is Wagtail's home page (its own panels: about 20), the
#:   ITA panel's choice of year pages (3) and one year report for each section
#:   shown (at most DASHBOARD_SECTIONS); when the newest year is not the
#:   current one, the ITA section's id (1) for the link that creates it.
#: - the findings report: session, user, permissions (5), the user's sites
#:   and the chosen site's year pages (2), its year report (6), the site's ITA
#:   settings (1: the year filter writes years in the site's digits), the
#:   admin's own.
QUERY_BUDGET = {
    "public_answer_sheet": 14,
    "public_answer_sheet_csv": 14,
    "admin_answer_sheet": 21,
    "dashboard_of_one_lao": 39,
    "findings_report": 22,
}


def count_queries(client, url, hostname="localhost"):
    """Queries of a second request, once per-process caches are warm."""
    assert client.get(url, HTTP_HOST=hostname).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=hostname)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def lao(hostname, measure_count=3, name=None):
    return ItaTree(
        measure_count=measure_count,
        site=make_lao_site(hostname),
        organisation_name=name or f"อบต.{hostname}",
    )


def webmaster_of(tree, django_user_model, username):
    user = django_user_model.objects.create_user(username, password="pw")
    user.groups.add(setup_site_roles(tree.site).webmasters)
    return user


def report_urls(tree):
    return {
        "public_answer_sheet": "/ita/2564/answers/",
        "public_answer_sheet_csv": "/ita/2564/answers/csv/",
        "admin_answer_sheet": reverse(
            "ita_wagtail_answer_sheet", args=[tree.year_page.pk]
        ),
        "dashboard_of_one_lao": reverse("wagtailadmin_home"),
        "findings_report": reverse("ita_wagtail_findings") + "?year=2564",
    }


def costs(client, tree, user):
    """Each report's queries: public ones as a citizen, admin ones as ``user``."""
    measured = {}
    for name, url in report_urls(tree).items():
        if name.startswith("public"):
            client.logout()
        else:
            client.force_login(user)
        measured[name] = count_queries(client, url, tree.site.hostname)
    return measured


def test_reports_cost_the_same_queries_for_1_50_and_200_measures(
    client, django_user_model
):
    counts = {}
    for measure_count in (1, 50, 200):
        tree = lao(f"lao-{measure_count}.example.go.th", measure_count)
        user = webmaster_of(tree, django_user_model, f"webmaster-{measure_count}")
        measured = costs(client, tree, user)
        counts[measure_count] = {name: n for name, (n, _html) in measured.items()}
        assert tree.site.hostname in measured["findings_report"][1]
    assert counts[1] == counts[50] == counts[200], counts
    for name, count in counts[200].items():
        assert count == QUERY_BUDGET[name], (name, counts[200])


def test_reports_cost_the_same_queries_for_3_and_43_item_pages(
    client, django_user_model
):
    """O42, O43 and O1 (each page type once: types cost a query each), then all."""
    tree = lao("lao.example.go.th")
    tree.add_item_page("O1")
    user = webmaster_of(tree, django_user_model, "webmaster")
    few = {name: n for name, (n, _html) in costs(client, tree, user).items()}
    for number in range(2, 42):
        tree.add_item_page(f"O{number}")
    measured = costs(client, tree, user)
    assert "พร้อมแล้ว 43 จาก 43 ข้อ" in measured["dashboard_of_one_lao"][1]
    assert {name: n for name, (n, _html) in measured.items()} == few


def test_one_laos_reports_cost_the_same_among_1_and_30_laos(client, django_user_model):
    first = lao("lao-1.example.go.th", name="อบต.ที่หนึ่ง")
    user = webmaster_of(first, django_user_model, "webmaster-1")
    alone = {name: n for name, (n, _html) in costs(client, first, user).items()}
    for number in range(2, 31):
        last = lao(f"lao-{number}.example.go.th", name=f"อบต.ที่ {number}")
        webmaster_of(last, django_user_model, f"webmaster-{number}")
    among_30 = costs(client, first, user)
    assert {name: n for name, (n, _html) in among_30.items()} == alone
    # Still this LAO's own data, and nothing of the others'.
    for name in ("public_answer_sheet", "dashboard_of_one_lao", "findings_report"):
        html = among_30[name][1]
        assert "lao-1.example.go.th" in html or "อบต.ที่หนึ่ง" in html, name
        assert "lao-30.example.go.th" not in html, name
    for name, count in alone.items():
        assert count == QUERY_BUDGET[name], (name, alone)


def test_a_superusers_dashboard_costs_the_same_for_6_and_30_laos(
    admin_client, settings
):
    from ita_wagtail.views.reports import DASHBOARD_SECTIONS

    url = reverse("wagtailadmin_home")
    trees = [lao(f"lao-{n}.example.go.th") for n in range(1, DASHBOARD_SECTIONS + 2)]
    few, html = count_queries(admin_client, url, trees[0].site.hostname)
    assert "1 more ITA section" in html or "อีก 1 " in html
    for number in range(DASHBOARD_SECTIONS + 2, 31):
        lao(f"lao-{number}.example.go.th")
    many, html = count_queries(admin_client, url, trees[0].site.hostname)
    assert many == few
    assert html.count('class="ita-dashboard__section"') == DASHBOARD_SECTIONS
    # The site the admin is used on comes first.
    assert html.index("lao-1.example.go.th") < html.index("ita-dashboard__more")


def test_a_superusers_findings_report_shows_one_site_and_lets_them_choose(
    admin_client,
):
    trees = [lao(f"lao-{n}.example.go.th") for n in range(1, 13)]
    url = reverse("ita_wagtail_findings")
    few, html = count_queries(admin_client, url, trees[0].site.hostname)
    assert html.count("<option value=") >= 12
    assert "<h2>ปีงบประมาณ 2564 — lao-1.example.go.th</h2>" in html
    chosen, html = count_queries(
        admin_client, f"{url}?site={trees[7].site.pk}", trees[0].site.hostname
    )
    assert "<h2>ปีงบประมาณ 2564 — lao-8.example.go.th</h2>" in html
    assert "lao-1.example.go.th</h2>" not in html
    assert chosen <= few
