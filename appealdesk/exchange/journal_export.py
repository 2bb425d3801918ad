"""Export of the registration journal to XLSX in the layout of the contract (exchange_formats.md,
section 1), so that ``import_journal`` reads it back into the same appeals.

The selection comes from the journal service (``JournalService.ids``, the same search, filters and order
as on screen); the fields are read with a few SQL queries per 500 appeals, and the sheet is streamed with
openpyxl's write-only mode: 10 000 appeals take a couple of seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from .. import sheets
from ..errors import DomainError
from ..services.context import ServiceContext
from ..services.journal_values import JournalQuery
from ..storage.models import Appeal, Applicant, Official, Question, Settlement
from .journal_columns import BOOL, COLUMNS, DATE
from .values_parsing import DATE_FORMAT, SEPARATOR, VocabularyIndex, format_bool

Progress = Callable[[int, int], object]
"""``progress(done, total)`` in appeals; returning ``False`` cancels the export (no file is written)."""

SHEET_TITLE = "Журнал регистрации"
_CHUNK = 500
_Previous = aliased(Appeal)

_FIELDS = (
    Appeal.id, Appeal.reg_number, Appeal.received_on, Appeal.registered_on, Appeal.form, Appeal.source,
    Appeal.cover_letter, Appeal.kind, Appeal.is_collective, Appeal.signatures,
    Applicant.type, Applicant.last_name, Applicant.first_name, Applicant.middle_name, Applicant.org_name,
    Applicant.address, Applicant.phone, Applicant.email, Applicant.social_category,
    Settlement.name.label("settlement"), Appeal.summary, Appeal.executor_id, Appeal.resolution,
    Appeal.legal_deadline, Appeal.extended_deadline, Appeal.control_deadline,
    Appeal.on_control, Appeal.commission, Appeal.on_site, Appeal.with_author,
    Appeal.answer_on, Appeal.answer_number, Appeal.satisfaction, Appeal.is_repeated,
    _Previous.reg_number.label("previous_linked"), Appeal.previous_number, Appeal.channel,
)


def journal_query(
    query: JournalQuery | None = None, date_from: date | None = None, date_to: date | None = None
) -> JournalQuery:
    """The selection of an export: ``query`` (default: all, in order of registration) narrowed to the
    registration dates given."""
    q = query or JournalQuery(sort="registered_on", descending=False)
    if date_from is not None or date_to is not None:
        q = replace(
            q,
            date_from=date_from if date_from is not None else q.date_from,
            date_to=date_to if date_to is not None else q.date_to,
        )
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise DomainError("Дата «с» позже даты «по»: выгружать нечего")
    return q


def export_journal(
    ctx: ServiceContext,
    ids: Sequence[int],
    path: str | os.PathLike,
    *,
    progress: Progress | None = None,
) -> int:
    """Write the appeals ``ids`` (in that order) to ``path``; returns the number written
    (``desk.exchange.export_journal`` selects them).

    The file is written next to ``path`` and moved into place at the end: a failed or cancelled export
    leaves an existing file as it was.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise DomainError(f"Папка «{target.parent}» не существует: выберите другую папку для файла")

    wb = sheets.workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    writer = _SheetWriter(ws)
    vocab = VocabularyIndex(ctx.vocabulary())
    total = len(ids)
    try:
        with ctx.read() as s:
            officials = {oid: name for oid, name in s.execute(select(Official.id, Official.full_name))}
            for start in range(0, total, _CHUNK):
                if progress is not None and progress(start, total) is False:
                    raise DomainError("Выгрузка прервана пользователем: файл не записан.")
                chunk = tuple(ids[start : start + _CHUNK])
                for values in _rows(s, chunk, vocab, officials):
                    writer.append(values)
    except BaseException:
        writer.discard()
        raise
    writer.finish(total)
    sheets.save(wb, target)
    if progress is not None:
        progress(total, total)
    return total


