"""Deadlines that move when the calendar or the deadline rule changes.

An administrator who adds next year's decree (or a regional day off), removes an override, or changes the
non-working-day rule, the control offset or the message term changes the deadlines of the appeals on
consideration. ``plan`` lists them (number, old date, new date); the change is written only with that
list confirmed (``DeadlinesWouldMove`` carries the list back otherwise), and ``apply`` moves every one of
them in the same transaction as the change itself, each with its audit entry. Closed appeals keep theirs.

A deadline is recomputed only where it is the one the old calendar gave: a control deadline the head set
by hand or a legal deadline recorded in an imported journal stays as it was (a control deadline never
after the deadline in force).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date

from sqlalchemy import bindparam, false, select, update
from sqlalchemy.orm import Session

from ..domain.calendar import WorkCalendar
from ..domain.deadlines import DeadlineEngine, DeadlineRules
from ..errors import DeadlinesWouldMove
from ..storage.models import Appeal, AuditEntry, CalendarOverride, Extension
from . import audit
from .appeal_rows import deadlines_for
from .context import ServiceContext
from .values import DeadlineMove, DeadlineShift


def read_overrides(session: Session) -> dict[date, bool]:
    return {d: bool(w) for d, w in session.execute(select(CalendarOverride.day, CalendarOverride.is_working))}


def engine_of(overrides: Mapping[date, bool], rules: DeadlineRules) -> DeadlineEngine:
    return DeadlineEngine(WorkCalendar(overrides), rules)


def plan(session: Session, old: DeadlineEngine, new: DeadlineEngine, what: str) -> DeadlineShift:
    """The appeals on consideration whose deadlines ``new`` computes differently from ``old``."""
    rows = session.execute(
        select(Appeal.id, Appeal.reg_number, Appeal.applicant_name, Appeal.registered_on, Appeal.received_on,
               Appeal.kind, Appeal.legal_deadline, Appeal.control_deadline, Appeal.extended_deadline,
               Appeal.deadline, Extension.days)
        .outerjoin(Extension, Extension.appeal_id == Appeal.id)
        .where(Appeal.deleted == false(), Appeal.status == "in_progress")
        .order_by(Appeal.deadline, Appeal.id)
    )
    moves = []
    for r in rows:
        days = r.days if r.extended_deadline is not None else None
        was = deadlines_for(old, r.registered_on, r.kind, r.received_on, days)
        now = deadlines_for(new, r.registered_on, r.kind, r.received_on, days)
        legal = now.legal if r.legal_deadline == was.legal else r.legal_deadline
        if r.extended_deadline is None:
            extended = None
        elif r.extended_deadline == old.extended_deadline(r.legal_deadline, days):
            extended = new.extended_deadline(legal, days)
        else:
            extended = r.extended_deadline  # as recorded
        in_force = extended or legal
        if r.control_deadline == min(old.control_deadline(r.legal_deadline, r.registered_on),
                                     r.extended_deadline or r.legal_deadline):
            control = min(new.control_deadline(legal, r.registered_on), in_force)
        else:
            control = min(r.control_deadline, in_force)  # set by hand: kept, never after the deadline
        if (legal, control, extended) != (r.legal_deadline, r.control_deadline, r.extended_deadline):
            moves.append(DeadlineMove(r.id, r.reg_number, r.applicant_name, r.deadline, in_force, r.legal_deadline,
                                      legal, r.control_deadline, control, r.extended_deadline, extended))
    return DeadlineShift(what, tuple(moves))


def _day(d: date | None) -> str | None:
    return None if d is None else d.strftime("%d.%m.%Y")


def apply(session: Session, ctx: ServiceContext, shift: DeadlineShift) -> None:
    """Write the moves of ``shift`` (inside the unit of work that makes the change) with their audit rows."""
    if not shift.moves:
        return
    a = Appeal.__table__
    session.execute(
        update(a).where(a.c.id == bindparam("b_id")).values(
            legal_deadline=bindparam("b_legal"), control_deadline=bindparam("b_control"),
            extended_deadline=bindparam("b_extended"), deadline=bindparam("b_deadline"),
        ).execution_options(synchronize_session=False),
        [{"b_id": m.appeal_id, "b_legal": m.new_legal, "b_control": m.new_control, "b_extended": m.new_extended,
          "b_deadline": m.new_deadline} for m in shift.moves],
    )
    extended = [m for m in shift.moves if m.new_extended != m.old_extended and m.new_extended is not None]
    if extended:
        e = Extension.__table__
        session.execute(
            update(e).where(e.c.appeal_id == bindparam("b_id")).values(new_deadline=bindparam("b_new"))
            .execution_options(synchronize_session=False),
            [{"b_id": m.appeal_id, "b_new": m.new_extended} for m in extended],
        )
    now, user, user_id = ctx.now(), ctx.user, ctx.user_id
    rows = []
    for m in shift.moves:
        changes = [(name, _day(old), _day(new)) for name, old, new in (
            ("legal_deadline", m.old_legal, m.new_legal), ("extended_deadline", m.old_extended, m.new_extended),
            ("control_deadline", m.old_control, m.new_control)) if old != new]
        changes.append(("reason", None, shift.what))
        rows.append({"at": now, "user": user, "user_id": user_id, "entity": "appeal", "entity_id": m.appeal_id,
                     "action": "recompute", "changes": json.dumps(changes, ensure_ascii=False)})
    from sqlalchemy import insert

    session.execute(insert(AuditEntry.__table__), audit.chained(session, rows))


def confirm(shift: DeadlineShift, confirmed: DeadlineShift | None) -> None:
    """Refuse a change whose moves were not confirmed as they are now."""
    if not shift.moves:
        return
    if confirmed is None:
        raise DeadlinesWouldMove(shift)
    if confirmed.fingerprint != shift.fingerprint:
        raise DeadlinesWouldMove(shift, changed=True)


def override_text(day: date, is_working: bool | None, note: str | None = None) -> str:
    """«09.11.2026 — выходной день» / «… — рабочий день» / «отметка на 09.11.2026 снята»."""
    if is_working is None:
        return f"снята особая отметка календаря на {day:%d.%m.%Y}"
    kind = "рабочий день" if is_working else "выходной день"
    return f"{day:%d.%m.%Y} — {kind}" + (f" ({note.strip()})" if note and note.strip() else "")
