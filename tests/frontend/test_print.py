"""Printed, O43 is an A4 landscape report: whose, which year, which item, every
measure whole, and no navigation. A button prints it."""

import re
import subprocess

import pytest

from ita_wagtail.fiscal import to_thai_digits
from ita_wagtail.models import ItaSiteSettings, MeasureResultPage

from .browser import A4_LANDSCAPE, PHONE
from .pages import O43_PAGE
from .tools import executable


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


def pdf_pages_text(pdf, tmp_path):
    """The text of each page of a PDF, without white space (lines wrap anywhere)."""
    pdftotext = executable("ITA_PDFTOTEXT", "pdftotext")
    path = tmp_path / "o43.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-raw", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return ["".join(page.split()) for page in text.split("\f") if page.strip()]


def compact(text):
    return "".join(to_thai_digits(text).split())


def test_printed_o43_never_splits_a_measure_across_pages(browser, tmp_path):
    browser.open(O43_PAGE)
    pages = pdf_pages_text(browser.pdf(), tmp_path)
    rows = MeasureResultPage.objects.get().get_measure_table().rows
    assert len(pages) > 2  # long enough that page breaks fall among the measures
    for row in rows:
        first = compact(row.measure["measure"])[:30]
        last = compact(row.result["actions"][-1])[-30:]
        pages_with_start = [n for n, page in enumerate(pages) if first in page]
        pages_with_end = [n for n, page in enumerate(pages) if last in page]
        assert len(pages_with_start) == 1, first
        assert pages_with_start == pages_with_end, (row.number, first, last)


def test_printed_o43_starts_its_table_on_page_1_and_no_page_ends_on_its_header(
    browser, tmp_path
):
    """Page 1 holds the heading and progress, and the table's caption, header
    row and first measure under them (it used to hold only the heading and
    the progress: the table started on page 2). Every page that shows the
    header row shows a measure under it."""
    browser.open(O43_PAGE)
    pages = pdf_pages_text(browser.pdf(), tmp_path)
    rows = MeasureResultPage.objects.get().get_measure_table().rows
    first = rows[0]
    assert compact("ความคืบหน้าของมาตรการ") in pages[0]
    assert compact(first.measure["measure"])[:30] in pages[0]
    assert compact(first.result["actions"][-1])[-30:] in pages[0]
    header = compact("วิธีการดำเนินการ")
    starts = [compact(row.measure["measure"])[:30] for row in rows]
    for number, page in enumerate(pages, 1):
        if header in page:
            after = page[page.index(header) :]
            assert any(start in after for start in starts), number


def test_printing_from_a_phone_still_prints_the_table(browser):
    browser.open(O43_PAGE, PHONE, media="print")
    assert (
        browser.run(
            "return getComputedStyle(document.querySelector('.ita-table')).display"
        )
        == "table"
    )
