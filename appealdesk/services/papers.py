"""Every paper the program prints, as a service (``desk.papers``): the documents of the one model
(``appealdesk.paper``) — the registration card, the reception schedule, the visitor list and the reception
card, the reminders, the report — and their PDF from the one renderer. The desktop's preview shows that
PDF; printing and «Сохранить в PDF…» use the same bytes."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..domain.roles import Permission as P
from ..errors import DomainError
from ..os_errors import os_error_text
from ..paper.model import Document
from .access import requires
from .context import ServiceContext


class PaperService:
    def __init__(self, ctx: ServiceContext, desk):
        self._ctx = ctx
        self._desk = desk  # the other services the papers read (appeals, reception, control)

    @requires(P.PRINT)
    def card(self, appeal_id: int) -> Document:
        from ..card_print import card_document

        card = self._desk.appeals.get(appeal_id)
        return card_document(card, self._ctx.label, self._ctx.settings().organisation)

    @requires(P.PRINT)
    def schedule(self, start: date, end: date) -> Document:
        from ..reception.printing import schedule_document

        st = self._ctx.settings()
        return schedule_document(self._desk.reception.schedule(start, end), st.organisation, st.organisation_address)

    @requires(P.PRINT)
    def visitors(self, key: str) -> Document:
        from ..reception.printing import visitors_document

        return visitors_document(self._desk.reception.day(key), self._ctx.settings().organisation)

    @requires(P.PRINT)
    def reception_card(self, card_id: int) -> Document:
        from ..reception.printing import card_document

        return card_document(self._desk.reception.card(card_id), self._ctx.settings().organisation)

    @requires(P.PRINT)
    def reminders(self, days: int = 7, executor_id: int | None = None) -> Document:
        return self._desk.control.reminders_document(self._desk.control.reminders(days, executor_id))

    @requires(P.REPORT)
    def report(self, report, options=None) -> Document:
        """The report (``reports.model.Report``) as a paper; ``options``: what it shows (by default all the
        sections, signed by the head of the settings)."""
        from ..reports.pdf import report_document

        return report_document(report, options or self._desk.reports.options())

    @requires(P.PRINT)
    def pdf(self, doc: Document) -> bytes:
        """The paper as PDF bytes (the preview's pages, the printer's, the saved file's)."""
        from ..paper.pdf import render_pdf

        return render_pdf(doc)

    @requires(P.PRINT)
    def write_pdf(self, doc: Document, path: str | os.PathLike) -> Path:
        """Write the paper's PDF (owner-only); an OS error is said in Russian."""
        from ..paper.pdf import write_pdf

        target = Path(path)
        if target.is_dir():
            raise DomainError(f"«{target}» — это папка, а не файл")
        try:
            return write_pdf(doc, target)
        except OSError as exc:
            raise DomainError(f"Не удалось записать «{target}»: {os_error_text(exc)}") from exc
