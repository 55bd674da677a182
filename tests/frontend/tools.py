"""Where the front-end tools are, and what happens when one is missing.

On a developer's machine a missing browser, Java or npm package skips the test
with the reason; under CI=true it fails it, since CI installs all of them
(.ci/setup-browser.sh and `make install`).
"""

import os
import shutil
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Headless, and nothing that would reach for the network or the GPU.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--lang=th",
    # Screenshots show the page, not a scroll bar beside it.
    "--hide-scrollbars",
]


def missing(reason):
    """Skip the test, or fail it under CI=true, where nothing may be missing."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must provide it: see .ci/setup-browser.sh)")
    pytest.skip(reason)


def executable(env_name, *names):
    """The path of a program: from ``env_name`` if set, else found on PATH."""
    if os.environ.get(env_name):
        path = os.environ[env_name]
        if not os.access(path, os.X_OK):
            missing(f"{env_name}={path} is not an executable program")
        return path
    path = next((found for found in map(shutil.which, names) if found), None)
    if not path:
        missing(f"{' or '.join(names)} is not installed (or set {env_name})")
    return path


def npm_file(path):
    """A file of an npm package the tests use, installed by ``make install``."""
    if not path.is_file():
        missing(f"{path.relative_to(ROOT)} is missing: run `make install` (npm ci)")
    return path
