"""Reminder letters: for each executor, what falls due in the next N days (and what is already overdue), as
a paper of the one document model (the preview, the printer and the PDF show the same pages)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from ..paper.model import (
    ALARM,
    HEADING,
    NORMAL,
    PLAIN,
    Column,
    Document,
    PageBreak,
    Para,
    Row,
    Run,
    Section,
    Signature,
    Spacer,
    Table,
)
from ..storage.models import Appeal, Official
from ..storage.models_control import Promise
from . import filters
from .discipline import NO_EXECUTOR
from .values import ReminderGroup, ReminderItem, Reminders

SUMMARY_CHARS = 140


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def reminders(s: Session, today: date, days: int, organisation: str = "",
              executor_id: int | None = None) -> Reminders:
    until = today + timedelta(days=max(0, days))
    officials = {r.id: r for r in s.execute(select(Official.id, Official.full_name, Official.position))}
    groups: dict[int | None, list[ReminderItem]] = defaultdict(list)
    stmt = filters.open_appeals(
        select(Appeal.executor_id, Appeal.reg_number, Appeal.applicant_name, Appeal.summary, Appeal.deadline,
               Appeal.control_deadline)
    ).where((Appeal.deadline <= until) | (Appeal.control_deadline <= until))
    if executor_id is not None:
        stmt = stmt.where(Appeal.executor_id == executor_id)
    for r in s.execute(stmt):
        first = min(r.deadline, r.control_deadline)
        groups[r.executor_id].append(ReminderItem(
            r.reg_number, r.applicant_name, _short(r.summary), "appeal", r.deadline,
            r.control_deadline if r.control_deadline != r.deadline else None, (first - today).days))
    pstmt = (
        select(Promise.executor_id, Promise.text, Promise.due_on, Appeal.reg_number, Appeal.applicant_name)
        .join(Appeal, Appeal.id == Promise.appeal_id)
        .where(Promise.status == "open", Appeal.deleted == false(), Promise.due_on <= until)
    )
    if executor_id is not None:
        pstmt = pstmt.where(Promise.executor_id == executor_id)
    for r in s.execute(pstmt):
        groups[r.executor_id].append(ReminderItem(
            r.reg_number, r.applicant_name, _short(r.text), "promise", r.due_on, None, (r.due_on - today).days))
    out = []
    for k, items in groups.items():
        o = officials.get(k)
        items.sort(key=lambda i: (i.days_left, i.reg_number))
        out.append(ReminderGroup(k, o.full_name if o else NO_EXECUTOR, o.position if o else None, tuple(items)))
    out.sort(key=lambda g: (g.executor_id is None, g.executor))
    return Reminders(today, until, organisation, tuple(out))


def _left(i: ReminderItem) -> str:
    if i.days_left < 0:
        return f"просрочено на {-i.days_left} дн."
    if i.days_left == 0:
        return "сегодня"
    return f"через {i.days_left} дн."


def _due(i: ReminderItem) -> str:
    text = f"{i.due_on:%d.%m.%Y}"
    if i.control_deadline:
        text = f"контр. {i.control_deadline:%d.%m.%Y}\nпо закону {text}"
    return text


def _what(i: ReminderItem) -> str:
    return ("Обещание в ответе: " if i.what == "promise" else "") + i.summary


def _title(r: Reminders) -> str:
    return f"Сроки исполнения по обращениям граждан по {r.until:%d.%m.%Y}"


def reminders_document(r: Reminders) -> Document:
    """The letters as one paper, one executor per page."""
    title = _title(r)
    blocks: list = []
    if not r.groups:
        blocks += [Para.of(title, HEADING), Para.of("Ни у одного исполнителя нет сроков в этом периоде.")]
    columns = (Column("№", 0.05), Column("Рег. номер", 0.13), Column("Заявитель", 0.18), Column("Содержание", 0.38),
               Column("Срок", 0.14), Column("Осталось", 0.12))
    for n, g in enumerate(r.groups):
        if n:
            blocks.append(PageBreak())
        if r.organisation:
            blocks.append(Para.of(r.organisation, PLAIN))
        blocks += [
            Spacer(3),
            Para.of("Напоминание исполнителю", HEADING),
            Para((Run(g.executor, bold=True), Run(", " + g.position if g.position else ""))),
            Para.of(f"{title} (состояние на {r.today:%d.%m.%Y}). Обращений и обещаний: {len(g.items)}."),
            Table(columns, tuple(
                Row((str(k), i.reg_number, i.applicant, _what(i), _due(i), _left(i)), ALARM if i.days_left < 0 else NORMAL)
                for k, i in enumerate(g.items, 1))),
            Signature("Ответственный за контроль:", "______________________", space=8),
        ]
    return Document(title, (Section(tuple(blocks), footer=title),), font_size=9.5)


def write_pdf(r: Reminders, path: str | Path) -> Path:
    from ..paper.pdf import write_pdf as write

    return write(reminders_document(r), path)
