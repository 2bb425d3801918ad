"""The invariants checked after every fault: a sound file, a search index that matches the appeals,
numbering without duplicates or gaps, whole appeals, a database hash, backups the program would list."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

# what an import or a registration may write: the hash of a database compares these
WRITTEN_TABLES = ("appeals", "applicants", "questions", "extensions", "forwardings", "settlements", "officials",
                  "audit_log", "settings")


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` (a read-write connection: it recovers a -wal left by a killed writer)."""
    con = sqlite3.connect(path, timeout=30)
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [f"unreadable: {exc}"]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows[:5]


def index_problems(path: Path) -> list[str]:
    """The search index against the appeals table (``storage.search_index.verify_index``)."""
    from appealdesk.storage.database import open_read_only
    from appealdesk.storage.search_index import verify_index

    db = open_read_only(path)
    try:
        with db.session_factory() as s:
            return verify_index(s).problems()
    finally:
        db.dispose()


def numbers(path: Path) -> dict[tuple[str, int], list[int]]:
    """``{(series, year): [seq, ...]}`` of the appeals."""
    con = sqlite3.connect(path, timeout=30)
    try:
        out: dict[tuple[str, int], list[int]] = {}
        for series, year, seq in con.execute(
            "SELECT reg_series, reg_year, reg_seq FROM appeals WHERE reg_seq IS NOT NULL ORDER BY 1, 2, 3"
        ):
            out.setdefault((series, year), []).append(seq)
        return out
    finally:
        con.close()


def numbering_problems(before: dict, after: dict) -> list[str]:
    """Duplicates anywhere; gaps among the numbers given since ``before`` (each series continues where it
    stopped)."""
    problems = []
    for key, seqs in after.items():
        if len(seqs) != len(set(seqs)):
            problems.append(f"duplicate numbers in {key}")
        old = set(before.get(key, ()))
        new = sorted(set(seqs) - old)
        if new and new != list(range(max(old, default=0) + 1, max(old, default=0) + 1 + len(new))):
            problems.append(f"gap in {key}: {new[:3]}…{new[-3:]}")
    return problems


def whole_appeals(path: Path) -> list[str]:
    """Every appeal has its questions and its registration in the audit log."""
    con = sqlite3.connect(path, timeout=30)
    try:
        no_question = con.execute(
            "SELECT count(*) FROM appeals a WHERE NOT EXISTS (SELECT 1 FROM questions q WHERE q.appeal_id = a.id)"
        ).fetchone()[0]
        no_audit = con.execute(
            "SELECT count(*) FROM appeals a WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'appeal' "
            "AND l.entity_id = a.id)"
        ).fetchone()[0]
    finally:
        con.close()
    out = []
    if no_question:
        out.append(f"{no_question} appeals without questions")
    if no_audit:
        out.append(f"{no_audit} appeals without their audit row")
    return out


def count(path: Path, table: str = "appeals") -> int:
    con = sqlite3.connect(path, timeout=30)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def present(path: Path, reg_numbers: Iterable[str]) -> set[str]:
    wanted = list(reg_numbers)
    con = sqlite3.connect(path, timeout=30)
    try:
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i: i + 500]
            found |= {r[0] for r in con.execute(
                f"SELECT reg_number FROM appeals WHERE reg_number IN ({','.join('?' * len(chunk))})", chunk)}
        return found
    finally:
        con.close()


def database_hash(path: Path, tables: Iterable[str] = WRITTEN_TABLES) -> str:
    """A hash of every row of the tables a write could touch (and of the search index)."""
    digest = hashlib.sha256()
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        for table in (*tables, "appeal_fts"):
            rows = con.execute(f"SELECT * FROM {table} ORDER BY rowid" if table == "appeal_fts"
                               else f"SELECT * FROM {table} ORDER BY 1").fetchall()
            digest.update(f"{table}:{len(rows)}:{rows!r}".encode("utf-8", "backslashreplace"))
    finally:
        con.close()
    return digest.hexdigest()


def backup_problems(folder: Path) -> list[str]:
    """Every backup the program would list is a whole, sound file; nothing else looks like one."""
    from appealdesk.storage.backup import list_backups

    out = []
    for path in list_backups(folder):
        if path.stat().st_size == 0:
            out.append(f"{path.name}: 0 bytes")
            continue
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            if [r[0] for r in con.execute("PRAGMA integrity_check")] != ["ok"]:
                out.append(f"{path.name}: fails integrity_check")
        except sqlite3.DatabaseError as exc:
            out.append(f"{path.name}: {exc}")
        finally:
            con.close()
    return out
