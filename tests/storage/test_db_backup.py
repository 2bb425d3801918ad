"""backup_database: a consistent, verified copy of the live file; rotation; refusals."""

from __future__ import annotations

import re
import sqlite3
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from appealdesk.errors import DomainError
from appealdesk.storage.backup import backup_database, list_backups

pytestmark = pytest.mark.sqlite_only  # copies of the SQLite file; a server is backed up by its administrator

NAME = re.compile(r"^appealdesk-\d{8}-\d{6}(-\d+)?\.sqlite3$")


def _read_only(path):
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def test_backup_is_a_verified_copy_with_the_live_data(db, tmp_path):
    with db.engine.begin() as con:  # still in the WAL file: a plain file copy would miss it
        con.execute(text("INSERT INTO settings (key, value) VALUES ('marker', '\"после копии\"')"))
    to_dir = tmp_path / "copies"

    copy = backup_database(db, to_dir)

    assert copy.parent == to_dir and NAME.match(copy.name)
    con = _read_only(copy)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        assert con.execute("SELECT value FROM settings WHERE key = 'marker'").fetchone() == ('"после копии"',)
        assert con.execute("SELECT count(*) FROM classifier").fetchone() == (2108,)
    finally:
        con.close()
    assert [p.name for p in to_dir.iterdir()] == [copy.name]  # no temporary files left


def test_backups_made_within_one_second_get_distinct_names(db, tmp_path):
    copies = [backup_database(db, tmp_path) for _ in range(3)]
    assert len({c.name for c in copies}) == 3
    assert list_backups(tmp_path) == list(reversed(copies))


def test_only_the_newest_backups_are_kept(db, tmp_path):
    other = tmp_path / "appealdesk-before-migration-0001-20200101-000000.sqlite3"
    other.write_bytes(b"")  # another series: never rotated by the regular backups
    copies = [backup_database(db, tmp_path, keep=3) for _ in range(5)]
    assert list_backups(tmp_path, "appealdesk") == list(reversed(copies[-3:]))
    assert other.exists()
    assert list_backups(tmp_path) == [*reversed(copies[-3:]), other]


def test_list_backups_is_newest_first_and_ignores_other_files(tmp_path):
    for name in (
        "appealdesk-20250101-120000.sqlite3",
        "appealdesk-20250101-120000-2.sqlite3",
        "appealdesk-20241231-235959.sqlite3",
        "appealdesk-20250101-120000-10.sqlite3",
        "notes.txt",
        ".appealdesk-20260101-000000.sqlite3.partial",
    ):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in list_backups(tmp_path)] == [
        "appealdesk-20250101-120000-10.sqlite3",
        "appealdesk-20250101-120000-2.sqlite3",
        "appealdesk-20250101-120000.sqlite3",
        "appealdesk-20241231-235959.sqlite3",
    ]
    assert list_backups(tmp_path / "missing") == []


def test_a_folder_that_cannot_be_created_is_reported_in_russian(db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("мешает")
    with pytest.raises(DomainError, match="Не удалось создать папку резервных копий"):
        backup_database(db, blocker / "copies")


def test_a_folder_without_write_permission_is_reported(db, tmp_path, monkeypatch):
    import appealdesk.storage.backup as backup_module

    monkeypatch.setattr(backup_module.os, "access", lambda *_a, **_k: False)
    with pytest.raises(DomainError, match="Нет права записи в папку резервных копий"):
        backup_database(db, tmp_path / "copies")


def test_a_server_database_is_backed_up_by_its_administrator(tmp_path):
    server = SimpleNamespace(is_sqlite=False, path=None)
    with pytest.raises(DomainError, match="администратор"):
        backup_database(server, tmp_path)
    assert list(tmp_path.iterdir()) == []
