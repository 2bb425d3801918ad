"""The journal: full-text search combined with filters and sorting, done in SQL.

Two ways to read it: ``page`` (one page of rows plus the total count, for the command line and the
benchmarks) and ``ids`` + ``rows`` (all matching ids in order, then row data for the few on screen: what
a table model over 100 000 appeals needs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from ..domain.codes import DEADLINE_FILTER_LABELS
from ..domain.roles import Permission as P
from ..errors import DomainError
from ..storage import search_index
from ..storage.models import Appeal, Official, Settlement
from .access import requires
from .appeal_filters import by_executor, by_section, state_filter
from .context import ServiceContext
from .journal_rows import ROW_COLUMNS, journal_row
from .journal_values import JournalPage, JournalQuery, JournalRow

SORT_KEYS = (
    "reg_number",
    "received_on",
    "registered_on",
    "applicant",
    "settlement",
    "form",
    "source",
    "kind",
    "topic",
    "executor",
    "legal_deadline",
    "control_deadline",
    "deadline",
    "state",
    "answer_on",
)

_NO_FILTER = JournalQuery()

_JOINED = {"settlement.name": Settlement.name, "executor.full_name": Official.full_name}
_ROW_SELECT = tuple(_JOINED.get(name) or getattr(Appeal, name) for name in ROW_COLUMNS)

STATES = tuple(DEADLINE_FILTER_LABELS)


@dataclass(frozen=True)
class _Compiled:
    stmt: Select | None  # None: the query can match nothing
    needs_settlement: bool
    needs_executor: bool


class JournalService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def page(self, query: JournalQuery, offset: int = 0, limit: int = 200) -> JournalPage:
        with self._ctx.read() as s:
            base = self._filtered(s, query, select(Appeal.id))
            if base is None:
                return JournalPage((), 0, offset)
            total = self._total(s, query, base)
            ordered = self._ordered(base, query).offset(offset).limit(limit)
            ids = list(s.scalars(ordered))
            return JournalPage(self._rows(s, ids), total, offset)

    @requires(P.READ)
    def count(self, query: JournalQuery) -> int:
        with self._ctx.read() as s:
            base = self._filtered(s, query, select(Appeal.id))
            if base is None:
                return 0
            return self._total(s, query, base)

    def _total(self, s: Session, query: JournalQuery, base: Select) -> int:
        # text alone: count in the search index itself (deleted appeals are never in it)
        if query.text.strip() and replace(query, text="", sort="registered_on", descending=True) == _NO_FILTER:
            counted = search_index.count_matches(s, query.text)
            if counted is not None:
                return counted
        return s.scalar(select(func.count()).select_from(base.order_by(None).subquery())) or 0

    @requires(P.READ)
    def ids(self, query: JournalQuery) -> tuple[int, ...]:
        """Every matching appeal id, in the chosen order."""
        with self._ctx.read() as s:
            base = self._filtered(s, query, select(Appeal.id))
            if base is None:
                return ()
            return tuple(s.scalars(self._ordered(base, query)))

    @requires(P.READ)
    def rows(self, ids: Sequence[int]) -> tuple[JournalRow, ...]:
        """Row data of the given appeals, in the order given (missing ids are skipped)."""
        with self._ctx.read() as s:
            return self._rows(s, list(ids))

    # -- building the query ----------------------------------------------------------------------
    def _filtered(self, s: Session, q: JournalQuery, stmt: Select) -> Select | None:
        stmt = stmt.where(Appeal.deleted == false())
        if q.text and q.text.strip():
            restricted = search_index.restrict(stmt, Appeal.id, s, q.text)
            if restricted is None:
                return None
            stmt = restricted
        if q.date_from:
            stmt = stmt.where(Appeal.registered_on >= q.date_from)
        if q.date_to:
            stmt = stmt.where(Appeal.registered_on <= q.date_to)
        for col, value in ((Appeal.form, q.form), (Appeal.source, q.source), (Appeal.kind, q.kind)):
            if value:
                stmt = stmt.where(col == value)
        if q.settlement_id is not None:
            stmt = stmt.where(Appeal.settlement_id == q.settlement_id)
        if q.applicant_id is not None:
            stmt = stmt.where(Appeal.applicant_id == q.applicant_id)
        if q.executor_id is not None:
            stmt = by_executor(stmt, q.executor_id)
        if q.section:
            stmt = by_section(stmt, q.section)
        if q.repeated is not None:
            stmt = stmt.where(Appeal.is_repeated.is_(q.repeated))
        if q.collective is not None:
            stmt = stmt.where(Appeal.is_collective.is_(q.collective))
        if q.state:
            stmt = self._state_filter(stmt, q.state)
        return stmt

    def _state_filter(self, stmt: Select, state: str) -> Select:
        if state not in STATES:
            raise DomainError(f"Неизвестное состояние «{state}»")
        return state_filter(stmt, self._ctx.engine().window(self._ctx.today()), state)

    def _ordered(self, stmt: Select, q: JournalQuery) -> Select:
        key = q.sort if q.sort in SORT_KEYS else "registered_on"
        cols: list = []
        if key == "reg_number":
            cols = [Appeal.reg_year, Appeal.reg_series, Appeal.reg_seq, Appeal.reg_number]
        elif key == "applicant":
            cols = [Appeal.applicant_sort]
        elif key == "settlement":
            stmt = stmt.outerjoin(Settlement, Settlement.id == Appeal.settlement_id)
            cols = [func.coalesce(Settlement.name, "")]
        elif key == "executor":
            stmt = stmt.outerjoin(Official, Official.id == Appeal.executor_id)
            cols = [func.coalesce(Official.full_name, "")]
        elif key == "topic":
            cols = [Appeal.topic_code]
        elif key == "state":
            cols = [Appeal.status, Appeal.deadline]
        else:
            cols = [getattr(Appeal, key)]
        cols.append(Appeal.id)
        return stmt.order_by(*[c.desc() if q.descending else c.asc() for c in cols])

    def _rows(self, s: Session, ids: list[int]) -> tuple[JournalRow, ...]:
        if not ids:
            return ()
        ctx = self._ctx
        engine = ctx.engine()
        today = ctx.today()
        found = {}
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            result = s.execute(
                select(*_ROW_SELECT)
                .outerjoin(Settlement, Settlement.id == Appeal.settlement_id)
                .outerjoin(Official, Official.id == Appeal.executor_id)
                .where(Appeal.id.in_(chunk))
            )
            for r in result:
                found[r[0]] = journal_row(r, engine, today)
        return tuple(found[i] for i in ids if i in found)

