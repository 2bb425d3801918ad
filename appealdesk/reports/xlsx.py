"""The report as XLSX (openpyxl): a summary sheet and one sheet per section, the same tables as the PDF
with numbers stored as numbers (formats show the sign of a change and one decimal of a per cent), styled
and frozen header rows, column widths, A4 print setup fitted to the page width, and the PDF's charts as
native Excel charts over a small data block on the same sheet."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import sheets
from .document import (
    CODE,
    DELTA,
    INT,
    PAIR,
    PERCENT,
    SHARE,
    SUB,
    TEXT,
    TOTAL,
    Chart,
    DocSection,
    ReportOptions,
    Table,
    build_document,
    heading_lines,
    summary_table,
)
from .model import Report

SHEET_NAMES = {
    "totals": "Общие сведения",
    "by_organisation": "По организациям",
    "by_quarter": "По кварталам",
    "by_form": "Формы поступления",
    "by_source": "Источники",
    "by_kind": "Виды обращений",
    "topics": "Тематика",
    "by_settlement": "Населённые пункты",
    "results": "Результаты",
    "checks": "Формы рассмотрения",
    "special": "Повторные, сроки",
    "satisfaction": "Удовлетворённость",
    "messages": "Сообщения ПОС",
    "reception": "Личный приём",
}

FMT_INT = "#,##0"
FMT_DELTA = "+#,##0;-#,##0;0"
FMT_PERCENT = "+0.0;-0.0;0.0"
FMT_SHARE = "0.0"
SHARE_PART = "share_part"  # the per-cent cell of a SHARE column

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = "Calibri"
BOLD = Font(name=FONT, bold=True)
TITLE = Font(name=FONT, bold=True, size=14)
SUBTITLE = Font(name=FONT, bold=True, size=11)
CAPTION = Font(name=FONT, bold=True, size=11)
NOTE = Font(name=FONT, italic=True, size=9, color="404040")
LINK = Font(name=FONT, color="0563C1", underline="single")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _pair_titles(table: Table, prev_label: str | None, cur_label: str) -> list[tuple[str, str]]:
    out = []
    for c in table.columns:
        if c.kind == PAIR:
            if prev_label is not None:
                out.append((f"{c.title}, {prev_label}", INT))
            out.append((f"{c.title}, {cur_label}" if prev_label is not None else c.title, INT))
        elif c.kind == SHARE:
            out.append((c.title, INT))
            out.append((f"{c.title}, доля, %", SHARE_PART))
        else:
            out.append((c.title, c.kind))
    return out


def _number_format(kind: str) -> str | None:
    return {INT: FMT_INT, DELTA: FMT_DELTA, PERCENT: FMT_PERCENT, SHARE_PART: FMT_SHARE}.get(kind)


class _SheetWriter:
    def __init__(self, ws: Worksheet, report: Report):
        self.ws = ws
        self.report = report
        self.row = 1
        self.max_col = 1
        self.first_header: int | None = None
        self.label_col_width = 12.0
        self.widths: dict[int, float] = {}

    def width(self, col: int, w: float) -> None:
        self.widths[col] = max(self.widths.get(col, 0), w)

    def text(self, value: str, font: Font | None = None, span: int = 6, height: float | None = None) -> None:
        cell = sheets.write(self.ws, self.row, 1, value)
        if font is not None:
            cell.font = font
        cell.alignment = WRAP_TOP
        if span > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=span)
        if height is None:
            chars_per_line = 110
            lines = max(1, -(-len(value) // chars_per_line))
            height = 15 * lines if lines > 1 else None
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.row += 1

    def table(self, table: Table) -> tuple[int, int, int]:
        """Write caption, header and rows; returns (header row, first data row, last data row)."""
        rep = self.report
        prev_label = rep.previous_label() if rep.previous is not None else None
        cols = _pair_titles(table, prev_label, rep.current_label())
        ws = self.ws
        sheets.write(ws, self.row, 1, table.title).font = CAPTION
        self.row += 1
        header = self.row
        if self.first_header is None:
            self.first_header = header
        for j, (title, kind) in enumerate(cols, start=1):
            cell = sheets.write(ws, header, j, title)
            cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEAD_FILL, BORDER, HEAD_ALIGN
            if kind == TEXT:
                longest = max((len(str(r.values[j - 1] or "")) for r in table.rows), default=0)
                self.width(j, min(56, max(24, longest + 4)))
            elif kind == CODE:
                self.width(j, 26 if any(len(str(r.values[j - 1])) > 9 for r in table.rows) else 11)
            else:
                self.width(j, 13 if kind != PAIR else 12)
        ws.row_dimensions[header].height = 30
        first = header + 1
        r = first
        for row in table.rows:
            j = 1
            for c, v in zip(table.columns, row.values, strict=True):
                if c.kind == PAIR:
                    prev, cur = v
                    values = ([(prev, INT)] if prev_label is not None else []) + [(cur, INT)]
                elif c.kind == SHARE:
                    count, share = v if isinstance(v, tuple) else (v, None)
                    values = [(count, INT), (share, SHARE_PART)]
                else:
                    values = [(v, c.kind)]
                for value, kind in values:
                    cell = sheets.write(ws, r, j, value)
                    cell.border = BORDER
                    fmt = _number_format(kind)
                    if fmt:
                        cell.number_format = fmt
                    if kind == TEXT:
                        cell.alignment = Alignment(wrap_text=True, vertical="center", indent=2 if row.style == SUB else 0)
                    if row.style == TOTAL:
                        cell.font, cell.fill = BOLD, TOTAL_FILL
                    j += 1
            r += 1
        self.max_col = max(self.max_col, len(cols))
        self.row = r
        if table.note:
            sheets.write(ws, self.row, 1, table.note).font = NOTE
            self.row += 1
        self.row += 1
        return header, first, r - 1

    def chart_data(self, chart: Chart, col: int) -> tuple[int, int, int]:
        """A small block the chart reads: categories (in column ``col``) and one column per series.
        Returns (header row, first row, last row)."""
        ws = self.ws
        sheets.write(ws, self.row, col, f"Данные диаграммы «{chart.title}»").font = CAPTION
        self.row += 1
        header = self.row
        sheets.write(ws, header, col, "Категория")
        for j, (name, _) in enumerate(chart.series, start=col + 1):
            sheets.write(ws, header, j, name)
        for j in range(col, col + len(chart.series) + 1):
            cell = ws.cell(header, j)
            cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, BORDER
        r = header + 1
        for i, cat in enumerate(chart.categories):
            sheets.write(ws, r, col, cat).border = BORDER
            for j, (_, values) in enumerate(chart.series, start=col + 1):
                cell = sheets.write(ws, r, j, values[i])
                cell.number_format, cell.border = FMT_INT, BORDER
            r += 1
        self.width(col, max(len(c) for c in chart.categories) + 2 if chart.categories else 12)
        self.row = r + 1
        return header, header + 1, r - 1

    def finish(self, landscape: bool) -> None:
        ws = self.ws
        for col, w in self.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = w
        if self.first_header is not None:
            ws.freeze_panes = ws.cell(self.first_header + 1, 1)
            ws.print_title_rows = f"{self.first_header}:{self.first_header}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.6
        ws.page_margins.top = ws.page_margins.bottom = 0.7
        ws.oddFooter.center.text = "стр. &P из &N"


def _labels(percent: bool) -> DataLabelList:
    """Data labels showing only the value (bars) or only the share (pie)."""
    return DataLabelList(showVal=not percent, showPercent=percent, showCatName=False, showSerName=False,
                         showLegendKey=False, showLeaderLines=False)


def _add_chart(w: _SheetWriter, chart: Chart, col: int, anchor_col: int) -> None:
    header, first, last = w.chart_data(chart, col)
    ws = w.ws
    anchor = f"{get_column_letter(anchor_col)}{header - 1}"
    cats = Reference(ws, min_col=col, min_row=first, max_row=last)
    data = Reference(ws, min_col=col + 1, max_col=col + len(chart.series), min_row=header, max_row=last)
    if chart.kind == "pie":
        ch = PieChart()
        ch.add_data(data, titles_from_data=True)
        ch.set_categories(cats)
        ch.dataLabels = _labels(percent=True)
        ch.legend.position = "r"
        ch.height, ch.width = 9, 18
    else:
        ch = BarChart()
        long_names = max((len(c) for c in chart.categories), default=0) > 14
        ch.type = "bar" if long_names else "col"
        ch.grouping = "clustered"
        ch.add_data(data, titles_from_data=True)
        ch.set_categories(cats)
        ch.dataLabels = _labels(percent=False)
        ch.legend.position = "b"
        ch.y_axis.numFmt = "#,##0"
        ch.y_axis.majorGridlines = None
        ch.x_axis.delete = False
        ch.y_axis.delete = False
        if long_names:
            ch.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
        ch.height, ch.width = (3.5 + 1.3 * len(chart.categories), 18) if long_names else (8, 16)
    ch.title = chart.title
    ws.add_chart(ch, anchor)


def _section_sheet(wb, sec: DocSection, report: Report) -> None:
    ws = wb.create_sheet(SHEET_NAMES.get(sec.key, sec.key)[:31])
    w = _SheetWriter(ws, report)
    w.text(sec.title, TITLE, span=6, height=20)
    for t in sec.intro:
        w.text(t)
    w.row += 1
    for table in sec.tables:
        w.table(table)
    if sec.narrative:
        for line in sec.narrative.splitlines():
            if line.strip():
                w.text(line.strip())
        w.row += 1
    label_col = 2 if any(c.kind == CODE for t in sec.tables for c in t.columns[:1]) else 1
    for chart in sec.charts:
        top = w.row
        _add_chart(w, chart, label_col, label_col + len(chart.series) + 2)
        w.row = max(w.row, top + (24 if chart.kind == "bar" and len(chart.categories) > 4 else 20))
    w.finish(landscape=any(t.wide for t in sec.tables) or w.max_col > 6)


def _summary_sheet(wb, report: Report, options: ReportOptions, sections: list[DocSection]) -> None:
    ws = wb.active
    ws.title = "Сводка"
    title, sub, org = heading_lines(report, options)
    w = _SheetWriter(ws, report)
    w.text(title.upper(), TITLE, height=20)
    w.text(sub, SUBTITLE)
    w.text(org)
    w.row += 1
    table = summary_table(report)
    w.table(table)
    sheets.write(ws, w.row, 1, "Разделы отчёта — на отдельных листах:").font = BOLD
    w.row += 1
    for n, sec in enumerate(sections, start=1):
        name = SHEET_NAMES.get(sec.key, sec.key)[:31]
        cell = sheets.write(ws, w.row, 1, f"{n}. {sec.title}")
        cell.hyperlink = f"#'{name}'!A1"
        cell.font = LINK
        w.row += 1
    if options.signatory_position or options.signatory_name:
        w.row += 2
        sheets.write(ws, w.row, 1, options.signatory_position)
        sheets.write(ws, w.row, 3, options.signatory_name).alignment = Alignment(horizontal="right")
        ws.merge_cells(start_row=w.row, start_column=3, end_row=w.row, end_column=5)
    w.finish(landscape=False)


def write_report_xlsx(report: Report, path: str | os.PathLike, options: ReportOptions | None = None) -> Path:
    """Write the report to ``path`` and return the path."""
    options = options or ReportOptions()
    sections = build_document(report, options)
    wb = sheets.workbook()
    _summary_sheet(wb, report, options, sections)
    for sec in sections:
        _section_sheet(wb, sec, report)
    title, sub, org = heading_lines(report, options)
    wb.properties.title = f"{title} {sub}"
    wb.properties.creator = "AppealDesk"
    wb.properties.subject = org
    return sheets.save(wb, path)
