"""The demo shows the seed's report word for word; loading it twice changes nothing."""

import html
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from ita_wagtail.models import (
    ItaSiteSettings,
    MeasureIndexPage,
    MeasureResultPage,
    ResponsibleOffice,
)


pytestmark = pytest.mark.django_db

SEED = json.loads(
    (Path(__file__).parent / "fixtures" / "tungkwao-o43-2564.json").read_text(
        encoding="utf-8"
    )
)
SIX_COLUMNS = SEED["columns"]
# A numbered item starts with Thai or Arabic digits and a dot: "๑.", "2 ."
ITEM_NUMBER = re.compile(r"(?:(?<=\s)|^)[๐-๙0-9]{1,2}\s*\.\s*")


def squash(text):
    return " ".join(text.split())


def seed_items(cell):
    """The seed cell's numbered items, without their numbers."""
    text = squash(" ".join(cell))
    return [item.strip() for item in ITEM_NUMBER.split(text) if item.strip()]


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def demo(db):
    call_command("ita_demo", stdout=io.StringIO())


def test_demo_o42_shows_every_measure_of_the_seed_under_its_six_headers(client, demo):
    text = page_text(client, "/ita/2564/o42/")
    for header in SIX_COLUMNS[:4]:
        assert header in text
    for measure, methods, offices, period, _result, _suggestions in SEED["rows"]:
        for piece in [
            *seed_items(measure),
            *seed_items(methods),
            squash(" ".join(offices)),
            squash(" ".join(period)),
        ]:
            assert piece in text


def test_demo_o43_shows_every_measure_and_result_of_the_seed(client, demo):
    html = client.get("/ita/2564/o42/o43/").content.decode()
    text = page_text(client, "/ita/2564/o42/o43/")
    for header in SIX_COLUMNS[:5]:
        assert f'<th scope="col">{header}</th>' in html
    # The seed gives no suggestions: the empty column is left out.
    assert f'<th scope="col">{SIX_COLUMNS[5]}</th>' not in html
    for measure, methods, offices, period, result, suggestions in SEED["rows"]:
        for piece in [
            *seed_items(measure),
            *seed_items(methods),
            *seed_items(result),
            squash(" ".join(offices)),
            squash(" ".join(period)),
        ]:
            assert piece in text
        assert not suggestions  # the seed gives none; the column is there, empty
    assert "องค์การบริหารส่วนตำบลทุ่งกว่าว" in text
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๔" in text


def test_demo_has_seven_measures_each_answered_by_its_own_result(demo):
    plan = MeasureIndexPage.objects.get()
    report = MeasureResultPage.objects.get()
    assert len(plan.measures) == 7
    assert [r.value["measure_id"] for r in report.results] == [
        m.id for m in plan.measures
    ]
    assert report.get_findings() == []
    assert plan.get_findings() == []


def snapshot():
    return {
        "pages": sorted(
            Page.objects.values_list("pk", "path", "title", "slug", "live")
        ),
        "revisions": Revision.objects.count(),
        "offices": sorted(ResponsibleOffice.objects.values_list("pk", "name")),
        "settings": list(ItaSiteSettings.objects.values()),
        "measures": [list(p.measures.raw_data) for p in MeasureIndexPage.objects.all()],
        "results": [list(p.results.raw_data) for p in MeasureResultPage.objects.all()],
    }


