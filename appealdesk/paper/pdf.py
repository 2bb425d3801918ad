"""The one PDF renderer of ``paper.model`` (reportlab, the bundled Cyrillic fonts): A4 portrait and landscape
sections, running headers and footers, page numbers, and the pagination rules —

- a heading or a caption is never the last line of a page: it is kept with what follows (with a long
  table: with its header row and its first rows);
- a table's note is kept with the table's last rows, never alone at the top of a page;
- a signature is kept with the paragraph (or the table's last rows) before it;
- a long table repeats its header row on every page.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Spacer as RLSpacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import NextPageTemplate

from .. import pdf_fonts
from .model import (
    ALARM,
    BODY,
    CAPTION,
    CENTER,
    HEAD,
    HEADING,
    JUSTIFY,
    LEFT,
    NOTE,
    NUMBERS_FOOTER,
    NUMBERS_NONE,
    NUMBERS_TOP,
    PLAIN,
    RIGHT,
    SMALL,
    SUB,
    SUBTITLE,
    TITLE,
    TOTAL,
    Chart,
    Document,
    PageBreak,
    Para,
    Section,
    Signature,
    Spacer,
    Table,
)

ALIGN = {LEFT: TA_LEFT, CENTER: TA_CENTER, RIGHT: TA_RIGHT, JUSTIFY: TA_JUSTIFY}
HEADER_BG = colors.HexColor("#DCE6F1")
TOTAL_BG = colors.HexColor("#F2F2F2")
ALARM_BG = colors.HexColor("#FBE3E1")
GRID = colors.HexColor("#808080")
MIN_ROWS = 2  # a table that starts at the foot of a page shows at least its header and this many rows


@dataclass(frozen=True)
class _Faces:
    regular: str
    bold: str


def _styles(size: float, faces: _Faces) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=faces.regular, fontSize=size, leading=size * 1.3, spaceAfter=size * 0.4)
    return {
        BODY: base,
        PLAIN: ParagraphStyle("plain", parent=base, spaceAfter=0),
        TITLE: ParagraphStyle("title", parent=base, fontName=faces.bold, fontSize=size + 4, leading=(size + 4) * 1.3,
                              alignment=TA_CENTER, spaceAfter=2, keepWithNext=1),
        SUBTITLE: ParagraphStyle("subtitle", parent=base, fontName=faces.bold, fontSize=size + 1,
                                 leading=(size + 1) * 1.3, alignment=TA_CENTER, spaceAfter=6, keepWithNext=1),
        HEADING: ParagraphStyle("heading", parent=base, fontName=faces.bold, fontSize=size + 1.5,
                                leading=(size + 1.5) * 1.3, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        CAPTION: ParagraphStyle("caption", parent=base, fontName=faces.bold, fontSize=size - 0.5,
                                leading=(size - 0.5) * 1.3, spaceBefore=4, spaceAfter=3, keepWithNext=1),
        NOTE: ParagraphStyle("note", parent=base, fontSize=size - 2, leading=(size - 2) * 1.3, spaceBefore=2,
                             spaceAfter=6, textColor=colors.HexColor("#404040")),
        SMALL: ParagraphStyle("small", parent=base, fontSize=size - 1.5, leading=(size - 1.5) * 1.25,
                              textColor=colors.HexColor("#505050")),
    }


def _markup(text: str) -> str:
    return escape(text or "", quote=False).replace("\n", "<br/>")


def _runs(p: Para) -> str:
    out = []
    for r in p.runs:
        t = _markup(r.text)
        if not t:
            continue
        if r.bold:
            t = f"<b>{t}</b>"
        if r.italic:
            t = f"<i>{t}</i>"
        if r.underline:
            t = f"<u>{t}</u>"
        attrs = []
        if r.size:
            attrs.append(f'size="{r.size:g}"')
        if r.colour:
            attrs.append(f'color="{r.colour}"')
        if attrs:
            t = f"<font {' '.join(attrs)}>{t}</font>"
        out.append(t)
    return "".join(out)


class _Renderer:
    def __init__(self, doc: Document):
        self.doc = doc
        f = pdf_fonts.register()
        self.faces = _Faces(f.serif, f.serif_bold) if doc.serif else _Faces(f.regular, f.bold)
        self.st = _styles(doc.font_size, self.faces)
        size = max(6.0, doc.font_size - 1.5)
        self.cell_size = size

    # -- paragraphs ------------------------------------------------------------------------------
    def para(self, p: Para) -> Paragraph:
        style = self.st.get(p.style, self.st[BODY])
        sizes = [r.size for r in p.runs if r.size]
        changes: dict = {}
        if p.align:
            changes["alignment"] = ALIGN.get(p.align, TA_LEFT)
        if p.first_indent:
            changes["firstLineIndent"] = p.first_indent * mm
        if p.left_indent:
            changes["leftIndent"] = p.left_indent * mm
        if p.space_before is not None:
            changes["spaceBefore"] = p.space_before
        if p.space_after is not None:
            changes["spaceAfter"] = p.space_after
        if p.keep_with_next:
            changes["keepWithNext"] = 1
        if sizes and max(sizes) * 1.2 > style.leading:
            changes["leading"] = max(sizes) * 1.2
        if changes:
            style = ParagraphStyle(f"{style.name}+", parent=style, **changes)
        text = _runs(p)
        return Paragraph(text or "&nbsp;", style)

    def _cell(self, value, style: ParagraphStyle) -> Paragraph:
        if isinstance(value, Para):
            changes = {"fontSize": style.fontSize, "leading": style.leading, "spaceAfter": 0, "spaceBefore": 0,
                       "firstLineIndent": value.first_indent * mm, "leftIndent": value.left_indent * mm}
            if value.align:
                changes["alignment"] = ALIGN.get(value.align, TA_LEFT)
            bold = ParagraphStyle("cellp", parent=style, **changes)
            return Paragraph(_runs(value) or "&nbsp;", bold)
        return Paragraph(_markup(str(value)) or "&nbsp;", style)

    # -- tables ----------------------------------------------------------------------------------
    def table(self, t: Table, width: float) -> RLTable:
        size = t.size or self.cell_size
        base = ParagraphStyle("cell", fontName=self.faces.regular, fontSize=size, leading=size * 1.22)
        bold = ParagraphStyle("cellb", parent=base, fontName=self.faces.bold)
        head = ParagraphStyle("cellh", parent=bold, alignment=TA_CENTER)

        def aligned(style: ParagraphStyle, align: str) -> ParagraphStyle:
            return ParagraphStyle(style.name + align, parent=style, alignment=ALIGN.get(align, TA_LEFT))

        data = []
        cmds: list = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 if t.grid else 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 if t.grid else 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if t.grid:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.4, GRID))
        if t.header:
            data.append([Paragraph(_markup(c.title) or "&nbsp;", head) for c in t.columns])
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BG))
        for row in t.rows:
            i = len(data)
            strong = row.style in (TOTAL, HEAD)
            cells = []
            for n, col in enumerate(t.columns):
                value = row.cells[n] if n < len(row.cells) else ""
                style = aligned(bold if strong else base, col.align)
                if row.style == SUB and n == 0 and isinstance(value, str):
                    value = "\u00a0\u00a0\u00a0\u00a0" + value
                cells.append(self._cell(value, style))
            data.append(cells)
            if row.style == TOTAL:
                cmds.append(("BACKGROUND", (0, i), (-1, i), TOTAL_BG))
            elif row.style == HEAD:
                cmds.append(("BACKGROUND", (0, i), (-1, i), HEADER_BG))
            elif row.style == ALARM:
                cmds.append(("BACKGROUND", (0, i), (-1, i), ALARM_BG))
        if not data:
            data = [[Paragraph("&nbsp;", base) for _ in t.columns]]
        total = sum(c.width for c in t.columns) or 1
        widths = [width * c.width / total for c in t.columns]
        out = RLTable(data, colWidths=widths, repeatRows=1 if t.header else 0, hAlign="LEFT")
        out.setStyle(TableStyle(cmds))
        return out

    def plain_tables(self, t: Table, width: float, chunk: int = 60) -> list[RLTable]:
        """A long table of plain text: cells pre-wrapped to their width (reportlab draws lines far faster than
        a paragraph per cell), in tables of ``chunk`` rows, each with the header row (reportlab splits many
        small tables much faster than one long one)."""
        from reportlab.lib.utils import simpleSplit

        size = t.size or self.cell_size
        head_style = ParagraphStyle("cellh", fontName=self.faces.bold, fontSize=size, leading=size * 1.22,
                                    alignment=TA_CENTER)
        total = sum(c.width for c in t.columns) or 1
        widths = [width * c.width / total for c in t.columns]
        head = [Paragraph(_markup(c.title) or "&nbsp;", head_style) for c in t.columns]
        cmds = [
            ("FONT", (0, 1), (-1, -1), self.faces.regular, size, size * 1.22),
            *[("ALIGN", (j, 1), (j, -1), "RIGHT") for j, c in enumerate(t.columns) if c.align == RIGHT],
            ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        style = TableStyle(cmds)
        out = []
        rows = list(t.rows)
        for start in range(0, max(1, len(rows)), chunk):
            data = [head]
            for row in rows[start:start + chunk]:
                cells = []
                for n, w in enumerate(widths):
                    v = row.cells[n] if n < len(row.cells) else ""
                    text = v.text if isinstance(v, Para) else str(v)
                    if text and self.faces.regular and len(text) * size * 0.45 > w - 4:
                        text = "\n".join(simpleSplit(text, self.faces.regular, size, w - 4))
                    cells.append(text)
                data.append(cells)
            table = RLTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
            table.setStyle(style)
            out.append(table)
        return out

    def signature(self, s: Signature, width: float) -> RLTable:
        left = ParagraphStyle("sig_l", parent=self.st[PLAIN], alignment=TA_LEFT)
        right = ParagraphStyle("sig_r", parent=self.st[PLAIN], alignment=TA_RIGHT)
        t = RLTable([[Paragraph(_markup(s.position), left), Paragraph(_markup(s.name), right)]],
                    colWidths=[width * 0.62, width * 0.38], hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        return t

    # -- a section -------------------------------------------------------------------------------
    def story(self, section: Section, width: float) -> list:
        from .charts import chart_drawing

        out: list = []
        pending: list = []  # headings and captions waiting for the table they introduce
        for block in section.blocks:
            if isinstance(block, Para):
                flow = self.para(block)
                if block.style in (HEADING, CAPTION, TITLE, SUBTITLE) or block.keep_with_next:
                    pending.append(flow)
                else:
                    out += [*pending, flow]
                    pending = []
            elif isinstance(block, Table) and block.plain:
                head = list(pending) + ([Paragraph(_markup(block.caption), self.st[CAPTION])] if block.caption else [])
                pending = []
                tables = self.plain_tables(block, width)
                tail = [Paragraph(_markup(block.note), self.st[NOTE])] if block.note else []
                for n, table in enumerate(tables):
                    last = n == len(tables) - 1
                    out.append(_TableBlock(head if n == 0 else [], table, tail if last else []))
            elif isinstance(block, Table):
                head = list(pending)
                pending = []
                if block.caption:
                    head.append(Paragraph(_markup(block.caption), self.st[CAPTION]))
                tail = [Paragraph(_markup(block.note), self.st[NOTE])] if block.note else []
                tb = _TableBlock(head, self.table(block, width), tail)
                if block.keep_with_previous:
                    self._keep_with_previous(out, tb)
                else:
                    out.append(tb)
                    if not block.note and block.grid:
                        out.append(RLSpacer(1, 6))
            elif isinstance(block, Chart):
                out.append(KeepTogether([*pending, chart_drawing(block, self.faces.regular, self.faces.bold, width),
                                         RLSpacer(1, 6)]))
                pending = []
            elif isinstance(block, Signature):
                out += pending
                pending = []
                if block.position or block.name:
                    self._keep_with_previous(out, _Gap(block.space * mm, self.signature(block, width)))
            elif isinstance(block, Spacer):
                (pending if pending else out).append(RLSpacer(1, block.height * mm))
            elif isinstance(block, PageBreak):
                out += [*pending, RLPageBreak()]
                pending = []
        return out + pending

    @staticmethod
    def _keep_with_previous(out: list, flow) -> None:
        """Keep ``flow`` on the page of what stands before it (a table's last rows, or a paragraph)."""
        while out and isinstance(out[-1], RLSpacer):
            out.pop()
        if out and isinstance(out[-1], _TableBlock):
            out[-1].tail.append(flow)
        elif out:
            prev = out.pop()
            out.append(KeepTogether([prev, flow]))
        else:
            out.append(flow)


class _Gap(Flowable):
    """A flowable with room above it that disappears at the top of a page (a signature's space)."""

    def __init__(self, space: float, inner: Flowable):
        super().__init__()
        self.space, self.inner = space, inner

    def wrap(self, aW, aH):
        w, h = self.inner.wrap(aW, aH)
        self.width, self.height = w, h + self.space
        return w, self.height

    def draw(self):
        self.inner.drawOn(self.canv, 0, 0)


class _TableBlock(Flowable):
    """A table with what belongs to it: the headings and caption above (kept with the header row and the
    first rows), the note and a signature below (kept with the last rows)."""

    def __init__(self, head: list, table: RLTable, tail: list):
        super().__init__()
        self.head, self.table, self.tail = head, table, tail
        self._parts: list[tuple[Flowable, float, float]] = []

    def _measure(self, flows: list, aW: float, aH: float) -> list[tuple[Flowable, float, float]]:
        out = []
        for i, f in enumerate(flows):
            _w, h = f.wrap(aW, aH)
            before = f.getSpaceBefore() if i else 0
            after = f.getSpaceAfter()
            out.append((f, h, before + after))
        return out

    def wrap(self, aW, aH):
        self._parts = self._measure([*self.head, self.table, *self.tail], aW, aH)
        self.width = aW
        self.height = sum(h + gap for _f, h, gap in self._parts)
        return aW, self.height

    def draw(self):
        y = self.height
        for i, (f, h, _gap) in enumerate(self._parts):
            if i:
                y -= f.getSpaceBefore()
            f.drawOn(self.canv, 0, y - h)
            y -= h + f.getSpaceAfter()

    def _height(self, flows: list, aW: float, aH: float) -> float:
        return sum(h + gap for _f, h, gap in self._measure(flows, aW, aH))

    def split(self, aW, aH):
        self.wrap(aW, aH)
        if self.height <= aH:
            return [self]
        head_h = self._height(self.head, aW, aH) if self.head else 0
        tail_h = self._height(self.tail, aW, aH) if self.tail else 0
        parts = self.table.split(aW, aH - head_h)
        if len(parts) < 2:
            return []  # not even the first rows fit: the whole block goes to the next page
        first, rest = parts[0], parts[1]
        rows = len(getattr(first, "_cellvalues", ()))
        header = getattr(self.table, "repeatRows", 0) or 0
        if rows < header + MIN_ROWS and not self._at_top():
            return []
        rest_block = _TableBlock([], rest, self.tail)
        rest_h = rest_block.wrap(aW, 10**6)[1]
        if self.tail and rest_h - tail_h < 1:  # nothing but the note would be left: keep one more row back
            again = self.table.split(aW, aH - head_h - tail_h)
            if len(again) >= 2:
                first, rest = again[0], again[1]
                rest_block = _TableBlock([], rest, self.tail)
        return [_TableBlock(self.head, first, []), rest_block]

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and getattr(frame, "_atTop", False))


