"""The report as a paper of the one document model, rendered by the one PDF renderer: the heading with the
organisation and the period; per section the automatic sentence, the tables (current, previous, +/-, %)
with their captions and notes, the charts, the user's narrative; wide tables on landscape pages; the
signature; «стр. N из M» and the running line at the foot. The section builders (``document``) decide
what is said; this module only lays it out."""

from __future__ import annotations

import os
from pathlib import Path

from ..paper.model import (
    BODY,
    CENTER,
    HEADING,
    JUSTIFY,
    LEFT,
    NORMAL,
    RIGHT,
    SUB,
    SUBTITLE,
    TITLE,
    TOTAL,
    Column,
    Document,
    Para,
    Row,
    Section,
    Signature,
)
from ..paper.model import Chart as PaperChart
from ..paper.model import Table as PaperTable
from . import document as D
from .document import ReportOptions, build_document, heading_lines
from .model import Report

_ROW_STYLES = {D.TOTAL: TOTAL, D.SUB: SUB, D.NORMAL: NORMAL}


def paper_table(table: D.Table) -> PaperTable:
    """A report table as a paper table: text left, numbers right, totals bold on grey, sub-rows indented."""
    cols = tuple(Column(c.title, c.width, LEFT if c.kind in (D.TEXT, D.CODE) else RIGHT) for c in table.columns)
    rows = tuple(
        Row(tuple(D.format_cell(v, c.kind) for c, v in zip(table.columns, r.values, strict=True)),
            _ROW_STYLES.get(r.style, NORMAL))
        for r in table.rows
    )
    return PaperTable(cols, rows, caption=table.title, note=table.note)


def _body(text: str) -> Para:
    return Para.of(text, BODY, align=JUSTIFY, first_indent=10)


def report_document(report: Report, options: ReportOptions | None = None) -> Document:
    options = options or ReportOptions()
    title, sub, org = heading_lines(report, options)
    footer = f"{org}. {title} {report.period.phrase()}"
    sections: list[Section] = []
    blocks: list = [Para.of(title.upper(), TITLE), Para.of(sub, SUBTITLE),
                    Para.of(org, align=CENTER, space_after=10)]
    for n, sec in enumerate(build_document(report, options), start=1):
        blocks.append(Para.of(f"{n}. {sec.title}", HEADING))
        blocks += [_body(t) for t in sec.intro]
        blocks += [paper_table(t) for t in sec.tables if not t.wide]
        blocks += [PaperChart(c.kind, c.title, c.categories, c.series) for c in sec.charts]
        blocks += [_body(line.strip()) for line in (sec.narrative or "").splitlines() if line.strip()]
        wide = [t for t in sec.tables if t.wide]
        if wide:
            sections.append(Section(tuple(blocks), footer=footer))
            sections.append(Section(tuple(paper_table(t) for t in wide), landscape=True, footer=footer))
            blocks = []
    signature = (Signature(options.signatory_position, options.signatory_name, space=14)
                 if options.signatory_position or options.signatory_name else None)
    if signature is not None and not blocks and sections:
        # the report ends with a landscape table: the signature goes under it, never alone on a new page
        last = sections[-1]
        sections[-1] = Section((*last.blocks, signature), last.landscape, last.header, last.footer)
    elif signature is not None:
        blocks.append(signature)
    if blocks or not sections:
        sections.append(Section(tuple(blocks), footer=footer))
    return Document(f"{title} {sub}", tuple(sections), font_size=10)


def write_report_pdf(report: Report, path: str | os.PathLike, options: ReportOptions | None = None) -> Path:
    """Write the report to ``path`` (A4; owner-only) and return the path."""
    from ..paper.pdf import write_pdf

    return write_pdf(report_document(report, options), path)
