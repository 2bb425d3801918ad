"""A database on a PostgreSQL server: the URL, the driver, the Russian messages when the server cannot be
used, and opening and migrating a server database. The tests marked ``server`` need a PostgreSQL server
(``--pg URL`` or ``APPEALDESK_TEST_PG``) and are skipped without one."""

from __future__ import annotations

import re
import socket
import sys

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from appealdesk.cli.main import main as cli
from appealdesk.errors import DatabaseProblem
from appealdesk.storage import migrations
from appealdesk.storage.database import current_revision, make_engine, open_database, resolve_url
from appealdesk.storage.server import connection_problem, normalise_url

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def server(on_sqlite):
    if on_sqlite:
        pytest.skip("needs a PostgreSQL server (--pg URL or APPEALDESK_TEST_PG)")


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _problem(location) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as info:
        open_database(location)
    return info.value


def _russian_only(message: str, *allowed: str) -> None:
    for word in allowed:
        message = message.replace(word, "")
    assert not LATIN_WORD.search(message), message


# -- the URL and the driver -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db.local:5433/office", "postgresql+psycopg://u:p@db.local:5433/office"),
        ("postgres://u@db.local/office", "postgresql+psycopg://u@db.local/office"),
        ("postgresql+psycopg://u@db.local/office", "postgresql+psycopg://u@db.local/office"),
        ("postgresql://u:p%40ss@db.local/office", "postgresql+psycopg://u:p%40ss@db.local/office"),
    ],
)
def test_a_postgresql_url_means_psycopg_3(given, expected):
    url, path = resolve_url(given)
    assert (url, path) == (expected, None)
    assert make_url(url).password == make_url(given).password  # kept, not masked


def test_other_urls_are_left_as_they_are():
    assert normalise_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
    assert normalise_url("postgresql+psycopg2://u@h/d") == "postgresql+psycopg2://u@h/d"


def test_the_engine_of_a_bare_postgresql_url_uses_psycopg():
    engine = make_engine("postgresql://u@127.0.0.1:1/office")
    try:
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()


def test_a_missing_driver_is_a_russian_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # "import psycopg" now fails
    problem = _problem("postgresql://clerk:secret@127.0.0.1:1/office")
    assert problem.reason == "driver_missing"
    assert "драйвер psycopg" in problem.message
    assert "secret" not in (problem.path or "")


# -- a server that cannot be used -------------------------------------------------------------------
def test_a_server_that_is_down_is_a_russian_message(closed_port):
    problem = _problem(f"postgresql://clerk:secret@127.0.0.1:{closed_port}/office")
    assert problem.reason == "unreachable"
    assert problem.message.startswith(f"Сервер базы данных 127.0.0.1:{closed_port} недоступен")
    _russian_only(problem.message, "PostgreSQL")
    assert "secret" not in problem.message and "secret" not in (problem.path or "")


def test_the_command_line_says_it_in_russian_without_a_traceback(closed_port, capsys):
    assert cli(["--db", f"postgresql://clerk@127.0.0.1:{closed_port}/office", "deadlines"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Ошибка: Сервер базы данных")
    _russian_only(err)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("driver_says", "reason", "start"),
    [
        ('connection failed: FATAL:  password authentication failed for user "clerk"', "access_denied",
         "Сервер базы данных db.local:5432 не принял имя пользователя «clerk» или пароль"),
        ("connection failed: fe_sendauth: no password supplied", "access_denied",
         "Сервер базы данных db.local:5432 не принял"),
        ('connection failed: FATAL:  database "office" does not exist', "unreachable",
         "На сервере db.local:5432 нет базы данных «office»"),
        ('connection failed: FATAL:  no pg_hba.conf entry for host "10.0.0.7"', "access_denied",
         "Сервер базы данных db.local:5432 не разрешает"),
        ("failed to resolve host 'db.local': Name or service not known", "unreachable",
         "Сервер базы данных db.local:5432 недоступен"),
    ],
)
def test_each_refusal_has_its_russian_message(driver_says, reason, start):
    problem = connection_problem("postgresql+psycopg://clerk:secret@db.local/office", Exception(driver_says))
    assert problem.reason == reason
    assert problem.message.startswith(start)
    _russian_only(problem.message, "AppealDesk", "db.local", "clerk", "office")
    assert problem.path == "postgresql+psycopg://clerk:***@db.local/office"


def test_a_refused_login_on_a_real_server(server, databases):
    url = make_url(databases.url_of("postgres")).set(username="nobody_here", password="wrong")
    problem = _problem(url.render_as_string(hide_password=False))
    assert problem.reason == "access_denied"
    assert "не принял имя пользователя «nobody_here» или пароль" in problem.message


def test_a_database_missing_on_a_real_server(server, databases):
    problem = _problem(databases.url_of("appealdesk_no_such_database"))
    assert problem.reason == "unreachable"
    assert "нет базы данных «appealdesk_no_such_database»" in problem.message


# -- opening and migrating a server database --------------------------------------------------------
def test_an_empty_server_database_is_migrated_with_reference_data(server, fresh, opened):
    url = fresh.empty("new_office")
    assert current_revision(url) is None
    db = opened(url)
    assert db.path is None and not db.is_sqlite
    assert db.migrated_from is None
    assert current_revision(db) == migrations.HEAD_REVISION
    with db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM classifier")).scalar_one() == 2108
        assert "appeal_search" in inspect(con).get_table_names()
    db.dispose()
    assert opened(url).migrated_from is None  # the second start has nothing to do


def test_a_foreign_server_database_is_refused_and_left_alone(server, fresh):
    url = fresh.empty("foreign")
    engine = make_engine(url)
    try:
        with engine.begin() as con:
            con.execute(text("CREATE TABLE invoices (id integer primary key)"))
        problem = _problem(url)
        assert problem.reason == "not_a_database"
        with engine.connect() as con:
            assert inspect(con).get_table_names() == ["invoices"]
    finally:
        engine.dispose()


def test_a_newer_schema_on_a_server_is_refused(server, fresh, opened):
    url = fresh.empty("newer")
    opened(url).dispose()
    engine = make_engine(url)
    try:
        with engine.begin() as con:
            con.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    problem = _problem(url)
    assert problem.reason == "newer_schema"
    assert "на сервере" in problem.message


def test_the_password_is_never_shown(server, fresh, capsys):
    url = make_url(fresh.empty("shown"))  # the test server trusts 127.0.0.1: any password passes
    with_password = url.set(password="topsecret").render_as_string(hide_password=False)
    assert cli(["--db", with_password, "init"]) == 0
    assert cli(["--db", with_password, "check"]) == 0
    out = capsys.readouterr().out
    assert f"База данных: postgresql+psycopg://{url.username}:***@" in out
    assert "topsecret" not in out
