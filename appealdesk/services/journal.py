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
from ..storage.models import Appeal, Applicant, Official, Settlement
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
# the applicant's folded address, for ranking a search (a lookup by primary key per row)
_ADDRESS = func.coalesce(
    select(Applicant.address_key).where(Applicant.id == Appeal.applicant_id).scalar_subquery(), "")
_ROW_SELECT = tuple(_JOINED.get(name) or getattr(Appeal, name) for name in ROW_COLUMNS)

_FEW = 2000  # a group of a search this small is fetched whole, then put in order

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
            if query.text.strip():
                ids = self._ranked_page(s, base, query, offset, limit)
            else:
                ids = list(s.scalars(self._ordered(base, query).offset(offset).limit(limit)))
            return JournalPage(self._rows(s, ids, query.text), total, offset)

    def _ranked_page(self, s: Session, base: Select, q: JournalQuery, offset: int, limit: int) -> list[int]:
        """A page of a search read group by group (surname, number, address, text): each query is served by
        its own index and stops at the page's end, where one ranked sort would order every match."""
        unranked = replace(q, text="")
        want = offset + limit
        ids: list[int] = []
        groups = search_index.match_conditions(q.text, *self._rank_columns(), self._address_ids(s, q.text))
        for n, cond in enumerate(groups):
            if len(ids) >= want:
                break
            if n < len(groups) - 1:  # a name, a number, an address: few rows, found by their own index first
                found = list(s.scalars(base.where(cond).order_by(None).limit(_FEW + 1)))
                if not found:
                    continue
                if len(found) <= _FEW:
                    narrowed = select(Appeal.id).where(Appeal.id.in_(found))
                    ids += s.scalars(self._ordered(narrowed, unranked).limit(want - len(ids)))
                    continue
            ids += s.scalars(self._ordered(base.where(cond), unranked).limit(want - len(ids)))
        return ids[offset:want]

    @staticmethod
    def _address_ids(s: Session, text: str) -> list[int] | None:
        return search_index.address_matches(s, text, Applicant.__table__, Applicant.address_key)

    @staticmethod
    def _rank_columns() -> tuple:
        return (Appeal.applicant_sort, Appeal.reg_number, Appeal.applicant_id, Applicant.__table__,
                Applicant.address_key)

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
            return tuple(s.scalars(self._ordered(base, query, self._address_ids(s, query.text)
                                                 if query.text.strip() else None)))

    @requires(P.READ)
    def rows(self, ids: Sequence[int], text: str = "") -> tuple[JournalRow, ...]:
        """Row data of the given appeals, in the order given (missing ids are skipped); with the search
        ``text``, each row says where it matched (``JournalRow.matched``)."""
        with self._ctx.read() as s:
            return self._rows(s, list(ids), text)

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

    def _ordered(self, stmt: Select, q: JournalQuery, address_ids: list[int] | None = None) -> Select:
        key = q.sort if q.sort in SORT_KEYS else "registered_on"
        cols: list = []
        ranked = []
        if q.text and q.text.strip():
            # a search lists the applicant's surname matches first, then the number, the address, the text;
            # the chosen order holds within each group
            ranked = [search_index.match_tier(q.text, *self._rank_columns(), address_ids)]
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
        return stmt.order_by(*ranked, *[c.desc() if q.descending else c.asc() for c in cols])

    def _rows(self, s: Session, ids: list[int], text: str = "") -> tuple[JournalRow, ...]:
        if not ids:
            return ()
        ctx = self._ctx
        engine = ctx.engine()
        today = ctx.today()
        found = {}
        searched = bool(text and text.strip())
        extra = (Appeal.applicant_sort, _ADDRESS) if searched else ()
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            result = s.execute(
                select(*_ROW_SELECT, *extra)
                .outerjoin(Settlement, Settlement.id == Appeal.settlement_id)
                .outerjoin(Official, Official.id == Appeal.executor_id)
                .where(Appeal.id.in_(chunk))
            )
            for r in result:
                row = journal_row(r, engine, today)
                if searched:
                    n = len(_ROW_SELECT)
                    row = replace(row, matched=search_index.row_match(text, r[n], row.reg_number, r[n + 1]))
                found[r[0]] = row
        return tuple(found[i] for i in ids if i in found)

