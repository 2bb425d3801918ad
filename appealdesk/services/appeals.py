"""The lifecycle of an appeal: register, edit, resolution, extension, forwarding, answer, close, reopen,
delete. Every rule is enforced here; every change goes to the audit log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import distinct, false, func, select
from sqlalchemy.orm import Session, selectinload

from ..domain.codes import MERITS_RESULTS, Kind, NoAnswerGround, Result
from ..domain.law import NO_SURNAME, NoAnswerFacts, anonymity, ground_result, no_answer_problems
from ..domain.roles import Permission as P
from ..domain.text import fold
from ..errors import ConflictError, DomainError, FieldError, NotFoundError, PermissionDenied, ValidationError
from ..storage import search_index
from ..storage.models import Appeal, AppealAnswer, Applicant, Extension, Forwarding, Official, Question
from . import applicants as applicant_rules
from . import audit
from .access import requires
from .appeal_rows import person_of, question_rows, registration_row
from .appeal_rules import executors_of, series_of, validate
from .card_view import card_of, snapshot
from .context import ServiceContext
from .registry import Numberer, known, reindex
from .values import (
    AnswerInput,
    AppealCard,
    AppealInput,
    ExtensionInput,
    ForwardingInput,
    InterimAnswerInput,
    ResolutionInput,
)


class AppealService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # -- reading ---------------------------------------------------------------------------------
    @requires(P.READ)
    def get(self, appeal_id: int) -> AppealCard:
        with self._ctx.read() as s:
            return card_of(s, self._ctx, _load(s, appeal_id))

    @requires(P.READ)
    def by_number(self, reg_number: str) -> AppealCard:
        with self._ctx.read() as s:
            appeal_id = s.scalar(select(Appeal.id).where(Appeal.reg_number == reg_number.strip()))
            if appeal_id is None:
                raise NotFoundError(f"Обращение № {reg_number} не найдено")
            return card_of(s, self._ctx, _load(s, appeal_id))

    # -- registration and editing ----------------------------------------------------------------
    @requires(P.REGISTER)
    def register(self, data: AppealInput) -> AppealCard:
        with self._ctx.uow() as s:
            return card_of(s, self._ctx, register_in(s, self._ctx, data))

    @requires(P.EDIT)
    def update(self, appeal_id: int, data: AppealInput, expected_version: int | None = None) -> AppealCard:
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _load(s, appeal_id)
            if expected_version is not None and appeal.version != expected_version:
                raise ConflictError(
                    f"Обращение № {appeal.reg_number} уже изменено другим пользователем "
                    f"({appeal.updated_by}, {appeal.updated_at:%d.%m.%Y %H:%M}). Откройте его заново."
                )
            _check(s, ctx, data)
            _may_resolve(ctx, (appeal.resolution, appeal.resolution_by_id, appeal.resolution_on), data)
            before = snapshot(s, ctx, appeal)
            new_number = (data.reg_number or appeal.reg_number).strip()
            registered = data.registered_on or appeal.registered_on
            if new_number != appeal.reg_number or registered.year != appeal.reg_year:
                numberer = Numberer(s, ctx.settings())
                series = series_of(data.kind)
                if new_number != appeal.reg_number:
                    appeal.reg_seq = numberer.claim(new_number, series, registered.year)
                appeal.reg_number, appeal.reg_series, appeal.reg_year = new_number, series, registered.year
            appeal.registered_on = registered
            _fill(s, ctx, appeal, data)
            _set_questions(s, appeal, data)
            if appeal.status == "closed" and any(q.result is None for q in appeal.questions):
                raise DomainError("Закрытое обращение: у каждого вопроса должен быть результат")
            _touch(ctx, appeal)
            s.flush()
            reindex(s, appeal, _address(appeal))
            audit.record(s, ctx, "appeal", appeal.id, "update", audit.diff(before, snapshot(s, ctx, appeal)))
            return card_of(s, ctx, appeal)

    # -- the workflow ----------------------------------------------------------------------------
    @requires(P.RESOLUTION)
    def set_resolution(self, appeal_id: int, data: ResolutionInput) -> AppealCard:
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _open(s, appeal_id)
            errors = []
            if not data.text.strip():
                errors.append(FieldError("resolution", "Укажите текст резолюции"))
            for field, oid in (("executor_id", data.executor_id), ("resolution_by_id", data.by_id)):
                if oid is not None and s.get(Official, oid) is None:
                    errors.append(FieldError(field, "Должностное лицо не найдено"))
            on = data.on or ctx.today()
            if on < appeal.registered_on:
                errors.append(FieldError("resolution_on", "Дата резолюции раньше даты регистрации"))
            if data.control_deadline and not appeal.registered_on <= data.control_deadline <= appeal.deadline:
                errors.append(
                    FieldError("control_deadline", "Контрольный срок должен быть между регистрацией и сроком по закону")
                )
            if errors:
                raise ValidationError(errors)
            before = snapshot(s, ctx, appeal)
            appeal.resolution, appeal.resolution_by_id, appeal.resolution_on = data.text.strip(), data.by_id, on
            appeal.executor_id, appeal.on_control = data.executor_id, data.on_control
            for q in appeal.questions:
                if q.executor_id is None:
                    q.executor_id = data.executor_id
            if data.control_deadline:
                appeal.control_deadline = data.control_deadline
            _touch(ctx, appeal)
            s.flush()
            audit.record(s, ctx, "appeal", appeal.id, "resolution", audit.diff(before, snapshot(s, ctx, appeal)))
            return card_of(s, ctx, appeal)

    @requires(P.EXTEND)
    def extend(self, appeal_id: int, data: ExtensionInput) -> AppealCard:
        """59-FZ art. 12 p. 2: once, by at most 30 days, with a reason and a notice to the applicant."""
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _open(s, appeal_id)
            engine = ctx.engine()
            if appeal.extension is not None:
                raise DomainError(
                    f"Срок обращения № {appeal.reg_number} уже продлевался "
                    f"(до {appeal.extension.new_deadline:%d.%m.%Y}): продлить можно только один раз"
                )
            limit = engine.max_extension_days(appeal.kind)
            errors = []
            if limit == 0:
                raise DomainError("Срок ответа на сообщение (24 часа) не продлевается")
            if not 1 <= data.days <= limit:
                errors.append(FieldError("days", f"Срок продлевается не более чем на {limit} дней"))
            if not data.reason.strip():
                errors.append(FieldError("reason", "Укажите основание продления"))
            if not data.extended_by.strip():
                errors.append(FieldError("extended_by", "Укажите, кто продлил срок"))
            on = data.extended_on or ctx.today()
            if on > appeal.deadline:
                errors.append(
                    FieldError("extended_on", f"Срок истёк {appeal.deadline:%d.%m.%Y}: продлить его уже нельзя")
                )
            if on < appeal.registered_on:
                errors.append(FieldError("extended_on", "Дата продления раньше даты регистрации"))
            if appeal.kind == Kind.INFO_REQUEST:
                term = engine.info_delay_notice_deadline(appeal.registered_on)
                if on > term:
                    errors.append(FieldError(
                        "extended_on", "Ответ на запрос информации откладывается только с уведомлением в течение "
                                       f"7 дней со дня регистрации (ст.18 8-ФЗ): этот срок истёк {term:%d.%m.%Y}"))
            if data.notice_on and data.notice_on < on:
                errors.append(FieldError("notice_on", "Уведомление не может быть раньше продления"))
            if errors:
                raise ValidationError(errors)
            new = engine.extended_deadline(appeal.legal_deadline, data.days)
            s.add(
                Extension(
                    appeal_id=appeal.id,
                    days=data.days,
                    previous_deadline=appeal.deadline,
                    new_deadline=new,
                    reason=data.reason.strip(),
                    extended_by=data.extended_by.strip(),
                    extended_on=on,
                    notice_on=data.notice_on,
                )
            )
            old = appeal.deadline
            appeal.extended_deadline = appeal.deadline = new
            _touch(ctx, appeal)
            s.flush()
            s.refresh(appeal)
            audit.record(
                s, ctx, "appeal", appeal.id, "extend",
                [("extended_deadline", old.strftime("%d.%m.%Y"), new.strftime("%d.%m.%Y")),
                 ("reason", None, data.reason.strip()),
                 ("notice_on", None, data.notice_on.strftime("%d.%m.%Y") if data.notice_on else None)],
            )
            return card_of(s, ctx, appeal)

    @requires(P.NOTICE)
    def record_extension_notice(self, appeal_id: int, notice_on: date) -> AppealCard:
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _load(s, appeal_id)
            if appeal.extension is None:
                raise DomainError("Срок этого обращения не продлевался")
            if notice_on < appeal.extension.extended_on:
                raise ValidationError([FieldError("notice_on", "Уведомление не может быть раньше продления")])
            old = appeal.extension.notice_on
            appeal.extension.notice_on = notice_on
            _touch(ctx, appeal)
            audit.record(s, ctx, "appeal", appeal.id, "extension_notice", audit.diff({"notice_on": old}, {"notice_on": notice_on}))
            s.flush()
            return card_of(s, ctx, appeal)

    @requires(P.FORWARD)
    def forward(self, appeal_id: int, data: ForwardingInput) -> AppealCard:
        """59-FZ art. 8 p. 3: within 7 days of registration, with a notice; never to the body complained about."""
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _open(s, appeal_id)
            engine = ctx.engine()
            on = data.forwarded_on or ctx.today()
            body = " ".join(data.to_body.split())
            errors = []
            if not body:
                errors.append(FieldError("to_body", "Укажите, куда направлено обращение"))
            limit = engine.forwarding_deadline(appeal.registered_on)
            if on < appeal.registered_on:
                errors.append(FieldError("forwarded_on", "Дата направления раньше даты регистрации"))
            elif on > limit:
                errors.append(
                    FieldError(
                        "forwarded_on",
                        f"Переадресация возможна в течение 7 дней со дня регистрации — до {limit:%d.%m.%Y}",
                    )
                )
            if data.notice_on and data.notice_on < on:
                errors.append(FieldError("notice_on", "Уведомление заявителя не может быть раньше направления"))
            if body and appeal.kind == "complaint" and appeal.complaint_about and _same_body(body, appeal.complaint_about):
                errors.append(
                    FieldError(
                        "to_body",
                        "Жалобу нельзя направлять в орган или должностному лицу, действия которых обжалуются "
                        "(ч. 6 ст. 8 59-ФЗ)",
                    )
                )
            ids = set(data.question_ids) or {q.id for q in appeal.questions if q.result is None}
            unknown = ids - {q.id for q in appeal.questions}
            if unknown:
                errors.append(FieldError("question_ids", "Вопрос не относится к этому обращению"))
            if errors:
                raise ValidationError(errors)
            before = snapshot(s, ctx, appeal)
            s.add(
                Forwarding(
                    appeal_id=appeal.id,
                    to_body=body,
                    forwarded_on=on,
                    outgoing_number=(data.outgoing_number or "").strip() or None,
                    notice_on=data.notice_on,
                    note=data.note,
                )
            )
            for q in appeal.questions:
                if q.id in ids:
                    q.result = "forwarded"
            if all(q.result for q in appeal.questions):
                appeal.status, appeal.closed_on = "closed", on
            _touch(ctx, appeal)
            s.flush()
            s.refresh(appeal)
            changes = [("to_body", None, body), ("forwarded_on", None, on.strftime("%d.%m.%Y"))]
            audit.record(s, ctx, "appeal", appeal.id, "forward", changes + audit.diff(before, snapshot(s, ctx, appeal)))
            return card_of(s, ctx, appeal)

    @requires(P.NOTICE)
    def record_forwarding_notice(self, forwarding_id: int, notice_on: date) -> AppealCard:
        ctx = self._ctx
        with ctx.uow() as s:
            fw = s.get(Forwarding, forwarding_id)
            if fw is None:
                raise NotFoundError("Запись о переадресации не найдена")
            if notice_on < fw.forwarded_on:
                raise ValidationError([FieldError("notice_on", "Уведомление заявителя не может быть раньше направления")])
            old, fw.notice_on = fw.notice_on, notice_on
            appeal = _load(s, fw.appeal_id)
            _touch(ctx, appeal)
            audit.record(s, ctx, "appeal", appeal.id, "forward", audit.diff({"notice_on": old}, {"notice_on": notice_on}))
            s.flush()
            return card_of(s, ctx, appeal)

    @requires(P.ANSWER)
    def answer(self, appeal_id: int, data: AnswerInput) -> AppealCard:
        """The final answer with a result per question; closes the appeal when every question has one.

        Every answer is kept (``appeal_answers``); an art. 11 ground is checked against what the law asks of
        it (``domain.law``) and gives the questions its result; with the office's setting, a «меры приняты»
        answer closes only after the call to the applicant."""
        ctx = self._ctx
        vocab = ctx.vocabulary()
        with ctx.uow() as s:
            appeal = _load(s, appeal_id)
            if appeal.deleted:
                raise DomainError("Обращение удалено")
            _may_answer(ctx, appeal, data)
            errors = []
            if data.answer_on < appeal.registered_on:
                errors.append(FieldError("answer_on", "Дата ответа раньше даты регистрации"))
            if data.answer_on > ctx.today():
                errors.append(FieldError("answer_on", "Дата ответа не может быть позже сегодняшней"))
            if data.method and data.method not in vocab.get("answer_method", {}):
                errors.append(FieldError("method", f"Неизвестный способ отправки «{data.method}»"))
            if data.satisfaction and data.satisfaction not in vocab.get("satisfaction", {}):
                errors.append(FieldError("satisfaction", f"Неизвестная оценка «{data.satisfaction}»"))
            ground = data.no_answer_ground or None
            if ground and ground not in vocab.get("no_answer_ground", {}):
                errors.append(FieldError("no_answer_ground", "Неизвестное основание ст. 11"))
                ground = None
            by_id = {q.id: q for q in appeal.questions}
            for qid, result in data.results.items():
                if qid not in by_id:
                    errors.append(FieldError("results", "Вопрос не относится к этому обращению"))
                elif result and (result not in vocab.get("result", {}) or result == "in_progress"):
                    errors.append(FieldError("results", f"Неизвестный результат «{result}»"))
                elif not ground and result in (Result.LEFT_WITHOUT_ANSWER, Result.RETURNED) and result != (
                        by_id[qid].result):
                    errors.append(FieldError("no_answer_ground", "Укажите основание ст. 11 59-ФЗ, по которому "
                                                                 "обращение оставлено без ответа или возвращено"))
            if ground:
                errors += _no_answer_errors(s, appeal, data, ground)
            if errors:
                raise ValidationError(errors)
            if ground == NoAnswerGround.CORRESPONDENCE_TERMINATED:
                ctx.require(P.RESOLUTION)  # the decision is the head's (or the official he authorised)
            before = snapshot(s, ctx, appeal)
            for qid, result in data.results.items():
                by_id[qid].result = result or None
            if ground:
                forwarded = bool(appeal.forwardings)
                for q in appeal.questions:
                    if q.result != Result.FORWARDED:
                        q.result = ground_result(ground, forwarded)
            appeal.no_answer_ground = ground
            keep_terms = ground == NoAnswerGround.CORRESPONDENCE_TERMINATED
            appeal.decision_by_id = data.decision_by_id if keep_terms else None
            appeal.decision_on = data.decision_on if keep_terms else None
            appeal.published_url = (data.published_url or "").strip() or None if (
                ground == NoAnswerGround.PUBLISHED_ON_SITE) else None
            if data.call_on is not None:
                appeal.call_on, appeal.call_note = data.call_on, (data.call_note or "").strip() or None
            previous = (appeal.answer_on, appeal.answer_number, appeal.answer_method, appeal.answer_text)
            appeal.answer_on, appeal.answer_method = data.answer_on, data.method
            appeal.answer_number = (data.answer_number or "").strip() or None
            appeal.answer_text = (data.text or "").strip() or None
            appeal.satisfaction = data.satisfaction
            if data.close:
                missing = [q.position + 1 for q in appeal.questions if not q.result]
                if missing:
                    raise ValidationError(
                        [FieldError("results", "Нельзя закрыть обращение: нет результата у вопроса "
                                    + ", ".join(map(str, missing)))]
                    )
                call = _call_error(ctx, appeal)
                if call is not None:
                    raise ValidationError([call])
                appeal.status, appeal.closed_on = "closed", data.answer_on
            current = (appeal.answer_on, appeal.answer_number, appeal.answer_method, appeal.answer_text)
            if current != previous:  # every answer is kept, the final one on the appeal itself
                s.add(AppealAnswer(appeal_id=appeal.id, kind="final", answer_on=appeal.answer_on,
                                   number=appeal.answer_number, method=appeal.answer_method, text=appeal.answer_text,
                                   created_at=ctx.now(), created_by=ctx.user))
            _touch(ctx, appeal)
            s.flush()
            reindex(s, appeal, _address(appeal))
            audit.record(s, ctx, "appeal", appeal.id, "answer", audit.diff(before, snapshot(s, ctx, appeal)))
            return card_of(s, ctx, appeal)

    @requires(P.ANSWER)
    def interim_answer(self, appeal_id: int, data: InterimAnswerInput) -> AppealCard:
        """An interim answer: kept with its date, number and text; the appeal stays open and on control
        until the final answer, whose date the interim one names (within the deadline in force)."""
        ctx = self._ctx
        vocab = ctx.vocabulary()
        with ctx.uow() as s:
            appeal = _open(s, appeal_id)
            ctx.require_assigned(P.ANSWER, appeal.reg_number, executors_of(appeal))
            errors = []
            if data.answer_on < appeal.registered_on:
                errors.append(FieldError("answer_on", "Дата ответа раньше даты регистрации"))
            if data.answer_on > ctx.today():
                errors.append(FieldError("answer_on", "Дата ответа не может быть позже сегодняшней"))
            if not (data.text or "").strip():
                errors.append(FieldError("text", "Запишите содержание промежуточного ответа"))
            if data.method and data.method not in vocab.get("answer_method", {}):
                errors.append(FieldError("method", f"Неизвестный способ отправки «{data.method}»"))
            if data.final_due < data.answer_on:
                errors.append(FieldError("final_due", "Срок окончательного ответа раньше промежуточного ответа"))
            elif data.final_due > appeal.deadline:
                errors.append(FieldError(
                    "final_due", f"Окончательный ответ обещан позже срока рассмотрения ({appeal.deadline:%d.%m.%Y}): "
                                 "сначала продлите срок (ч.2 ст.12 59-ФЗ)"))
            if errors:
                raise ValidationError(errors)
            number = (data.number or "").strip() or None
            s.add(AppealAnswer(appeal_id=appeal.id, kind="interim", answer_on=data.answer_on, number=number,
                               method=data.method, text=data.text.strip(), final_due=data.final_due,
                               created_at=ctx.now(), created_by=ctx.user))
            was_on_control = appeal.on_control
            appeal.on_control = True  # the seeds: interim answers stay on control until the final answer
            _touch(ctx, appeal)
            s.flush()
            changes = [("answer_on", None, f"{data.answer_on:%d.%m.%Y}"), ("answer_number", None, number),
                       ("answer_text", None, data.text.strip()), ("final_due", None, f"{data.final_due:%d.%m.%Y}")]
            if not was_on_control:
                changes.append(("on_control", "нет", "да"))
            audit.record(s, ctx, "appeal", appeal.id, "interim_answer", changes)
            return card_of(s, ctx, appeal)

    @requires(P.CLOSE)
    def close(self, appeal_id: int, on: date | None = None) -> AppealCard:
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _open(s, appeal_id)
            missing = [q.position + 1 for q in appeal.questions if not q.result]
            if missing:
                raise DomainError(
                    "Нельзя закрыть обращение: нет результата у вопроса " + ", ".join(map(str, missing))
                )
            appeal.status, appeal.closed_on = "closed", on or appeal.answer_on or ctx.today()
            _touch(ctx, appeal)
            audit.record(s, ctx, "appeal", appeal.id, "close", [("status", "На рассмотрении", "Закрыто")])
            s.flush()
            return card_of(s, ctx, appeal)

    @requires(P.REOPEN)
    def reopen(self, appeal_id: int, reason: str) -> AppealCard:
        ctx = self._ctx
        if not reason.strip():
            raise ValidationError([FieldError("reason", "Укажите причину возобновления")])
        with ctx.uow() as s:
            appeal = _load(s, appeal_id)
            if appeal.status != "closed":
                raise DomainError(f"Обращение № {appeal.reg_number} не закрыто")
            appeal.status, appeal.closed_on = "in_progress", None
            _touch(ctx, appeal)
            audit.record(
                s, ctx, "appeal", appeal.id, "reopen",
                [("status", "Закрыто", "На рассмотрении"), ("reason", None, reason.strip())],
            )
            s.flush()
            return card_of(s, ctx, appeal)

    @requires(P.DELETE)
    def delete(self, appeal_id: int, reason: str) -> None:
        """Marks the appeal deleted (it leaves the journal and the reports); the record and its history stay."""
        ctx = self._ctx
        if not reason.strip():
            raise ValidationError([FieldError("reason", "Укажите причину удаления")])
        with ctx.uow() as s:
            appeal = _load(s, appeal_id)
            if appeal.deleted:
                return
            appeal.deleted, appeal.deleted_reason = True, reason.strip()
            _touch(ctx, appeal)
            search_index.remove_appeal(s, appeal.id)
            audit.record(s, ctx, "appeal", appeal.id, "delete", [("reason", None, reason.strip())])

    @requires(P.DELETE)
    def restore(self, appeal_id: int) -> AppealCard:
        ctx = self._ctx
        with ctx.uow() as s:
            appeal = _load(s, appeal_id)
            if not appeal.deleted:
                raise DomainError("Обращение не удалено")
            appeal.deleted, appeal.deleted_reason = False, None
            _touch(ctx, appeal)
            reindex(s, appeal, _address(appeal))
            audit.record(s, ctx, "appeal", appeal.id, "restore", [])
            s.flush()
            return card_of(s, ctx, appeal)


def register_in(session: Session, ctx: ServiceContext, data: AppealInput) -> Appeal:
    """Register ``data`` in an open unit of work (the card; a reception card that becomes an appeal in the
    same transaction). Numbering, deadlines, the search index and the audit entry, all of it."""
    _check(session, ctx, data)
    _may_resolve(ctx, (None, None, None), data)
    registered = data.registered_on or ctx.today()
    series = series_of(data.kind)
    numberer = Numberer(session, ctx.settings())
    if data.reg_number:
        seq = numberer.claim(data.reg_number, series, registered.year)
        number = data.reg_number.strip()
    else:
        number, seq = numberer.assign(series, registered.year)
    now = ctx.now()
    appeal = Appeal(
        reg_number=number, reg_series=series, reg_year=registered.year, reg_seq=seq, registered_on=registered,
        created_at=now, created_by=ctx.user, updated_at=now, updated_by=ctx.user, status="in_progress", version=1,
    )
    _fill(session, ctx, appeal, data)
    session.add(appeal)
    session.flush()
    _set_questions(session, appeal, data)
    session.flush()
    reindex(session, appeal, _address(appeal), fresh=True)
    audit.record(session, ctx, "appeal", appeal.id, "register", audit.diff({}, snapshot(session, ctx, appeal)))
    return appeal


# -- helpers ----------------------------------------------------------------------------------------
def _may_resolve(ctx: ServiceContext, before: tuple, data: AppealInput) -> None:
    """The resolution (its text, author and date) is the head's: a card saved by a clerk keeps it as it
    was."""
    after = ((data.resolution or "").strip() or None, data.resolution_by_id, data.resolution_on)
    if after != before:
        ctx.require(P.RESOLUTION)


def _may_answer(ctx: ServiceContext, appeal: Appeal, data: AnswerInput) -> None:
    """An executor answers only on their own questions (their results, the answer of such an appeal);
    closing the appeal is the clerk's."""
    ctx.require_assigned(P.ANSWER, appeal.reg_number, executors_of(appeal))
    if data.close:
        ctx.require(P.CLOSE)
    for q in appeal.questions:
        new = data.results.get(q.id, q.result) or None
        if new != q.result and not ctx.assigned_to_me(q.executor_id or appeal.executor_id):
            raise PermissionDenied(
                f"Вопрос {q.position + 1} обращения № {appeal.reg_number} поручен другому исполнителю: "
                "его результат вносит он или специалист по обращениям."
            )