class _NumberedCanvas(rl_canvas.Canvas):
    """Draws each page's running lines and its number once the page count is known."""

    font = "Helvetica"
    mode = NUMBERS_FOOTER
    margin_x = 18 * mm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self.paper_header = ""
        self.paper_footer = ""

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._marks(total)
            super().showPage()
        super().save()

    def _marks(self, total: int) -> None:
        width, height = self._pagesize
        left, right = self.margin_x, width - self.margin_x
        self.saveState()
        self.setFont(self.font, 8)
        self.setFillColor(colors.HexColor("#606060"))
        footer_y, header_y = 8 * mm, height - 8 * mm
        if self.mode == NUMBERS_FOOTER:
            self.drawRightString(right, footer_y, f"стр. {self._pageNumber} из {total}")
        elif self.mode == NUMBERS_TOP and self._pageNumber > 1:
            self.setFont(self.font, 10)
            self.drawCentredString(width / 2, header_y, str(self._pageNumber))
            self.setFont(self.font, 8)
        room = right - left - (30 * mm if self.mode == NUMBERS_FOOTER else 0)
        if self.paper_footer:
            self.drawString(left, footer_y, _fit(self, self.paper_footer, room))
        if self.paper_header and not (self.mode == NUMBERS_TOP and self._pageNumber > 1):
            self.drawString(left, header_y, _fit(self, self.paper_header, right - left))
        self.restoreState()


