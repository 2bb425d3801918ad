"""The published reports and the lists of a period, as a service (``desk.reports``): the report wizard and
``appealdesk-cli report``/``report-list`` both come here.

The counting is ``reports.aggregate`` (queries in one read session), the documents are ``reports.pdf``,
``reports.xlsx`` and ``reports.json_report``; this module opens the session and writes the files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from ..domain.roles import Permission as P
from ..errors import DomainError
from ..os_errors import os_error_text
from ..reports.aggregate import build_report
from ..reports.document import ALL_SECTIONS, ReportOptions
from ..reports.model import Report
from ..reports.periods import Period
from .access import requires
from .context import ServiceContext

Progress = Callable[[int, int], object]
FORMATS = ("json", "pdf", "xlsx")


class ReportService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.REPORT)
    def build(self, period: Period, *, compare: bool = True, top_n: int = 10,
              progress: Progress | None = None) -> Report:
        """The figures of ``period`` (registration dates), with the same period of the previous year when
        ``compare`` (while the period is not over: the same days of it, up to today's date)."""
        from ..reception.report import reception_figures

        ctx = self._ctx
        st = ctx.settings()
        with ctx.read() as s:
            return build_report(
                s, period, today=ctx.today(), vocab=ctx.vocabulary(), organisation=st.organisation,
                compare=compare, top_n=top_n, reception_provider=reception_figures, progress=progress,
                oktmo=st.oktmo.strip() or None, inn=st.inn.strip() or None, message_hours=st.message_hours,
            )

    @requires(P.REPORT)
    def options(self, sections: Sequence[str] | None = None, *, signatory_position: str | None = None,
                signatory_name: str | None = None, narratives: dict[str, str] | None = None) -> ReportOptions:
        """What a report document shows; the signatory defaults to the head named in the settings."""
        settings = self._ctx.settings()
        return ReportOptions(
            sections=tuple(sections) if sections else ALL_SECTIONS,
            signatory_position=settings.head_position if signatory_position is None else signatory_position,
            signatory_name=settings.head_name if signatory_name is None else signatory_name,
            **({"narratives": dict(narratives)} if narratives is not None else {}),
        )

    @requires(P.REPORT)
    def json_text(self, report: Report) -> str:
        from ..reports.json_report import report_json_text

        return report_json_text(report)

    @requires(P.REPORT)
    def write(self, report: Report, path: str | os.PathLike, fmt: str,
              options: ReportOptions | None = None) -> Path:
        """Write the report as ``fmt`` (json, pdf, xlsx) to ``path``."""
        if fmt not in FORMATS:
            raise DomainError(f"Неизвестный формат «{fmt}» (допустимо: {', '.join(FORMATS)})")
        target = Path(path)
        _check_target(target)
        options = options or self.options()
        try:
            if fmt == "json":
                from ..reports.json_report import write_report_json

                write_report_json(report, target)  # owner-only: the report names no one, its file is private anyway
            elif fmt == "pdf":
                from ..reports.pdf import write_report_pdf

                write_report_pdf(report, target, options)
            else:
                from ..reports.xlsx import write_report_xlsx

                write_report_xlsx(report, target, options)
        except OSError as exc:
            raise DomainError(f"Не удалось записать файл «{target}»: {os_error_text(exc)}") from exc
        return target

    @requires(P.REPORT)
    def list_rows(self, kind: str, period: Period, as_of: date | None = None):
        """The rows of a list: ``journal`` (every appeal of the period) or ``overdue``."""
        from ..reports.lists import check_list_request, list_rows

        check_list_request(kind, "pdf")
        ctx = self._ctx
        with ctx.read() as s:
            return list_rows(s, ctx.label, kind, period, self._as_of(period, as_of))

    @requires(P.REPORT)
    def write_list(self, kind: str, period: Period, fmt: str, path: str | os.PathLike, *,
                   as_of: date | None = None, progress: Progress | None = None) -> int:
        """Write the ``kind`` list of ``period`` as PDF or XLSX; returns how many appeals it holds."""
        from ..reports.lists import check_list_request, write_list

        check_list_request(kind, fmt)
        target = Path(path)
        _check_target(target)
        as_of = self._as_of(period, as_of)
        rows = self.list_rows(kind, period, as_of)
        try:
            return write_list(rows, kind, period, fmt, target, as_of=as_of,
                              organisation=self._ctx.settings().organisation, progress=progress)
        except OSError as exc:
            raise DomainError(f"Не удалось записать файл «{target}»: {os_error_text(exc)}") from exc

    @requires(P.REPORT)
    def rollup(self, paths: Sequence[str | os.PathLike]) -> Report:
        """The district's roll-up of its settlements' JSON reports (version 2, one period): one report of the
        same shape with the district's organisation from the settings and ``by_organisation``. Write it with
        ``write`` as JSON, PDF or XLSX."""
        import json

        from sqlalchemy import select

        from ..reports.model import Organisation
        from ..reports.rollup import rollup
        from ..storage.models import ClassifierEntry

        files = []
        for path in paths:
            target = Path(path)
            try:
                text = target.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                raise DomainError(f"Файл «{target.name}» — не отчёт AppealDesk (не текст JSON): свод не составлен") from exc
            except OSError as exc:
                raise DomainError(f"Не удалось прочитать файл «{target.name}»: {os_error_text(exc)}") from exc
            try:
                data = json.loads(text)
            except ValueError as exc:
                raise DomainError(f"Файл «{target.name}» — не отчёт AppealDesk (не JSON): свод не составлен") from exc
            files.append((target.name, data))
        ctx = self._ctx
        st = ctx.settings()
        with ctx.read() as s:
            names = dict(s.execute(select(ClassifierEntry.code, ClassifierEntry.name).where(ClassifierEntry.level <= 2)).all())
        district = Organisation(st.organisation, st.oktmo.strip() or None, st.inn.strip() or None)
        return rollup(files, district, ctx.vocabulary(), lambda code: names.get(code, code), made_on=ctx.today())

    def _as_of(self, period: Period, as_of: date | None) -> date:
        return as_of or min(period.end, self._ctx.today())


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise DomainError(f"«{path}» — это папка, а не файл")
    if not path.parent.exists():
        raise DomainError(f"Папка «{path.parent}» не существует")


__all__ = ["FORMATS", "ReportService"]