def earlier_merit_answers(session: Session, appeal: Appeal) -> int:
    """Earlier appeals of the same applicant on a question of this one, answered on the merits before it
    was registered (59-FZ art. 11 p. 5: "неоднократно давались письменные ответы по существу")."""
    if appeal.applicant_id is None:
        return 0
    codes = {q.classifier_code for q in appeal.questions}
    return session.scalar(
        select(func.count(distinct(Appeal.id)))
        .join(Question, Question.appeal_id == Appeal.id)
        .where(Appeal.applicant_id == appeal.applicant_id, Appeal.id != appeal.id, Appeal.deleted == false(),
               Appeal.answer_on.is_not(None), Appeal.answer_on <= appeal.registered_on,
               Question.classifier_code.in_(codes), Question.result.in_(MERITS_RESULTS))
    ) or 0


def _no_answer_errors(session: Session, appeal: Appeal, data: AnswerInput, ground: str) -> list[FieldError]:
    applicant = appeal.applicant
    person = person_of(applicant)
    facts = NoAnswerFacts(
        ground=ground, form=appeal.form,
        anonymity=anonymity(appeal.form, appeal.channel, person.has_surname, person.address, person.email)
        if applicant is not None else NO_SURNAME,
        registered_on=appeal.registered_on, answer_on=data.answer_on, crime_report=bool(appeal.crime_report),
        forwarded=bool(appeal.forwardings),
        earlier_merit_answers=earlier_merit_answers(session, appeal)
        if ground == NoAnswerGround.CORRESPONDENCE_TERMINATED else 0,
        decision_by=data.decision_by_id is not None and session.get(Official, data.decision_by_id) is not None,
        decision_on=data.decision_on, published_url=data.published_url,
    )
    return [FieldError(field, message) for field, message in no_answer_problems(facts)]


