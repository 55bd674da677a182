"""Fixtures of the front-end checks: one Chromium per session, the demo served."""

import io

import pytest
from django.core.management import call_command

from .browser import Browser
from .tools import executable


@pytest.fixture(scope="session")
def chromium_browser(live_server):
    """Headless Chromium; skipped (failed under CI=true) when it is missing.

    It depends on the live server so that it quits first: its open
    connections then end while the server can still close them cleanly.
    """
    chromium = executable("ITA_CHROMIUM", "chromium", "chromium-browser")
    chromedriver = executable("ITA_CHROMEDRIVER", "chromedriver")
    browser = Browser(chromium, chromedriver)
    yield browser
    browser.quit()


@pytest.fixture
def demo_site(django_db_serialized_rollback, live_server):
    """The example site with its demo loaded, served by a live server.

    The live server reads the database from another thread, so the test's
    data is committed; serialized rollback puts back what the migrations
    created (the root page, the default site) for the next test.
    """
    call_command("ita_demo", stdout=io.StringIO())
    return live_server


@pytest.fixture
def browser(chromium_browser, demo_site):
    """The session's Chromium, pointed at the demo site."""
    chromium_browser.base_url = demo_site.url
    yield chromium_browser
    chromium_browser.emulate_media("")
