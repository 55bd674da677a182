"""The version matrix: one session per Python and Django (Wagtail 8.x each time).

    nox -l                                   # every session
    nox -s "tests(3.13-django6.1)"           # the whole suite, SQLite
    nox -s "wheel(3.13-django6.0)"           # the built wheel in a wagtail start site

``make test`` runs the main combination (Python 3.11, Django 5.2) on SQLite
and PostgreSQL with the browser tests; ``.ci/run`` adds the sessions named in
``CI_SESSIONS`` below. Django 6.0 and 6.1 need Python 3.12 or later, so
Python 3.11 has Django 5.2 only.

Interpreters: ``python3.X`` on PATH, else pyenv's
``$PYENV_ROOT/versions/3.X.*/bin`` (pyenv's shims answer only for the
selected version, so those folders go first on PATH). A missing interpreter
skips its session, or fails it under ``CI=true``.
"""

import os
import re
from pathlib import Path

import nox


PYTHONS = ["3.11", "3.12", "3.13", "3.14"]
DJANGOS = ["5.2", "6.0", "6.1"]
# Django 6.x supports Python 3.12+ only.
COMBINATIONS = [
    (python, django)
    for python in PYTHONS
    for django in DJANGOS
    if not (python == "3.11" and django != "5.2")
]
# What .ci/run runs after `make test` (which is Python 3.11 + Django 5.2):
# the whole suite on Python 3.13 + Django 6.1 (the wheel test included), and
# the wheel test on Django 5.2 and 6.0, so each Django meets the built wheel.
CI_SESSIONS = [
    "tests(3.13-django6.1)",
    "wheel(3.13-django5.2)",
    "wheel(3.13-django6.0)",
]
IDS = [f"{python}-django{django}" for python, django in COMBINATIONS]

# `nox` alone runs what CI runs; `nox -s <name>` any other combination.
nox.options.sessions = CI_SESSIONS
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = os.environ.get("CI") == "true"


def _put_pyenv_first():
    """Put pyenv's real interpreter folders before its shims on PATH."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    folders = []
    for version in PYTHONS:
        candidates = sorted(
            (root / "versions").glob(f"{version}.*/bin/python{version}"),
            key=lambda path: [
                int(n) for n in re.findall(r"\d+", path.parent.parent.name)
            ],
        )
        if candidates:
            folders.append(str(candidates[-1].parent))
    if folders:
        os.environ["PATH"] = os.pathsep.join([*folders, os.environ.get("PATH", "")])


_put_pyenv_first()


def _install(session, django):
    session.install("--upgrade", "pip")
    session.install("-e", ".[testing]", f"Django=={django}.*", "wagtail>=8.0,<9")


def _fill_wheelhouse(session):
    """Wheels of the package's dependencies for this Python and Django.

    tests/test_wheel.py installs the built wheel from these, offline.
    """
    wheelhouse = Path(session.virtualenv.location) / "wheelhouse"
    marker = wheelhouse / ".complete"
    django = session.run(
        "python", "-c", "import django; print(django.get_version())", silent=True
    ).strip()
    if marker.exists() and marker.read_text() == _wheelhouse_key(django):
        return
    session.run(
        "python",
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--wheel-dir",
        str(wheelhouse),
        ".",
        f"Django=={django}",
    )
    for built in wheelhouse.glob("ita_wagtail-*"):
        built.unlink()
    marker.write_text(_wheelhouse_key(django))


def _wheelhouse_key(django):
    """What the wheelhouse was made for: the Django and setup.cfg."""
    return f"{django}\n{Path('setup.cfg').read_text()}"


@nox.session
@nox.parametrize("python,django", COMBINATIONS, ids=IDS)
def tests(session, django):
    """The whole suite on SQLite (the browser tests too when the tools are there)."""
    _install(session, django)
    _fill_wheelhouse(session)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
@nox.parametrize("python,django", COMBINATIONS, ids=IDS)
def wheel(session, django):
    """The built wheel in a `wagtail start` site (tests/test_wheel.py)."""
    _install(session, django)
    _fill_wheelhouse(session)
    session.run("python", "-m", "pytest", "tests/test_wheel.py", *session.posargs)


@nox.session(python=False)
def ci(session):
    """The sessions .ci/run adds to `make test`, one after the other."""
    for name in CI_SESSIONS:
        session.notify(name)
