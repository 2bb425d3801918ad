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
    DocumentRequestInput,
    MonthCounts,
    PromiseDoneInput,
    PromiseInput,
    PromiseView,
    Reminders,
    TodaySummary,
)
from ..domain.roles import Permission as P
from ..errors import DomainError, FieldError, NotFoundError, ValidationError
from ..storage.models import Appeal, DocumentRequest, Official
from ..storage.models_control import Promise
from . import audit
from .access import requires
from .appeal_rules import executors_of
from .card_view import request_view
from .context import ServiceContext
from .values import DocumentRequestView

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
        window = self._ctx.engine().window(today)
        return PromiseView(
            id=p.id, appeal_id=p.appeal_id, reg_number=r.reg_number, applicant=r.applicant_name,
            appeal_closed=r.appeal_status == "closed", text=p.text, due_on=p.due_on, executor_id=p.executor_id,
            executor=r.full_name, status=p.status, state=_rules.promise_state(p.status, p.due_on, window),
            done_on=p.done_on, confirmed_by=p.confirmed_by, call_on=p.call_on, call_note=p.call_note,
            created_by=p.created_by,
        )

    # -- requests for documents (59-FZ art. 10 p. 2: 15 days) -----------------------------------------
    @requires(P.DOCUMENTS)
    def add_document_request(self, data: DocumentRequestInput) -> DocumentRequestView:
        """Record documents asked of another body for our appeal (``outgoing``), or asked of us by another
        body (``incoming``): provided within 15 days of the request, moved off days off as every term."""
        ctx = self._ctx
        today = ctx.today()
        with ctx.uow() as s:
            errors = []
            if data.direction not in ("incoming", "outgoing"):
                errors.append(FieldError("direction", "Укажите, кто запрашивает документы"))
            body = " ".join((data.body or "").split())
            if not body:
                errors.append(FieldError("body", "Укажите орган (должностное лицо), к которому или от которого запрос"))
            if data.request_on > today:
                errors.append(FieldError("request_on", "Дата запроса не может быть позже сегодняшней"))
            appeal = None
            if data.appeal_id is not None:
                appeal = s.get(Appeal, data.appeal_id)
                if appeal is None or appeal.deleted:
                    errors.append(FieldError("appeal_id", "Обращение не найдено"))
                elif data.request_on < appeal.registered_on and data.direction == "outgoing":
                    errors.append(FieldError("request_on", "Запрос не может быть раньше регистрации обращения"))
            elif data.direction == "outgoing":
                errors.append(FieldError("appeal_id", "Наш запрос документов делается по обращению: укажите его"))
            if errors:
                raise ValidationError(errors)
            row = DocumentRequest(
                appeal_id=data.appeal_id, direction=data.direction, body=body, request_on=data.request_on,
                number=(data.number or "").strip() or None, subject=(data.subject or "").strip() or None,
                due_on=ctx.engine().document_request_deadline(data.request_on), created_at=ctx.now(),
                created_by=ctx.user,
            )
            s.add(row)
            s.flush()
            audit.record(s, ctx, "appeal" if appeal is not None else "document_request",
                         appeal.id if appeal is not None else row.id, "document_request", [
                             ("to_body" if data.direction == "outgoing" else "source", None, body),
                             ("notice_on", None, f"{row.request_on:%d.%m.%Y}"),
                             ("deadline", None, f"{row.due_on:%d.%m.%Y}")])
            return request_view(row, appeal.reg_number if appeal is not None else None, ctx.engine().window(today))

    @requires(P.DOCUMENTS)
    def answer_document_request(self, request_id: int, answered_on: date,
                                answer_number: str | None = None) -> DocumentRequestView:
        """The documents were provided (incoming) or received (outgoing) on ``answered_on``."""
        ctx = self._ctx
        with ctx.uow() as s:
            row = s.get(DocumentRequest, request_id)
            if row is None:
                raise NotFoundError("Запрос документов не найден")
            if answered_on < row.request_on or answered_on > ctx.today():
                raise ValidationError([FieldError("answered_on", "Дата ответа — между датой запроса и сегодняшним днём")])
            old = row.answered_on
            row.answered_on, row.answer_number = answered_on, (answer_number or "").strip() or None
            audit.record(s, ctx, "appeal" if row.appeal_id else "document_request", row.appeal_id or row.id,
                         "document_answer", [("answer_on", f"{old:%d.%m.%Y}" if old else None,
                                              f"{answered_on:%d.%m.%Y}"), ("answer_number", None, row.answer_number)])
            s.flush()
            number = s.get(Appeal, row.appeal_id).reg_number if row.appeal_id else None
            return request_view(row, number, ctx.engine().window(ctx.today()))

    @requires(P.READ)
    def document_requests(self, open_only: bool = True) -> tuple[DocumentRequestView, ...]:
        """Requests for documents, the earliest due first (``open_only``: not answered yet)."""
        ctx = self._ctx
        window = ctx.engine().window(ctx.today())
        with ctx.read() as s:
            stmt = select(DocumentRequest, Appeal.reg_number).outerjoin(Appeal, Appeal.id == DocumentRequest.appeal_id)
            if open_only:
                stmt = stmt.where(DocumentRequest.answered_on.is_(None))
            rows = s.execute(stmt.order_by(DocumentRequest.due_on, DocumentRequest.id)).all()
            return tuple(request_view(r, number, window) for r, number in rows)

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
