"""Render docs/editor-guide-th.md into the admin's template (editor_guide.html).

Run from the repository root when the guide or its screenshots change
(`make screenshots` runs it):
    pip install markdown-it-py && python docs/render_editor_guide.py
The app does not depend on markdown-it-py; only this script does.

The guide's screenshots are in docs/screenshots/, which the package does not
hold: the script copies each one the guide shows into the package's static
files (static/ita_wagtail/editor-guide/), so the installed app's admin shows
them too, and the admin's page points there.
"""

import re
import shutil
from pathlib import Path

from markdown_it import MarkdownIt


ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "editor-guide-th.md"
TEMPLATE = ROOT / "ita_wagtail/templates/ita_wagtail/admin/editor_guide.html"
#: Where the guide's screenshots ship, under the app's static files.
STATIC_PREFIX = "ita_wagtail/editor-guide/"
STATIC_DIR = ROOT / "ita_wagtail/static" / STATIC_PREFIX
IMAGE = re.compile(r'<img src="screenshots/([\w.-]+\.png)"')

HEAD = """{% extends "wagtailadmin/generic/base.html" %}{% load static %}
{% comment %}
The editor's guide, in Thai only: the HTML of docs/editor-guide-th.md, made by
docs/render_editor_guide.py (run it when that file changes; the test
tests/test_editor_guide.py checks that the headings and steps are the same).
Its prose is Thai content, not interface text: it is not marked for translation.
{% endcomment %}
{% block main_content %}
<div class="ita-editor-guide" lang="th">
"""
TAIL = """</div>
{% endblock %}
"""


def main():
    source = GUIDE.read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").render(source)
    if "{%" in html or "{{" in html:
        raise SystemExit("The guide may not contain Django template tags.")
    images = IMAGE.findall(html)
    if len(images) != html.count("<img "):
        raise SystemExit("The guide's images must be PNG files of docs/screenshots/.")
    # The package's copies: exactly the images the guide shows.
    STATIC_DIR.mkdir(parents=True, exist_ok=True)
    for old in STATIC_DIR.glob("*.png"):
        if old.name not in images:
            old.unlink()
    for name in images:
        shutil.copyfile(GUIDE.parent / "screenshots" / name, STATIC_DIR / name)
    html = IMAGE.sub(
        lambda image: f"<img src=\"{{% static '{STATIC_PREFIX}{image.group(1)}' %}}\"",
        html,
    )
    # The guide's own title is the admin page's heading: keep the body only.
    html = re.sub(r"^<h1>.*?</h1>\n", "", html)
    TEMPLATE.write_text(HEAD + html + TAIL, encoding="utf-8")


if __name__ == "__main__":
    main()
