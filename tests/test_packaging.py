"""The package declares what it imports, extras are complete, tools are bounded.

Read from setup.cfg, the source and the Makefile; the wheel itself is built and
used in tests/test_wheel.py.
"""

import ast
import configparser
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


ROOT = Path(__file__).resolve().parent.parent
SETUP = configparser.ConfigParser()
SETUP.read(ROOT / "setup.cfg")
OWN = {"ita_wagtail", "example_site", "tests", "benchmarks"}


def requirements(text):
    return [Requirement(line) for line in text.splitlines() if line.strip()]


def declared(text):
    return {canonicalize_name(r.name) for r in requirements(text)}


INSTALL_REQUIRES = declared(SETUP["options"]["install_requires"])
EXTRAS = {
    name: declared(value) for name, value in SETUP["options.extras_require"].items()
}


def imported_modules(paths):
    """Top-level modules imported by these files, but the standard library's."""
    modules = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OWN:
                    modules.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return modules


def distributions_of(modules):
    """The distribution that provides each module (all must be installed)."""
    by_module = packages_distributions()
    missing = sorted(set(modules) - set(by_module))
    assert missing == [], f"imported but not installed: {missing}"
    return {module: canonicalize_name(by_module[module][0]) for module in modules}


def test_every_package_the_app_imports_is_a_declared_dependency():
    # rest_framework (api.py), django_filters (offices_admin.py) and modelsearch
    # (migrations) came only through Wagtail before.
    modules = imported_modules((ROOT / "ita_wagtail").rglob("*.py"))
    assert {"rest_framework", "django_filters", "modelsearch"} <= set(modules)
    undeclared = {
        module: dist
        for module, dist in distributions_of(modules).items()
        if dist not in INSTALL_REQUIRES
    }
    assert undeclared == {}


def dotted_strings(path):
    """The dotted paths a settings module names (middleware, backends …)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"[a-z_]+(\.[A-Za-z_]+)+", node.value)
    }


def test_the_production_extra_installs_what_the_production_settings_use():
    settings = [
        ROOT / "example_site" / "settings" / name
        for name in ("base.py", "production.py")
    ]
    modules = set(imported_modules(settings))
    by_module = packages_distributions()
    for path in settings:
        modules |= {m for m in dotted_strings(path) if m in by_module and m not in OWN}
    assert {"dj_database_url", "whitenoise"} <= modules
    needed = set(distributions_of(modules).values())
    assert needed - INSTALL_REQUIRES - EXTRAS["production"] == set()


def test_the_demo_extra_runs_the_example_site_without_test_tools():
    modules = imported_modules(
        path
        for path in (ROOT / "example_site").rglob("*.py")
        if path.name != "production.py"
    )
    needed = set(distributions_of(modules).values())
    assert needed - INSTALL_REQUIRES - EXTRAS["demo"] == set()
    assert not EXTRAS["demo"] & {"pytest", "ruff", "selenium", "hypothesis", "nox"}


def test_test_and_lint_tools_are_bounded_above():
    # A new major (or ruff's next minor, which adds rules) must not enter CI
    # unnoticed.
    for extra in ("testing", "production"):
        unbounded = [
            str(r)
            for r in requirements(SETUP["options.extras_require"][extra])
            if not any(s.operator in {"<", "<=", "==", "~="} for s in r.specifier)
        ]
        assert unbounded == [], extra
    ruff = next(
        r
        for r in requirements(SETUP["options.extras_require"]["testing"])
        if r.name == "ruff"
    )
    assert not ruff.specifier.contains("0.18.0")


def test_the_supported_versions_are_declared():
    wagtail, django = (
        next(
            r for r in requirements(SETUP["options"]["install_requires"]) if r.name == n
        )
        for n in ("wagtail", "Django")
    )
    assert all(wagtail.specifier.contains(v) for v in ("8.0.1", "8.1", "8.9"))
    assert not wagtail.specifier.contains("9.0")
    assert all(django.specifier.contains(v) for v in ("5.2.19", "6.0.10", "6.1.3"))
    assert not django.specifier.contains("6.2")
    classifiers = SETUP["metadata"]["classifiers"]
    for version in ("3.11", "3.12", "3.13", "3.14"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    for version in ("5.2", "6.0", "6.1"):
        assert f"Framework :: Django :: {version}" in classifiers


def readme_demo_addresses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Try it: two commands")[1].split("\n## ")[0]
    return set(re.findall(r"\| (http://127\.0\.0\.1:8000/\S*) \|", section))


def makefile_rule(target):
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{target}:(.*)\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    return match.group(1).split(), match.group(2)


def test_make_demo_prints_every_address_the_readme_lists():
    addresses = readme_demo_addresses()
    assert len(addresses) == 6
    _prerequisites, recipe = makefile_rule("demo")
    printed = {
        url.replace("$(HOST)", "127.0.0.1").replace("$(PORT)", "8000")
        for url in re.findall(r'(http://[^\s"]+)', recipe)
    }
    assert printed == addresses


def test_make_demo_installs_only_what_the_demo_needs():
    prerequisites, _recipe = makefile_rule("demo")
    assert prerequisites == ["$(DEMO_INSTALLED)"]  # not `install`: no npm ci
    _, install_demo = makefile_rule(r"\$\(DEMO_INSTALLED\)")
    assert '-e ".[demo]"' in install_demo
    assert "npm" not in install_demo and "testing" not in install_demo
