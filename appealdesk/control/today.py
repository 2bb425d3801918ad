"""The today panel: what a clerk must see in the morning, each line with the list behind it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..domain.codes import DEADLINE_STATE_LABELS, DeadlineState
from ..domain.deadlines import DeadlineEngine
from ..services.appeal_filters import DUE_SOON, DUE_TODAY, OVERDUE, urgency, urgency_sums
from ..storage.models import Appeal, DocumentRequest, Extension, Forwarding, Official, SstuUpload
from ..storage.models_control import Promise
from . import filters
from .month import day_state
from .values import ControlItem, TodayLine, TodaySummary

RECENT_DAYS = 30  # late registrations and forwardings are looked at over the last 30 days
_Executor = aliased(Official)

TITLES = {
    "overdue": DEADLINE_STATE_LABELS[DeadlineState.OVERDUE],
    "due_today": DEADLINE_STATE_LABELS[DeadlineState.DUE_TODAY],
    "due_soon": "Срок в ближайшие {n} раб. дн. (по {until})",
    "promises_overdue": "Обещания в ответах: срок истёк",
    "promises_due": "Обещания в ответах: срок скоро",
    "extension_notice": "Продлены без уведомления заявителя",
    "forwarding": "Переадресация с нарушением (30 дн.)",
    "late_registration": "Регистрация позже {reg} дней (30 дн.)",
    "messages": "Сообщения без ответа более {hours} ч",
    "documents": "Запросы документов: срок {docs} дн. истекает",
    "sstu": "ССТУ: не выгружено за {month}",
}
# what each line means, in full (tooltips, list titles)
DESCRIPTIONS = {
    "overdue": "Обращения на рассмотрении, срок которых истёк",
    "due_today": "Обращения, срок которых истекает сегодня",
    "due_soon": "Обращения, срок которых истекает в ближайшие рабочие дни",
    "promises_overdue": "Обещания в ответах (вторичный контроль), срок выполнения которых истёк",
    "promises_due": "Обещания в ответах, срок выполнения которых сегодня или в ближайшие рабочие дни",
    "extension_notice": "Продлённые обращения, уведомление заявителя о продлении не записано (ч. 2 ст. 12 59-ФЗ)",
    "forwarding": "Переадресация за последние 30 дней позже {fwd} дней со дня регистрации или без уведомления "
                  "заявителя (ч. 3 ст. 8 59-ФЗ)",
    "late_registration": "Обращения за последние 30 дней, зарегистрированные позже {reg} дней со дня поступления "
                         "(ч. 2 ст. 8 59-ФЗ)",
    "messages": "Сообщения (ПОС, социальные сети) без ответа более {hours} ч с момента поступления "
                "(срок установлен в настройках)",
    "documents": "Запросы документов для рассмотрения обращений (к нам и наши), не исполненные, со сроком "
                 "{docs} дней (ч. 2 ст. 10 59-ФЗ) сегодня, в ближайшие дни или уже истёкшим",
    "sstu": "Обращения прошлого месяца, не выгруженные в ССТУ.РФ (ежемесячно, Указ Президента РФ № 171); "
            "строка появляется после 5-го числа",
}
ORDER = ("overdue", "due_today", "due_soon", "promises_overdue", "promises_due", "extension_notice", "forwarding",
         "late_registration", "messages", "documents", "sstu")
JOURNAL_STATES = {"overdue": "overdue", "due_today": "due_today", "due_soon": "due_soon"}
SEVERITY = {"overdue": "alarm", "promises_overdue": "alarm", "messages": "alarm", "due_today": "warn",
            "extension_notice": "warn", "forwarding": "warn", "documents": "warn", "sstu": "warn"}
SSTU_AFTER_DAY = 5  # the month's upload is due by the 5th of the next one
SSTU_EXCLUDED = ("message", "info_request")
MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь")


def sstu_month(today: date) -> tuple[date, date]:
    """The month the today panel asks about: the previous one."""
    first = today.replace(day=1)
    last = first - timedelta(days=1)
    return last.replace(day=1), last


def _sstu_rows(s: Session, today: date):
    if today.day <= SSTU_AFTER_DAY:
        return None
    start, end = sstu_month(today)
    return (
        select(Appeal.id, Appeal.reg_number, Appeal.applicant_name, Appeal.registered_on, Appeal.summary,
               Appeal.deadline, _Executor.full_name)
        .outerjoin(SstuUpload, SstuUpload.appeal_id == Appeal.id)
        .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
        .where(Appeal.deleted == false(), Appeal.registered_on.between(start, end),
               Appeal.kind.not_in(SSTU_EXCLUDED), SstuUpload.appeal_id.is_(None))
    )


def numbers(engine: DeadlineEngine) -> dict[str, object]:
    """The legal numbers the titles name, from the office's settings (never typed into a title)."""
    r = engine.rules
    return {"n": r.due_soon_days, "reg": r.registration_days, "fwd": r.forwarding_days, "hours": r.message_hours,
            "docs": r.document_request_days}


