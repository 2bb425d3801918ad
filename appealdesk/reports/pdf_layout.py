"""What every report PDF shares (reportlab, imported only when a PDF is written): the bundled Cyrillic
font, A4 portrait and landscape page templates, «стр. N из M» at the foot of each page, and the tables of
``document.Table`` drawn in the seeds' layout."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle as RLTableStyle
from reportlab.platypus.doctemplate import NextPageTemplate
from reportlab.platypus.flowables import PageBreak

from .. import pdf_fonts
from .document import CODE, SUB, TEXT, TOTAL, Table, format_cell

MARGIN = 18 * mm
HEADER_BG = colors.HexColor("#DCE6F1")
TOTAL_BG = colors.HexColor("#F2F2F2")
GRID = colors.HexColor("#808080")


@dataclass(frozen=True)
class Styles:
    font: str
    bold: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    org: ParagraphStyle
    heading: ParagraphStyle
    caption: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_num: ParagraphStyle
    cell_num_bold: ParagraphStyle


def styles(size: float = 10) -> Styles:
    f = pdf_fonts.register()
    base = dict(fontName=f.regular, fontSize=size, leading=size * 1.3)
    cell_size = size - 1.5
    cell = dict(fontName=f.regular, fontSize=cell_size, leading=cell_size * 1.2)
    return Styles(
        font=f.regular,
        bold=f.bold,
        title=ParagraphStyle("title", **{**base, "fontName": f.bold, "fontSize": size + 4, "leading": (size + 4) * 1.3},
                             alignment=TA_CENTER, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", **{**base, "fontName": f.bold}, alignment=TA_CENTER, spaceAfter=2),
        org=ParagraphStyle("org", **base, alignment=TA_CENTER, spaceAfter=10),
        heading=ParagraphStyle("heading", **{**base, "fontName": f.bold, "fontSize": size + 1.5,
                                             "leading": (size + 1.5) * 1.3}, spaceBefore=10, spaceAfter=4,
                               keepWithNext=1),
        caption=ParagraphStyle("caption", **{**base, "fontName": f.bold, "fontSize": size - 0.5}, spaceBefore=4,
                               spaceAfter=3, keepWithNext=1),
        body=ParagraphStyle("body", **base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4),
        note=ParagraphStyle("note", **{**base, "fontSize": size - 2, "leading": (size - 2) * 1.3}, spaceBefore=2,
                            spaceAfter=6, textColor=colors.HexColor("#404040")),
        cell=ParagraphStyle("cell", **cell, alignment=TA_LEFT),
        cell_bold=ParagraphStyle("cell_bold", **{**cell, "fontName": f.bold}, alignment=TA_LEFT),
        cell_head=ParagraphStyle("cell_head", **{**cell, "fontName": f.bold}, alignment=TA_CENTER),
        cell_num=ParagraphStyle("cell_num", **cell, alignment=TA_RIGHT),
        cell_num_bold=ParagraphStyle("cell_num_bold", **{**cell, "fontName": f.bold}, alignment=TA_RIGHT),
    )


def esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """The user's text: one paragraph per non-empty line."""
    return [Paragraph(esc(line.strip()), style) for line in (text or "").splitlines() if line.strip()]


class NumberedCanvas(rl_canvas.Canvas):
    """Draws «стр. N из M» (and an optional running title) on every page once the page count is known."""

    footer_font = "Helvetica"
    footer_left = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved: list[dict] = []

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(self.footer_font, 8)
        self.setFillColor(colors.HexColor("#606060"))
        self.drawRightString(width - MARGIN, 10 * mm, f"стр. {self._pageNumber} из {total}")
        if self.footer_left:
            room = width - 2 * MARGIN - 30 * mm
            text = self.footer_left
            while text and self.stringWidth(text, self.footer_font, 8) > room:
                text = text[:-2].rstrip() + "…" if not text.endswith("…") else text[:-3].rstrip() + "…"
            self.drawString(MARGIN, 10 * mm, text)
        self.restoreState()


