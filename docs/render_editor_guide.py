"""Render docs/editor-guide-th.md into the admin's template (editor_guide.html).

Run from the repository root when the guide changes:
    pip install markdown-it-py && python docs/render_editor_guide.py
The app does not depend on markdown-it-py; only this script does.
"""

import re
from pathlib import Path

from markdown_it import MarkdownIt


ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "editor-guide-th.md"
TEMPLATE = ROOT / "ita_wagtail/templates/ita_wagtail/admin/editor_guide.html"

HEAD = """{% extends "wagtailadmin/generic/base.html" %}
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
    # The admin does not serve docs/screenshots: say where each one is.
    source = re.sub(
        r"!\[([^\]]*)\]\(([^)]*)\)",
        r"> ภาพหน้าจอ: \1 (ไฟล์ `docs/\2` ในชุดโปรแกรม)",
        source,
    )
    html = MarkdownIt("commonmark").render(source)
    if "{%" in html or "{{" in html:
        raise SystemExit("The guide may not contain Django template tags.")
    # The guide's own title is the admin page's heading: keep the body only.
    html = re.sub(r"^<h1>.*?</h1>\n", "", html)
    TEMPLATE.write_text(HEAD + html + TAIL, encoding="utf-8")


if __name__ == "__main__":
    main()