def _late_message(received_on: date, received_time: time | None, now: datetime, hours: int) -> bool:
    return datetime.combine(received_on, received_time or time(0, 0)) <= now - timedelta(hours=hours)


def _document_rows(s: Session, window):
    return s.execute(
        select(DocumentRequest, Appeal.reg_number, Appeal.applicant_name, Appeal.summary, _Executor.full_name)
        .outerjoin(Appeal, Appeal.id == DocumentRequest.appeal_id)
        .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
        .where(DocumentRequest.answered_on.is_(None), DocumentRequest.due_on <= window.soon_until)
        .order_by(DocumentRequest.due_on, DocumentRequest.id)
    ).all()


def _forwarding_rows(s: Session, today: date):
    since = today - timedelta(days=RECENT_DAYS)
    return s.execute(
        select(Forwarding.id, Forwarding.forwarded_on, Forwarding.notice_on, Forwarding.to_body,
               Appeal.id.label("aid"), Appeal.reg_number, Appeal.applicant_name, Appeal.registered_on,
               Appeal.summary, Appeal.deadline, Appeal.is_anonymous, _Executor.full_name)
        .join(Appeal, Appeal.id == Forwarding.appeal_id)
        .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
        # coalesce(): keeps the planner from walking every appeal by the "deleted" index; it scans the
        # (small) forwardings table and looks the appeals up by key
        .where(func.coalesce(Appeal.deleted, False) == false(), Forwarding.forwarded_on >= since)
    ).all()


def _forwarding_problem(engine: DeadlineEngine, r) -> str:
    limit = engine.forwarding_deadline(r.registered_on)
    problems = []
    if r.forwarded_on > limit:
        problems.append(f"направлено {r.forwarded_on:%d.%m.%Y}, позже срока {limit:%d.%m.%Y}")
    if r.notice_on is None and not r.is_anonymous:  # art. 11 p. 1: no address, nobody to tell
        problems.append("заявитель не уведомлён")
    return "; ".join(problems)


def _late_registration_rows(s: Session, today: date):
    since = today - timedelta(days=RECENT_DAYS)
    return s.execute(
        select(Appeal.id, Appeal.reg_number, Appeal.applicant_name, Appeal.received_on, Appeal.registered_on,
               Appeal.summary, Appeal.deadline, Appeal.status, _Executor.full_name)
        .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
        .where(Appeal.deleted == false(), Appeal.registered_on >= since, Appeal.registered_on > Appeal.received_on)
    ).all()


def _late_registration_count(s: Session, engine: DeadlineEngine, today: date) -> int:
    """Counted over the distinct (receipt, registration) date pairs: the term of each receipt date once."""
    since = today - timedelta(days=RECENT_DAYS)
    pairs = s.execute(
        select(Appeal.received_on, Appeal.registered_on, func.count())
        .where(Appeal.deleted == false(), Appeal.registered_on >= since, Appeal.registered_on > Appeal.received_on)
        .group_by(Appeal.received_on, Appeal.registered_on)
    )
    terms: dict[date, date] = {}
    late = 0
    for received_on, registered_on, n in pairs:
        term = terms.get(received_on)
        if term is None:
            term = terms[received_on] = engine.registration_deadline(received_on)
        if registered_on > term:
            late += n
    return late


