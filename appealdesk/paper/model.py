"""The one document model of every paper the program prints: the registration card, the reception schedule,
the visitor list and the reception card, the reminders, the report, the letters (read from their DOCX).

A ``Document`` is sections (each may turn the page to landscape and has its running header and footer);
a section is blocks: paragraphs of styled runs, tables (with a caption and a note), charts, signatures,
spacers and page breaks. ``paper.pdf`` renders it — the one renderer; the desktop's preview shows that
PDF, so the screen, the printer and the saved file say the same thing.

The pagination rules live in the renderer and are asked for here: a heading or a caption is kept with what
follows it (never the last line of a page), a table's note and a signature with the table's last rows or
the paragraph before them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# paragraph styles
BODY, PLAIN, TITLE, SUBTITLE, HEADING, CAPTION, NOTE, SMALL = (
    "body", "plain", "title", "subtitle", "heading", "caption", "note", "small")
# alignments
LEFT, CENTER, RIGHT, JUSTIFY = "left", "center", "right", "justify"
# table row styles
NORMAL, TOTAL, SUB, ALARM, HEAD = "normal", "total", "sub", "alarm", "head"
# page numbers
NUMBERS_FOOTER = "footer"  # «стр. N из M» at the foot, right
NUMBERS_TOP = "top"  # the number at the top centre from the second page (a letter, ГОСТ Р 7.0.97)
NUMBERS_NONE = "none"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None  # points; None: the paragraph style's
    colour: str | None = None  # "#rrggbb"


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    style: str = BODY
    align: str | None = None  # None: the style's
    first_indent: float = 0.0  # mm
    left_indent: float = 0.0  # mm
    space_before: float | None = None  # points; None: the style's
    space_after: float | None = None
    keep_with_next: bool = False  # headings and captions are kept with what follows anyway

    @classmethod
    def of(cls, text: str, style: str = BODY, **kw) -> Para:
        return cls((Run(text or ""),), style, **kw)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Cell = str | Para


@dataclass(frozen=True)
class Column:
    title: str = ""
    width: float = 1.0  # relative to the other columns
    align: str = LEFT


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    style: str = NORMAL


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    note: str = ""
    header: bool = True  # the column titles as a header row, repeated on each page
    grid: bool = True
    size: float | None = None  # the cells' font size; None: the document's, a little smaller
    keep_with_previous: bool = False  # a signature block: never alone on a page
    plain: bool = False  # thousands of rows (a journal list): plain text cells, drawn far faster


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" (categories × series) or "pie" (one series)
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Signature:
    """«Должность … И.О. Фамилия» at the foot of a paper; kept with what stands before it."""

    position: str
    name: str
    space: float = 12.0  # mm above it


@dataclass(frozen=True)
class Spacer:
    height: float = 4.0  # mm


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | Table | Chart | Signature | Spacer | PageBreak


@dataclass(frozen=True)
class Section:
    blocks: tuple[Block, ...]
    landscape: bool = False
    header: str = ""  # a running line at the top of each page of the section
    footer: str = ""  # a running line at the foot, left (the page number is on the right)


@dataclass(frozen=True)
class Margins:
    left: float = 18.0  # mm
    right: float = 18.0
    top: float = 15.0
    bottom: float = 15.0


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]
    page_numbers: str = NUMBERS_FOOTER
    font_size: float = 10.0
    margins: Margins = field(default_factory=Margins)
    serif: bool = False  # letters: a serif face, as Word's Times New Roman
    author: str = "AppealDesk"

    @property
    def landscape(self) -> bool:
        """Whether the first page is landscape (the printer's starting orientation)."""
        return bool(self.sections) and self.sections[0].landscape


def text_of(doc: Document) -> str:
    """Every word of the document, in order (tests and the search of a preview read it)."""
    out: list[str] = []
    for section in doc.sections:
        for b in section.blocks:
            if isinstance(b, Para):
                out.append(b.text)
            elif isinstance(b, Table):
                if b.caption:
                    out.append(b.caption)
                if b.header:
                    out.append(" | ".join(c.title for c in b.columns))
                for r in b.rows:
                    out.append(" | ".join(c.text if isinstance(c, Para) else c for c in r.cells))
                if b.note:
                    out.append(b.note)
            elif isinstance(b, Chart):
                out.append(b.title)
            elif isinstance(b, Signature):
                out.append(f"{b.position} {b.name}")
    return "\n".join(out)


def simple(title: str, blocks, *, landscape: bool = False, footer: str = "", **kw) -> Document:
    """A document of one section."""
    return Document(title, (Section(tuple(blocks), landscape=landscape, footer=footer),), **kw)
