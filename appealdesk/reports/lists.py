"""Two lists that go with the reports, as PDF (landscape A4) or XLSX:

- the journal of a period: every appeal registered in it, in registration order;
- the overdue appeals: those of a period with at least one question that the report counts as
  ``overdue`` (answered after the deadline in force, or unanswered with the deadline passed) as of a day
  (the period's end, or today when that is earlier).

    count = desk.reports.write_list("overdue", Period(...), "pdf", "overdue.pdf")
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, false, select
from sqlalchemy.orm import Session

from ..errors import DomainError
from ..storage.models import Appeal, Official, Question, Settlement
from .aggregate import state_exprs
from .periods import Period

KINDS = {"journal": "Журнал регистрации обращений", "overdue": "Обращения с нарушением срока рассмотрения"}
FORMATS = ("pdf", "xlsx")

Progress = Callable[[int, int], object]
Label = Callable[[str, str | None], str]  # (vocabulary group, code) -> the Russian label


@dataclass(frozen=True)
class ListRow:
    reg_number: str
    registered_on: date
    applicant: str
    settlement: str
    form: str
    kind: str
    summary: str
    topic: str
    executor: str
    deadline: date
    extended: bool
    answer_on: date | None
    state: str
    days_late: int | None  # the overdue list: days past the deadline (to the answer, or to the day of the list)


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str
    width: float  # relative width in the PDF; characters in the XLSX = width * 6
    kind: str = "text"  # text, date, int


JOURNAL_COLUMNS = (
    ListColumn("n", "№", 0.6, "int"),
    ListColumn("reg_number", "Рег. номер", 1.4),
    ListColumn("registered_on", "Дата рег.", 1.2, "date"),
    ListColumn("applicant", "Заявитель", 2.4),
    ListColumn("settlement", "Населённый пункт", 1.6),
    ListColumn("kind", "Вид", 1.5),
    ListColumn("summary", "Содержание", 4.4),
    ListColumn("executor", "Исполнитель", 2.0),
    ListColumn("deadline", "Срок", 1.2, "date"),
    ListColumn("answer_on", "Дата ответа", 1.2, "date"),
    ListColumn("state", "Состояние", 1.6),
)
OVERDUE_COLUMNS = (
    ListColumn("n", "№", 0.6, "int"),
    ListColumn("reg_number", "Рег. номер", 1.4),
    ListColumn("registered_on", "Дата рег.", 1.2, "date"),
    ListColumn("applicant", "Заявитель", 2.4),
    ListColumn("summary", "Содержание", 4.4),
    ListColumn("executor", "Исполнитель", 2.0),
    ListColumn("deadline", "Срок", 1.2, "date"),
    ListColumn("answer_on", "Дата ответа", 1.2, "date"),
    ListColumn("days_late", "Дней просрочки", 1.5, "int"),
    ListColumn("state", "Состояние", 2.0),
)

_A = Appeal.__table__
_Q = Question.__table__
_S = Settlement.__table__
_O = Official.__table__


def _select(period: Period):
    return (
        select(
            _A.c.id, _A.c.reg_number, _A.c.registered_on, _A.c.applicant_name, _S.c.name, _A.c.form, _A.c.kind,
            _A.c.summary, _A.c.topic_code, _O.c.full_name, _A.c.deadline, _A.c.extended_deadline, _A.c.answer_on,
            _A.c.closed_on, _A.c.status,
        )
        .select_from(_A.outerjoin(_S, _S.c.id == _A.c.settlement_id).outerjoin(_O, _O.c.id == _A.c.executor_id))
        .where(_A.c.deleted == false(), _A.c.registered_on >= period.start, _A.c.registered_on <= period.end)
        .order_by(_A.c.registered_on, _A.c.reg_year, _A.c.reg_seq, _A.c.id)
    )


def _rows(s: Session, label: Label, stmt, as_of: date | None) -> list[ListRow]:
    out = []
    for r in s.execute(stmt):
        done = r.answer_on or r.closed_on
        answered = done is not None and r.status == "closed" and (as_of is None or done <= as_of)
        if as_of is None:
            state = "Закрыто" if r.status == "closed" else "На рассмотрении"
            late = None
        else:
            state = "Ответ с нарушением срока" if answered else "Просрочено, ответа нет"
            late = ((done if answered else as_of) - r.deadline).days
        if r.extended_deadline is not None:
            state += " (срок продлён)"
        out.append(ListRow(
            reg_number=r.reg_number, registered_on=r.registered_on, applicant=r.applicant_name or "Анонимное",
            settlement=r.name or "", form=label("form", r.form), kind=label("kind", r.kind),
            summary=r.summary or "", topic=r.topic_code or "", executor=r.full_name or "", deadline=r.deadline,
            extended=r.extended_deadline is not None, answer_on=r.answer_on or (r.closed_on if done else None),
            state=state, days_late=late,
        ))
    return out


def journal_rows(s: Session, label: Label, period: Period) -> list[ListRow]:
    """Every appeal registered in ``period`` (deleted ones left out), in registration order."""
    return _rows(s, label, _select(period), None)


def overdue_rows(s: Session, label: Label, period: Period, as_of: date) -> list[ListRow]:
    """The appeals of ``period`` with a question overdue as of ``as_of`` (the period's end, or today when
    earlier), by the same rule as the report's ``overdue``."""
    _, overdue = state_exprs(as_of)
    late_ids = (
        select(_Q.c.appeal_id)
        .select_from(_Q.join(_A, _A.c.id == _Q.c.appeal_id))
        .where(_A.c.deleted == false(), _A.c.registered_on >= period.start, _A.c.registered_on <= period.end,
               overdue == 1)
    )
    stmt = _select(period).where(and_(_A.c.id.in_(late_ids)))
    return _rows(s, label, stmt, as_of)