def _rows(s: Session, ids: tuple[int, ...], vocab: VocabularyIndex, officials: dict[int, str]):
    """The cells of the appeals ``ids``, in that order, in the order of ``COLUMNS``."""
    questions: dict[int, list[tuple[str, str | None, int | None]]] = {}
    for appeal_id, code, result, executor_id in s.execute(
        select(Question.appeal_id, Question.classifier_code, Question.result, Question.executor_id)
        .where(Question.appeal_id.in_(ids))
        .order_by(Question.appeal_id, Question.position, Question.id)
    ):
        questions.setdefault(appeal_id, []).append((code, result, executor_id))
    found = {}
    for r in s.execute(
        select(*_FIELDS)
        .outerjoin(Applicant, Applicant.id == Appeal.applicant_id)
        .outerjoin(Settlement, Settlement.id == Appeal.settlement_id)
        .outerjoin(_Previous, _Previous.id == Appeal.previous_appeal_id)
        .where(Appeal.id.in_(ids))
    ):
        found[r.id] = r
    in_progress = vocab.label("result", "in_progress")
    for appeal_id in ids:
        r = found.get(appeal_id)
        if r is None:
            continue
        qs = questions.get(appeal_id, [])
        results = [res for _, res, _ in qs]
        executor = officials.get(r.executor_id) if r.executor_id is not None else None
        if executor is None:  # no executor of the appeal: the one of its first question that has one
            executor = next((officials[e] for _, _, e in qs if e is not None and e in officials), None)
        has_applicant = r.type is not None
        org = r.type == "organisation"
        yield {
            "reg_number": r.reg_number,
            "received_on": r.received_on,
            "registered_on": r.registered_on,
            "form": vocab.label("form", r.form),
            "source": vocab.label("source", r.source),
            "cover_letter": r.cover_letter,
            "kind": vocab.label("kind", r.kind),
            "is_collective": r.is_collective,
            "signatures": r.signatures,
            "last_name": r.last_name if has_applicant else None,
            "first_name": r.first_name if has_applicant else None,
            "middle_name": r.middle_name if has_applicant else None,
            "settlement": r.settlement,
            "address": r.address if has_applicant else None,
            "phone": r.phone if has_applicant else None,
            "email": r.email if has_applicant else None,
            "social_category": r.social_category if has_applicant else None,
            "summary": r.summary,
            "codes": SEPARATOR.join(code for code, _, _ in qs),
            "results": (
                SEPARATOR.join(vocab.label("result", res) if res else in_progress for res in results)
                if any(results)
                else None
            ),
            "executor": executor,
            "resolution": r.resolution,
            "legal_deadline": r.legal_deadline,
            "extended_deadline": r.extended_deadline,
            "control_deadline": r.control_deadline,
            "on_control": r.on_control,
            "commission": r.commission,
            "on_site": r.on_site,
            "with_author": r.with_author,
            "answer_on": r.answer_on,
            "answer_number": r.answer_number,
            "satisfaction": vocab.label("satisfaction", r.satisfaction) or None,
            "is_repeated": r.is_repeated,
            "previous_number": r.previous_linked or r.previous_number,
            "org_name": r.org_name if org else None,
            "channel": vocab.label("channel", r.channel) or None,
        }


class _SheetWriter:
    """Streams rows into a write-only sheet: a bold frozen header, widths, date cells formatted
    ``DD.MM.YYYY``, an autofilter."""

    def __init__(self, ws):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter

        self._ws = ws
        self._cell = WriteOnlyCell
        self._last = get_column_letter(len(COLUMNS))
        for i, col in enumerate(COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 32
        from .. import sheets

        sheets.print_setup(ws, landscape=True, title_rows="1:1")
        header = []
        thin = Side(style="thin", color="999999")
        for col in COLUMNS:
            c = WriteOnlyCell(ws, value=col.header)
            c.font = Font(bold=True)
            c.fill = PatternFill("solid", fgColor="E8E8E8")
            c.alignment = Alignment(wrap_text=True, vertical="center")
            c.border = Border(bottom=thin)
            header.append(c)
        ws.append(header)
        proto = WriteOnlyCell(ws, value=date(2000, 1, 1))
        proto.number_format = DATE_FORMAT
        self._date_style = proto._style  # one style for every date cell (setting it per cell is slow)
        self._kinds = [(col.key, col.kind) for col in COLUMNS]

    def append(self, values: dict) -> None:
        row = []
        for key, kind in self._kinds:
            value = values.get(key)
            if kind == BOOL:
                row.append(format_bool(value))
            elif kind == DATE:
                if value is None:
                    row.append(None)
                else:
                    c = self._cell(self._ws, value=value)
                    c._style = self._date_style
                    row.append(c)
            elif isinstance(value, str):
                text = sheets.sheet_text(value)
                row.append(sheets.cell(self._ws, text) if sheets.is_risky(text) else text or None)
            else:
                row.append(value)
        self._ws.append(row)

    def discard(self) -> None:
        """Close the half-written sheet and remove openpyxl's temporary file (an export that failed)."""
        try:
            self._ws.close()
            self._ws._writer.cleanup()
        except Exception:  # best effort: the temporary file is removed at exit anyway
            pass

    def finish(self, count: int) -> None:
        self._ws.auto_filter.ref = f"A1:{self._last}{count + 1}"
