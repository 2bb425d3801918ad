"""open_database: a new file, reopening, and every kind of file it must refuse without writing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from appealdesk.errors import DatabaseProblem
from appealdesk.storage import database as database_module
from appealdesk.storage import migrations
from appealdesk.storage.database import current_revision, head_revision, open_database

pytestmark = pytest.mark.sqlite_only  # opening checks of the SQLite file; the server's are in test_db_server.py


def _problem(db, **kwargs) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as info:
        open_database(db, **kwargs)
    assert info.value.message  # a Russian message for the user
    return info.value


def _make_plain_sqlite(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_head_constant_matches_the_migration_scripts():
    assert head_revision() == migrations.HEAD_REVISION


def test_new_database_is_migrated_to_head_with_reference_data(db_path, opened):
    db_path.parent.mkdir()
    db = opened(db_path)
    assert db.path == db_path.resolve()
    assert db.migrated_from is None and db.migration_backup is None
    assert current_revision(db) == head_revision()
    assert current_revision(db_path) == head_revision()
    with db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM classifier")).scalar_one() == 2108
        groups = dict(con.execute(text('SELECT "group", count(*) FROM vocabulary GROUP BY "group"')).all())
        assert groups["form"] == 5 and groups["result"] == 9 and groups["answer_method"] == 5
        assert sum(groups.values()) == 35 + 23
        assert con.execute(text("SELECT count(*) FROM calendar_overrides")).scalar_one() == 18
        assert con.execute(text("SELECT name FROM sqlite_master WHERE name = 'appeal_fts'")).scalar_one()
        assert con.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert con.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    assert not (db_path.parent / "backups").exists()  # nothing to back up in a new file


def test_the_default_database_gets_its_folder(home, opened):
    assert not home.exists()
    db = opened(None)
    assert db.path == home / "appealdesk.sqlite3"
    assert db.path.is_file()


def test_a_missing_folder_of_an_explicit_path_is_refused(tmp_path):
    target = tmp_path / "no" / "such" / "office.sqlite3"
    assert _problem(target).reason == "unreachable"
    assert not (tmp_path / "no").exists()


def test_an_empty_file_is_refused_not_made_a_new_database(db_path, snapshot):
    """A 0-byte file is most likely a database that lost its contents: say so, change nothing."""
    db_path.parent.mkdir()
    db_path.touch()
    before = snapshot(db_path.parent)
    problem = _problem(db_path)
    assert problem.reason == "empty_file"
    assert "пуст (0 байт)" in problem.message and "резервной копии" in problem.message
    assert snapshot(db_path.parent) == before


def test_reopening_an_up_to_date_database_changes_nothing(db_path, opened):
    db_path.parent.mkdir()
    first = opened(db_path)
    with first.engine.connect() as con:
        editions = con.execute(text("SELECT * FROM reference_editions ORDER BY name")).all()
    first.dispose()

    again = opened(db_path)
    assert again.migrated_from is None and again.migration_backup is None
    assert not (db_path.parent / "backups").exists()
    with again.engine.connect() as con:
        assert con.execute(text("SELECT * FROM reference_editions ORDER BY name")).all() == editions


def test_migrate_false_does_not_create_a_file(tmp_path):
    target = tmp_path / "office.sqlite3"
    assert _problem(target, migrate=False).reason == "unreachable"
    assert not target.exists()


def test_a_newer_schema_is_refused_and_left_untouched(db_path, opened, snapshot):
    db_path.parent.mkdir()
    db = opened(db_path)
    with db.engine.begin() as con:
        con.execute(text("UPDATE alembic_version SET version_num = '9001_from_the_future'"))
    db.dispose()
    before = snapshot(db_path.parent)

    problem = _problem(db_path)
    assert problem.reason == "newer_schema"
    assert "более новой версией AppealDesk" in problem.message and "Обновите программу" in problem.message
    assert problem.path == str(db_path.resolve())
    assert snapshot(db_path.parent) == before  # the file unchanged, no -wal, -shm or backups left


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path, snapshot):
    target = tmp_path / "notes.sqlite3"
    target.write_bytes("Это не база данных, а заметки.\n".encode() * 50)
    before = snapshot(tmp_path)
    assert _problem(target).reason == "not_a_database"
    assert snapshot(tmp_path) == before


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path, snapshot):
    target = tmp_path / "other.sqlite3"
    _make_plain_sqlite(
        target, "PRAGMA journal_mode=WAL", "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)"
    )
    before = snapshot(tmp_path)
    problem = _problem(target)
    assert problem.reason == "not_a_database"
    assert "не является базой AppealDesk" in problem.message
    assert snapshot(tmp_path) == before


def test_a_damaged_database_is_refused_and_left_untouched(db_path, opened, snapshot):
    db_path.parent.mkdir()
    opened(db_path).dispose()
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 8 * page_size
    # keep the header page, scribble over the b-tree pages of the tables
    for offset in range(page_size, len(data), page_size):
        data[offset : offset + 64] = b"\xa5" * 64
    db_path.write_bytes(bytes(data))
    before = snapshot(db_path.parent)

    problem = _problem(db_path)
    assert problem.reason == "damaged"
    assert "повреждена" in problem.message
    assert snapshot(db_path.parent) == before


def test_a_truncated_database_is_refused_and_left_untouched(db_path, opened, snapshot):
    db_path.parent.mkdir()
    opened(db_path).dispose()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    before = snapshot(db_path.parent)
    assert _problem(db_path).reason == "damaged"
    assert snapshot(db_path.parent) == before


def test_a_read_only_database_is_refused_and_left_untouched(db_path, opened, snapshot, monkeypatch):
    db_path.parent.mkdir()
    opened(db_path).dispose()
    before = snapshot(db_path.parent)
    real_access = os.access

    def no_write(path, mode, *args, **kwargs):
        if mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(database_module.os, "access", no_write)
    problem = _problem(db_path)
    assert problem.reason == "read_only"
    assert "только для чтения" in problem.message
    assert snapshot(db_path.parent) == before


def test_a_read_only_file_on_disk_is_refused(db_path, opened, digest):
    db_path.parent.mkdir()
    opened(db_path).dispose()
    before = digest(db_path)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root ignores file modes: a read-only disk instead
        _refused_on_a_read_only_disk(db_path, before, digest)
        return
    db_path.chmod(0o444)
    try:
        assert _problem(db_path).reason == "read_only"
    finally:
        db_path.chmod(0o644)
    assert digest(db_path) == before


def _refused_on_a_read_only_disk(db_path, before, digest):
    import shutil
    import subprocess

    disk = db_path.parent.parent / "ro-disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("needs a non-root user, or root allowed to mount a tmpfs (as CI is)")
    try:
        copy = disk / db_path.name
        shutil.copyfile(db_path, copy)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
        assert _problem(copy).reason == "read_only"
        assert digest(copy) == before
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_locked_database_is_refused_and_left_untouched(db_path, opened, snapshot):
    db_path.parent.mkdir()
    opened(db_path).dispose()
    before = snapshot(db_path.parent)
    holder = sqlite3.connect(db_path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        problem = _problem(db_path)
    finally:
        holder.rollback()
        holder.close()
    assert problem.reason == "locked"
    assert "занята другой программой" in problem.message
    assert snapshot(db_path.parent) == before


def test_a_folder_is_not_a_database(tmp_path):
    assert _problem(tmp_path).reason == "not_a_database"


def test_an_in_memory_database_is_migrated_too(opened):
    db = opened("sqlite://")
    assert db.path is None
    assert current_revision(db) == head_revision()
    with db.engine.connect() as con:
        assert con.execute(text("SELECT count(*) FROM classifier")).scalar_one() == 2108


def test_current_revision_of_a_file_without_schema_is_none(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert current_revision(empty) is None
