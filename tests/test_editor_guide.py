"""The editor's guide (issue 15 point 6): kept in docs/, shown in the admin to
an ITA editor, linked from the Help menu and the dashboard's ITA panel."""

import html as html_module
import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from ita_wagtail.services.roles import setup_site_roles
from tests.factories import member


pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "editor-guide-th.md"
TEMPLATE = ROOT / "ita_wagtail/templates/ita_wagtail/admin/editor_guide.html"
#: The package's copies of the guide's screenshots (docs/ is not installed).
PACKAGE_IMAGES = ROOT / "ita_wagtail/static/ita_wagtail/editor-guide"


def images_of(markdown):
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)


def headings(markdown, level):
    prefix = "#" * level + " "
    return [
        line[len(prefix) :] for line in markdown.splitlines() if line.startswith(prefix)
    ]


def text_of(html):
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def menu_links(props):
    """Every link of the sidebar's JSON props, as dicts with a label and a url."""
    if isinstance(props, dict):
        if "label" in props and "url" in props:
            yield props
        for value in props.values():
            yield from menu_links(value)
    elif isinstance(props, list):
        for value in props:
            yield from menu_links(value)


@pytest.fixture
def editor(client, django_user_model, ita_tree):
    roles = setup_site_roles(ita_tree.site)
    user = member(django_user_model, "editor", roles.editors, language="th")
    client.force_login(user)
    return client


def test_the_guide_covers_the_editors_path_from_the_empty_year_to_the_answer_sheet():
    sections = headings(GUIDE.read_text(encoding="utf-8"), 2)
    for words in [
        "เข้าสู่ระบบ",
        "กล่อง ITA",
        "สร้างหน้าปีงบประมาณ",
        "O42",
        "O43",
        "ตรวจสอบ ITA",
        "ส่งให้ตรวจ",
        "แบบตอบ ITAS",
        "เริ่มปีงบประมาณถัดไป",
        "ลบมาตรการ",
        "O25 และ O26",
    ]:
        assert any(words in section for section in sections), words
    for image in images_of(GUIDE.read_text("utf-8")):
        assert (GUIDE.parent / image).is_file(), image


def test_the_guide_shows_its_screenshots_and_promises_none_for_later():
    markdown = GUIDE.read_text(encoding="utf-8")
    assert "จะเพิ่มภายหลัง" not in markdown  # "to be added later"
    shown = {Path(image).name for image in images_of(markdown)}
    # The Thai admin a clerk works in, and what the public (assessors) reads.
    assert {
        "admin-dashboard.png",
        "admin-import-preview.png",
        "admin-o43-editor.png",
        "admin-ita-checks.png",
        "answer-sheet.png",
    } <= shown


def test_the_admins_guide_shows_the_same_screenshots_from_the_package(editor):
    html = editor.get(reverse("ita_wagtail_editor_guide")).content.decode()
    images = [Path(image).name for image in images_of(GUIDE.read_text("utf-8"))]
    assert images
    assert re.findall(r'<img src="([^"]+)"', html) == [
        static(f"ita_wagtail/editor-guide/{name}") for name in images
    ]
    # Served from the app's own static files, so the installed package has
    # them; the same files as docs/screenshots/ (docs/render_editor_guide.py).
    assert sorted(path.name for path in PACKAGE_IMAGES.iterdir()) == sorted(images)
    for name in images:
        found = Path(finders.find(f"ita_wagtail/editor-guide/{name}"))
        assert found == PACKAGE_IMAGES / name
        assert found.read_bytes() == (GUIDE.parent / "screenshots" / name).read_bytes()


def test_an_editor_reads_the_guide_in_the_admin(editor):
    response = editor.get(reverse("ita_wagtail_editor_guide"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "คู่มือสำหรับเจ้าหน้าที่" in text_of(html)
    markdown = GUIDE.read_text(encoding="utf-8")
    for level in (2, 3):
        for heading in headings(markdown, level):
            assert f"<h{level}>{heading}</h{level}>" in html, heading
    # Every step the Markdown gives is in the admin's rendering, word for word.
    page_text = text_of(html)
    for line in markdown.splitlines():
        step = re.match(r"^\s*\d+\. (.*)", line)
        if step and "`" not in step.group(1) and "**" not in step.group(1):
            assert step.group(1) in page_text, step.group(1)


def test_the_guides_header_names_it(editor):
    # Not "Home" alone: the last breadcrumb, the header's visible title.
    html = editor.get(reverse("ita_wagtail_editor_guide")).content.decode()
    trail = html[html.index('aria-label="เส้นทางนำทาง"') :]
    items = re.findall(r"<li[^>]*>(.*?)</li>", trail[: trail.index("</nav>")], re.S)
    assert [text_of(item) for item in items] == ["หน้าแรก", "คู่มือสำหรับเจ้าหน้าที่"]
    assert "<a" not in items[-1]  # the page itself, not a link to it


def test_the_guide_is_not_shown_to_anonymous_visitors(client):
    response = client.get(reverse("ita_wagtail_editor_guide"))
    assert response.status_code == 302


def test_the_help_menu_and_the_dashboard_link_to_the_guide(editor):
    url = reverse("ita_wagtail_editor_guide")
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert f'<a href="{url}">คู่มือสำหรับเจ้าหน้าที่</a>' in html  # ITA panel
    # The sidebar is drawn from JSON props; the guide is in its Help menu.
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        html,
        re.S,
    ).group(1)
    sidebar = json.dumps(json.loads(props), ensure_ascii=False)
    help_menu = sidebar[sidebar.index('"ความช่วยเหลือ"') :]
    links = {(item["label"], item["url"]) for item in menu_links(json.loads(props))}
    assert ("คู่มือสำหรับเจ้าหน้าที่ (ITA)", url) in links
    assert '"name": "ita-editor-guide"' in help_menu