def _message_rows(s: Session, today: date):
    return s.execute(
        filters.open_appeals(
            select(Appeal.id, Appeal.reg_number, Appeal.applicant_name, Appeal.received_on, Appeal.received_time,
                   Appeal.summary, Appeal.deadline, _Executor.full_name)
            .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
        ).where(Appeal.kind == "message", Appeal.received_on < today)
    ).all()


def summary(s: Session, engine: DeadlineEngine, today: date, now: datetime) -> TodaySummary:
    window = engine.window(today)
    soon = window.soon_until
    appeals = s.execute(filters.open_appeals(select(*urgency_sums(window)))).one()
    overdue_p, today_p, soon_p = urgency_sums(window, Promise.due_on)
    promises = s.execute(
        select(overdue_p, today_p + soon_p)
        .join(Appeal, Appeal.id == Promise.appeal_id)
        .where(Promise.status == "open", Appeal.deleted == false(), Promise.due_on <= soon)
    ).one()
    no_notice = s.scalar(
        filters.open_appeals(select(func.count()).select_from(Extension).join(Appeal, Appeal.id == Extension.appeal_id))
        .where(Extension.notice_on.is_(None))
    ) or 0
    forwarding = sum(1 for r in _forwarding_rows(s, today) if _forwarding_problem(engine, r))
    late_reg = _late_registration_count(s, engine, today)
    hours = engine.rules.message_hours
    messages = sum(1 for r in _message_rows(s, today) if _late_message(r.received_on, r.received_time, now, hours))
    documents = len(_document_rows(s, window))
    sstu_stmt = _sstu_rows(s, today)
    sstu = (s.scalar(select(func.count()).select_from(sstu_stmt.subquery())) or 0) if sstu_stmt is not None else 0
    counts = {
        "overdue": appeals[0] or 0, "due_today": appeals[1] or 0, "due_soon": appeals[2] or 0,
        "promises_overdue": promises[0] or 0, "promises_due": promises[1] or 0, "extension_notice": no_notice,
        "forwarding": forwarding, "late_registration": late_reg, "messages": messages, "documents": documents,
        "sstu": sstu,
    }
    words = {**numbers(engine), "until": f"{soon:%d.%m.%Y}", "month": MONTHS[sstu_month(today)[0].month - 1]}
    lines = tuple(
        TodayLine(key, TITLES[key].format(**words), counts[key], JOURNAL_STATES.get(key), SEVERITY.get(key, "info"),
                  DESCRIPTIONS[key].format(**words))
        for key in ORDER
    )
    return TodaySummary(today, soon, lines)


