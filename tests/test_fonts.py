"""The Sarabun web fonts ship with the app, with their licence, and are the
files of the npm package they were copied from (`make fonts`)."""

import re
from pathlib import Path

from tests.frontend.tools import npm_file


ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "ita_wagtail" / "static" / "ita_wagtail" / "fonts"
FONTSOURCE = ROOT / "node_modules" / "@fontsource" / "sarabun"
CSS = ROOT / "ita_wagtail" / "static" / "ita_wagtail" / "css" / "ita.css"


def test_every_font_the_stylesheet_names_ships_with_the_app_as_woff2():
    named = re.findall(r'url\("\.\./fonts/([^"]+)"\)', CSS.read_text())
    assert sorted(named) == sorted(path.name for path in FONTS.glob("*.woff2"))
    assert {
        f"sarabun-{s}-{w}-normal.woff2" for s in ("thai", "latin") for w in (400, 700)
    } <= set(named)
    for name in named:
        assert (FONTS / name).read_bytes()[:4] == b"wOF2"


def test_the_fonts_carry_their_open_font_licence():
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Sarabun Project Authors" in licence


def test_no_stylesheet_loads_a_font_from_another_server():
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", CSS.read_text())
    assert "@import" not in CSS.read_text()


def test_the_shipped_fonts_are_the_npm_package_files():
    npm_file(FONTSOURCE / "LICENSE")
    for font in FONTS.glob("*.woff2"):
        assert font.read_bytes() == (FONTSOURCE / "files" / font.name).read_bytes()
    assert (FONTS / "OFL.txt").read_bytes() == (FONTSOURCE / "LICENSE").read_bytes()
