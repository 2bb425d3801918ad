"""The databases and the journal the trials start from, made once per run (seeded)."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

OLD_REVISION = "0001"


@dataclass(frozen=True)
class Templates:
    empty: Path  # migrated, reference data, no appeals
    base: Path  # an office with demo appeals
    old: Path  # the same office at the oldest schema revision (a migration to run)
    big: Path  # the office with 40 MB of ballast, so that a backup takes a while
    journal: Path  # an export of another office, registration numbers left empty
    journal_rows: int


def make(work: Path, seed: int, appeals: int = 1500) -> Templates:
    from appealdesk.services import AppealDesk

    work.mkdir(parents=True, exist_ok=True)
    empty = work / "empty.sqlite3"
    AppealDesk.open(empty).close()
    base = copy_db(empty, work / "base.sqlite3")
    desk = AppealDesk.open(base)
    desk.demo.make(appeals, seed=seed)
    desk.close()

    other = copy_db(empty, work / "other.sqlite3")
    desk = AppealDesk.open(other)
    desk.demo.make(300, seed=seed + 1)
    journal = work / "journal.xlsx"
    rows = desk.exchange.export_journal(journal)
    desk.close()
    _blank_numbers(journal)

    old = copy_db(base, work / "old.sqlite3")
    _downgrade(old, OLD_REVISION)
    big = copy_db(base, work / "big.sqlite3")
    con = sqlite3.connect(big)
    con.execute("CREATE TABLE ballast (x BLOB)")
    con.execute("INSERT INTO ballast SELECT zeroblob(65536) FROM classifier LIMIT 640")
    con.commit()
    con.close()
    return Templates(empty, base, old, big, journal, rows)


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy (through the SQLite backup API: a -wal is taken in) as one file."""
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{extra}").unlink(missing_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")
    finally:
        dst.close()
        src.close()
    return target


def _blank_numbers(journal: Path) -> None:
    """The journal of another office: its numbers would collide with ours, so they are left to the
    numbering (as an office does when it moves its paper journal in)."""
    from openpyxl import load_workbook

    wb = load_workbook(journal)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    for name in ("Рег. номер", "Предыдущее обращение"):
        col = headers.index(name) + 1
        for row in range(2, ws.max_row + 1):
            ws.cell(row, col).value = None
    wb.save(journal)


def _downgrade(path: Path, revision: str) -> None:
    from alembic import command

    from appealdesk.storage import migrations
    from appealdesk.storage.database import migration_engine

    engine = migration_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as con, con.begin():
            command.downgrade(migrations.alembic_config(con), revision)
    finally:
        engine.dispose()


def remove_db(path: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    shutil.rmtree(Path(f"{path}.backups"), ignore_errors=True)
