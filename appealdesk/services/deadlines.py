"""Deadline control: the live counts of the status bar and the lists behind them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import false, func, select

from ..domain.roles import Permission as P
from ..storage.models import Appeal, Official
from .access import requires
from .appeal_filters import OVERDUE, open_appeals, urgency, urgency_sums
from .context import ServiceContext
from .values import DeadlineItem, StateCounts


class DeadlineService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def counts(self, on: date | None = None) -> StateCounts:
        """Open appeals: all, overdue, due on ``on``, due within the "due soon" working days. One query."""
        window = self._ctx.engine().window(on or self._ctx.today())
        with self._ctx.read() as s:
            row = s.execute(open_appeals(select(func.count(), *urgency_sums(window)))).one()
            return StateCounts(row[0] or 0, row[1] or 0, row[2] or 0, row[3] or 0)

    @requires(P.READ)
    def overdue_count(self, on: date | None = None) -> int:
        window = self._ctx.engine().window(on or self._ctx.today())
        with self._ctx.read() as s:
            return s.scalar(open_appeals(select(func.count())).where(urgency(window, OVERDUE))) or 0

    @requires(P.READ)
    def due(self, on: date | None = None, include_soon: bool = True) -> tuple[DeadlineItem, ...]:
        """Open appeals that are overdue, due on ``on`` or (optionally) due soon, the most urgent first."""
        ctx = self._ctx
        today = on or ctx.today()
        window = ctx.engine().window(today)
        limit = window.soon_until if include_soon else today
        with ctx.read() as s:
            rows = s.execute(
                select(
                    Appeal.id, Appeal.reg_number, Appeal.applicant_name, Official.full_name, Appeal.deadline,
                    Appeal.control_deadline, Appeal.extended_deadline, Appeal.summary,
                )
                .outerjoin(Official, Official.id == Appeal.executor_id)
                .where(Appeal.deleted == false(), Appeal.status == "in_progress", Appeal.deadline <= limit)
                # ``limit`` is the window's last "due soon" day: every row below is overdue, due or soon
                .order_by(Appeal.deadline, Appeal.id)
            ).all()
        out = []
        for r in rows:
            extended = r.extended_deadline is not None
            out.append(
                DeadlineItem(
                    id=r.id, reg_number=r.reg_number, applicant=r.applicant_name, executor=r.full_name,
                    deadline=r.deadline, control_deadline=r.control_deadline, extended=extended,
                    state=str(window.state(r.deadline, False, extended)),
                    days_left=(r.deadline - today).days, summary=r.summary,
                )
            )
        return tuple(out)
