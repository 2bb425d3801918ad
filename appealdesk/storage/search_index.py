"""The full-text index of appeals. The only SQLite-specific part of the storage: FTS5 on SQLite, a plain
table searched with LIKE elsewhere (PostgreSQL), behind the same three functions.

Each appeal is indexed under two texts: its folded words (``ё``→``е``, lower case; for prefixes and
registration numbers) and the Snowball stems of those words (so ``отопление`` finds ``отоплением``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, column, delete, insert, text
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Select

from ..domain.text import stem, words
from .models import AppealSearch

_CHUNK = re.compile(r"\S+")
# what a typed search is cut to: a person types a few words; a pasted page must not make a query of
# thousands of terms (a 10 000-character search took seconds). Repeated chunks say nothing new.
MAX_TERMS = 12  # distinct chunks, in the order typed
MAX_PHRASE = 8  # words of one chunk (``12-ОГ/26``, ``ул.Ленина``)
MAX_WORD = 40  # letters of one word


def query_chunks(query: str) -> list[tuple[str, ...]]:
    """The distinct chunks of what a user typed, each as its folded words, within the limits above."""
    out: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for match in _CHUNK.finditer(query):
        tokens = tuple(t[:MAX_WORD] for t in words(match.group()))[:MAX_PHRASE]
        if not tokens or tokens in seen:
            continue
        seen.add(tokens)
        out.append(tokens)
        if len(out) == MAX_TERMS:
            break
    return out


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
    matches its stem or any word starting with it (so a name or a word can be typed partly). A one-letter
    word matches words starting with it only as the last chunk (an initial, or the word being typed):
    before that it is a word of its own («в», «и», «к»), since a one-letter prefix has to scan the whole
    index.
    """
    parts = []
    chunks = query_chunks(query)
    for n, tokens in enumerate(chunks, start=1):
        if len(tokens) > 1:
            parts.append('words : "' + " ".join(tokens) + '"')
        elif len(tokens[0]) == 1 and n < len(chunks):
            parts.append(f'words : "{tokens[0]}"')
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
    chunks = query_chunks(query)
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



# -- ranking: where a row matched -----------------------------------------------------------------------
MATCH_ORDER = ("surname", "number", "address", "text")  # a search lists surname matches first, then the rest


def address_matches(session: Session, query: str, address_table, address_key, cap: int = 5000) -> list[int] | None:
    """The ids of the applicants a word of whose address begins with a typed word (None: more than ``cap``,
    left to the database as a subquery). Read first, so that the journal's query can use the index on
    ``applicant_id`` instead of scanning the appeals."""
    from sqlalchemy import literal, or_, select

    singles = [t[0] for t in query_chunks(query) if len(t) == 1 and len(t[0]) >= 2]
    if not singles:
        return []
    padded = literal(" ") + address_key
    stmt = select(address_table.c.id).where(or_(*[padded.like("% " + _like(w) + "%", escape="\\") for w in singles]))
    found = list(session.scalars(stmt.limit(cap + 1)))
    return None if len(found) > cap else found


def match_conditions(query: str, surname_key, number, applicant_id, address_table, address_key,
                     address_ids: list[int] | None = None) -> list:
    """The conditions of ``match_tier``'s groups 0, 1, 2 and 3, each excluding the ones before: a page of a
    search is read group by group, each query served by its own index."""
    from sqlalchemy import and_, not_, or_

    tier = _tier_parts(query, surname_key, number, applicant_id, address_table, address_key, address_ids)
    out = []
    for n in range(3):
        out.append(and_(tier[n], *[not_(t) for t in tier[:n]]))
    out.append(not_(or_(*tier)))
    return out


def match_tier(query: str, surname_key, number, applicant_id, address_table, address_key,
               address_ids: list[int] | None = None):
    """A SQL expression: 0 where a typed word begins the applicant's surname (the folded name's first word),
    1 where a chunk begins the registration number, 2 where a word begins a word of the applicant's address,
    3 else (the words were found in the text). Prefixes are ranges (an index serves them); the address is
    looked up once for all rows (``applicant_id IN (…)``), not row by row."""
    from sqlalchemy import case

    surname, by_number, address = _tier_parts(query, surname_key, number, applicant_id, address_table, address_key,
                                              address_ids)
    return case((surname, 0), (by_number, 1), (address, 2), else_=3)


