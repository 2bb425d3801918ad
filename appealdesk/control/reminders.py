"""Reminder letters: for each executor, what falls due in the next N days (and what is already overdue),
as a PDF (reportlab, the bundled Cyrillic font) and as HTML for the desktop's print preview."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from html import escape
from pathlib import Path

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from ..private_files import make_private
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


def html(r: Reminders) -> str:
    """The letters as one HTML document, one executor per page (for QTextDocument printing)."""
    parts = ["<html><body style='font-family: DejaVu Sans, sans-serif; font-size: 10pt;'>"]
    if not r.groups:
        parts.append(f"<h3>{escape(_title(r))}</h3><p>Ни у одного исполнителя нет сроков в этом периоде.</p>")
    for n, g in enumerate(r.groups):
        brk = " style='page-break-before: always;'" if n else ""
        parts.append(f"<p{brk}>{escape(r.organisation)}</p>")
        parts.append(f"<h3>Напоминание исполнителю</h3><p><b>{escape(g.executor)}</b>"
                     f"{', ' + escape(g.position) if g.position else ''}</p>")
        parts.append(f"<p>{escape(_title(r))} (состояние на {r.today:%d.%m.%Y}). Обращений и обещаний: "
                     f"{len(g.items)}.</p>")
        parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th>№</th><th>Рег. номер"
                     "</th><th>Заявитель</th><th>Содержание</th><th>Срок</th><th>Осталось</th></tr>")
        for k, i in enumerate(g.items, 1):
            colour = " style='color:#b3261e;'" if i.days_left < 0 else ""
            parts.append(f"<tr{colour}><td>{k}</td><td>{escape(i.reg_number)}</td><td>{escape(i.applicant)}</td>"
                         f"<td>{escape(_what(i))}</td><td>{escape(_due(i)).replace(chr(10), '<br>')}</td>"
                         f"<td>{_left(i)}</td></tr>")
        parts.append("</table><p><br>Ответственный за контроль: ____________________</p>")
    parts.append("</body></html>")
    return "".join(parts)


def write_pdf(r: Reminders, path: str | Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ..pdf_fonts import register

    fonts = register()
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=base, fontName=fonts.bold, fontSize=13, leading=16, spaceAfter=4)
    bold = ParagraphStyle("bold", parent=base, fontName=fonts.bold)
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=12 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=_title(r), author="AppealDesk")
    story: list = []
    if not r.groups:
        story += [Paragraph(escape(_title(r)), head),
                  Paragraph("Ни у одного исполнителя нет сроков в этом периоде.", base)]
    for n, g in enumerate(r.groups):
        if n:
            story.append(PageBreak())
        if r.organisation:
            story.append(Paragraph(escape(r.organisation), base))
        story += [Spacer(1, 4 * mm), Paragraph("Напоминание исполнителю", head),
                  Paragraph(escape(g.executor) + (", " + escape(g.position) if g.position else ""), bold),
                  Paragraph(f"{escape(_title(r))} (состояние на {r.today:%d.%m.%Y}). Обращений и обещаний: "
                            f"{len(g.items)}.", base), Spacer(1, 3 * mm)]
        data = [[Paragraph(t, ParagraphStyle("h", parent=small, fontName=fonts.bold)) for t in
                 ("№", "Рег. номер", "Заявитель", "Содержание", "Срок", "Осталось")]]
        for k, i in enumerate(g.items, 1):
            data.append([Paragraph(str(k), small), Paragraph(escape(i.reg_number), small),
                         Paragraph(escape(i.applicant), small), Paragraph(escape(_what(i)), small),
                         Paragraph(escape(_due(i)).replace("\n", "<br/>"), small), Paragraph(_left(i), small)])
        table = Table(data, colWidths=[10 * mm, 24 * mm, 34 * mm, 67 * mm, 25 * mm, 23 * mm], repeatRows=1)
        style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF7"))]
        for k, i in enumerate(g.items, 1):
            if i.days_left < 0:
                style.append(("BACKGROUND", (0, k), (-1, k), colors.HexColor("#FBE3E1")))
        table.setStyle(TableStyle(style))
        story += [table, Spacer(1, 10 * mm), Paragraph("Ответственный за контроль: ______________________", base)]
    doc.build(story)
    make_private(path)  # personal data: owner-only
    return path
