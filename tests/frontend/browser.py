"""Headless Chromium, driven by Selenium through Debian's chromedriver.

Selenium is given the driver's path, so it never looks for (or downloads) a
driver or a browser of its own.
"""

import base64
import json

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from .tools import AXE_SCRIPT, CHROMIUM_FLAGS


DESKTOP = (1280, 900)
PHONE = (360, 740)
#: A4 landscape at 96 CSS pixels per inch: 297 mm × 210 mm.
A4_LANDSCAPE = (1123, 794)

#: The axe-core rules of WCAG 2.0 and 2.1, levels A and AA, and axe's best
#: practices (landmarks, heading order, one main), which the pages also keep.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BEST_PRACTICE_TAGS = ["best-practice"]


class Browser:
    """One Chromium for the whole test session, with the few moves the tests need."""

    def __init__(self, chromium, chromedriver):
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(service=Service(chromedriver), options=options)
        self.driver.set_script_timeout(30)
        self.driver.set_page_load_timeout(30)
        self.base_url = ""

    def quit(self):
        self.driver.quit()

    def cdp(self, command, **params):
        return self.driver.execute_cdp_cmd(command, params)

    def resize(self, size):
        width, height = size
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    def emulate_media(self, media=""):
        """Lay the page out for "print" or "screen" ("" for the default)."""
        self.cdp("Emulation.setEmulatedMedia", media=media)

    def open(self, path, size=DESKTOP, media=""):
        """Load a page of the live server at a size; wait for its web fonts."""
        self.resize(size)
        self.emulate_media(media)
        self.driver.get(self.base_url + path)
        self.run_async("document.fonts.ready.then(() => done(true));")

    def run(self, script, *args):
        return self.driver.execute_script(script, *args)

    def run_async(self, script, *args):
        """Run ``script`` with a ``done(result)`` callback to call when finished."""
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];\n" + script, *args
        )

    def axe_violations(self, tags=(*WCAG_21_AA_TAGS, *BEST_PRACTICE_TAGS)):
        """The axe-core violations of the open page, one readable line per node."""
        if not self.run("return typeof window.axe === 'object'"):
            self.run(AXE_SCRIPT.read_text(encoding="utf-8"))
        result = self.run_async(
            """
            axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                               resultTypes: ["violations"]})
              .then((r) => done(JSON.stringify(r.violations)))
              .catch((e) => done(JSON.stringify({error: String(e)})));
            """,
            list(tags),
        )
        violations = json.loads(result)
        if isinstance(violations, dict):
            raise RuntimeError(violations["error"])
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {' '.join(node['target'])}"
            f" — {node.get('failureSummary', '')}"
            for v in violations
            for node in v["nodes"]
        ]

    def full_page_png(self):
        """A PNG of the whole page, not just the visible part."""
        width, height = self.run(
            "return [document.documentElement.scrollWidth,"
            " document.documentElement.scrollHeight]"
        )
        shot = self.cdp(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        )
        return base64.b64decode(shot["data"])

    def pdf(self):
        """The open page printed to PDF with its own @page size, as bytes."""
        printed = self.cdp(
            "Page.printToPDF", preferCSSPageSize=True, printBackground=False
        )
        return base64.b64decode(printed["data"])