def _value(row: ListRow, n: int, key: str):
    return n if key == "n" else getattr(row, key)


def list_title(kind: str, period: Period, as_of: date | None = None) -> str:
    title = f"{KINDS[kind]} {period.phrase()}"
    if kind == "overdue" and as_of is not None:
        title += f" (по состоянию на {as_of:%d.%m.%Y})"
    return title


# -- PDF -------------------------------------------------------------------------------------------------
def write_list_pdf(rows: Sequence[ListRow], columns: Sequence[ListColumn], path: str | os.PathLike, title: str,
                   organisation: str, progress: Progress | None = None) -> Path:
    """The list as a landscape paper of the one document model (plain-text cells: thousands of rows)."""
    from ..paper.model import (
        CENTER,
        LEFT,
        NUMBERS_FOOTER,
        RIGHT,
        SUBTITLE,
        Column,
        Document,
        Para,
        Row,
        Section,
    )
    from ..paper.model import Table as PaperTable
    from ..paper.pdf import write_pdf

    body = []
    for n, row in enumerate(rows, start=1):
        cells = []
        for c in columns:
            v = _value(row, n, c.key)
            if c.kind == "date":
                text = v.strftime("%d.%m.%Y") if v else ""
            elif v is None:
                text = ""
            else:
                text = str(v)
            if c.key == "summary" and len(text) > 300:
                text = text[:299] + "…"
            cells.append(text)
        body.append(Row(tuple(cells)))
        if progress is not None and n % 500 == 0:
            progress(n, len(rows))
    table = PaperTable(tuple(Column(c.title, c.width, RIGHT if c.kind == "int" else LEFT) for c in columns),
                       tuple(body), size=7.5, plain=True)
    blocks = (Para.of(title, SUBTITLE), Para.of(organisation, align=CENTER, space_after=8), table,
              Para.of(f"Всего: {len(rows)}", space_before=6))
    doc = Document(title, (Section(blocks, landscape=True, footer=f"{organisation}. {title}"),),
                   page_numbers=NUMBERS_FOOTER, font_size=9)
    return write_pdf(doc, path)


