"""Thai typography: the shipped Sarabun font loads, lines break only between
Thai words, and digits follow the site's setting."""

import pytest

from ita_wagtail.models import ItaSiteSettings

from .browser import PHONE
from .pages import O43_PAGE, PUBLIC_ITA_PAGES


def test_sarabun_loads_from_the_app_and_nowhere_else(browser):
    browser.open(O43_PAGE)
    fonts = browser.run(
        """
        return {
          check: document.fonts.check("16px Sarabun", "ก") &&
                 document.fonts.check("bold 16px Sarabun", "ก"),
          loaded: [...document.fonts]
            .filter((face) => face.family.replace(/"/g, "") === "Sarabun" &&
                              face.status === "loaded")
            .map((face) => face.weight + " " +
                 (/E01/.test(face.unicodeRange) ? "thai" : "latin")),
          files: performance.getEntriesByType("resource")
            .map((entry) => new URL(entry.name))
            .filter((url) => url.pathname.endsWith(".woff2"))
            .map((url) => url.origin === location.origin ? url.pathname : url.href),
          family: getComputedStyle(document.querySelector(".ita-table td")).fontFamily,
        };
        """
    )
    assert fonts["check"]
    assert sorted(fonts["loaded"]) == [
        "400 latin",
        "400 thai",
        "700 latin",
        "700 thai",
    ]
    assert sorted(fonts["files"]) == [
        f"/static/ita_wagtail/fonts/sarabun-{subset}-{weight}-normal.woff2"
        for subset in ("latin", "thai")
        for weight in (400, 700)
    ]
    assert fonts["family"].startswith("Sarabun")


# For every line break inside the page's text, whether it falls between two
# words as Intl.Segmenter (ICU's Thai dictionary) finds them.
FIND_BREAKS_INSIDE_WORDS = """
const segmenter = new Intl.Segmenter("th", {granularity: "word"});
const walker = document.createTreeWalker(
  document.querySelector(arguments[0]), NodeFilter.SHOW_TEXT);
const range = document.createRange();
const bad = [];
let lines = 0;
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.data;
  if (!/[\\u0E00-\\u0E7F]/.test(text)) continue;
  const boundaries = new Set([...segmenter.segment(text)].map((s) => s.index));
  let lastTop = null;
  for (let i = 0; i < text.length; i++) {
    if (/\\s/.test(text[i])) continue;
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rect = range.getClientRects()[0];
    if (!rect) continue;
    if (lastTop !== null && rect.top > lastTop + 2) {
      lines++;
      // A line may start after a space, or at a word boundary.
      let start = i;
      while (start > 0 && /\\s/.test(text[start - 1])) start--;
      if (start === i && !boundaries.has(i)) {
        bad.push(text.slice(Math.max(0, i - 8), i) + "|" + text.slice(i, i + 8));
      }
    }
    lastTop = rect.top;
  }
}
return {lines, bad};
"""


def test_thai_lines_break_only_between_words_on_a_phone(browser):
    browser.open(O43_PAGE, PHONE)
    found = browser.run(FIND_BREAKS_INSIDE_WORDS, ".ita-page")
    assert found["lines"] > 100  # the narrow cards wrap a great deal of Thai
    assert found["bad"] == []


def test_the_line_break_check_catches_words_cut_in_the_middle(browser):
    """A control: with `word-break: break-all` the same check finds cut words."""
    browser.open(O43_PAGE, PHONE)
    browser.run("document.querySelector('.ita-page').style.wordBreak = 'break-all';")
    assert browser.run(FIND_BREAKS_INSIDE_WORDS, ".ita-page")["bad"] != []


@pytest.mark.parametrize("path", PUBLIC_ITA_PAGES)
def test_no_style_lets_a_line_break_inside_a_word(browser, path):
    browser.open(path, PHONE)
    offending = browser.run(
        """
        return [...document.querySelectorAll(".ita-page, .ita-page *")]
          .map((el) => [el, getComputedStyle(el)])
          .filter(([el, s]) => s.wordBreak === "break-all" ||
                               s.overflowWrap === "anywhere" ||
                               s.lineBreak === "anywhere")
          .map(([el, s]) => el.className || el.tagName);
        """
    )
    assert offending == []


def visible_digits(browser):
    return browser.run(
        """
        const text = document.querySelector(".ita-page").innerText
          .replace(/O\\d+/g, "");  // item codes such as O43 are names, not numbers
        const table = document.querySelector(".ita-table--results .ita-list");
        return {
          arabic: text.match(/.{0,12}[0-9]+/g) || [],
          thai: text.match(/.{0,12}[\\u0E50-\\u0E59]+/g) || [],
          listStyle: getComputedStyle(table).listStyleType,
        };
        """
    )


def test_digits_follow_the_site_setting(browser):
    browser.open(O43_PAGE)
    thai = visible_digits(browser)
    assert thai["arabic"] == []
    assert len(thai["thai"]) > 20
    assert thai["listStyle"] == "thai"

    settings = ItaSiteSettings.objects.get()
    settings.digits = "arabic"
    settings.save()
    browser.open(O43_PAGE)
    arabic = visible_digits(browser)
    assert arabic["thai"] == []
    assert len(arabic["arabic"]) > 20
    assert arabic["listStyle"] == "decimal"
