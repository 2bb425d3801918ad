"""Deadline control: the live counts of the status bar and the lists behind them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, false, func, select

from ..domain.roles import Permission as P
from ..storage.models import Appeal, Official
from .access import requires
from .context import ServiceContext
from .values import DeadlineItem, StateCounts


class DeadlineService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def counts(self, on: date | None = None) -> StateCounts:
        """Open appeals: all, overdue, due on ``on``, due within the "due soon" working days. One query."""
        today = on or self._ctx.today()
        soon = self._ctx.engine().due_soon_until(today)
        with self._ctx.read() as s:
            row = s.execute(
                select(
                    func.count(),
                    func.sum(case((Appeal.deadline < today, 1), else_=0)),
                    func.sum(case((Appeal.deadline == today, 1), else_=0)),
                    func.sum(case(((Appeal.deadline > today) & (Appeal.deadline <= soon), 1), else_=0)),
                ).where(Appeal.deleted == false(), Appeal.status == "in_progress")
            ).one()
            return StateCounts(row[0] or 0, row[1] or 0, row[2] or 0, row[3] or 0)

    @requires(P.READ)
    def overdue_count(self, on: date | None = None) -> int:
        today = on or self._ctx.today()
        with self._ctx.read() as s:
            return s.scalar(
                select(func.count()).where(
                    Appeal.deleted == false(), Appeal.status == "in_progress", Appeal.deadline < today
                )
            ) or 0

    @requires(P.READ)
    def due(self, on: date | None = None, include_soon: bool = True) -> tuple[DeadlineItem, ...]:
        """Open appeals that are overdue, due on ``on`` or (optionally) due soon, the most urgent first."""
        ctx = self._ctx
        today = on or ctx.today()
        engine = ctx.engine()
        limit = engine.due_soon_until(today) if include_soon else today
        with ctx.read() as s:
            rows = s.execute(
                select(
                    Appeal.id, Appeal.reg_number, Appeal.applicant_name, Official.full_name, Appeal.deadline,
                    Appeal.control_deadline, Appeal.extended_deadline, Appeal.summary,
                )
                .outerjoin(Official, Official.id == Appeal.executor_id)
                .where(Appeal.deleted == false(), Appeal.status == "in_progress", Appeal.deadline <= limit)
                .order_by(Appeal.deadline, Appeal.id)
            ).all()
        out = []
        for r in rows:
            extended = r.extended_deadline is not None
            out.append(
                DeadlineItem(
                    id=r.id, reg_number=r.reg_number, applicant=r.applicant_name, executor=r.full_name,
                    deadline=r.deadline, control_deadline=r.control_deadline, extended=extended,
                    state=str(engine.state(r.deadline, False, extended, today)),
                    days_left=(r.deadline - today).days, summary=r.summary,
                )
            )
        return tuple(out)
