"""Executor discipline: per executor and period, answered on time, late, overdue now, average days to answer.

The period is the registration date of the appeals. "Answered" is the answer date (or, without one, the
closing date); on time means on or before the deadline in force.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import false, func, select, true
from sqlalchemy.orm import Session

from ..storage.models import Appeal, Letter, Official
from .values import Discipline, DisciplineRow

NO_EXECUTOR = "Исполнитель не назначен"


def discipline(s: Session, date_from: date, date_to: date, today: date) -> Discipline:
    names = dict(s.execute(select(Official.id, Official.full_name)).all())
    answered = func.coalesce(Appeal.answer_on, Appeal.closed_on)
    rows = s.execute(
        select(Appeal.executor_id, Appeal.registered_on, Appeal.deadline, Appeal.status, answered)
        .where(Appeal.deleted == false(), Appeal.registered_on.between(date_from, date_to))
    )
    acc: dict[int | None, list] = defaultdict(lambda: [0] * 8)  # total on late open over sum n letters
    for executor_id, registered_on, deadline, status, answer_on in rows:
        a = acc[executor_id]
        a[0] += 1
        if status == "closed":
            if answer_on is not None and answer_on > deadline:
                a[2] += 1
            else:
                a[1] += 1
            if answer_on is not None:
                a[5] += (answer_on - registered_on).days
                a[6] += 1
        elif deadline < today:
            a[4] += 1
        else:
            a[3] += 1

    # letters sent after their term (a notice of forwarding later than 7 days, an extension notice after the
    # deadline...), by the appeal's executor
    late_letters = s.execute(
        select(Appeal.executor_id, func.count())
        .join(Letter, Letter.appeal_id == Appeal.id)
        .where(Appeal.deleted == false(), Appeal.registered_on.between(date_from, date_to), Letter.late == true())
        .group_by(Appeal.executor_id)
    ).all()
    for executor_id, n in late_letters:
        acc[executor_id][7] += n

    def row(executor_id, name, a) -> DisciplineRow:
        return DisciplineRow(executor_id, name, a[0], a[1], a[2], a[3], a[4], round(a[5] / a[6], 1) if a[6] else None,
                             a[7])

    out = [row(k, names.get(k, NO_EXECUTOR) if k is not None else NO_EXECUTOR, v) for k, v in acc.items()]
    out.sort(key=lambda r: (r.executor_id is None, r.executor))
    total = [sum(v[i] for v in acc.values()) for i in range(8)]
    return Discipline(date_from, date_to, today, tuple(out), row(None, "Итого", total))


HEADERS = ("Исполнитель", "Всего обращений", "Отвечено в срок", "Отвечено с нарушением срока",
           "На рассмотрении в срок", "Просрочено сейчас", "В среднем дней до ответа", "Доля ответов в срок, %",
           "Уведомления и письма позже срока")


def _share(r: DisciplineRow) -> float | None:
    return round(100.0 * r.on_time / r.answered, 1) if r.answered else None


def write_xlsx(d: Discipline, path: str | Path, organisation: str = "") -> Path:
    from openpyxl.styles import Alignment, Font, PatternFill

    from .. import sheets

    wb = sheets.workbook()
    ws = wb.active
    ws.title = "Исполнительская дисциплина"
    sheets.write(ws, 1, 1, "Исполнительская дисциплина по обращениям граждан").font = Font(bold=True, size=13)
    sheets.write(ws, 2, 1, f"{organisation + ': ' if organisation else ''}обращения, зарегистрированные с "
                           f"{d.date_from:%d.%m.%Y} по {d.date_to:%d.%m.%Y}; состояние на {d.today:%d.%m.%Y}")
    ws.append([])
    sheets.append(ws, list(HEADERS))
    head = ws.max_row
    for cell in ws[head]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="E8EEF7")
    for r in (*d.rows, d.total):
        sheets.append(ws, [r.executor, r.total, r.on_time, r.late, r.open_in_term, r.overdue_now, r.avg_days,
                           _share(r), r.late_letters])
        if r is d.total:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
        if r.overdue_now:
            ws.cell(ws.max_row, 6).font = Font(bold=True, color="B3261E")
    for row in ws.iter_rows(min_row=head + 1, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = "0.0"
    names = [r.executor for r in (*d.rows, d.total)]
    sheets.set_widths(ws, [max(24.0, *(sheets.content_width(n) for n in names)), 12, 12, 16, 14, 12, 14, 14, 16])
    sheets.print_setup(ws, landscape=True, title_rows=f"{head}:{head}")
    ws.row_dimensions[head].height = 46
    ws.freeze_panes = ws.cell(head + 1, 2)
    return sheets.save(wb, path)
