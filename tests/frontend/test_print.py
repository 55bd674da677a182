"""Printed, O43 is an A4 landscape report: whose, which year, which item, every
measure whole, and no navigation. A button prints it."""

import re

import pytest

from ita_wagtail.models import ItaSiteSettings

from .browser import A4_LANDSCAPE
from .pages import O43_PAGE


def media_box_points(pdf):
    """The page sizes of a PDF, in points, from its /MediaBox entries."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(float(width), float(height)) for width, height in boxes]


def test_o43_prints_on_a4_landscape(browser):
    browser.open(O43_PAGE)
    pages = media_box_points(browser.pdf())
    assert pages
    for width, height in pages:
        # A4 is 297 mm × 210 mm, 841.9 × 595.3 points.
        assert width == pytest.approx(841.9, abs=2)
        assert height == pytest.approx(595.3, abs=2)


def test_printed_o43_has_the_heading_and_no_navigation(browser):
    browser.open(O43_PAGE, A4_LANDSCAPE, media="print")
    printed = browser.run(
        """
        const shown = (el) => el.getClientRects().length > 0 &&
          getComputedStyle(el).visibility !== "hidden";
        return {
          heading: document.querySelector(".ita-heading").innerText,
          navigation: [...document.querySelectorAll("nav, .ita-breadcrumbs")]
            .filter(shown).map((el) => el.outerHTML.slice(0, 80)),
          button: shown(document.querySelector(".ita-print-button")),
          rows: [...document.querySelectorAll(".ita-table tbody tr")]
            .map((row) => getComputedStyle(row).breakInside),
          headerRepeats: getComputedStyle(document.querySelector(".ita-table thead"))
            .display,
        };
        """
    )
    settings = ItaSiteSettings.objects.get()
    assert settings.organisation_name in printed["heading"]
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๔" in printed["heading"]
    assert "O43" in printed["heading"]
    assert O43_PAGE in printed["heading"]  # the address to give the assessors
    assert printed["navigation"] == []
    assert printed["button"] is False
    assert printed["rows"] and set(printed["rows"]) == {"avoid"}
    assert printed["headerRepeats"] == "table-header-group"


def test_print_button_shows_on_screen_and_opens_the_print_dialog(browser):
    browser.open(O43_PAGE)
    browser.run("window.print = () => { window.itaPrinted = true; };")
    button = browser.driver.find_element("css selector", "button.ita-print-button")
    assert button.is_displayed()
    assert button.text == "พิมพ์หน้านี้"
    button.click()
    assert browser.run("return window.itaPrinted === true")
