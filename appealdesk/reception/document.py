"""The reception papers' shape on the one document model (``appealdesk.paper``): the approval block, the
organisation and its address, the title and the period, then headings, paragraphs and tables."""

from __future__ import annotations

import os
from pathlib import Path

from ..paper.model import (
    BODY,
    CENTER,
    HEADING,
    PLAIN,
    RIGHT,
    SMALL,
    SUBTITLE,
    TITLE,
    Column,
    Document,
    Para,
    Row,
    Run,
    Section,
    Table,
)

_STYLES = {"normal": BODY, "heading": HEADING, "small": SMALL, "bold": BODY}


def para(text: str, style: str = "normal") -> Para:
    if style == "bold":
        return Para((Run(text, bold=True),), BODY)
    return Para.of(text, _STYLES.get(style, BODY))


def grid(header: tuple[str, ...], rows, widths: tuple[float, ...], key_value: bool = False) -> Table:
    """A table; ``key_value``: two columns «label — value» without a header row."""
    return Table(tuple(Column(h, w) for h, w in zip(header, widths, strict=True)), tuple(Row(tuple(r)) for r in rows),
                 header=not key_value)


def paper(organisation: str, address: str, title: str, subtitle: str, blocks, *, landscape: bool = False,
          approval: str = "") -> Document:
    head: list = []
    if approval:
        head.append(Para.of(approval, PLAIN, align=RIGHT, space_after=8))
    if organisation:
        head.append(Para((Run(organisation, bold=True),), PLAIN, align=CENTER))
    if address:
        head.append(Para.of(address, PLAIN, align=CENTER))
    head.append(Para.of(title, TITLE, space_before=6))
    if subtitle:
        head.append(Para.of(subtitle, SUBTITLE))
    full = f"{title} {subtitle}".strip()
    return Document(full, (Section((*head, *blocks), landscape=landscape, footer=full),), font_size=9.5)


def write_pdf(doc: Document, path: str | os.PathLike) -> Path:
    from ..paper.pdf import write_pdf as write

    return write(doc, path)
