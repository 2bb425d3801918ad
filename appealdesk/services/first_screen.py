"""The journal's first screen, read with plain ``sqlite3`` while the rest of the core (SQLAlchemy, the
models, the services) is still loading: the desktop shows it as soon as its window is up.

It reads only, and only a database that needs nothing done first: an existing SQLite file at the current
schema revision. Anything else (no file yet, a server database, an older schema to migrate, a damaged or
locked file) gives ``None``; the journal then waits for the full open, which reports any problem.

The rows are built by ``journal_rows.journal_row`` under a deadline engine made from the same settings and
calendar overrides as the service's, so the first screen is what ``journal.page(JournalQuery(), 0, n)``
returns; a test compares the two.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..domain.calendar import WorkCalendar
from ..domain.deadlines import DeadlineEngine
from ..storage.migrations import HEAD_REVISION
from ..storage.sqlite_file import connect_for_reading, database_file
from .journal_rows import ROW_COLUMNS, journal_row
from .journal_values import JournalPage, vocabulary_label
from .office_settings import settings_from_stored

log = logging.getLogger(__name__)

_JOINED = {"settlement.name": "s.name", "executor.full_name": "o.full_name"}
# the journal's default order: newest registration first (the index ix_appeals_registered serves it)
_ROWS_SQL = (
    f"SELECT {', '.join(_JOINED.get(c) or 'a.' + c for c in ROW_COLUMNS)} FROM appeals a "
    "LEFT JOIN settlements s ON s.id = a.settlement_id LEFT JOIN officials o ON o.id = a.executor_id "
    "WHERE a.deleted = 0 ORDER BY a.registered_on DESC, a.id DESC LIMIT ?"
)
_DATE_COLUMNS = tuple(
    n for n, c in enumerate(ROW_COLUMNS)
    if c in ("received_on", "registered_on", "legal_deadline", "control_deadline", "deadline",
             "extended_deadline", "answer_on")
)


@dataclass(frozen=True)
class FirstScreen:
    page: JournalPage  # the first rows in the default order, with the total
    vocabulary: dict[str, dict[str, str]]  # {group: {code: label}}
    topics: dict[str, str] = field(default_factory=dict)  # classifier code -> name, for the rows shown

    def topic_name(self, code: str) -> str | None:
        return self.topics.get(code)

    def label(self, group: str, code: str | None) -> str:
        return vocabulary_label(self.vocabulary, group, code)


def read_first_screen(
    db: str | os.PathLike | None, limit: int, today: Callable[[], date] = date.today
) -> FirstScreen | None:
    path = database_file(db)
    if path is None or not path.is_file():
        return None
    try:
        con = connect_for_reading(path, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        return _read(con, limit, today())
    except (sqlite3.Error, ValueError, TypeError) as exc:  # the full open looks at it properly
        log.info("the first screen was not read: %s", exc)
        return None
    finally:
        con.close()


def _read(con: sqlite3.Connection, limit: int, today: date) -> FirstScreen | None:
    revisions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    if revisions != {HEAD_REVISION}:
        return None  # a migration comes first
    if con.execute("SELECT count(*) FROM users WHERE active = 1").fetchone()[0] > 1:
        return None  # several people use the program: nothing is shown before somebody signs in
    settings = settings_from_stored(con.execute("SELECT key, value FROM settings"))
    overrides = {date.fromisoformat(d): bool(w) for d, w in con.execute("SELECT day, is_working FROM calendar_overrides")}
    engine = DeadlineEngine(WorkCalendar(overrides), settings.deadline_rules())
    vocabulary: dict[str, dict[str, str]] = {}
    for group, code, label in con.execute('SELECT "group", code, label FROM vocabulary ORDER BY "group", position'):
        vocabulary.setdefault(group, {})[code] = label
    total = con.execute("SELECT count(*) FROM appeals WHERE deleted = 0").fetchone()[0]
    rows = []
    for raw in con.execute(_ROWS_SQL, (limit,)):
        values = list(raw)
        for n in _DATE_COLUMNS:
            if values[n] is not None:
                values[n] = date.fromisoformat(values[n])
        rows.append(journal_row(values, engine, today))
    codes = sorted({r.topic_code for r in rows if r.topic_code})
    topics = dict(con.execute(
        f"SELECT code, name FROM classifier WHERE code IN ({', '.join('?' * len(codes))})", codes
    )) if codes else {}
    return FirstScreen(JournalPage(tuple(rows), total, 0), vocabulary, topics)
