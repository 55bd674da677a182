"""A reader's year page checks only which items can be opened (issue 17, target 2).

The app's year page shows a reader which items are published, and findings
only to editors; for a reader it now skips the editors' content checks. The
HTML must not change: it is compared with the page built with every check,
for items that are live, live with findings, draft, private, password
protected and expired. Editors, the answer sheet, and a site's own year page
template still get every finding.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail import hooks
from wagtail.models import PageViewRestriction

from ita_wagtail.models import pages
from ita_wagtail.services.year_report import build_year_report


pytestmark = pytest.mark.django_db

YEAR = "/ita/2564/"


@pytest.fixture
def year_with_every_state(ita_tree):
    ita_tree.add_item_page("O1")
    ita_tree.add_item_page("O2").unpublish()
    link = {"url": "https://drive.google.com/x", "title": "แผน", "description": ""}
    ita_tree.add_item_page("O3", body=[{"type": "external_link", "value": link}])
    private = ita_tree.add_item_page("O4")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ita_tree.add_item_page("O6", expire_at=timezone.now() - datetime.timedelta(days=1))
    return ita_tree


@pytest.fixture
def builds():
    """The ``visibility_only`` argument of each year report built."""
    calls = []

    def spy(year_page, request=None, visibility_only=False):
        calls.append(visibility_only)
        return build_year_report(year_page, request, visibility_only=visibility_only)

    # After the app's own registration: the year page uses the last one.
    with hooks.register_temporarily(pages.YEAR_OVERVIEW_HOOK, spy, order=1):
        yield calls


def test_a_readers_year_page_is_the_same_without_the_content_checks(
    client, year_with_every_state, builds, monkeypatch
):
    quick = client.get(YEAR).content.decode()
    assert builds == [True]
    # Every check, as before issue 17: as if the year template were a site's.
    monkeypatch.setattr(pages, "picks_the_apps_template", lambda name: False)
    full = client.get(YEAR).content.decode()
    assert builds == [True, False]
    assert quick == full
    assert 'href="/ita/2564/o1/"' in quick
    assert 'href="/ita/2564/o3/"' in quick  # findings do not hide a live page
    for hidden in ("o2", "o4", "o6"):  # draft, private, expired
        assert f'href="/ita/2564/{hidden}/"' not in quick


def test_editors_still_see_every_finding(admin_client, year_with_every_state, builds):
    html = admin_client.get(YEAR).content.decode()
    assert builds == [False]
    assert "ita-item-status--live_with_findings" in html


def test_the_answer_sheet_still_gets_every_finding(
    client, year_with_every_state, builds
):
    response = client.get(f"{YEAR}answers/")
    assert response.status_code == 200
    assert builds == [False]


def test_a_sites_own_year_template_gets_every_finding(
    client, year_with_every_state, builds, settings, tmp_path
):
    (tmp_path / "ita_wagtail" / "pages").mkdir(parents=True)
    (tmp_path / "ita_wagtail" / "pages" / "ita_year_page.html").write_text(
        "{% for entry in report.entries %}{% if entry.page %}"
        "<p>{{ entry.item.code }} {{ entry.status }}</p>{% endif %}{% endfor %}",
        encoding="utf-8",
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    html = client.get(YEAR).content.decode()
    assert builds == [False]
    assert "<p>O3 live_with_findings</p>" in html