def _call_error(ctx: ServiceContext, appeal: Appeal) -> FieldError | None:
    """The office's setting (the Gubkin practice): an answer whose measures were taken is closed only after a
    call to the applicant confirming them."""
    if not ctx.settings().confirm_measures_by_call:
        return None
    if not any(q.result == Result.MEASURES_TAKEN for q in appeal.questions):
        return None
    if appeal.call_on is None:
        return FieldError("call_on", "По ответу «меры приняты» перед закрытием созвонитесь с заявителем и "
                                     "запишите дату звонка и его итог (так установлено в настройках организации)")
    if appeal.call_on < appeal.registered_on or appeal.call_on > ctx.today():
        return FieldError("call_on", "Дата звонка заявителю — между регистрацией и сегодняшним днём")
    return None


def _load(session: Session, appeal_id: int) -> Appeal:
    appeal = session.scalar(
        select(Appeal)
        .where(Appeal.id == appeal_id)
        .options(selectinload(Appeal.questions), selectinload(Appeal.forwardings))
    )
    if appeal is None:
        raise NotFoundError("Обращение не найдено")
    return appeal


def _open(session: Session, appeal_id: int) -> Appeal:
    appeal = _load(session, appeal_id)
    if appeal.deleted:
        raise DomainError(f"Обращение № {appeal.reg_number} удалено")
    if appeal.status == "closed":
        raise DomainError(f"Обращение № {appeal.reg_number} закрыто. Чтобы изменить его, возобновите рассмотрение.")
    return appeal


