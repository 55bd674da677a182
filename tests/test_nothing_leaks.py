"""Nothing of another LAO, of a draft or of a private page leaks (issue 13).

Walks every public URL of site A as an anonymous visitor: its pages and
their history, the year's answer sheet (HTML, CSV, XLSX), the open-data
exports, and the API (pages, images, documents), and looks for the words
planted in site B, in site A's drafts and in its private pages
(``tests/two_laos.py``).
"""

import io
import json
import zipfile

import pytest
from wagtail.models import Page

from ita_wagtail.models import AnswersItemMixin, ItaYearPage, MeasureIndexPage
from tests.two_laos import DRAFTS, PRIVATE, SITE_B, TwoLaos


pytestmark = pytest.mark.django_db

HOST_A = "a.example.go.th"


@pytest.fixture
def two_laos(db):
    return TwoLaos()


def text_of(response):
    """The words of a response, whatever its format (HTML, CSV, XLSX, JSON)."""
    content = (
        response.content
        if not response.streaming
        else b"".join(response.streaming_content)
    )
    if content[:2] == b"PK":  # an .xlsx: every XML part of the zip
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    text = content.decode("utf-8-sig", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON may write Thai as \\u escapes: read it back to compare.
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return text


def public_urls_of_site_a(laos):
    """Every public address of site A a visitor, a crawler or an app can open."""
    a, b = laos.a, laos.b
    pages = Page.objects.descendant_of(a.home, inclusive=True).live().specific()
    urls = []
    for page in pages:
        url = page.get_url()
        urls.append(url)
        urls.append(f"/api/v2/pages/{page.pk}/")
        if isinstance(page, AnswersItemMixin):
            urls.append(url + "history/")
        if isinstance(page, ItaYearPage):
            urls += [url + "answers/", url + "answers/csv/", url + "answers/xlsx/"]
    # Drafts and private pages, asked for by their address.
    for page in (a.unpublished, a.login_page, a.password_page):
        urls += [page.url, page.url + "history/", f"/api/v2/pages/{page.pk}/"]
    # The exports of both sites' O42/O43, asked for on site A.
    for tree in (a, b):
        for page in (tree.plan, tree.report):
            urls += [f"/ita-data/{page.pk}.{fmt}" for fmt in ("csv", "xlsx", "json")]
    # Site B's pages by id, through site A's API.
    urls += [f"/api/v2/pages/{page.pk}/" for page in (b.plan, b.report, b.item)]
    urls += [
        "/api/v2/pages/",
        "/api/v2/pages/?fields=*&type=ita_wagtail.MeasureIndexPage",
        "/api/v2/pages/?fields=*&type=ita_wagtail.MeasureResultPage",
        "/api/v2/pages/?fields=*&type=ita_wagtail.ItaItemPage",
        "/api/v2/pages/?fields=*&type=ita_wagtail.ItaYearPage",
        "/api/v2/pages/?search=" + SITE_B["measure"],
    ]
    return urls


def leaks(client, urls, planted, served=None):
    """(url, what) of each planted word found; ``served`` collects the 200s."""
    found = []
    for url in urls:
        response = client.get(url, HTTP_HOST=HOST_A)
        assert response.status_code in (200, 302, 401, 403, 404), (url, response)
        if response.status_code != 200:
            continue
        if served is not None:
            served.add(url)
        text = text_of(response)
        found += [(url, where) for word, where in planted.items() if word in text]
    return found


def test_the_fixture_planted_what_the_test_looks_for(client, two_laos):
    """Each planted word is really there, for those allowed to see it."""
    b_year = two_laos.b.year_page
    html_b = client.get(b_year.url + "answers/", HTTP_HOST="b.example.go.th")
    assert SITE_B["item"] in text_of(
        client.get(two_laos.b.item.url, HTTP_HOST="b.example.go.th")
    )
    assert html_b.status_code == 200
    plan = MeasureIndexPage.objects.get(pk=two_laos.a.plan.pk)
    assert DRAFTS["o42"] in json.dumps(
        plan.get_latest_revision().content, ensure_ascii=False
    )
    assert PRIVATE["login"] in str(two_laos.a.login_page.body)


def test_nothing_of_site_b_of_drafts_or_of_private_pages_reaches_site_a(
    client, two_laos
):
    urls = public_urls_of_site_a(two_laos)
    served = set()
    assert leaks(client, urls, two_laos.planted, served) == []
    # The walk really read site A's public pages, answer sheet, exports and API.
    a = two_laos.a
    expected = {
        a.plan.url,
        a.report.url,
        a.report.url + "history/",
        a.item.url,
        a.year_page.url + "answers/xlsx/",
        f"/ita-data/{a.report.pk}.xlsx",
        f"/ita-data/{a.plan.pk}.json",
        f"/api/v2/pages/{a.report.pk}/",
        "/api/v2/pages/?fields=*&type=ita_wagtail.MeasureResultPage",
    }
    assert expected <= served, expected - served
    # Nor did it read site B's or the private pages' content through site A.
    assert f"/ita-data/{two_laos.b.report.pk}.csv" not in served
    assert two_laos.a.login_page.url not in served


@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_the_api_lists_no_laos_documents_or_images(client, two_laos, endpoint):
    """Either listing would show every LAO's evidence, drafts' included."""
    url = f"/api/v2/{endpoint}/"
    assert client.get(url, HTTP_HOST=HOST_A).status_code == 404
    assert leaks(client, [url], two_laos.planted) == []
