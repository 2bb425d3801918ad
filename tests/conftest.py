"""Fixtures shared by every test: a fresh, migrated database with the reference data, per test.

The engine is SQLite unless the run is given a PostgreSQL server (``--pg URL`` or the environment
variable ``APPEALDESK_TEST_PG``; see tests/db_engines.py). Tests about the SQLite file itself are marked
``sqlite_only`` and are deselected on PostgreSQL (the run's summary counts them).

Migrating and loading the classifier takes most of a second, so it is done once per session into a
template that each test copies (a file copy on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from appealdesk.services import AppealDesk
from tests import db_engines

TODAY = date(2026, 11, 20)  # a Friday


TEST_USER = "Тестовый Пользователь Иванович"  # the template's only user: an administrator, signed in by itself


def make_first_admin(desk, name: str = TEST_USER) -> None:
    from appealdesk.services.users import UserInput

    desk.users.add(UserInput("admin", name, "admin"))


def pytest_addoption(parser):
    parser.addoption(
        db_engines.OPTION,
        metavar="URL",
        default=None,
        help=f"run the database tests on this PostgreSQL server (or set {db_engines.ENV}); "
        f"tests marked {db_engines.SQLITE_ONLY} are deselected",
    )


def pytest_configure(config):
    config._appealdesk_sqlite_only = 0


def pytest_report_header(config):
    url = db_engines.server_url(config)
    if url is None:
        return "database engine: SQLite"
    from appealdesk.storage.server import shown

    return f"database engine: PostgreSQL at {shown(url)} ({db_engines.SQLITE_ONLY} tests deselected)"


def pytest_collection_modifyitems(config, items):
    if db_engines.server_url(config) is None:
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker(db_engines.SQLITE_ONLY) else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    config._appealdesk_sqlite_only = len(dropped)


def _engine_summary(terminalreporter, config) -> None:
    if db_engines.server_url(config) is not None:
        terminalreporter.write_line(
            f"PostgreSQL run: {config._appealdesk_sqlite_only} tests marked {db_engines.SQLITE_ONLY} "
            "were deselected (they test the SQLite file itself)"
        )


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory):
    """The engine of this run: ``SqliteDatabases`` or ``PostgresDatabases``."""
    url = db_engines.server_url(request.config)
    made = db_engines.PostgresDatabases(url) if url else db_engines.SqliteDatabases(tmp_path_factory)
    yield made
    made.close()


@pytest.fixture
def fresh(databases, tmp_path):
    """``fresh.copy(template)`` / ``fresh.empty()``: databases for this test, dropped at its end."""
    made = db_engines.FreshDatabases(databases, tmp_path)
    yield made
    made.drop_all()


@pytest.fixture
def on_sqlite(databases) -> bool:
    return databases.name == "sqlite"


@pytest.fixture(scope="session")
def template_db(databases):
    def build(location) -> None:
        desk = AppealDesk.open(location)
        make_first_admin(desk)
        desk.close()

    return databases.template("template", build)


@pytest.fixture
def db_location(fresh, template_db):
    """A migrated database with the reference data: a file path on SQLite, a URL on PostgreSQL."""
    return fresh.copy(template_db)


@pytest.fixture
def db_path(db_location) -> Path:
    """The SQLite file of the test's database; a test that needs it is marked ``sqlite_only``."""
    if not isinstance(db_location, Path):
        pytest.fail(f"this test needs an SQLite file: mark it {db_engines.SQLITE_ONLY}", pytrace=False)
    return db_location


@pytest.fixture
def desk(db_location):
    d = AppealDesk.open(db_location, today=lambda: TODAY)
    yield d
    d.close()


def pytest_runtest_teardown(item):
    """Once a Qt test switched the cycle collector to the GUI thread (``ui.gc_policy``), the tests that run no
    event loop collect between tests, on this thread, what the timer would have."""
    policy = sys.modules.get("ui.gc_policy")
    if policy is not None and policy.installed():
        policy.collect_due()


def pytest_terminal_summary(terminalreporter, config):
    """The engine of the run; and no test skips silently: the skipped ones are counted by what they need."""
    from collections import Counter

    _engine_summary(terminalreporter, config)
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
