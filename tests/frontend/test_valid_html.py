"""Every public ITA page is valid HTML for the Nu HTML Checker (vnu)."""

import io
import json
import subprocess
from urllib.parse import unquote, urlparse

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from ita_wagtail.models.pages import DEFAULT_BASE_TEMPLATE

from .pages import O43_PAGE, PUBLIC_ITA_PAGES
from .tools import VNU_JAR, executable, npm_file


# The module's pages are rendered once (vnu_messages), but the test database
# is only created for tests that ask for it.
pytestmark = pytest.mark.django_db


BARE_BASE = "O43 in ita_wagtail/base.html"


def file_name(path):
    return "page" + path.strip("/").replace("/", "-") + ".html"


@pytest.fixture(scope="module")
def vnu_messages(django_db_setup, django_db_blocker, tmp_path_factory):
    """The checker's messages for each page of the demo, from one Java run.

    The pages are rendered by Django's test client inside a transaction that
    is rolled back, so the demo leaves nothing behind for other tests.
    """
    java = executable("ITA_JAVA", "java")
    jar = npm_file(VNU_JAR)
    folder = tmp_path_factory.mktemp("vnu")
    files = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("ita_demo", stdout=io.StringIO())
        client = Client()
        for path in PUBLIC_ITA_PAGES:
            response = client.get(path)
            assert response.status_code == 200, path
            files[path] = folder / file_name(path)
            files[path].write_bytes(response.content)
        # The app's own bare base template, for sites that keep the default.
        with override_settings(ITA_WAGTAIL_BASE_TEMPLATE=DEFAULT_BASE_TEMPLATE):
            response = client.get(O43_PAGE)
        files[BARE_BASE] = folder / "bare-base.html"
        files[BARE_BASE].write_bytes(response.content)
        transaction.set_rollback(True)
    checked = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always"]
        + [str(file) for file in files.values()],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    messages = {path: [] for path in files}
    by_file = {file.name: path for path, file in files.items()}
    for message in json.loads(checked.stdout)["messages"]:
        name = unquote(urlparse(message.get("url", "")).path).rsplit("/", 1)[-1]
        # A message about no file of ours (the checker itself failing) is an error.
        messages[by_file[name]].append(message)
    return messages


@pytest.mark.parametrize("path", [*PUBLIC_ITA_PAGES, BARE_BASE])
def test_public_page_is_valid_html(vnu_messages, path):
    errors = [
        f"line {m.get('lastLine')}: {m['message']} ({m.get('extract', '').strip()})"
        for m in vnu_messages[path]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert errors == []


def test_the_html_check_reports_what_it_finds(tmp_path):
    """A control: the same checker, given a broken page, reports its errors."""
    java = executable("ITA_JAVA", "java")
    jar = npm_file(VNU_JAR)
    checked = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "-",
        ],
        input='<!DOCTYPE html><html lang="th"><title>x</title><table><td>a</table>'
        "<p><div></p>",
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    errors = [m for m in json.loads(checked.stdout)["messages"] if m["type"] == "error"]
    assert errors