def _fit(canvas, text: str, room: float) -> str:
    if canvas.stringWidth(text, canvas._fontname, canvas._fontsize) <= room:
        return text
    while text and canvas.stringWidth(text + "…", canvas._fontname, canvas._fontsize) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _page_size(section: Section):
    return landscape(A4) if section.landscape else A4


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes."""
    r = _Renderer(doc)
    m = doc.margins
    buf = io.BytesIO()
    pdf = BaseDocTemplate(
        buf, pagesize=_page_size(doc.sections[0]) if doc.sections else A4, leftMargin=m.left * mm,
        rightMargin=m.right * mm, topMargin=m.top * mm, bottomMargin=m.bottom * mm, title=doc.title,
        author=doc.author, creator="AppealDesk",
    )
    sections = doc.sections or (Section(()),)
    templates = []
    story: list = []
    for n, section in enumerate(sections):
        pw, ph = _page_size(section)
        width = pw - (m.left + m.right) * mm
        frame = Frame(m.left * mm, m.bottom * mm, width, ph - (m.top + m.bottom) * mm, id=f"f{n}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        def on_page(canvas, _doc, section=section):
            canvas.paper_header = section.header
            canvas.paper_footer = section.footer

        templates.append(PageTemplate(id=f"s{n}", pagesize=(pw, ph), frames=[frame], onPage=on_page))
        if n:
            story += [NextPageTemplate(f"s{n}"), RLPageBreak()]
        story += r.story(section, width)
    pdf.addPageTemplates(templates)
    canvas = type("PaperCanvas", (_NumberedCanvas,), {
        "font": r.faces.regular, "mode": doc.page_numbers if doc.page_numbers in (
            NUMBERS_FOOTER, NUMBERS_TOP, NUMBERS_NONE) else NUMBERS_FOOTER,
        "margin_x": m.left * mm,
    })
    pdf.build(story or [RLSpacer(1, 1)], canvasmaker=canvas)
    return buf.getvalue()


def write_pdf(doc: Document, path: str | os.PathLike) -> Path:
    """Write the document to ``path`` (owner-only: papers hold personal data)."""
    from ..private_files import make_private

    data = render_pdf(doc)
    target = Path(path)
    target.write_bytes(data)
    make_private(target)
    return target

