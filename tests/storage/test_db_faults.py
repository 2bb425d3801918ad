"""A full disk, an I/O error and a refused permission are told apart from a damaged database: the user
reads what it is («На диске нет места…») and is never told to restore a healthy file from a backup."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections import namedtuple
from datetime import date

import pytest
from sqlalchemy import event, text

from appealdesk.errors import DatabaseProblem
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
from appealdesk.storage import database as database_module
from appealdesk.storage import faults, migrations
from appealdesk.storage.database import open_database

HEAT = "0005.0005.0056.1156"
Usage = namedtuple("Usage", "total used free")


def _appeal(summary: str = "Нет отопления") -> AppealInput:
    return AppealInput(form="written", kind="statement", summary=summary, questions=(QuestionInput(HEAT),),
                       registered_on=date(2026, 11, 2), applicant=ApplicantInput(last_name="Фёдоров"))


def _sqlite_error(message: str, name: str, cls=sqlite3.OperationalError) -> sqlite3.Error:
    exc = cls(message)
    exc.sqlite_errorname = name
    return exc


def _not_damage(problem: DatabaseProblem) -> None:
    assert problem.reason != "damaged"
    assert "Восстановите" not in problem.message and "из резервной копии" not in problem.message


@pytest.mark.parametrize(("message", "name", "free", "kind"), [
    ("database or disk is full", "SQLITE_FULL", 10**9, faults.DISK_FULL),
    ("disk I/O error", "SQLITE_IOERR_SHMSIZE", 0, faults.DISK_FULL),
    ("disk I/O error", "SQLITE_IOERR_WRITE", 10**9, faults.IO_ERROR),
    ("attempt to write a readonly database", "SQLITE_READONLY", 10**9, faults.READ_ONLY),
    ("unable to open database file", "SQLITE_CANTOPEN", 0, faults.DISK_FULL),
    ("database is locked", "SQLITE_BUSY", 10**9, faults.LOCKED),
    ("database disk image is malformed", "SQLITE_CORRUPT", 10**9, faults.DAMAGED),
    ("file is not a database", "SQLITE_NOTADB", 10**9, faults.DAMAGED),
])
def test_fault_of_reads_the_error_code_and_the_free_space(message, name, free, kind, monkeypatch, tmp_path):
    monkeypatch.setattr(faults.shutil, "disk_usage", lambda _p: Usage(10**10, 10**10 - free, free))
    assert faults.fault_of(_sqlite_error(message, name), tmp_path / "x.sqlite3") == kind


def _limit_pages(engine):
    """Every new connection of ``engine`` may not grow the file: SQLite's ``max_page_count`` makes the
    database as full as a full disk would (SQLITE_FULL on the next page)."""

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    return _full


@pytest.fixture
def desk(db_path):
    from appealdesk.services import AppealDesk

    db_path.parent.mkdir()
    d = AppealDesk.open(db_path, today=lambda: date(2026, 11, 20))
    yield d
    d.close()


@pytest.mark.sqlite_only
def test_a_full_database_is_reported_as_a_full_disk_and_stays_healthy(desk):
    kept = desk.appeals.register(_appeal())
    listener = _limit_pages(desk._db.engine)
    with pytest.raises(DatabaseProblem) as info:
        for _ in range(50):
            desk.appeals.register(_appeal("Нет отопления. " * 2000))
    problem = info.value
    assert problem.reason == "disk_full"
    assert problem.message.startswith("На диске нет места") and "Изменения не сохранены" in problem.message
    _not_damage(problem)
    assert desk.appeals.get(kept.id).reg_number == kept.reg_number  # reading still works
    event.remove(desk._db.engine, "connect", listener)
    desk._db.engine.dispose()
    with desk._db.engine.connect() as con:
        assert con.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    desk.appeals.register(_appeal())  # space again: work goes on


def _failing_begin(monkeypatch, exc: sqlite3.Error) -> None:
    real = sqlite3.connect

    class Connection:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, *args):
            if sql == "BEGIN IMMEDIATE":
                raise exc
            return self._con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._con, name)

    monkeypatch.setattr(database_module.sqlite3, "connect", lambda *a, **k: Connection(real(*a, **k)))


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("free", "reason", "start"), [
    (0, "disk_full", "На диске нет места"),
    (10**9, "io_error", "Ошибка чтения или записи диска"),
])
def test_opening_on_a_full_or_failing_disk_is_not_damage(db, db_path, monkeypatch, snapshot, free, reason, start):
    """SQLite says "disk I/O error" when it cannot grow the -shm file of a full disk."""
    db.dispose()
    before = snapshot(db_path.parent)
    monkeypatch.setattr(faults.shutil, "disk_usage", lambda _p: Usage(10**10, 10**10 - free, free))
    _failing_begin(monkeypatch, _sqlite_error("disk I/O error", "SQLITE_IOERR_SHMSIZE"))
    with pytest.raises(DatabaseProblem) as info:
        open_database(db_path)
    assert info.value.reason == reason and info.value.message.startswith(start)
    _not_damage(info.value)
    monkeypatch.undo()
    assert snapshot(db_path.parent) == before


@pytest.mark.sqlite_only
def test_an_os_error_reading_the_file_is_russian_and_not_damage(db, db_path, monkeypatch):
    import builtins
    import errno

    db.dispose()
    real_open = builtins.open

    def failing_open(file, *args, **kwargs):
        if str(file) == str(db_path):
            raise OSError(errno.EIO, "Input/output error", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    with pytest.raises(DatabaseProblem) as info:
        open_database(db_path)
    monkeypatch.undo()
    assert info.value.reason == "io_error"
    assert "ошибка чтения или записи диска" in info.value.message and "Input/output" not in info.value.message


def test_a_migration_on_a_full_disk_changes_nothing_and_says_so(tmp_path, build_db_at, digest, monkeypatch):
    old = migrations.known_revisions() - {migrations.HEAD_REVISION}
    path = build_db_at(tmp_path / "old.sqlite3", min(old))
    before = digest(path)
    real = database_module.migration_engine

    def full_engine(url):
        engine = real(url)
        _limit_pages(engine)
        return engine

    monkeypatch.setattr(database_module, "migration_engine", full_engine)
    with pytest.raises(DatabaseProblem) as info:
        open_database(path, backup_dir=tmp_path / "backups")
    assert info.value.reason == "disk_full"
    assert "На диске нет места" in info.value.message or "на диске нет места" in info.value.message
    assert "осталась прежней" in info.value.message
    _not_damage(info.value)
    monkeypatch.undo()
    assert digest(path) == before
    open_database(path, backup_dir=tmp_path / "backups").dispose()  # with room it upgrades


# -- a real full disk: a small tmpfs (needs root, as CI has) ------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                                            capture_output=True).returncode != 0:
        pytest.skip("needs root allowed to mount a tmpfs (a real full disk of 8 MB), as CI is")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder) -> None:
    with open(folder / "filler", "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass


@pytest.mark.slow
def test_a_really_full_disk_is_told_apart_from_damage(small_disk):
    from appealdesk.services import AppealDesk

    path = small_disk / "office.sqlite3"
    desk = AppealDesk.open(path)
    desk.appeals.register(_appeal())
    desk.close()
    _fill(small_disk)
    for command in (["deadlines"], ["export-xlsx", str(small_disk.parent / "j.xlsx")]):
        run = subprocess.run([sys.executable, "-m", "appealdesk.cli.main", "--db", str(path), *command],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stderr
        assert "На диске нет места" in run.stderr and "Восстановите" not in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
    (small_disk / "filler").unlink()
    run = subprocess.run([sys.executable, "-m", "appealdesk.cli.main", "--db", str(path), "check"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "нарушений нет" in run.stdout
