"""Screenshots of O43 as a citizen, an assessor and a signing executive see it:
desktop, a 360 px phone, and printed (A4 landscape).

They are saved to $ITA_SCREENSHOT_DIR when it is set (CI keeps them), else to
the test run's temporary folder. docs/screenshots/ holds copies for the README.
"""

import os
import struct
from pathlib import Path

import pytest

from .browser import A4_LANDSCAPE, DESKTOP, PHONE
from .pages import O43_PAGE


SHOTS = [
    ("o43-desktop", DESKTOP, ""),
    ("o43-phone-360", PHONE, ""),
    ("o43-print-a4-landscape", A4_LANDSCAPE, "print"),
]


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


def test_o43_is_photographed_at_desktop_phone_and_print_sizes(browser, screenshot_dir):
    for name, size, media in SHOTS:
        browser.open(O43_PAGE, size, media)
        png = browser.full_page_png()
        (screenshot_dir / f"{name}.png").write_bytes(png)
        width, height = png_size(png)
        assert width == size[0]  # the whole page, and nothing wider than the screen
        assert height >= size[1]
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF")
    (screenshot_dir / "o43-print.pdf").write_bytes(pdf)