def _tier_parts(query: str, surname_key, number, applicant_id, address_table, address_key,
                address_ids: list[int] | None = None) -> list:
    from sqlalchemy import and_, false, literal, or_, select

    chunks = query_chunks(query)
    singles = [t[0] for t in chunks if len(t) == 1 and len(t[0]) >= 2]
    raw = [m.group() for m in _CHUNK.finditer(query)][:MAX_TERMS]

    def prefix(col, text: str):
        return and_(col >= text, col < text + "\uffff")

    surname = or_(false(), *[prefix(surname_key, w) for w in singles])
    by_number = or_(false(), *[prefix(number, c.upper()) for c in raw if any(ch.isdigit() for ch in c)])
    if address_ids is not None:
        address = applicant_id.in_(address_ids) if address_ids else false()
    elif singles:
        padded = literal(" ") + address_key
        found = select(address_table.c.id).where(
            or_(*[padded.like("% " + _like(w) + "%", escape="\\") for w in singles]))
        address = applicant_id.in_(found)
    else:
        address = false()
    return [surname, by_number, address]


def row_match(query: str, surname_key: str, number: str, address_key: str) -> str:
    """Where one row matched ``query``, as ``match_tier`` decides it (``MATCH_ORDER``)."""
    chunks = query_chunks(query)
    singles = [t[0] for t in chunks if len(t) == 1 and len(t[0]) >= 2]
    first = (surname_key or "").split(" ", 1)[0]
    if any(first.startswith(w) for w in singles):
        return "surname"
    upper = (number or "").upper()
    if any(upper.startswith(c.upper()) for c in (m.group() for m in _CHUNK.finditer(query))
           if any(ch.isdigit() for ch in c)):
        return "number"
    if any(a.startswith(w) for a in (address_key or "").split() for w in singles):
        return "address"
    return "text"


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- verification ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndexReport:
    """How the search index compares with the appeals: ``missing`` and ``stale`` hold registration numbers
    (an appeal search cannot find, or finds by old words), ``orphans`` counts index rows of no appeal."""

    appeals: int
    missing: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    orphans: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.orphans)

    def problems(self) -> list[str]:
        """Russian lines for the user, each saying what it means."""
        out = []
        if self.missing:
            out.append(f"Поисковый указатель: нет записей для {len(self.missing)} обращ.: № {_numbers(self.missing)}. "
                       "Поиск их не находит.")
        if self.stale:
            out.append(f"Поисковый указатель: устарели записи {len(self.stale)} обращ.: № {_numbers(self.stale)}. "
                       "Поиск может не находить их по нынешнему тексту.")
        if self.orphans:
            out.append(f"Поисковый указатель: {self.orphans} лишн. записей (удалённых или несуществующих обращений).")
        return out


def _numbers(numbers: Sequence[str], shown: int = 20) -> str:
    head = ", ".join(numbers[:shown])
    return head + (f" и ещё {len(numbers) - shown}" if len(numbers) > shown else "")


def verify_index(session: Session) -> IndexReport:
    """Compare the search index with the appeals table: every appeal that is not deleted has an index row
    holding every word of its own fields (number, applicant, summary, answer); no row is left for a deleted
    or missing appeal. Reads only."""
    from sqlalchemy import select

    from .models import Appeal

    if _is_sqlite(session):
        indexed = dict(session.execute(text("SELECT rowid, words FROM appeal_fts")).all())
    else:
        indexed = dict(session.execute(select(AppealSearch.appeal_id, AppealSearch.document)).all())
    rows = session.execute(
        select(Appeal.id, Appeal.reg_number, Appeal.deleted, Appeal.applicant_name, Appeal.summary,
               Appeal.answer_text).order_by(Appeal.reg_year, Appeal.reg_series, Appeal.reg_seq, Appeal.id)
    ).all()
    missing: list[str] = []
    stale: list[str] = []
    live: set[int] = set()
    for appeal_id, number, deleted, name, summary, answer in rows:
        if deleted:
            continue
        live.add(appeal_id)
        doc = indexed.get(appeal_id)
        if doc is None:
            missing.append(number)
            continue
        held = set(doc.split())
        if not set(words(number)) | set(words(name)) | set(words(summary)) | set(words(answer)) <= held:
            stale.append(number)
    orphans = sum(1 for appeal_id in indexed if appeal_id not in live)
    return IndexReport(len(live), tuple(missing), tuple(stale), orphans)
