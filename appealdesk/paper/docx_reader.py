"""A Word document (a letter made from a template) read into the document model, so that the one PDF
renderer prints it: paragraphs with their alignment, indents, spacing and runs (bold, italic, underline,
size), line and page breaks, tables with their column widths and borders, the page's margins and
orientation. What a letter does not use (images, footnotes, fields) is left out."""

from __future__ import annotations

import io

from .model import (
    CENTER,
    JUSTIFY,
    LEFT,
    NUMBERS_TOP,
    PLAIN,
    RIGHT,
    Column,
    Document,
    Margins,
    PageBreak,
    Para,
    Row,
    Run,
    Section,
    Table,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMU_PER_MM = 36000
EMU_PER_PT = 12700


def _mm(length) -> float:
    return float(length) / EMU_PER_MM if length is not None else 0.0


def _pt(length) -> float | None:
    return float(length) / EMU_PER_PT if length is not None else None


def _align(value) -> str | None:
    if value is None:
        return None
    from docx.enum.text import WD_ALIGN_PARAGRAPH as A

    return {A.CENTER: CENTER, A.RIGHT: RIGHT, A.JUSTIFY: JUSTIFY, A.LEFT: LEFT, A.DISTRIBUTE: JUSTIFY}.get(value)


def _style_value(paragraph, attr: str):
    """A paragraph-format value, from the paragraph or else the styles it is based on."""
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr, None)
        style = style.base_style
    return value


def _runs(paragraph, base_size: float) -> tuple[list[Run], bool]:
    """The runs of a paragraph, and whether a page break stands in it."""
    from docx.text.run import Run as DocxRun

    out: list[Run] = []
    page_break = False
    for child in paragraph._p.iter(f"{_W}r"):
        run = DocxRun(child, paragraph)
        text = []
        for el in child:
            tag = el.tag
            if tag == f"{_W}t":
                text.append(el.text or "")
            elif tag == f"{_W}tab":
                text.append("\t")
            elif tag == f"{_W}br":
                if el.get(f"{_W}type") == "page":
                    page_break = True
                else:
                    text.append("\n")
            elif tag == f"{_W}cr":
                text.append("\n")
        if not text:
            continue
        size = run.font.size.pt if run.font.size is not None else None
        colour = None
        try:
            if run.font.color is not None and run.font.color.rgb is not None:
                colour = f"#{run.font.color.rgb}"
        except (AttributeError, ValueError):
            colour = None
        out.append(Run("".join(text), bold=bool(run.bold), italic=bool(run.italic), underline=bool(run.underline),
                       size=size if size and abs(size - base_size) > 0.01 else None,
                       colour=colour if colour not in (None, "#000000") else None))
    return out, page_break


def _paragraph(paragraph, base_size: float) -> tuple[Para, bool]:
    runs, page_break = _runs(paragraph, base_size)
    style_size = None
    style = paragraph.style
    while style_size is None and style is not None:
        style_size = style.font.size.pt if style.font is not None and style.font.size is not None else None
        style = style.base_style
    if style_size and abs(style_size - base_size) > 0.01:
        runs = [r if r.size else Run(r.text, r.bold, r.italic, r.underline, style_size, r.colour) for r in runs]
    before, after = _pt(_style_value(paragraph, "space_before")), _pt(_style_value(paragraph, "space_after"))
    para = Para(
        tuple(runs) or (Run(""),), PLAIN, align=_align(_style_value(paragraph, "alignment")),
        first_indent=_mm(_style_value(paragraph, "first_line_indent")),
        left_indent=_mm(_style_value(paragraph, "left_indent")),
        space_before=before if before is not None else 0.0, space_after=after if after is not None else 0.0,
        keep_with_next=bool(_style_value(paragraph, "keep_with_next")),
    )
    return para, page_break


def _has_borders(table) -> bool:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(f"{_W}tblBorders") if tbl_pr is not None else None
    if borders is not None:
        return any(el.get(f"{_W}val") not in ("nil", "none") for el in borders)
    style = tbl_pr.find(f"{_W}tblStyle") if tbl_pr is not None else None
    return style is not None and "Grid" in (style.get(f"{_W}val") or "")


def _table(table, base_size: float) -> Table:
    grid = table._tbl.tblGrid
    widths = [float(c.w) if c.w is not None else 1.0 for c in grid.gridCol_lst] if grid is not None else []
    rows = []
    ncols = max(len(widths), max((len(r.cells) for r in table.rows), default=0))
    for r in table.rows:
        cells = []
        seen = set()
        for cell in r.cells:
            if id(cell._tc) in seen:  # a merged cell repeats
                continue
            seen.add(id(cell._tc))
            paras = [_paragraph(p, base_size)[0] for p in cell.paragraphs]
            paras = [p for p in paras if p.text.strip()] or paras[:1]
            if len(paras) == 1:
                cells.append(paras[0])
            else:
                runs: list[Run] = []
                for i, p in enumerate(paras):
                    if i:
                        runs.append(Run("\n"))
                    runs.extend(p.runs)
                cells.append(Para(tuple(runs), PLAIN, align=paras[0].align, left_indent=paras[0].left_indent))
        rows.append(Row(tuple(cells)))
    widths = (widths + [1.0] * ncols)[:ncols] if ncols else [1.0]
    borders = _has_borders(table)
    return Table(tuple(Column("", w) for w in widths), tuple(rows), header=False, grid=borders,
                 size=base_size, keep_with_previous=not borders and len(rows) == 1)


def document_of_docx(content: bytes, title: str = "") -> Document:
    """The DOCX as a paper (one section, the page numbers at the top from the second page, as in letters)."""
    from docx import Document as open_docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    docx = open_docx(io.BytesIO(content))
    normal = docx.styles["Normal"]
    base = normal.font.size.pt if normal.font is not None and normal.font.size is not None else 11.0
    font_name = (normal.font.name or "") if normal.font is not None else ""
    blocks: list = []
    body = docx.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            para, page_break = _paragraph(DocxParagraph(child, docx), base)
            blocks.append(para)
            if page_break:
                blocks.append(PageBreak())
        elif child.tag == f"{_W}tbl":
            blocks.append(_table(DocxTable(child, docx), base))
    while blocks and isinstance(blocks[-1], Para) and not blocks[-1].text.strip():
        blocks.pop()
    sec = docx.sections[0]
    margins = Margins(_mm(sec.left_margin) or 25, _mm(sec.right_margin) or 15, _mm(sec.top_margin) or 20,
                      _mm(sec.bottom_margin) or 20)
    landscape = bool(sec.page_width and sec.page_height and sec.page_width > sec.page_height)
    serif = not any(w in font_name.lower() for w in ("arial", "sans", "calibri", "verdana", "tahoma"))
    return Document(title or (docx.core_properties.title or "Письмо"), (Section(tuple(blocks), landscape=landscape),),
                    page_numbers=NUMBERS_TOP, font_size=base, margins=margins, serif=serif)
