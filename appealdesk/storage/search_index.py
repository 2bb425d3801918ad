"""The full-text index of appeals. The only SQLite-specific part of the storage: FTS5 on SQLite, a plain
table searched with LIKE elsewhere (PostgreSQL), behind the same three functions.

Each appeal is indexed under two texts: its folded words (``ё``→``е``, lower case; for prefixes and
registration numbers) and the Snowball stems of those words (so ``отопление`` finds ``отоплением``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import Integer, column, delete, insert, text
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from ..domain.text import stem, words
from .models import AppealSearch

_CHUNK = re.compile(r"\S+")


def document(parts: Iterable[str | None]) -> tuple[str, str]:
    """``(words, stems)`` of the texts an appeal is found by."""
    ws: list[str] = []
    for part in parts:
        ws.extend(words(part))
    return " ".join(ws), " ".join(stem(w) for w in ws)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_appeals(session: Session, docs: Sequence[tuple[int, str, str]], *, fresh: bool = False) -> None:
    """(Re)index appeals: ``docs`` holds ``(appeal_id, words, stems)``. ``fresh``: they were never indexed."""
    if not docs:
        return
    ids = [d[0] for d in docs]
    if _is_sqlite(session):
        if not fresh:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                session.execute(
                    text(f"DELETE FROM appeal_fts WHERE rowid IN ({','.join(str(int(x)) for x in chunk)})")
                )
        session.execute(
            text("INSERT INTO appeal_fts(rowid, words, stems) VALUES (:id, :words, :stems)"),
            [{"id": i, "words": w, "stems": s} for i, w, s in docs],
        )
    else:
        if not fresh:
            session.execute(delete(AppealSearch).where(AppealSearch.appeal_id.in_(ids)))
        session.execute(
            insert(AppealSearch), [{"appeal_id": i, "document": f" {w} {s} "} for i, w, s in docs]
        )


def remove_appeal(session: Session, appeal_id: int) -> None:
    if _is_sqlite(session):
        session.execute(text("DELETE FROM appeal_fts WHERE rowid = :id"), {"id": appeal_id})
    else:
        session.execute(delete(AppealSearch).where(AppealSearch.appeal_id == appeal_id))


def fts_query(query: str) -> str | None:
    """The FTS5 expression of what a user typed, or ``None`` when nothing searchable is left.

    A chunk of several tokens (``12-ОГ/26``, ``ул.Ленина``) is a phrase of words; a single token
    matches its stem or any word starting with it (so a name or a word can be typed partly).
    """
    parts = []
    for chunk in _CHUNK.findall(query):
        tokens = words(chunk)
        if not tokens:
            continue
        if len(tokens) > 1:
            parts.append('words : "' + " ".join(tokens) + '"')
        else:
            t = tokens[0]
            parts.append(f'(stems : "{stem(t)}" OR words : "{t}" *)')
    return " AND ".join(parts) if parts else None


def count_matches(session: Session, query: str) -> int | None:
    """How many appeals match ``query``, counted in the FTS index alone; ``None`` where there is none."""
    if not _is_sqlite(session):
        return None
    expr = fts_query(query)
    if expr is None:
        return 0
    return session.execute(
        text("SELECT count(*) FROM appeal_fts WHERE appeal_fts MATCH :fts"), {"fts": expr}
    ).scalar_one()


def restrict(stmt: Select, id_column: ColumnElement, session: Session, query: str) -> Select | None:
    """``stmt`` limited to the appeals matching ``query``; ``None`` when the query has no words."""
    if _is_sqlite(session):
        expr = fts_query(query)
        if expr is None:
            return None
        sub = text("SELECT rowid FROM appeal_fts WHERE appeal_fts MATCH :fts").bindparams(fts=expr)
        return stmt.where(id_column.in_(sub.columns(column("rowid", Integer))))
    chunks = [words(c) for c in _CHUNK.findall(query)]
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    for tokens in chunks:
        if len(tokens) > 1:
            cond = AppealSearch.document.contains(" " + " ".join(tokens) + " ")
        else:
            t = tokens[0]
            cond = AppealSearch.document.contains(" " + t) | AppealSearch.document.contains(" " + stem(t) + " ")
        sub = AppealSearch.__table__.select().with_only_columns(AppealSearch.appeal_id).where(cond)
        stmt = stmt.where(id_column.in_(sub))
    return stmt

