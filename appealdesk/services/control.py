"""Deadline control as a service (``desk.control``): the calendar, the today panel, promises of answers on
secondary control, executor discipline and reminder letters. Reads take one session; every change is one
unit of work and is audited on the appeal it belongs to."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from sqlalchemy import false, select
from sqlalchemy.orm import Session, aliased

from ..control import discipline as _discipline
from ..control import month as _month
from ..control import promises as _rules
from ..control import reminders as _reminders
from ..control import today as _today
from ..control.values import (
    ControlFilter,
    ControlItem,
    Discipline,
    MonthCounts,
    PromiseDoneInput,
    PromiseInput,
    PromiseView,
    Reminders,
    TodaySummary,
)
from ..domain.roles import Permission as P
from ..errors import DomainError, FieldError, NotFoundError, ValidationError
from ..storage.models import Appeal, Official
from ..storage.models_control import Promise
from . import audit
from .access import requires
from .appeal_rules import executors_of
from .context import ServiceContext

_Executor = aliased(Official)

# the card's history names these actions (an additive registration: the labels live with the feature)


class ControlService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def _now(self) -> datetime:
        """"Now" on the service's today (tests and the demo fix the date; the clock is the real one)."""
        return datetime.combine(self._ctx.today(), self._ctx.now().time())

    # -- the calendar ----------------------------------------------------------------------------
    @requires(P.READ)
    def month(self, year: int, month: int, filt: ControlFilter | None = None) -> MonthCounts:
        """The counts of the six-week grid of a month (Monday first), from one query."""
        ctx = self._ctx
        engine = ctx.engine()
        with ctx.read() as s:
            return _month.month_counts(s, engine, year, month, ctx.today(), filt)

    @requires(P.READ)
    def items(self, first: date, last: date, filt: ControlFilter | None = None) -> tuple[ControlItem, ...]:
        """Appeals whose deadline or control deadline, and promises whose date, fall in ``[first, last]``."""
        ctx = self._ctx
        engine = ctx.engine()
        with ctx.read() as s:
            return _month.items_between(s, engine, first, last, ctx.today(), filt)

    @requires(P.READ)
    def day(self, day: date, filt: ControlFilter | None = None) -> tuple[ControlItem, ...]:
        return self.items(day, day, filt)

    # -- the today panel -------------------------------------------------------------------------
    @requires(P.READ)
    def today(self) -> TodaySummary:
        ctx = self._ctx
        engine = ctx.engine()
        with ctx.read() as s:
            return _today.summary(s, engine, ctx.today(), self._now())

    @requires(P.READ)
    def today_items(self, key: str) -> tuple[ControlItem, ...]:
        ctx = self._ctx
        engine = ctx.engine()
        if key not in _today.ORDER:
            raise DomainError(f"Неизвестный раздел панели «Сегодня»: {key}")
        with ctx.read() as s:
            return _today.items(s, engine, key, ctx.today(), self._now())

    # -- promises (secondary control) ------------------------------------------------------------
    @requires(P.PROMISE)
    def add_promise(self, appeal_id: int, data: PromiseInput) -> PromiseView:
        """Record a promise of an appeal's answer: open or closed, the appeal keeps it on control."""
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = s.get(Appeal, appeal_id)
            if appeal is None or appeal.deleted:
                raise NotFoundError("Обращение не найдено или удалено")
            ctx.require_assigned(P.PROMISE, appeal.reg_number, executors_of(appeal))
            errors = _rules.check_new(data, appeal.registered_on)
            executor_id = data.executor_id if data.executor_id is not None else appeal.executor_id
            if executor_id is not None and s.get(Official, executor_id) is None:
                raise NotFoundError("Исполнитель не найден")
            if errors:
                raise ValidationError(errors)
            p = Promise(appeal_id=appeal.id, text=data.text.strip(), due_on=data.due_on, executor_id=executor_id,
                        status="open", created_at=ctx.now(), created_by=ctx.user)
            s.add(p)
            s.flush()
            audit.record(s, ctx, "appeal", appeal.id, "promise",
                         [("promise", None, f"{p.text} — до {p.due_on:%d.%m.%Y}")])
            return self._view(s, p.id)

    @requires(P.READ)
    def promises(self, status: str | None = "open", appeal_id: int | None = None,
                 executor_id: int | None = None) -> tuple[PromiseView, ...]:
        """Promises, the earliest due first. ``status=None``: every status."""
        with self._ctx.read() as s:
            stmt = self._select().where(Appeal.deleted == false())
            if status:
                stmt = stmt.where(Promise.status == status)
            if appeal_id is not None:
                stmt = stmt.where(Promise.appeal_id == appeal_id)
            if executor_id is not None:
                stmt = stmt.where(Promise.executor_id == executor_id)
            return tuple(self._row(r) for r in s.execute(stmt.order_by(Promise.due_on, Promise.id)))

    def _require_mine(self, s: Session, p: Promise) -> None:
        appeal = s.get(Appeal, p.appeal_id)
        self._ctx.require_assigned(P.PROMISE, appeal.reg_number, executors_of(appeal) | {p.executor_id})

    @requires(P.READ)
    def promise(self, promise_id: int) -> PromiseView:
        with self._ctx.read() as s:
            return self._view(s, promise_id)

    @requires(P.PROMISE)
    def confirm_promise(self, promise_id: int, data: PromiseDoneInput) -> PromiseView:
        """Done, confirmed by a call to the applicant: only then does the promise leave control."""
        ctx = self._ctx
        with ctx.uow() as s:
            p = self._open_promise(s, promise_id)
            self._require_mine(s, p)
            errors = _rules.check_done(data, ctx.today(), p.created_at.date())
            if errors:
                raise ValidationError(errors)
            p.status, p.done_on, p.call_on = "done", data.done_on, data.call_on
            p.call_note, p.confirmed_by = data.call_note.strip(), data.confirmed_by.strip()
            audit.record(s, ctx, "appeal", p.appeal_id, "promise_done", [
                ("promise", p.text, f"выполнено {p.done_on:%d.%m.%Y}"),
                ("call_on", None, f"{p.call_on:%d.%m.%Y}: {p.call_note}"),
                ("confirmed_by", None, p.confirmed_by),
            ])
            s.flush()
            return self._view(s, p.id)

    @requires(P.PROMISE)
    def cancel_promise(self, promise_id: int, reason: str) -> PromiseView:
        """Take a promise off control without it being done (recorded in error, withdrawn): with a reason."""
        ctx = self._ctx
        if not (reason or "").strip():
            raise ValidationError([FieldError("reason", "Укажите, почему обещание снимается с контроля")])
        with ctx.uow() as s:
            p = self._open_promise(s, promise_id)
            self._require_mine(s, p)
            p.status, p.call_note = "cancelled", reason.strip()
            audit.record(s, ctx, "appeal", p.appeal_id, "promise_cancel", [("promise", p.text, reason.strip())])
            s.flush()
            return self._view(s, p.id)

    def _open_promise(self, s: Session, promise_id: int) -> Promise:
        p = s.get(Promise, promise_id)
        if p is None:
            raise NotFoundError("Обещание не найдено")
        if p.status != "open":
            raise DomainError(f"Обещание уже {_rules.STATUS_LABELS.get(p.status, p.status).lower()}")
        return p

    @staticmethod
    def _select():
        return (
            select(Promise, Appeal.reg_number, Appeal.applicant_name, Appeal.status.label("appeal_status"),
                   _Executor.full_name)
            .join(Appeal, Appeal.id == Promise.appeal_id)
            .outerjoin(_Executor, _Executor.id == Promise.executor_id)
        )

    def _view(self, s: Session, promise_id: int) -> PromiseView:
        r = s.execute(self._select().where(Promise.id == promise_id)).one_or_none()
        if r is None:
            raise NotFoundError("Обещание не найдено")
        return self._row(r)

    def _row(self, r) -> PromiseView:
        p = r[0]
        today = self._ctx.today()
        soon = self._ctx.engine().due_soon_until(today)
        return PromiseView(
            id=p.id, appeal_id=p.appeal_id, reg_number=r.reg_number, applicant=r.applicant_name,
            appeal_closed=r.appeal_status == "closed", text=p.text, due_on=p.due_on, executor_id=p.executor_id,
            executor=r.full_name, status=p.status, state=_rules.promise_state(p.status, p.due_on, today, soon),
            done_on=p.done_on, confirmed_by=p.confirmed_by, call_on=p.call_on, call_note=p.call_note,
            created_by=p.created_by,
        )

    # -- discipline and reminders ----------------------------------------------------------------
    @requires(P.REPORT)
    def discipline(self, date_from: date, date_to: date) -> Discipline:
        if date_to < date_from:
            raise ValidationError([FieldError("date_to", "Конец периода раньше его начала")])
        with self._ctx.read() as s:
            return _discipline.discipline(s, date_from, date_to, self._ctx.today())

    @requires(P.REPORT)
    def export_discipline(self, d: Discipline, path: str | Path) -> Path:
        return _discipline.write_xlsx(d, path, self._ctx.settings().organisation)

    @requires(P.PRINT)
    def reminders(self, days: int = 7, executor_id: int | None = None) -> Reminders:
        if days < 0 or days > 366:
            raise ValidationError([FieldError("days", "Период напоминания — от 0 до 366 дней")])
        with self._ctx.read() as s:
            return _reminders.reminders(s, self._ctx.today(), days, self._ctx.settings().organisation, executor_id)

    @requires(P.PRINT)
    def reminders_pdf(self, r: Reminders, path: str | Path) -> Path:
        return _reminders.write_pdf(r, path)

    @requires(P.PRINT)
    def reminders_document(self, r: Reminders):
        """The reminders as a paper (``paper.model.Document``)."""
        return _reminders.reminders_document(r)
