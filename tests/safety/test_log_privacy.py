"""An unexpected database error never puts personal data into the log file: the failed statement's kind is
logged, its values (names, addresses, the text of an appeal) are not."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from appealdesk.log_privacy import format_exception_safely, safe_message, statement_kind

SECRET = "Секретова Анна Ивановна, ул. Тайная, д. 7"


@pytest.mark.parametrize(("sql", "kind"), [
    ("INSERT INTO appeals (id, summary) VALUES (?, ?)", "INSERT INTO appeals"),
    ("  update applicants SET last_name=? WHERE id=?", "UPDATE applicants"),
    ("DELETE FROM appeal_fts WHERE rowid IN (1,2)", "DELETE FROM appeal_fts"),
    ("SELECT appeals.id, appeals.summary \nFROM appeals JOIN applicants ON 1", "SELECT … FROM appeals"),
    ("INSERT OR REPLACE INTO settings VALUES ('a', 'b')", "INSERT OR REPLACE INTO settings"),
    ("PRAGMA integrity_check", "PRAGMA"),
    ("что-то странное", "statement"),
])
def test_statement_kind(sql, kind):
    assert statement_kind(sql) == kind


def _failed_statement() -> DBAPIError:
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as con:
            con.execute(text("CREATE TABLE people (name TEXT UNIQUE)"))
            con.execute(text("INSERT INTO people VALUES (:name)"), {"name": SECRET})
            con.execute(text("INSERT INTO people VALUES (:name)"), {"name": SECRET})
    except DBAPIError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError("no error")


def test_a_database_error_is_logged_without_its_values():
    exc = _failed_statement()
    assert SECRET in str(exc)  # what SQLAlchemy would have written
    message = safe_message(exc)
    assert SECRET not in message
    assert "UNIQUE constraint failed: people.name" in message and "INSERT INTO people" in message
    try:
        raise RuntimeError("сохранение не удалось") from exc
    except RuntimeError as outer:
        text_ = format_exception_safely(type(outer), outer, outer.__traceback__)
    assert SECRET not in text_
    assert "direct cause" in text_ and "RuntimeError: сохранение не удалось" in text_
    assert "sqlalchemy.exc.IntegrityError" in text_ and "Traceback (most recent call last)" in text_


def test_the_log_file_never_gets_the_values(tmp_path, monkeypatch):
    from ui.safety import logs

    monkeypatch.setenv("APPEALDESK_HOME", str(tmp_path))
    path = logs.setup_logging()
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(path))
    try:
        exc = _failed_statement()
        log = logging.getLogger("appealdesk.services")
        log.error("database error: %s", exc)  # an argument
        try:
            raise exc
        except DBAPIError:
            log.exception("unexpected")  # a traceback
        crash = logs.CrashHandler(lambda: None)
        monkeypatch.setattr("ui.errors.show_error", lambda *a, **k: None)
        crash.handle(type(exc), exc, exc.__traceback__, "GUI")  # the last line of defence
        handler.flush()
        written = Path(path).read_text(encoding="utf-8")
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert SECRET not in written and "Секретова" not in written
    assert written.count("INSERT INTO people") >= 3


def test_a_command_prints_no_english_log_lines(tmp_path):
    """The core logs nowhere unless a program sets up a log: a command's console stays Russian."""
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    run = subprocess.run([sys.executable, "-m", "appealdesk.cli.main", "--db", str(bad), "deadlines"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.startswith("Ошибка:"), run.stderr
