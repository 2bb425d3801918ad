"""The shape of the house, checked on every test run by the import-linter contracts in pyproject.toml: the
core knows no screen; the desktop and the command line reach the database only through the service layer
(one door); the core is in layers; features get their unit of work from the services."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contract_holds():
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 4 kept, 0 broken." in run.stdout, run.stdout
    for name in ("The core knows no screen", "One door", "The core in layers", "Features get their unit of work"):
        assert name in run.stdout


def test_core_imports_without_qt_installed_in_the_process():
    """Importing every core module leaves PySide6 unloaded."""
    code = (
        "import pkgutil, importlib, sys, appealdesk\n"
        "for m in pkgutil.walk_packages(appealdesk.__path__, 'appealdesk.'):\n"
        "    if '.migrations' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "assert not bad, bad\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


PACKAGES_IMPORTED_FIRST = [
    "appealdesk.reception", "appealdesk.control", "appealdesk.reports", "appealdesk.exchange",
    "appealdesk.demo", "appealdesk.cli.main", "ui.reception", "ui.today", "ui.calendar", "ui.safety",
    "ui.first_run", "ui.card", "ui.journal", "ui.reports", "ui.settings", "ui.main_window",
]


def test_every_package_can_be_imported_first():
    """No import cycle hides behind the order the program happens to import things in: each package is
    imported first thing in a fresh interpreter."""
    code = "import importlib, sys; importlib.import_module(sys.argv[1])"
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    failed = {}
    for name in PACKAGES_IMPORTED_FIRST:
        run = subprocess.run([sys.executable, "-c", code, name], cwd=ROOT, capture_output=True, text=True,
                             timeout=120, env=env)
        if run.returncode:
            failed[name] = run.stderr.strip().splitlines()[-1:]
    assert not failed, failed
