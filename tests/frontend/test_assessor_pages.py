"""What an NACC assessor meets on the demo's public pages, in Chromium: the
answer sheet, the publication histories, O1, O5 and O43 on screen and paper."""

import itertools

import pytest

from ita_wagtail.fiscal import to_thai_digits
from ita_wagtail.models import (
    ItaSiteSettings,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
)
from ita_wagtail.views.answer_sheet import answer_sheet_rows

from .browser import DESKTOP, PHONE
from .pages import O43_PAGE
from .test_print import compact, pdf_pages_text


ANSWERS = "/ita/2564/answers/"
HISTORY = "/ita/2564/o42/history/"

SHOWN = """
const shown = (el) => el.getClientRects().length > 0 &&
  getComputedStyle(el).visibility !== "hidden";
"""


# The answer sheet ------------------------------------------------------------


def published_items():
    """How many items of the demo's year have a page, so a URL to give."""
    rows = answer_sheet_rows(None, ItaYearPage.objects.get(year=2564))
    return sum(row.has_item for row in rows)


def test_copy_buttons_are_written_in_the_pages_font(browser):
    """Not the system's font, which on a machine without Thai fonts is tofu."""
    browser.open(ANSWERS)
    fonts = browser.run(
        """
        const buttons = [...document.querySelectorAll(".ita-copy")];
        return {
          page: getComputedStyle(document.querySelector(".ita-page")).fontFamily,
          buttons: buttons.map((button) => getComputedStyle(button).fontFamily),
          sarabun: document.fonts.check("16px Sarabun", buttons[0].textContent),
        };
        """
    )
    assert fonts["page"].startswith("Sarabun")
    assert fonts["buttons"] and set(fonts["buttons"]) == {fonts["page"]}
    assert fonts["sarabun"]


def test_copy_buttons_and_downloads_stay_off_the_printout(browser, tmp_path):
    browser.open(ANSWERS)
    on_screen = browser.run(
        SHOWN + "return [...document.querySelectorAll('.ita-copy')].filter(shown)"
        ".length"
    )
    assert on_screen == published_items()
    browser.emulate_media("print")
    on_paper = browser.run(
        SHOWN + "return [...document.querySelectorAll('.ita-copy, .ita-downloads')]"
        ".filter(shown).map((el) => el.outerHTML.slice(0, 60))"
    )
    assert on_paper == []
    printed = "".join(pdf_pages_text(browser.pdf(), tmp_path))
    assert "O43" in printed
    assert "คัดลอก" not in printed and "ดาวน์โหลด" not in printed


def test_the_answer_sheets_urls_open_the_demo_where_it_is_served(browser):
    """The demo's Site has the served address, so each URL given to the
    assessor opens its page (the live server's, as `make demo`'s)."""
    browser.open(ANSWERS)
    found = browser.run_async(
        """
        const links = [...document.querySelectorAll(".ita-answer__url a")];
        Promise.all(links.map((a) => fetch(a.href).then((response) => ({
          url: a.href,
          copied: a.parentElement.querySelector("[data-ita-copy]").dataset.itaCopy,
          sameOrigin: new URL(a.href).origin === location.origin,
          status: response.status,
        })))).then(done);
        """
    )
    assert len(found) == published_items()
    for link in found:
        assert link["sameOrigin"] and link["status"] == 200, link
        assert link["copied"] == link["url"]


@pytest.mark.parametrize("path", [ANSWERS, HISTORY])
def test_the_heading_reads_top_down_at_the_left(browser, path):
    """Organisation, title and year one under the other, as on the other pages."""
    browser.open(path)
    boxes = browser.run(
        """
        return [".ita-heading__organisation", ".ita-heading__title",
                ".ita-heading__year"].map((selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return {left: box.left, top: box.top, bottom: box.bottom};
        });
        """
    )
    assert len({round(box["left"]) for box in boxes}) == 1, boxes
    for above, below in itertools.pairwise(boxes):
        assert above["bottom"] <= below["top"] + 1, boxes


# Digits ----------------------------------------------------------------------

# The page's words, without web addresses and item codes (O1–O43), which are
# names; and the markers of its numbered lists.
DIGITS_IN_WORDS = """
const page = document.querySelector(".ita-page");
const text = page.innerText
  .replace(/https?:\\/\\/\\S+/g, " ")
  .replace(/(^|[^A-Za-z0-9])[A-Z]{1,3}[0-9]+/g, "$1");
return {
  arabic: text.match(/.{0,12}[0-9]+/g) || [],
  thai: (text.match(/[\\u0E50-\\u0E59]/g) || []).length,
  markers: [...page.querySelectorAll("ol")]
    .filter((ol) => ol.children.length && getComputedStyle(ol).display !== "none")
    .map((ol) => getComputedStyle(ol).listStyleType),
};
"""


@pytest.mark.parametrize(
    "path", ["/ita/2564/", ANSWERS, HISTORY, "/ita/2564/o42/o43/history/"]
)
def test_a_thai_digit_site_writes_no_arabic_digit_in_its_words(browser, path):
    browser.open(path)
    found = browser.run(DIGITS_IN_WORDS)
    assert found["arabic"] == []
    assert found["thai"] > 0
    assert set(found["markers"]) <= {"none", "thai"}