def _check(session: Session, ctx: ServiceContext, data: AppealInput) -> None:
    errors = validate(data, known(session, ctx), ctx.today())
    if data.previous_appeal_id is not None and session.get(Appeal, data.previous_appeal_id) is None:
        errors.append(FieldError("previous_appeal_id", "Предыдущее обращение не найдено"))
    if errors:
        raise ValidationError(errors)


def _fill(session: Session, ctx: ServiceContext, appeal: Appeal, data: AppealInput) -> None:
    applicant = applicant_rules.resolve(session, ctx, data.applicant_id, data.applicant)
    days = appeal.extension.days if appeal.id is not None and appeal.extension is not None else None
    row = registration_row(data, ctx.engine(), appeal.registered_on, person_of(applicant), extension_days=days)
    for name, value in row.items():
        setattr(appeal, name, value)
    appeal.applicant = applicant
    if data.previous_appeal_id is not None:
        appeal.previous_number = session.get(Appeal, data.previous_appeal_id).reg_number
    else:
        appeal.previous_number = (data.previous_number or "").strip() or None
    if appeal.extension is not None and days:
        appeal.extension.new_deadline = appeal.deadline


def _set_questions(session: Session, appeal: Appeal, data: AppealInput) -> None:
    existing = {q.id: q for q in appeal.questions}
    keep = []
    for qi, values in zip(data.questions, question_rows(data), strict=True):
        q = existing.get(qi.id) if qi.id is not None else None
        if q is None:
            q = Question(appeal_id=appeal.id)
        for name, value in values.items():
            setattr(q, name, value)
        keep.append(q)
    appeal.questions = keep


def _touch(ctx: ServiceContext, appeal: Appeal) -> None:
    appeal.updated_at, appeal.updated_by = ctx.now(), ctx.user
    appeal.version = (appeal.version or 0) + 1


def _address(appeal: Appeal) -> str | None:
    applicant: Applicant | None = appeal.applicant
    return applicant.address if applicant is not None else None


def _same_body(a: str, b: str) -> bool:
    fa, fb = fold(" ".join(a.split())), fold(" ".join(b.split()))
    return fa == fb or fa in fb or fb in fa

