"""The calendar: the counts of a six-week grid from ONE query, and the appeals behind a day or a week."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, false, func, literal, select, union_all
from sqlalchemy.orm import Session, aliased

from ..domain.deadlines import DeadlineEngine, DeadlineWindow
from ..storage.models import Appeal, Official
from ..storage.models_control import Promise
from ..storage.models_reception import Reception
from . import filters
from .values import ControlFilter, ControlItem, DayCounts, MonthCounts

GRID_DAYS = 42
_Executor = aliased(Official)


def grid_first(year: int, month: int) -> date:
    """The Monday on or before the first of the month: the calendar's week starts on Monday."""
    first = date(year, month, 1)
    return first - timedelta(days=first.weekday())


def day_state(day: date, due: int, extended: int, window: DeadlineWindow) -> str:
    """A calendar day's colour: the window's urgency of what falls due on it, else "extended" when an
    extended deadline does, else nothing."""
    if due:
        urgent = window.urgency(day)
        if urgent:
            return urgent
    if extended:
        return "extended"
    return ""


def _promise_filter(stmt, f: ControlFilter | None):
    if f is None:
        return stmt
    if f.executor_id is not None:
        stmt = stmt.where(Promise.executor_id == f.executor_id)
    return filters.apply(stmt, ControlFilter(section=f.section, form=f.form))


def counts_statement(first: date, last: date, today: date, f: ControlFilter | None = None):
    """``(day, kind, n, extra)`` rows for ``[first, last]``: kind legal (extra = extended), control,
    promise, reception. One statement: the four parts are a UNION ALL."""
    legal = filters.apply(
        filters.open_appeals(
            select(
                Appeal.deadline.label("day"), literal("legal").label("kind"), func.count().label("n"),
                func.sum(case((Appeal.extended_deadline.is_not(None), 1), else_=0)).label("extra"),
            )
        ).where(Appeal.deadline.between(first, last)),
        f,
    ).group_by(Appeal.deadline)
    control = filters.apply(
        filters.open_appeals(
            select(Appeal.control_deadline, literal("control"), func.count(), literal(0))
        ).where(Appeal.control_deadline.between(first, last), Appeal.control_deadline != Appeal.deadline),
        f,
    ).group_by(Appeal.control_deadline)
    promise = _promise_filter(
        select(Promise.due_on, literal("promise"), func.count(), literal(0))
        .join(Appeal, Appeal.id == Promise.appeal_id)
        .where(Promise.status == "open", Appeal.deleted == false(), Promise.due_on.between(first, last)),
        f,
    ).group_by(Promise.due_on)
    reception = (
        select(Reception.day, literal("reception"), func.count(), literal(0))
        .where(Reception.day.between(first, last), Reception.status != "cancelled")
        .group_by(Reception.day)
    )
    return union_all(legal, control, promise, reception)


def month_counts(
    s: Session, engine: DeadlineEngine, year: int, month: int, today: date, f: ControlFilter | None = None
) -> MonthCounts:
    first = grid_first(year, month)
    last = first + timedelta(days=GRID_DAYS - 1)
    raw: dict[date, dict[str, int]] = {}
    for day, kind, n, extra in s.execute(counts_statement(first, last, today, f)):
        slot = raw.setdefault(day, {})
        slot[kind] = slot.get(kind, 0) + (n or 0)
        if kind == "legal":
            slot["extended"] = slot.get("extended", 0) + (extra or 0)
    cal = engine.calendar
    window = engine.window(today)
    days = []
    for i in range(GRID_DAYS):
        day = first + timedelta(days=i)
        c = raw.get(day, {})
        working = cal.is_working(day)
        legal, ctl, prom, ext = c.get("legal", 0), c.get("control", 0), c.get("promise", 0), c.get("extended", 0)
        days.append(
            DayCounts(
                day=day, legal=legal, extended=ext, control=ctl, promises=prom, receptions=c.get("reception", 0),
                working=working, holiday=None if working else cal.holiday_name(day),
                transferred_working=working and day.weekday() >= 5,
                state=day_state(day, legal + ctl + prom, ext, window),
            )
        )
    return MonthCounts(year, month, today, first, tuple(days))


def items_between(
    s: Session, engine: DeadlineEngine, first: date, last: date, today: date, f: ControlFilter | None = None
) -> tuple[ControlItem, ...]:
    """The appeals (and promises) due in ``[first, last]``, by day: what a calendar day or week lists."""
    window = engine.window(today)
    cols = (Appeal.id, Appeal.reg_number, Appeal.applicant_name, _Executor.full_name, Appeal.deadline,
            Appeal.control_deadline, Appeal.extended_deadline, Appeal.summary)
    out: list[tuple] = []
    legal = filters.apply(
        filters.open_appeals(select(*cols).outerjoin(_Executor, _Executor.id == Appeal.executor_id))
        .where(Appeal.deadline.between(first, last)), f,
    )
    for r in s.execute(legal):
        ext = r.extended_deadline is not None
        state = day_state(r.deadline, 1, 0, window) or ("extended" if ext else "in_progress")
        detail = "продлённый срок" if ext else "срок рассмотрения"
        out.append((r.deadline, 0, ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "deadline",
                                               r.deadline, state, r.summary, detail)))
    control = filters.apply(
        filters.open_appeals(select(*cols).outerjoin(_Executor, _Executor.id == Appeal.executor_id))
        .where(Appeal.control_deadline.between(first, last), Appeal.control_deadline != Appeal.deadline), f,
    )
    for r in s.execute(control):
        state = day_state(r.control_deadline, 1, 0, window) or "in_progress"
        out.append((r.control_deadline, 1, ControlItem(
            r.id, r.reg_number, r.applicant_name, r.full_name, "control", r.control_deadline, state, r.summary,
            f"контрольный срок (по закону {r.deadline:%d.%m.%Y})")))
    prom = _promise_filter(
        select(Promise.id.label("pid"), Promise.text, Promise.due_on, Appeal.id, Appeal.reg_number,
               Appeal.applicant_name, _Executor.full_name)
        .join(Appeal, Appeal.id == Promise.appeal_id)
        .outerjoin(_Executor, _Executor.id == Promise.executor_id)
        .where(Promise.status == "open", Appeal.deleted == false(), Promise.due_on.between(first, last)), f,
    )
    for r in s.execute(prom):
        state = day_state(r.due_on, 1, 0, window) or "in_progress"
        out.append((r.due_on, 2, ControlItem(r.id, r.reg_number, r.applicant_name, r.full_name, "promise",
                                             r.due_on, state, r.text, "обещание в ответе", promise_id=r.pid)))
    out.sort(key=lambda t: (t[0], t[1], t[2].reg_number))
    return tuple(t[2] for t in out)
