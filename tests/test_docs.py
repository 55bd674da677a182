"""The documentation (issue 15 point 6): a README for what a webmaster and a
developer need first, linking the guides (webmaster, editor, developer)
instead of holding everything; links between them that lead somewhere."""

import re
from pathlib import Path
from urllib.parse import unquote


ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
WEBMASTER_GUIDE = ROOT / "docs" / "webmaster-guide.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def without_code(markdown):
    """The Markdown outside fenced code blocks (whose `#` lines are comments)."""
    return re.sub(r"^```.*?^```", "", markdown, flags=re.M | re.S)


def headings(markdown):
    return [
        match.group(2).strip()
        for match in re.finditer(r"^(#{1,6}) (.*)$", without_code(markdown), re.M)
    ]


def anchor(heading):
    """The anchor GitHub gives a heading (English and Thai letters kept)."""
    text = re.sub(r"[`*_]", "", heading).lower()
    text = "".join(
        c for c in text if c.isalnum() or c in " -" or "\u0e00" <= c <= "\u0e7f"
    )
    return text.replace(" ", "-")


def links(path):
    return LINK.findall(without_code(path.read_text(encoding="utf-8")))


def test_the_readme_links_the_three_guides():
    readme = README.read_text(encoding="utf-8")
    guides = readme.split("## Guides")[1].split("\n## ")[0]
    assert "(docs/webmaster-guide.md)" in guides
    assert "(docs/editor-guide-th.md)" in guides
    assert "(#development)" in guides and "(docs/architecture.md)" in guides
    assert "## Development" in readme


def test_the_webmaster_guide_holds_what_the_readme_no_longer_does():
    readme = headings(README.read_text(encoding="utf-8"))
    guide = headings(WEBMASTER_GUIDE.read_text(encoding="utf-8"))
    for section in [
        "Installation details",
        "Configuration settings",
        "First steps in the admin",
        "Page types",
        "Management commands",
        "Deployment: production, caching, query budgets",
        "Troubleshooting",
    ]:
        assert section in guide, section
    for moved in ["Page types", "Management commands", "Settings", "Caching"]:
        assert moved not in readme, moved
    # The README keeps to a quick start, an install and the way in.
    assert len(README.read_text(encoding="utf-8").splitlines()) < 400


def test_every_link_between_the_documents_leads_somewhere():
    broken = []
    for document in DOCS:
        for target in links(document):
            if re.match(r"[a-z]+:", target):
                continue  # http(s), mailto: not checked offline
            path, _hash, fragment = target.partition("#")
            file = (document.parent / unquote(path)).resolve() if path else document
            if not file.exists():
                broken.append(f"{document.name}: {target}")
            elif fragment and file.suffix == ".md":
                anchors = {anchor(h) for h in headings(file.read_text("utf-8"))}
                if unquote(fragment) not in anchors:
                    broken.append(f"{document.name}: {target}")
    assert broken == []
