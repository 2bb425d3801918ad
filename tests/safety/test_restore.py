"""Restore from a backup (appealdesk.storage.restore): look first, refuse what cannot be restored, back up
the current file, bring back exactly the appeals of the backup."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from appealdesk.errors import DomainError
from appealdesk.services import AppealDesk
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
from appealdesk.storage.backup import backup_database, list_backups
from appealdesk.storage.restore import BEFORE_RESTORE_PREFIX, inspect_backup, restore_backup

TODAY_CODE = "0003.0009.0097.0690"


pytestmark = pytest.mark.sqlite_only  # a restore replaces the SQLite file


def _register(desk, n: int, summary: str = "Прошу отремонтировать дорогу"):
    today = desk.today()
    return desk.appeals.register(AppealInput(
        form="written", kind="statement", summary=f"{summary} ({n})", questions=(QuestionInput(TODAY_CODE),),
        registered_on=today - timedelta(days=n), received_on=today - timedelta(days=n),
        applicant=ApplicantInput(last_name=f"Иванов{n}", first_name="Пётр", address=f"ул. Мира, д. {n}"),
    ))


def _snapshot(desk) -> list[tuple]:
    """Every appeal as the journal and the card see it (number, summary, dates, applicant, state)."""
    ids = desk.journal.ids(JournalQuery())
    out = []
    for aid in sorted(ids):
        c = desk.appeals.get(aid)
        out.append((c.id, c.reg_number, c.summary, c.registered_on, c.deadline, c.status,
                    c.applicant.last_name if c.applicant else None))
    return out


def test_restore_brings_back_exactly_the_appeals_of_the_backup(tmp_path, desk):
    for n in range(1, 6):
        _register(desk, n)
    before = _snapshot(desk)
    copies = tmp_path / "copies"
    backup = backup_database(desk._db, copies, keep=5)

    # after the backup: more appeals, an edit, a deletion
    for n in range(6, 9):
        _register(desk, n, "Жалоба на уличное освещение")
    first = desk.appeals.get(before[0][0])
    desk.appeals.update(first.id, replace(first.to_input(), summary="Изменено после копии"), first.version)
    desk.appeals.delete(before[1][0], "ошибочная регистрация")
    assert _snapshot(desk) != before
    changed_count = desk.journal.count(JournalQuery())

    info = inspect_backup(backup)
    assert (info.appeals, info.applicants) == (5, 5)
    assert info.last_registered_on == max(r[3] for r in before)

    db_path, today = desk._db.path, desk._ctx._today
    desk.close()
    result = restore_backup(backup, db_path, copies, keep=5)
    assert result.info.appeals == 5

    restored = AppealDesk.open(db_path, today=today)
    try:
        assert _snapshot(restored) == before
        assert restored.journal.count(JournalQuery(text="освещение")) == 0  # the search index came back too
        assert restored.journal.count(JournalQuery(text="дорогу")) == 5
    finally:
        restored.close()

    # the database as it was before the restore was saved first, verified, and can itself be restored
    assert result.safety_copy is not None
    assert result.safety_copy.name.startswith(BEFORE_RESTORE_PREFIX)
    assert inspect_backup(result.safety_copy).appeals == changed_count
    assert result.safety_copy in list_backups(copies)


def test_inspect_reads_without_changing_the_file(tmp_path, desk):
    _register(desk, 1)
    backup = backup_database(desk._db, tmp_path / "copies")
    data = backup.read_bytes()
    info = inspect_backup(backup)
    assert backup.read_bytes() == data
    assert not list(backup.parent.glob("*-wal")) and not list(backup.parent.glob("*-shm"))
    assert info.revision and info.size == len(data)
    assert info.last_number == desk.appeals.get(desk.journal.ids(JournalQuery())[0]).reg_number


def test_a_backup_of_a_newer_schema_is_refused_and_nothing_changes(tmp_path, desk):
    _register(desk, 1)
    backup = backup_database(desk._db, tmp_path / "copies")
    con = sqlite3.connect(backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    db_path = desk._db.path
    desk.close()
    before = db_path.read_bytes()
    with pytest.raises(DomainError, match="более новой версией"):
        restore_backup(backup, db_path, tmp_path / "copies")
    assert db_path.read_bytes() == before
    assert not [p for p in list_backups(tmp_path / "copies") if p.name.startswith(BEFORE_RESTORE_PREFIX)]


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_not_a_backup_gets_a_russian_message(tmp_path, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DomainError, match="не является резервной копией"):
        inspect_backup(path)


def test_a_damaged_backup_is_refused(tmp_path, desk):
    for n in range(1, 30):
        _register(desk, n)
    backup = backup_database(desk._db, tmp_path / "copies")
    data = bytearray(backup.read_bytes())
    for page in range(3, len(data) // 4096 - 1):
        data[page * 4096 : page * 4096 + 4096] = b"\xde\xad\xbe\xef" * 1024
    backup.write_bytes(bytes(data))
    db_path = desk._db.path
    desk.close()
    before = db_path.read_bytes()
    with pytest.raises(DomainError):
        restore_backup(backup, db_path, tmp_path / "copies")
    assert db_path.read_bytes() == before


def test_restore_over_a_damaged_database_keeps_its_bytes(tmp_path, desk):
    _register(desk, 1)
    backup = backup_database(desk._db, tmp_path / "copies")
    db_path = desk._db.path
    desk.close()
    data = bytearray(db_path.read_bytes())
    for page in range(2, 8):
        data[page * 4096 : page * 4096 + 4096] = b"\xde\xad\xbe\xef" * 1024
    db_path.write_bytes(bytes(data))
    result = restore_backup(backup, db_path, tmp_path / "copies")
    assert result.safety_copy is not None and result.safety_copy.read_bytes() == bytes(data)
    reopened = AppealDesk.open(db_path)
    try:
        assert reopened.journal.count(JournalQuery()) == 1
    finally:
        reopened.close()


def test_restoring_a_database_from_itself_is_refused(tmp_path, desk):
    db_path = desk._db.path
    desk.close()
    with pytest.raises(DomainError, match="из неё самой"):
        restore_backup(db_path, db_path, tmp_path / "copies")


@pytest.mark.parametrize("other", ["idle reader", "another desk"])
def test_restore_refuses_while_another_program_has_the_database_open(tmp_path, desk, other):
    import hashlib

    _register(desk, 1)
    copies = tmp_path / "copies"
    backup = backup_database(desk._db, copies, keep=5)
    _register(desk, 2)
    db_path, today = desk._db.path, desk._ctx._today
    desk.close()
    if other == "idle reader":  # e.g. a database viewer: an open connection that holds no transaction
        holder = sqlite3.connect(db_path)
        holder.execute("SELECT count(*) FROM appeals").fetchone()
        close = holder.close
    else:  # another window of the program, its pool of connections open
        second = AppealDesk.open(db_path, today=today)
        second.journal.count(JournalQuery())
        close = second.close
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    try:
        with pytest.raises(DomainError, match="открыта другой программой") as info:
            restore_backup(backup, db_path, copies, keep=5)
        assert "Текущая база не изменена" in str(info.value)
        assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
        assert not [p for p in list_backups(copies) if p.name.startswith(BEFORE_RESTORE_PREFIX)]
    finally:
        close()
    assert restore_backup(backup, db_path, copies, keep=5).info.appeals == 1  # closed: it goes ahead