def test_running_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("ita_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_demo_loads_the_whole_2564_catalogue_and_item_pages(client, demo):
    from ita_wagtail.models import ItaItemPage, OitItem

    assert OitItem.objects.filter(year=2564).count() == 43
    assert sorted(ItaItemPage.objects.values_list("oit_item__code", flat=True)) == [
        "O1",
        "O5",
        "O7",
    ]
    o7 = client.get("/ita/2564/o7/").content.decode()
    assert 'href="/news/"' in o7
    report = MeasureResultPage.objects.get().get_findings()
    assert report == []
    year_text = page_text(client, "/ita/2564/")
    assert "เผยแพร่แล้ว ๕ จาก ๔๓ ข้อ" in year_text


def answer_sheet_urls(client):
    html = client.get("/ita/2564/answers/").content.decode()
    return re.findall(r'<a href="([^"]+)" id="ita-url-', html)


def test_the_demo_gives_full_urls_at_the_address_make_demo_serves(client, demo):
    """`make demo` serves 127.0.0.1:8000; the answer sheet's URLs say so."""
    urls = answer_sheet_urls(client)
    assert urls and all(
        url.startswith("http://127.0.0.1:8000/ita/2564/") for url in urls
    )
    api = client.get("/api/v2/pages/", {"type": "ita_wagtail.ItaItemPage"}).json()
    assert api["items"] and all(
        item["meta"]["html_url"].startswith("http://127.0.0.1:8000/ita/2564/")
        for item in api["items"]
    )


def test_the_demo_takes_the_address_it_is_served_on(client, demo):
    from wagtail.models import Site

    call_command("ita_demo", host="ita.example.org", port=8443, stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("ita.example.org", 8443)
    assert all(
        url.startswith("http://ita.example.org:8443/ita/2564/")
        for url in answer_sheet_urls(client)
    )


def test_other_sites_of_the_instance_keep_their_own_address(demo):
    from wagtail.models import Site

    from tests.factories import make_lao_site

    other = make_lao_site("other-lao.example.org")
    call_command("ita_demo", host="127.0.0.1", port=8001, stdout=io.StringIO())
    other.refresh_from_db()
    assert (other.hostname, other.port) == ("other-lao.example.org", 80)
    assert Site.objects.get(is_default_site=True).port == 8001
    assert Site.objects.count() == 2


def test_the_demo_refuses_an_address_another_site_has(demo):
    from django.core.management.base import CommandError
    from django.utils import translation

    from tests.factories import make_lao_site

    make_lao_site("other-lao.example.org")
    for language, words in (("en", "Another site already uses"), ("th", "มีเว็บไซต์อื่นใช้")):
        with translation.override(language), pytest.raises(CommandError) as error:
            call_command(
                "ita_demo", host="other-lao.example.org", port=80, stdout=io.StringIO()
            )
        assert words in str(error.value)
        assert "other-lao.example.org:80" in str(error.value)


# The present: the site's current ITA year, with nothing invented ----------------


MISSING = "ยังไม่เผยแพร่"  # "Not yet published", as the public reads it


def run_demo(today):
    out = io.StringIO()
    call_command("ita_demo", "--today", today, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("today", "year", "provisional"),
    [("2026-09-30", 2569, False), ("2026-12-03", 2570, True)],
)
def test_demo_adds_the_current_ita_year_with_its_catalogue_and_no_content(
    client, today, year, provisional
):
    from ita_wagtail.models import AnswersItemMixin, ItaYearPage, OitItem

    out = run_demo(today)
    assert f"Fiscal year {year}" in out
    assert ("provisional" in out) is provisional
    year_page = ItaYearPage.objects.get(year=year)
    assert year_page.live
    items = OitItem.objects.for_year(year)
    assert items.count() == 26
    assert all(item.provisional for item in items) is provisional
    # Nothing the อบต. did not publish: no page under the year.
    assert not [
        page
        for page in year_page.get_descendants().specific()
        if isinstance(page, AnswersItemMixin)
    ]
    report = year_page.get_year_report()
    assert (report.ready_count, report.total) == (0, 26)
    response = client.get(year_page.url)
    assert response.status_code == 200
    # The year page lists every item as missing.
    assert page_text(client, year_page.url).count(MISSING) == 26
    check = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("ita_check", "--year", str(year), stdout=check)
    assert check.getvalue().count("item.missing") == 26


def test_demo_with_the_current_year_runs_twice_without_change():
    run_demo("2026-12-03")
    assert "0 change(s)" in run_demo("2026-12-03")


def test_demo_dashboard_says_the_2570_list_is_provisional(admin_client):
    run_demo("2026-12-03")
    response = admin_client.get("/admin/")
    assert "2570" in response.content.decode()
    assert "ชั่วคราว" in response.content.decode()
