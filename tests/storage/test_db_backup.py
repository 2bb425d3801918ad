"""backup_database: a consistent, verified copy of the live file; rotation; refusals."""

from __future__ import annotations

import os
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
    other.write_bytes(b"SQLite format 3\x00")  # another series: never rotated by the regular backups
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
        ".appealdesk-20260101-000000.4242-a1b2c3.partial",
    ):
        (tmp_path / name).write_bytes(b"SQLite format 3\x00")
    (tmp_path / "appealdesk-20260102-000000.sqlite3").write_bytes(b"")  # 0 bytes: no backup
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


# -- a backup killed at any moment --------------------------------------------------------------------
KILLED = """
import sqlite3, sys
from pathlib import Path
from appealdesk.storage import backup as b

def pause():
    print("paused", flush=True)
    sys.stdin.readline()  # killed here

if sys.argv[3] == "copy":
    def copy(source, target):
        src, dst, seen = sqlite3.connect(source), sqlite3.connect(target), []
        def progress(status, remaining, total):
            if not seen and remaining < total / 2:
                seen.append(1)
                pause()
        src.backup(dst, pages=4, progress=progress)
        dst.close()
        src.close()
    b._copy = copy
else:
    verify = b._verify
    b._verify = lambda copy: (verify(copy), pause())
b.backup_sqlite_file(Path(sys.argv[1]), Path(sys.argv[2]), keep=2)
print("finished", flush=True)
"""


def _kill_backup_at(source, to_dir, stage: str) -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(source), str(to_dir), stage], cwd=root,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "paused"
    proc.kill()  # kill -9 in the middle of the backup
    proc.wait(timeout=30)


@pytest.mark.parametrize("stage", ["copy", "verify"])
def test_a_killed_backup_leaves_no_file_under_a_backup_name(db, tmp_path, stage):
    to_dir = tmp_path / "copies"
    with db.engine.begin() as con:  # enough pages for the copy to be stopped in the middle
        con.execute(text("CREATE TABLE filler (x BLOB)"))
        con.execute(text("INSERT INTO filler SELECT zeroblob(4096) FROM classifier LIMIT 300"))
    good = [backup_database(db, to_dir, keep=2)]
    _kill_backup_at(db.path, to_dir, stage)
    names = sorted(p.name for p in to_dir.iterdir())
    partials = [n for n in names if n.endswith(".partial")]
    assert len(partials) == 1 and partials[0].startswith(".")  # hidden
    assert set(names) - {good[0].name} <= {partials[0], f"{partials[0]}-journal"}  # and only that
    assert [p.name for p in list_backups(to_dir)] == [good[0].name]  # never listed
    for p in list_backups(to_dir):
        assert p.stat().st_size > 0 and NAME.match(p.name)

    good.append(backup_database(db, to_dir, keep=2))  # a recent orphan is left: it may still be written
    assert (to_dir / partials[0]).exists()
    assert list_backups(to_dir) == list(reversed(good))  # --keep 2 counts real backups only
    old = (to_dir / partials[0]).stat().st_mtime - 3600
    for leftover in to_dir.glob(f"{partials[0]}*"):
        os.utime(leftover, (old, old))  # the next backup comes later: the orphan is removed
    good.append(backup_database(db, to_dir, keep=2))
    assert not list(to_dir.glob(".*"))  # the partial file and SQLite's journal beside it
    assert list_backups(to_dir) == list(reversed(good[-2:]))
    for p in list_backups(to_dir):
        con = _read_only(p)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.close()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX file locks (on Windows an open file cannot be deleted)")
def test_a_partial_file_being_written_is_never_removed(tmp_path):
    import fcntl

    from appealdesk.storage.backup import remove_orphans

    busy = tmp_path / ".appealdesk-20260101-000000.1-abcdef.partial"
    busy.write_bytes(b"x")
    os.utime(busy, (0, 0))
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as the backup writing it holds it
    try:
        assert remove_orphans(tmp_path) == [] and busy.exists()
    finally:
        os.close(fd)
    assert remove_orphans(tmp_path) == [busy] and not busy.exists()