def items(s: Session, engine: DeadlineEngine, key: str, today: date, now: datetime) -> tuple[ControlItem, ...]:
    """The list behind one line of the today panel."""
    window = engine.window(today)
    if key in (OVERDUE, DUE_TODAY, DUE_SOON):
        cond = urgency(window, key)
        rows = s.execute(
            filters.open_appeals(
                select(Appeal.id, Appeal.reg_number, Appeal.applicant_name, _Executor.full_name, Appeal.deadline,
                       Appeal.extended_deadline, Appeal.summary)
                .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
            ).where(cond).order_by(Appeal.deadline, Appeal.id)
        )
        return tuple(
            ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "deadline", r.deadline, key, r.summary,
                        "продлённый срок" if r.extended_deadline else "")
            for r in rows
        )
    if key in ("promises_overdue", "promises_due"):
        cond = (urgency(window, OVERDUE, Promise.due_on) if key == "promises_overdue"
                else or_(urgency(window, DUE_TODAY, Promise.due_on), urgency(window, DUE_SOON, Promise.due_on)))
        rows = s.execute(
            select(Promise.id.label("pid"), Promise.text, Promise.due_on, Appeal.id, Appeal.reg_number,
                   Appeal.applicant_name, Appeal.status, _Executor.full_name)
            .join(Appeal, Appeal.id == Promise.appeal_id)
            .outerjoin(_Executor, _Executor.id == Promise.executor_id)
            .where(Promise.status == "open", Appeal.deleted == false(), cond)
            .order_by(Promise.due_on, Promise.id)
        )
        return tuple(
            ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "promise", r.due_on,
                        day_state(r.due_on, 1, 0, window), r.text,
                        "обращение закрыто" if r.status == "closed" else "обращение на рассмотрении",
                        promise_id=r.pid)
            for r in rows
        )
    if key == "extension_notice":
        rows = s.execute(
            filters.open_appeals(
                select(Appeal.id, Appeal.reg_number, Appeal.applicant_name, _Executor.full_name, Appeal.deadline,
                       Appeal.summary, Extension.extended_on)
                .join(Extension, Extension.appeal_id == Appeal.id)
                .outerjoin(_Executor, _Executor.id == Appeal.executor_id)
            ).where(Extension.notice_on.is_(None)).order_by(Extension.extended_on, Appeal.id)
        )
        return tuple(
            ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "extension_notice", r.deadline,
                        "extended", r.summary, f"продлено {r.extended_on:%d.%m.%Y}, уведомление не записано",
                        notice_missing=True)
            for r in rows
        )
    if key == "forwarding":
        out = []
        for r in sorted(_forwarding_rows(s, today), key=lambda r: (r.forwarded_on, r.id)):
            problem = _forwarding_problem(engine, r)
            if problem:
                out.append(ControlItem(r.aid, r.reg_number, r.applicant_name, r.full_name, "forwarding",
                                       r.forwarded_on, "", r.summary, f"→ {r.to_body}: {problem}",
                                       forwarding_id=r.id, notice_missing=r.notice_on is None and not r.is_anonymous))
        return tuple(out)
    if key == "late_registration":
        out = []
        for r in sorted(_late_registration_rows(s, today), key=lambda r: (r.registered_on, r.id)):
            if engine.registered_late(r.received_on, r.registered_on):
                out.append(ControlItem(
                    r.id, r.reg_number, r.applicant_name, r.full_name, "late_registration", r.registered_on, "",
                    r.summary, f"поступило {r.received_on:%d.%m.%Y}, зарегистрировано {r.registered_on:%d.%m.%Y}"))
        return tuple(out)
    if key == "messages":
        return tuple(
            ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "message", r.deadline, "overdue",
                        r.summary, f"поступило {r.received_on:%d.%m.%Y}"
                        + (f" в {r.received_time:%H:%M}" if r.received_time else ""))
            for r in sorted(_message_rows(s, today), key=lambda r: (r.received_on, r.id))
            if _late_message(r.received_on, r.received_time, now, engine.rules.message_hours)
        )
    if key == "documents":
        out = []
        for req, number, applicant, summary_, executor in _document_rows(s, window):
            what = "запрос к нам" if req.direction == "incoming" else "наш запрос"
            detail = (f"{what}: {req.body}, от {req.request_on:%d.%m.%Y}" + (f" № {req.number}" if req.number else "")
                      + f", срок {req.due_on:%d.%m.%Y}")
            out.append(ControlItem(req.appeal_id, number or "", applicant or "", executor, "document",
                                   req.due_on, window.urgency(req.due_on), req.subject or summary_ or "", detail,
                                   document_id=req.id))
        return tuple(out)
    if key == "sstu":
        stmt = _sstu_rows(s, today)
        if stmt is None:
            return ()
        return tuple(
            ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "sstu", r.registered_on, "", r.summary,
                        f"зарегистрировано {r.registered_on:%d.%m.%Y}, в ССТУ.РФ не выгружено")
            for r in s.execute(stmt.order_by(Appeal.registered_on, Appeal.id))
        )
    raise ValueError(f"unknown today line {key!r}")


__all__ = ["ORDER", "TITLES", "items", "summary"]