# -- XLSX ------------------------------------------------------------------------------------------------
def write_list_xlsx(rows: Sequence[ListRow], columns: Sequence[ListColumn], path: str | os.PathLike, title: str,
                    organisation: str, progress: Progress | None = None) -> Path:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from .. import sheets

    wb = sheets.workbook(write_only=True)
    ws = wb.create_sheet("Список")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    # widths from the content (dates never «###»), long text wrapping inside its cell; A4 landscape, fitted
    # to the page width, the header repeated on every page
    values = ([_value(row, n, c.key) for c in columns] for n, row in enumerate(rows, start=1))
    widths = sheets.column_widths([c.title for c in columns], values)
    sheets.set_widths(ws, widths)
    ws.freeze_panes = "A4"
    sheets.print_setup(ws, landscape=True, title_rows="3:3")
    ws.auto_filter.ref = f"A3:{get_column_letter(len(columns))}{len(rows) + 3}"

    for name, font, fill, fmt, align, bordered in (
        ("ad_title", Font(name="Calibri", bold=True, size=13), None, None, None, False),
        ("ad_plain", Font(name="Calibri"), None, None, None, False),
        ("ad_bold", Font(name="Calibri", bold=True), None, None, None, False),
        ("ad_head", Font(name="Calibri", bold=True), PatternFill("solid", fgColor="DCE6F1"), None,
         Alignment(horizontal="center", vertical="center", wrap_text=True), True),
        ("ad_text", Font(name="Calibri"), None, None, Alignment(wrap_text=True, vertical="top"), True),
        ("ad_wrap", Font(name="Calibri"), None, None, Alignment(wrap_text=True, vertical="top"), True),
        ("ad_date", Font(name="Calibri"), None, "DD.MM.YYYY", Alignment(vertical="top"), True),
        ("ad_int", Font(name="Calibri"), None, "0", Alignment(vertical="top"), True),
    ):
        ns = NamedStyle(name=name, font=font)
        if fill is not None:
            ns.fill = fill
        if fmt is not None:
            ns.number_format = fmt
        if align is not None:
            ns.alignment = align
        if bordered:
            ns.border = border
        wb.add_named_style(ns)

    def cell(value, style: str):
        return sheets.cell(ws, value, style)

    ws.append([cell(title, "ad_title")])
    ws.append([cell(organisation, "ad_plain")])
    ws.append([cell(c.title, "ad_head") for c in columns])
    kinds = [
        "ad_date" if c.kind == "date" else "ad_int" if c.kind == "int" else "ad_wrap" if c.key == "summary" else "ad_text"
        for c in columns
    ]
    header_lines = max(sheets.wrapped_lines(c.title, w) for c, w in zip(columns, widths, strict=True))
    if header_lines > 1:
        ws.row_dimensions[3].height = header_lines * sheets.LINE_HEIGHT_PT
    for n, row in enumerate(rows, start=1):
        values = [_value(row, n, c.key) for c in columns]
        height = sheets.row_height(values, widths)  # wrapped text stays inside its row when printed
        if height is not None:
            ws.row_dimensions[n + 3].height = height
        ws.append([cell(v, k) for v, k in zip(values, kinds, strict=True)])
        if progress is not None and n % 1000 == 0:
            progress(n, len(rows))
    ws.append([])
    ws.append([cell(f"Всего: {len(rows)}", "ad_bold")])
    wb.properties.title = title
    wb.properties.creator = "AppealDesk"
    return sheets.save(wb, path)


def check_list_request(kind: str, fmt: str) -> None:
    if kind not in KINDS:
        raise DomainError(f"Неизвестный список «{kind}» (допустимо: {', '.join(KINDS)})")
    if fmt not in FORMATS:
        raise DomainError(f"Неизвестный формат «{fmt}» (допустимо: {', '.join(FORMATS)})")


def list_rows(s: Session, label: Label, kind: str, period: Period, as_of: date) -> list[ListRow]:
    """The rows of the ``kind`` list (``journal`` or ``overdue``) of ``period``."""
    return journal_rows(s, label, period) if kind == "journal" else overdue_rows(s, label, period, as_of)


def write_list(rows: Sequence[ListRow], kind: str, period: Period, fmt: str, path: str | os.PathLike, *,
               as_of: date, organisation: str, progress: Progress | None = None) -> int:
    """Write the ``kind`` list of ``period`` as ``fmt`` (``pdf``/``xlsx``) to ``path``; returns how many
    appeals it holds."""
    check_list_request(kind, fmt)
    columns, stamp = (JOURNAL_COLUMNS, None) if kind == "journal" else (OVERDUE_COLUMNS, as_of)
    title = list_title(kind, period, stamp)
    writer = write_list_pdf if fmt == "pdf" else write_list_xlsx
    writer(rows, columns, path, title, organisation, progress)
    return len(rows)