def test_an_arabic_digit_site_writes_none_in_thai(browser):
    """A control: the same check sees the digits when the site wants Arabic."""
    settings = ItaSiteSettings.objects.get()
    settings.digits = "arabic"
    settings.save()
    for path in (ANSWERS, HISTORY):
        browser.open(path)
        found = browser.run(DIGITS_IN_WORDS)
        assert found["thai"] == 0
        assert found["arabic"]
    assert "decimal" in found["markers"]


# The history -----------------------------------------------------------------


def test_history_summaries_end_between_two_thai_words(browser):
    """Each summary cut short ends where Intl.Segmenter (ICU's Thai
    dictionary) finds the end of a word of the measure."""
    labels = [
        to_thai_digits(" ".join(block.value["measure"].split()))
        for block in MeasureIndexPage.objects.get().measures
    ]
    browser.open(HISTORY)
    cuts = browser.run(
        """
        const segmenter = new Intl.Segmenter("th", {granularity: "word"});
        return [...document.querySelectorAll(".ita-history__changes li")]
          .map((li) => li.textContent.trim())
          .filter((text) => text.endsWith("…"))
          .map((text) => {
            const shown = text.slice(0, -1).trimEnd();
            const full = arguments[0].find((label) => label.startsWith(shown));
            const ends = full === undefined ? new Set() : new Set(
              [...segmenter.segment(full)].map((s) => s.index + s.segment.length));
            return [shown, ends.has(shown.length)];
          });
        """,
        labels,
    )
    assert cuts  # the demo's measures are long enough to be cut
    assert [shown for shown, at_word_end in cuts if not at_word_end] == []


# Item pages ------------------------------------------------------------------


def test_o1_table_on_a_phone_names_each_cell_by_its_column(browser):
    browser.open("/ita/2564/o1/", PHONE)
    table = browser.run(
        """
        const table = document.querySelector(".ita-table--data");
        return {
          display: getComputedStyle(table.querySelector("tbody tr")).display,
          headers: [...table.querySelectorAll("thead th")]
            .map((th) => th.textContent.trim()),
          labels: [...table.querySelectorAll("tbody tr")].map((row) =>
            [...row.cells].map((cell) =>
              getComputedStyle(cell, "::before").content.replace(/^"|"$/g, ""))),
        };
        """
    )
    assert table["display"] == "block"  # a card
    assert len(table["labels"]) == 4
    assert all(labels == table["headers"] for labels in table["labels"])


def test_o5_contact_details_are_upright_and_the_address_is_an_address(browser):
    browser.open("/ita/2564/o5/")
    contact = browser.run(
        """
        const block = document.querySelector(".ita-contact");
        return {
          styles: [block, ...block.querySelectorAll("*")]
            .map((el) => getComputedStyle(el).fontStyle),
          labels: [...block.querySelectorAll("dt")].map((dt) => dt.textContent),
        };
        """
    )
    assert set(contact["styles"]) == {"normal"}
    assert contact["labels"][0] == "ที่อยู่"


@pytest.mark.parametrize("path", ["/ita/2564/o1/", "/ita/2564/o5/"])
def test_item_pages_show_a_print_button_that_prints(browser, path):
    browser.open(path)
    browser.run("window.print = () => { window.itaPrinted = true; };")
    button = browser.driver.find_element("css selector", "button.ita-print-button")
    assert button.is_displayed()
    button.click()
    assert browser.run("return window.itaPrinted === true")


# O43 on screen and paper -------------------------------------------------------


def test_o43_shows_no_column_that_is_empty_in_every_row(browser):
    browser.open(O43_PAGE, DESKTOP)
    columns = browser.run(
        """
        const table = document.querySelector(".ita-table--results");
        const headers = [...table.querySelectorAll("thead th")];
        const rows = [...table.querySelectorAll("tbody tr")];
        return headers.map((th, index) => [th.textContent.trim(),
          rows.some((row) => row.cells[index] &&
                             row.cells[index].textContent.trim() !== "")]);
        """
    )
    assert len(columns) >= 5
    assert [name for name, filled in columns if not filled] == []


def test_printed_o43_never_ends_a_page_on_its_header_row(browser, tmp_path):
    browser.open(O43_PAGE)
    pages = pdf_pages_text(browser.pdf(), tmp_path)
    rows = MeasureResultPage.objects.get().get_measure_table().rows
    starts = [compact(row.measure["measure"])[:30] for row in rows]
    # The header row's first three columns: "มาตรการ/แนวทาง" alone is also
    # in the report's introduction.
    header = compact("มาตรการ/แนวทาง วิธีการดำเนินการ ผู้รับผิดชอบ")
    measures_per_page = []
    for number, page in enumerate(pages, start=1):
        if header in page:
            under_header = page[page.index(header) :]
            assert any(start in under_header for start in starts), number
        measures_per_page.append(sum(start in page for start in starts))
        # Numbered at its foot, in the site's digits: "๒ / ๔".
        assert compact(f"{number}/{len(pages)}") in page, number
    assert sum(measures_per_page) == len(rows)
    # Seven measures took five half-empty pages, one or two a page.
    assert len(pages) < 5
    assert max(measures_per_page) >= 3
