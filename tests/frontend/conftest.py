"""Fixtures of the front-end checks: one Chromium per session, the demo served."""

import io
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.factories import speaks

from . import live_server as live_servers
from .browser import Browser
from .pages import DEMO_APPROVER, DEMO_EDITOR, DEMO_PASSWORD
from .tools import executable


@pytest.fixture
def clerk(django_user_model):
    """A superuser whose admin speaks Thai; logs in with "clerk-password"."""
    user = django_user_model.objects.create_superuser(
        "thai-clerk", "thai-clerk@example.com", "clerk-password"
    )
    speaks(user, "th")
    return user


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, one request at a time on in-memory SQLite.

    See tests/frontend/live_server.py: the answer sheet's link check fetches
    its URLs at once, and the server's threads share the test's connection.
    It starts once the test database exists (``django_db_setup``): started
    before, it saw the settings' file database, shared nothing, and each of
    its threads opened a connection of its own to the in-memory database,
    whose table locks then failed requests that overlapped ("database table
    is locked: wagtailcore_page" while O42 was published).
    """
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = live_servers.start(address)
    yield server
    server.stop()


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

    As `make demo` does, the demo is told the address it is served on, so
    its full URLs (the answer sheet's) lead back to the live server.
    The live server reads the database from another thread, so the test's
    data is committed; serialized rollback puts back what the migrations
    created (the root page, the default site) for the next test.
    """
    address = urlsplit(live_server.url)
    call_command(
        "ita_demo", host=address.hostname, port=address.port, stdout=io.StringIO()
    )
    return live_server


@pytest.fixture
def demo_roles(demo_site):
    """The demo with its ITA editor and approver, as `make demo` creates them.

    They log in as DEMO_EDITOR and DEMO_APPROVER with DEMO_PASSWORD (pages.py).
    """
    address = urlsplit(demo_site.url)
    call_command(
        "ita_demo",
        host=address.hostname,
        port=address.port,
        editor_user=DEMO_EDITOR,
        editor_password=DEMO_PASSWORD,
        approver_user=DEMO_APPROVER,
        approver_password=DEMO_PASSWORD,
        stdout=io.StringIO(),
    )
    return demo_site


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for the browser fixture's teardown."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def failure_dir():
    base = os.environ.get("ITA_SCREENSHOT_DIR") or tempfile.gettempdir()
    return Path(base) / "failures"


@pytest.fixture
def browser(request, chromium_browser, demo_site):
    """The session's Chromium, pointed at the demo site.

    When a test fails, what the browser showed is saved (a screenshot and the
    page's HTML) under $ITA_SCREENSHOT_DIR/failures, or the temporary folder.
    """
    chromium_browser.base_url = demo_site.url
    yield chromium_browser
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = failure_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        chromium_browser.driver.save_screenshot(str(folder / f"{name}.png"))
        (folder / f"{name}.html").write_text(
            chromium_browser.driver.page_source, encoding="utf-8"
        )
    chromium_browser.emulate_media("")
