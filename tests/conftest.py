"""Fixtures shared by every test: a fresh, migrated database with the reference data, per test.

Migrating and loading the classifier takes most of a second, so it is done once per session into a
template file that each test copies.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from appealdesk.services import AppealDesk

TODAY = date(2026, 11, 20)  # a Friday


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    desk = AppealDesk.open(path)
    desk.close()
    return path


@pytest.fixture
def db_path(tmp_path, template_db):
    path = tmp_path / "appeals.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def desk(db_path):
    d = AppealDesk.open(db_path, user="Тестовый пользователь", today=lambda: TODAY)
    yield d
    d.close()


def pytest_terminal_summary(terminalreporter):
    """No test skips silently: the skipped ones are counted by what they need, at the end of the run."""
    from collections import Counter

    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    needs: Counter[str] = Counter()
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        needs[reason.removeprefix("Skipped: ")] += 1
    terminalreporter.section(f"{len(skipped)} skipped: what they need")
    for reason, count in needs.most_common():
        terminalreporter.line(f"{count} × {reason}")
