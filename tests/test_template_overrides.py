"""A site can replace the whole O43 template, or only its table, without
forking the app (docs/webmaster-guide.md, "Overriding templates")."""

import pytest

from ita_wagtail.models import MeasureResultPage


pytestmark = pytest.mark.django_db

SITE_PAGE = """{% extends ita_base_template %}
{% block content %}<h1 class="site-o43">{{ page.title }}</h1>
{% include table_template with show_results=True caption="ตารางของเว็บไซต์" %}
{% endblock %}"""

SITE_TABLE = """<ol class="site-table">{% for row in table.rows %}
<li id="{{ row.anchor }}">{{ row.measure.measure }}: {{ row.status_label }}</li>
{% endfor %}</ol>"""


@pytest.fixture
def site_templates(tmp_path, settings):
    """A folder of the site's own templates, first in the template path."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]

    def add(name, source):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")

    return add


def test_a_same_named_template_earlier_in_the_path_replaces_the_o43_page(
    client, ita_tree, site_templates
):
    site_templates("ita_wagtail/pages/measure_result_page.html", SITE_PAGE)
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert '<h1 class="site-o43">การดำเนินการตามมาตรการ</h1>' in html
    assert "ita-progress" not in html  # the app's page is not used at all
    assert html.count('class="ita-table__row"') == 3  # its table still is


def test_a_same_named_table_template_replaces_only_the_table(
    client, ita_tree, site_templates
):
    site_templates("ita_wagtail/includes/measure_table.html", SITE_TABLE)
    o43 = client.get("/ita/2564/o42/o43/").content.decode()
    assert '<li id="measure-1">มาตรการที่ 1: ดำเนินการแล้ว</li>' in o43
    assert '<ol class="site-table">' in o43
    assert 'class="ita-table__row"' not in o43
    assert 'class="ita-progress"' in o43  # the rest of the page is the app's
    # The same include serves O42, so it follows too.
    assert '<ol class="site-table">' in client.get("/ita/2564/o42/").content.decode()


def test_the_table_template_attribute_replaces_the_table_of_one_page_type(
    client, ita_tree, site_templates, monkeypatch
):
    site_templates("lao/o43_table.html", SITE_TABLE)
    monkeypatch.setattr(MeasureResultPage, "table_template", "lao/o43_table.html")
    o43 = client.get("/ita/2564/o42/o43/").content.decode()
    assert '<ol class="site-table">' in o43
    assert 'class="ita-progress"' in o43
    o42 = client.get("/ita/2564/o42/").content.decode()
    assert '<ol class="site-table">' not in o42
    assert o42.count('class="ita-table__row"') == 3


def test_the_template_attribute_replaces_the_o43_page(
    client, ita_tree, site_templates, monkeypatch
):
    site_templates("lao/o43.html", SITE_PAGE)
    monkeypatch.setattr(MeasureResultPage, "template", "lao/o43.html")
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert '<h1 class="site-o43">' in html
    assert "ตารางของเว็บไซต์" in html


SITE_FRAME = """{% extends ita_base_template %}
{% block content %}<div class="site-frame">{% block ita_main %}{% endblock %}</div>
{% endblock %}"""

SITE_O43_MAIN = """{% extends "ita_wagtail/pages/base.html" %}
{% block ita_page_class %}results{% endblock %}
{% block ita_main %}<p class="site-o43-note">{{ page.title }}</p>
{% include table_template with show_results=True caption=page.title %}
{% endblock %}"""


def test_a_page_template_extends_the_apps_base_and_replaces_only_what_follows(
    client, ita_tree, site_templates
):
    site_templates("ita_wagtail/pages/measure_result_page.html", SITE_O43_MAIN)
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert '<p class="site-o43-note">การดำเนินการตามมาตรการ</p>' in html
    assert '<article class="ita-page ita-page--results' in html
    assert 'class="ita-breadcrumbs"' in html and 'class="ita-heading"' in html
    assert "ita-report-facts" not in html  # the app's ita_main is replaced
    assert html.count('class="ita-table__row"') == 3


def test_a_same_named_pages_base_frames_every_ita_page_and_view(
    client, ita_tree, site_templates
):
    site_templates("ita_wagtail/pages/base.html", SITE_FRAME)
    for url in ("/ita/", "/ita/2564/", "/ita/2564/o42/", "/ita/2564/o42/o43/"):
        html = client.get(url).content.decode()
        assert '<div class="site-frame">' in html, url
        assert "<article" not in html, url
    for url in ("/ita/2564/answers/", "/ita/2564/o42/history/"):
        html = client.get(url).content.decode()  # subpage.html extends it too
        assert '<div class="site-frame">' in html, url


def test_a_page_template_extends_the_apps_own_and_adds_before_its_main_part(
    client, ita_tree, site_templates, monkeypatch
):
    site_templates(
        "lao/o43.html",
        '{% extends "ita_wagtail/pages/measure_result_page.html" %}'
        '{% block ita_main %}<p class="lao-note">หมายเหตุ</p>{{ block.super }}'
        "{% endblock %}",
    )
    monkeypatch.setattr(MeasureResultPage, "template", "lao/o43.html")
    html = client.get("/ita/2564/o42/o43/").content.decode()
    assert html.index('<p class="lao-note">') < html.index("ita-report-facts")
    assert html.count('class="ita-table__row"') == 3
