"""On a 360 px phone the tables become cards and nothing scrolls sideways;
on a desktop the O43 table is a real table."""

import pytest

from ita_wagtail.models import MeasureIndexPage

from .browser import DESKTOP, PHONE
from .pages import O43_PAGE, PUBLIC_ITA_PAGES


@pytest.mark.parametrize("path", PUBLIC_ITA_PAGES)
def test_public_page_never_scrolls_sideways_on_a_phone(browser, path):
    browser.open(path, PHONE)
    width, inner_width = browser.run(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner_width == PHONE[0]
    assert width <= inner_width


def measure_count():
    return len(MeasureIndexPage.objects.get().measures)


def test_o43_on_a_phone_is_one_readable_card_per_measure(browser):
    browser.open(O43_PAGE, PHONE)
    cards = browser.run(
        """
        const table = document.querySelector(".ita-table--results");
        const head = table.querySelector("thead").getBoundingClientRect();
        return {
          head: [head.width, head.height],
          cards: [...table.querySelectorAll("tbody tr")].map((row) => {
            const box = row.getBoundingClientRect();
            const cells = [...row.children].filter(
              (cell) => getComputedStyle(cell).display !== "none");
            return {
              display: getComputedStyle(row).display,
              left: box.left, right: box.right,
              // Cells are stacked: each starts where the card starts, below the last.
              stacked: cells.every((cell, i) => i === 0 ||
                cell.getBoundingClientRect().top >=
                  cells[i - 1].getBoundingClientRect().bottom - 1),
              labels: cells.map((cell) =>
                getComputedStyle(cell, "::before").content.replace(/^"|"$/g, "")),
              headers: cells.map((cell) =>
                table.querySelectorAll("thead th")[cell.cellIndex].textContent.trim()),
            };
          }),
        };
        """
    )
    assert cards["head"][0] <= 1 and cards["head"][1] <= 1  # read aloud, not shown
    assert len(cards["cards"]) == measure_count()
    for card in cards["cards"]:
        assert card["display"] == "block"
        assert card["left"] >= 0
        assert card["right"] <= PHONE[0]
        assert card["stacked"]
        # Each cell is introduced by its column's name, as the table would.
        assert card["labels"] == card["headers"]


def test_o43_on_a_desktop_is_a_table_with_scoped_header_cells(browser):
    browser.open(O43_PAGE, DESKTOP)
    table = browser.run(
        """
        const table = document.querySelector(".ita-table--results");
        const rows = [...table.querySelectorAll("tbody tr")];
        return {
          display: getComputedStyle(table).display,
          columns: [...table.querySelectorAll("thead th")].map((th) =>
            [th.scope, th.getBoundingClientRect().width > 40]),
          rowHeaders: rows.map((row) =>
            row.cells[0].tagName + ":" + row.cells[0].scope),
          // The cells of a row sit side by side, on one line.
          sideBySide: rows.every((row) => new Set(
            [...row.cells].map((cell) => Math.round(cell.getBoundingClientRect().top))
          ).size === 1),
          scrollWidth: document.documentElement.scrollWidth,
        };
        """
    )
    assert table["display"] == "table"
    # Six columns less the suggestions, which the demo's report leaves empty.
    assert table["columns"] == [["col", True]] * 5
    assert table["rowHeaders"] == ["TH:row"] * measure_count()
    assert table["sideBySide"]
    assert table["scrollWidth"] <= DESKTOP[0]
