"""Every public ITA page passes axe-core's WCAG 2.1 A and AA rules (and its best
practices), on a desktop and on a phone-sized screen, where tables become cards."""

import pytest

from .browser import DESKTOP, PHONE
from .pages import PUBLIC_ITA_PAGES


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PUBLIC_ITA_PAGES)
def test_public_page_has_no_wcag_21_aa_violations(browser, path, size):
    browser.open(path, size)
    assert browser.axe_violations() == []


def test_the_accessibility_check_reports_what_it_finds(browser):
    """A control: the same check fails on a page made inaccessible on purpose."""
    browser.open("/ita/2564/o42/o43/")
    browser.run(
        "const p = document.createElement('p');"
        "p.textContent = 'ข้อความจาง'; p.style.color = '#ccc';"
        "document.querySelector('main').append(p);"
        "document.querySelector('th[scope=col]').removeAttribute('scope');"
        "document.documentElement.removeAttribute('lang');"
    )
    found = {line.split(" ")[0] for line in browser.axe_violations()}
    assert {"color-contrast", "html-has-lang"} <= found
