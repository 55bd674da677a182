"""The wheel is the product: build it, install it where a webmaster would, use it.

``test_the_built_wheel_runs_a_wagtail_start_site`` builds the sdist and, from
it, the wheel (``python -m build``), checks them (``twine check``), installs
the wheel alone into a fresh virtual environment, makes a project with
``wagtail start``, applies the README's "Installing into an existing Wagtail
site" steps as written (the blocks marked ``<!-- ita-install:… -->``), runs
its commands (``migrate``, ``ita_catalogue load --all``), then
tests/install/drive_site.py creates an ITA section, a year, O42 and O43
through the admin's forms and fetches the public pages, the answer sheet and
the exports. A file missing from the package, a dependency not declared, a
README step that does not work: each fails it.

Nothing is downloaded here: the fresh environment installs from a wheelhouse
(``<venv>/wheelhouse``) that ``make install`` (or the nox session) fills with
the wheel's dependencies for this Python and this Django. Without one the test
is skipped, and fails under ``CI=true``.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import django
import pytest


ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DRIVER = Path(__file__).resolve().parent / "install" / "drive_site.py"
WHEELHOUSE = Path(os.environ.get("ITA_WHEELHOUSE") or Path(sys.prefix) / "wheelhouse")
BLOCK = re.compile(r"<!-- ita-install:([\w-]+) -->\s*```\w*\n(.*?)```", re.DOTALL)
# What setuptools says when a build is not as configured.
BUILD_WARNINGS = re.compile(
    r"warning|is absent from the packages configuration|deprecat", re.IGNORECASE
)


def readme_steps():
    """The README's marked installation blocks, by name."""
    steps = {}
    for name, text in BLOCK.findall(README.read_text(encoding="utf-8")):
        assert name not in steps, f"two README blocks are marked {name}"
        steps[name] = text
    return steps


def wagtail_start_settings():
    """The settings module `wagtail start` writes, from the installed Wagtail."""
    import wagtail

    template = Path(wagtail.__file__).parent / "project_template"
    return (template / "project_name" / "settings" / "base.py").read_text()


def test_the_readme_install_steps_add_only_what_wagtail_start_lacks():
    steps = readme_steps()
    assert set(steps) == {"pip", "settings", "html-tag", "urls", "commands"}
    start = wagtail_start_settings()
    start_apps = set(re.findall(r'^\s+"([\w.]+)",$', start, re.MULTILINE))
    assert {"wagtail.embeds", "django_filters", "wagtail.admin"} <= start_apps
    added = re.search(r"INSTALLED_APPS \+= \[(.*?)\]", steps["settings"], re.DOTALL)
    added_apps = re.findall(r'"([\w.]+)"', added.group(1))
    assert "ita_wagtail" in added_apps
    # Django refuses duplicate app labels (ImproperlyConfigured).
    assert not set(added_apps) & start_apps
    assert steps["html-tag"].strip() == '<html lang="th">'
    commands = [line.split("#")[0].split() for line in steps["commands"].splitlines()]
    assert commands == [
        ["python", "manage.py", "migrate"],
        ["python", "manage.py", "ita_catalogue", "load", "--all"],
    ]


def test_the_readme_installs_the_wheel_of_this_version():
    import ita_wagtail

    command = readme_steps()["pip"].split()
    assert command == [
        "pip",
        "install",
        f"ita_wagtail-{ita_wagtail.__version__}-py3-none-any.whl",
    ]


def run(command, *, cwd, env=None, timeout=600):
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    return result


def need(condition, reason):
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


def shipped_files():
    """The files of ita_wagtail/ the repository holds, but Python's caches."""
    if (ROOT / ".git").exists() and shutil.which("git"):
        listed = run(["git", "ls-files", "ita_wagtail"], cwd=ROOT).stdout.split()
    else:
        listed = [
            str(path.relative_to(ROOT))
            for path in (ROOT / "ita_wagtail").rglob("*")
            if path.is_file()
        ]
    return {
        name for name in listed if "__pycache__" not in name and (ROOT / name).exists()
    }