def canvas_maker(font: str, footer_left: str = ""):
    return type("ReportCanvas", (NumberedCanvas,), {"footer_font": font, "footer_left": footer_left})


def make_doc(path: str | os.PathLike, title: str, *, start_landscape: bool = False) -> BaseDocTemplate:
    """A document with two templates, ``portrait`` and ``landscape`` (switch with ``orientation``)."""
    doc = BaseDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=title, author="AppealDesk", creator="AppealDesk",
    )
    pw, ph = A4
    lw, lh = landscape(A4)
    portrait = PageTemplate(
        id="portrait", pagesize=A4,
        frames=[Frame(MARGIN, MARGIN, pw - 2 * MARGIN, ph - 2 * MARGIN, id="p", leftPadding=0, rightPadding=0)],
    )
    land = PageTemplate(
        id="landscape", pagesize=landscape(A4),
        frames=[Frame(MARGIN, MARGIN, lw - 2 * MARGIN, lh - 2 * MARGIN, id="l", leftPadding=0, rightPadding=0)],
    )
    doc.addPageTemplates([land, portrait] if start_landscape else [portrait, land])
    return doc


def frame_width(landscape_page: bool) -> float:
    w = landscape(A4)[0] if landscape_page else A4[0]
    return w - 2 * MARGIN


def orientation(to_landscape: bool) -> list:
    """Flowables that start a new page in the given orientation."""
    return [NextPageTemplate("landscape" if to_landscape else "portrait"), PageBreak()]


def table_flowable(table: Table, st: Styles, width: float) -> RLTable:
    """A ``document.Table`` as a reportlab table: header row repeated on each page, numbers right-aligned,
    totals in bold on a grey ground, sub-rows indented."""
    cols = table.columns
    head = [Paragraph(esc(c.title), st.cell_head) for c in cols]
    data = [head]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, row in enumerate(table.rows, start=1):
        bold = row.style == TOTAL
        cells = []
        for c, v in zip(cols, row.values, strict=True):
            text = esc(format_cell(v, c.kind))
            if c.kind in (TEXT, CODE):
                if row.style == SUB and c.kind == TEXT:
                    text = "&nbsp;&nbsp;&nbsp;&nbsp;" + text
                cells.append(Paragraph(text, st.cell_bold if bold else st.cell))
            else:
                cells.append(Paragraph(text, st.cell_num_bold if bold else st.cell_num))
        data.append(cells)
        if bold:
            style.append(("BACKGROUND", (0, i), (-1, i), TOTAL_BG))
    total_w = sum(c.width for c in cols)
    widths = [width * c.width / total_w for c in cols]
    t = RLTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(RLTableStyle(style))
    return t


def captioned(table: Table, st: Styles, width: float) -> list:
    """Caption, table and note, the caption kept with the table."""
    items = [Paragraph(esc(table.title), st.caption), table_flowable(table, st, width)]
    out: list = [KeepTogether(items) if len(table.rows) <= 25 else items[0], *([] if len(table.rows) <= 25 else items[1:])]
    if table.note:
        out.append(Paragraph(esc(table.note), st.note))
    else:
        out.append(Spacer(1, 6))
    return out


def signature(position: str, name: str, st: Styles, width: float) -> list:
    """The signature block: the position on the left, the name on the right, at the body's size."""
    if not (position or name):
        return []
    left = ParagraphStyle("sig_l", parent=st.body, firstLineIndent=0, alignment=TA_LEFT)
    right = ParagraphStyle("sig_r", parent=st.body, firstLineIndent=0, alignment=TA_RIGHT)
    t = RLTable([[Paragraph(esc(position), left), Paragraph(esc(name), right)]],
                colWidths=[width * 0.6, width * 0.4], hAlign="LEFT")
    t.setStyle(RLTableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 14 * mm), KeepTogether([t])]


def build(doc: BaseDocTemplate, story: Sequence, font: str, footer_left: str = "") -> None:
    from ..private_files import make_private

    doc.build(list(story), canvasmaker=canvas_maker(font, footer_left))
    make_private(doc.filename)  # personal data: owner-only
