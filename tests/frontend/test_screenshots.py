"""Screenshots of what the README and the editor's guide show: the Thai admin
a clerk works in (the dashboard, the O43 editor, an import's preview, ITA
checks), the ITAS answer sheet, and O43 as a citizen, an assessor and a
signing executive see it (desktop, a 360 px phone, page 1 printed on A4).

They are saved to $ITA_SCREENSHOT_DIR when it is set (CI keeps them), else to
the test run's temporary folder. `make screenshots` saves them to
docs/screenshots/, which holds the committed copies (the guide's are also
shipped in the package, see docs/render_editor_guide.py).
"""

import io
import os
import struct
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready

from ita_wagtail.models import MeasureResultPage

from .browser import A4_LANDSCAPE, DESKTOP, PHONE
from .pages import DEMO_EDITOR, DEMO_PASSWORD, O43_PAGE
from .tools import executable
from .wagtail_admin import WagtailAdmin


ROOT = Path(__file__).resolve().parents[2]
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"

#: Public pages: name, window, address, and how much of the page's top to keep
#: (the whole page is photographed; the docs show its beginning).
PUBLIC_SHOTS = [
    ("o43-desktop", DESKTOP, O43_PAGE, 1300),
    ("o43-phone-360", PHONE, O43_PAGE, 2000),
    ("answer-sheet", DESKTOP, "/ita/2564/answers/", 1000),
]
ADMIN_SHOTS = [
    "admin-dashboard",
    "admin-o43-editor",
    "admin-import-preview",
    "admin-ita-checks",
]
#: The first two A4 pages of O43 printed (the heading; the table).
PRINT_SHOTS = ["o43-print-a4-page-1", "o43-print-a4-page-2"]

#: Every image the test makes: docs/screenshots/ holds these and no other.
ALL_SHOTS = sorted([shot[0] for shot in PUBLIC_SHOTS] + ADMIN_SHOTS + PRINT_SHOTS)


@pytest.fixture
def screenshot_dir(tmp_path_factory):
    folder = os.environ.get("ITA_SCREENSHOT_DIR")
    if not folder:
        return tmp_path_factory.mktemp("screenshots")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def png_size(png):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def save(folder, name, png, keep_height=None):
    """Save a screenshot as a small PNG: its top ``keep_height`` pixels, in 256
    colours (a screen of text and flat colours loses nothing visible),
    optimised. Returns the size of the whole screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    kept = image.crop((0, 0, image.width, min(image.height, keep_height or 10**6)))
    small = kept.quantize(colors=256, dither=Image.Dither.NONE)
    small.save(folder / f"{name}.png", optimize=True)
    return image.size


def sarabun_in_use(browser):
    """The admin's or the page's Thai letters are drawn in the shipped Sarabun.

    Chromium here has no Thai system font: without Sarabun the shots would
    show empty boxes where the Thai letters are.
    """
    return browser.run(
        "return [...document.fonts].some((face) => face.family.includes('Sarabun')"
        " && face.status === 'loaded' && face.unicodeRange.includes('E01'));"
    )


def admin_shot(browser, folder, name, height=DESKTOP[1]):
    """The admin in a desktop-wide window, as the clerk sees it (a taller
    window than the desktop's where the page's point needs it)."""
    if height != DESKTOP[1]:
        browser.resize((DESKTOP[0], height))
    browser.run_async("document.fonts.ready.then(() => done(true));")
    assert sarabun_in_use(browser), name
    size = save(folder, name, browser.driver.get_screenshot_as_png())
    browser.resize(DESKTOP)
    assert size == (DESKTOP[0], height)


def test_the_thai_admin_and_the_answer_sheet_are_photographed(
    browser, demo_roles, screenshot_dir, settings
):
    # The admin's avatars are Gravatar's, which this offline browser cannot
    # reach: show Wagtail's own default avatar instead of a broken image.
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    report = MeasureResultPage.objects.get()

    admin = WagtailAdmin(browser)
    admin.log_in(DEMO_EDITOR, DEMO_PASSWORD)
    assert admin.find("html").get_attribute("lang") == "th"
    admin.find(".ita-dashboard")
    admin_shot(browser, screenshot_dir, "admin-dashboard")

    # The O43 editor at its first result row, with the footer's menu open
    # at "submit for approval".
    browser.driver.get(f"{browser.base_url}/admin/pages/{report.pk}/edit/")
    browser.run(
        "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -140);",
        admin.find(".ita-measure-label"),
    )
    browser.run(
        "arguments[0].click()", admin.find("footer [data-w-dropdown-target=toggle]")
    )
    admin.wait.until(
        ready.visibility_of_element_located(
            (By.CSS_SELECTOR, "button[name=action-submit]")
        )
    )
    time.sleep(0.5)  # the menu's opening animation
    admin_shot(browser, screenshot_dir, "admin-o43-editor")

    browser.driver.get(f"{browser.base_url}/admin/ita/import/{report.pk}/")
    admin.find("input[type=file]").send_keys(str(FIXTURES / "tungkwao-o43-2564.csv"))
    admin.click(admin.find(".ita-import form button[type=submit]"))
    admin.find("button[name=action][value=confirm]")
    admin_shot(browser, screenshot_dir, "admin-import-preview", height=1500)

    browser.driver.get(f"{browser.base_url}/admin/ita/findings/?year=2564")
    admin.find("form.ita-filters")
    admin_shot(browser, screenshot_dir, "admin-ita-checks")

    for name, size, path, keep_height in PUBLIC_SHOTS:
        browser.open(path, size)
        assert sarabun_in_use(browser), name
        png = browser.full_page_png()
        width, height = save(screenshot_dir, name, png, keep_height)
        assert width == size[0]  # the whole page, and nothing wider than the screen
        assert height >= size[1]

    # Printed: the first A4 pages of the PDF Chromium prints, as images.
    browser.open(O43_PAGE, A4_LANDSCAPE, "print")
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    pdftoppm = executable("ITA_PDFTOPPM", "pdftoppm")
    for number, name in enumerate(PRINT_SHOTS, start=1):
        page = subprocess.run(
            [pdftoppm, "-png", "-r", "96", "-f", str(number), "-singlefile", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout
        width, height = save(screenshot_dir, name, page)
        assert width > height  # landscape

    assert set(ALL_SHOTS) <= {path.stem for path in screenshot_dir.glob("*.png")}


def test_the_committed_screenshots_are_the_ones_this_test_makes():
    committed = sorted(path.stem for path in DOCS_SCREENSHOTS.glob("*"))
    assert committed == ALL_SHOTS
    for name in ALL_SHOTS:
        png = (DOCS_SCREENSHOTS / f"{name}.png").read_bytes()
        width, _height = png_size(png)
        assert width <= DESKTOP[0]
        assert len(png) < 250_000, name  # optimised, not a raw capture