def project_env(venv):
    """The environment of the fresh project: its venv first, none of ours."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL"}
        and not key.startswith("PIP_")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


@pytest.mark.wheel
def test_the_built_wheel_runs_a_wagtail_start_site(tmp_path):
    import ita_wagtail

    need(
        (WHEELHOUSE / ".complete").exists(),
        f"no wheelhouse at {WHEELHOUSE}: run `make install` (or nox)",
    )
    for module in ("build", "twine"):
        need(shutil.which(module) or _importable(module), f"{module} not installed")

    # The sdist, then the wheel from the sdist: both must hold everything.
    dist = tmp_path / "dist"
    # (Byte-compiling on, as on a release machine: when off, setuptools says so.)
    build_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    built = run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT],
        cwd=tmp_path,
        env=build_env,
    )
    warnings = [
        line
        for line in (built.stdout + built.stderr).splitlines()
        if BUILD_WARNINGS.search(line)
    ]
    assert warnings == [], "the build warned:\n" + "\n".join(warnings[:20])
    version = ita_wagtail.__version__
    wheel = dist / f"ita_wagtail-{version}-py3-none-any.whl"
    sdist = dist / f"ita_wagtail-{version}.tar.gz"
    assert sorted(p.name for p in dist.iterdir()) == sorted([sdist.name, wheel.name])
    run([sys.executable, "-m", "twine", "check", "--strict", wheel, sdist], cwd=dist)

    expected = shipped_files()
    assert "ita_wagtail/catalogue_data/2564.json" in expected
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    assert sorted(expected - in_wheel) == [], "files missing from the wheel"
    with tarfile.open(sdist) as archive:
        prefix = f"ita_wagtail-{version}/"
        in_sdist = {name.removeprefix(prefix) for name in archive.getnames()}
    assert sorted(expected - in_sdist) == [], "files missing from the sdist"

    # A fresh environment with the wheel alone, installed as the README says.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(f"Django=={django.get_version()}\n")
    pip_env = {
        **project_env(venv),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "PIP_CONSTRAINT": str(constraints),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    pip_command = readme_steps()["pip"].split()
    run([python, "-m", *pip_command], cwd=dist, env=pip_env)
    installed = run(
        [python, "-c", "import django, wagtail; print(django.get_version())"],
        cwd=tmp_path,
        env=project_env(venv),
    )
    assert installed.stdout.strip() == django.get_version()

    # A new site, as `wagtail start` makes it, with the README's steps applied.
    site = tmp_path / "site"
    site.mkdir()
    env = project_env(venv)
    run([venv / "bin" / "wagtail", "start", "mysite", site], cwd=tmp_path, env=env)
    apply_readme_steps(site)
    for line in readme_steps()["commands"].splitlines():
        command = line.split("#")[0].split()
        if command:
            assert command[0] == "python"
            run([python, *command[1:]], cwd=site, env=env)
    # The package's migrations match its models under this Django.
    run(
        [python, "manage.py", "makemigrations", "--check", "--dry-run", "ita_wagtail"],
        cwd=site,
        env=env,
    )

    shutil.copy(DRIVER, site / "drive_site.py")
    driven = run([python, "drive_site.py"], cwd=site, env=env)
    seen = json.loads(driven.stdout.strip().splitlines()[-1])
    assert seen["ita_wagtail"] == version
    assert seen["django"] == django.get_version()
    assert seen["pages"] == [
        "/ita/",
        "/ita/2564/",
        "/ita/2564/o42/",
        "/ita/2564/o42/o43/",
    ]
    assert seen["exports"] == {
        "o42": ["csv", "json", "xlsx"],
        "o43": ["csv", "json", "xlsx"],
    }
    assert seen["answer_rows"] == 44  # the heading and O1–O43


def _importable(module):
    import importlib.util

    return importlib.util.find_spec(module) is not None


def apply_readme_steps(site):
    """Apply the README's marked blocks to a `wagtail start` project."""
    steps = readme_steps()
    settings = site / "mysite" / "settings" / "base.py"
    settings.write_text(settings.read_text() + "\n\n" + steps["settings"])

    base = site / "mysite" / "templates" / "base.html"
    text = base.read_text()
    assert '<html lang="en">' in text, "wagtail start's base.html changed"
    base.write_text(text.replace('<html lang="en">', steps["html-tag"].strip()))

    urls = site / "mysite" / "urls.py"
    lines = urls.read_text().splitlines(keepends=True)
    catch_all = [
        n for n, line in enumerate(lines) if 'path("", include(wagtail_urls))' in line
    ]
    assert len(catch_all) == 1, "wagtail start's urls.py changed"
    lines.insert(catch_all[0], steps["urls"])
    urls.write_text("".join(lines))
