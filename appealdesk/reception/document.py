"""A small printable document (headings, paragraphs, tables) rendered to an A4 PDF with reportlab and the
bundled Cyrillic font, or to HTML for the desktop's print preview. Both say the same thing."""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape

from ..private_files import make_private


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "normal"  # normal | heading | small | bold


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # fractions of the page width
    key_value: bool = False  # a two-column "label: value" table without a header row


@dataclass(frozen=True)
class PrintDoc:
    organisation: str
    address: str
    title: str
    subtitle: str
    blocks: tuple[Para | Grid, ...]
    landscape: bool = False
    approval: str = ""  # "УТВЕРЖДАЮ" block at the top right, when given


def write_pdf(doc: PrintDoc, path: str | os.PathLike) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from ..pdf_fonts import register

    fonts = register()
    page = landscape(A4) if doc.landscape else A4
    width = page[0] - 30 * mm
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=12)
    styles = {
        "normal": base,
        "bold": ParagraphStyle("bold", parent=base, fontName=fonts.bold),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#555555")),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.bold, fontSize=11, leading=14,
                                  spaceBefore=8, spaceAfter=3),
    }
    cell = ParagraphStyle("cell", parent=base, fontSize=8.8, leading=11)
    head_cell = ParagraphStyle("headcell", parent=cell, fontName=fonts.bold, alignment=1)
    center = ParagraphStyle("center", parent=base, alignment=1)
    title = ParagraphStyle("title", parent=base, fontName=fonts.bold, fontSize=14, leading=18, alignment=1,
                           spaceBefore=4)
    right = ParagraphStyle("right", parent=base, alignment=2)

    def p(text: str, style) -> Paragraph:
        return Paragraph(escape(text or "").replace("\n", "<br/>"), style)

    story: list = []
    if doc.approval:
        story.append(p(doc.approval, right))
        story.append(Spacer(1, 3 * mm))
    if doc.organisation:
        story.append(p(doc.organisation, ParagraphStyle("org", parent=center, fontName=fonts.bold)))
    if doc.address:
        story.append(p(doc.address, center))
    story.append(Spacer(1, 3 * mm))
    story.append(p(doc.title, title))
    if doc.subtitle:
        story.append(p(doc.subtitle, ParagraphStyle("sub", parent=center, fontSize=11, leading=14)))
    story.append(Spacer(1, 4 * mm))
    for block in doc.blocks:
        if isinstance(block, Para):
            story.append(p(block.text, styles.get(block.style, base)))
            continue
        data = [] if block.key_value else [[p(h, head_cell) for h in block.header]]
        data += [[p(c, cell) for c in row] for row in block.rows]
        if not data:
            continue
        table = Table(data, colWidths=[width * w for w in block.widths], repeatRows=0 if block.key_value else 1)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if not block.key_value:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        table.setStyle(TableStyle(style))
        story.append(table)
        story.append(Spacer(1, 2 * mm))
    pdf = SimpleDocTemplate(str(path), pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=f"{doc.title} {doc.subtitle}".strip(), author="AppealDesk")
    pdf.build(story)
    make_private(path)  # personal data: owner-only


def to_html(doc: PrintDoc) -> str:
    out = ['<html><body style="font-family: \'DejaVu Sans\', sans-serif; font-size: 9pt;">']
    if doc.approval:
        out.append(f'<p align="right">{escape(doc.approval).replace(chr(10), "<br/>")}</p>')
    if doc.organisation:
        out.append(f'<p align="center"><b>{escape(doc.organisation)}</b></p>')
    if doc.address:
        out.append(f'<p align="center">{escape(doc.address)}</p>')
    out.append(f'<h2 align="center">{escape(doc.title)}</h2>')
    if doc.subtitle:
        out.append(f'<p align="center" style="font-size: 11pt;">{escape(doc.subtitle)}</p>')
    cell = 'style="border: 1px solid #777; padding: 3px; vertical-align: top;"'
    for block in doc.blocks:
        if isinstance(block, Para):
            text = escape(block.text).replace("\n", "<br/>")
            if block.style == "heading":
                out.append(f"<h4>{text}</h4>")
            elif block.style == "bold":
                out.append(f"<p><b>{text}</b></p>")
            elif block.style == "small":
                out.append(f'<p style="color: #555; font-size: 8pt;">{text}</p>')
            else:
                out.append(f"<p>{text}</p>")
            continue
        out.append('<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse;">')
        if not block.key_value:
            out.append("<tr>" + "".join(f'<th {cell} bgcolor="#eeeeee">{escape(h)}</th>' for h in block.header) + "</tr>")
        for row in block.rows:
            out.append("<tr>" + "".join(
                f'<td {cell} width="{int(w * 100)}%">{escape(c).replace(chr(10), "<br/>")}</td>'
                for c, w in zip(row, block.widths, strict=False)) + "</tr>")
        out.append("</table><p></p>")
    out.append("</body></html>")
    return "".join(out)
