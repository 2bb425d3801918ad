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


TEST_USER = "Тестовый Пользователь Иванович"  # the template's only user: an administrator, signed in by itself


def make_first_admin(desk, name: str = TEST_USER) -> None:
    from appealdesk.services.users import UserInput

    desk.users.add(UserInput("admin", name, "admin"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    desk = AppealDesk.open(path)
    make_first_admin(desk)
    desk.close()
    return path


@pytest.fixture
def db_path(tmp_path, template_db):
    path = tmp_path / "appeals.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def desk(db_path):
    d = AppealDesk.open(db_path, today=lambda: TODAY)
    yield d
    d.close()
