"""The package's structure holds: layers, hooks in one place, no late imports.

The layers and the rule "who may import whom" are in README ("Development")
and docs/architecture.md; the contracts in pyproject.toml.
"""

import ast
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ita_wagtail"

#: The imports inside a function that stay, each with its reason. Anything
#: else imported inside a function fails ``test_no_import_inside_a_function``.
LATE_IMPORTS = {
    # Django's app loading: ready() runs once the models are loaded; these
    # modules import models (or register checks), which apps.py may not do
    # when Django imports it.
    ("apps.py", "ita_wagtail.checks"): "Django app loading (ready)",
    ("apps.py", "ita_wagtail.models.wagtail_compat"): "Django app loading (ready)",
    ("apps.py", "ita_wagtail.services.notifications"): "Django app loading (ready)",
    ("apps.py", "ita_wagtail.services.signal_handlers"): "Django app loading (ready)",
    ("admin_th/apps.py", "django.contrib.auth.forms"): "Django app loading (ready)",
    ("admin_th/apps.py", "wagtail.admin.forms.auth"): "Django app loading (ready)",
    # wagtail_compat is imported while the models load; Wagtail's admin views
    # import models (ContentType) at their top.
    (
        "models/wagtail_compat.py",
        "wagtail.admin.views.reports.audit_logging",
    ): "Django app loading (models)",
    # An optional app: imported only when INSTALLED_APPS has it.
    (
        "services/cache.py",
        "wagtail.contrib.frontend_cache.utils",
    ): "optional app wagtail.contrib.frontend_cache",
    # Loaded only when a Word file is read, so that sites which never import
    # one do not load python-docx (and its lxml document classes).
    ("services/importers/docx.py", "docx"): "Word files only",
    ("services/importers/docx.py", "docx.oxml.ns"): "Word files only",
    ("services/importers/docx.py", "docx.text.paragraph"): "Word files only",
}


def python_files():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def module_of(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_module(node, path):
    """The absolute name of what an Import or ImportFrom node imports."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not node.level:
        return [node.module]
    package = module_of(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    base = ".".join([*package, node.module] if node.module else package)
    # ``from . import checks`` imports the module ita_wagtail.checks.
    return [
        f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base
        for alias in node.names
    ]


def is_module(name):
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def late_imports():
    """(file, module) of each import inside a function body."""
    found = []
    for path, tree in python_files():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    name = path.relative_to(PACKAGE).as_posix()
                    found += [(name, module) for module in imported_module(node, path)]
    return found


def test_the_layers_hold():
    """import-linter's contracts (pyproject.toml) are kept."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_hooks_are_registered_in_wagtail_hooks_only():
    """Every ``hooks.register`` (call or decorator) is in a wagtail_hooks.py."""
    elsewhere = []
    for path, tree in python_files():
        if path.name == "wagtail_hooks.py":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "register"
                and isinstance(node.value, ast.Name)
                and node.value.id == "hooks"
            ):
                elsewhere.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert elsewhere == []


def test_no_module_flag_guards_a_registration():
    """Receivers and hooks are connected once by design, not behind a flag."""
    flagged = []
    for path, tree in python_files():
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                flagged.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert flagged == []


def test_no_import_inside_a_function():
    """Imports sit at the top of their module, except the ones LATE_IMPORTS lists."""
    found = late_imports()
    unexplained = sorted(set(found) - set(LATE_IMPORTS))
    assert unexplained == [], "imports inside a function: " + ", ".join(
        f"{file} imports {module}" for file, module in unexplained
    )
    # The list has no entry left over once its import is gone.
    assert sorted(set(LATE_IMPORTS) - set(found)) == []
