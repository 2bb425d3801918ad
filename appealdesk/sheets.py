"""Every spreadsheet the program writes goes through here: the journal export, the report, the lists,
the discipline table.

Text is stored as text, never as a formula. A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return (``=cmd|' /C calc'!A0``, ``=HYPERLINK(…)``) is written as a string cell with the
*quote prefix* style: the Excel way of an apostrophe typed before the text. The user sees exactly what was
typed, the value read back is exactly that text (a journal exported and imported again is unchanged), and
Excel or LibreOffice keep it as text even when the cell is edited and confirmed. A visible apostrophe or
space added to the text (the CSV advice) would change the value, so it is not used.

Characters a worksheet cannot hold are never a crash: control characters (other than tab and line
breaks) are dropped, lone surrogates and the non-characters U+FFFE/U+FFFF become U+FFFD «�», and a text
longer than a cell holds (32 767 characters) is cut with «…».

``workbook`` makes a book, ``write``/``append``/``cell`` put values in it, ``save`` writes it: in a normal
(not write-only) book ``save`` turns any formula cell left in it into text as well, so nothing a caller
forgot can run.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import DomainError
from .os_errors import os_error_text
from .private_files import make_private

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767
_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REPLACED = re.compile(r"[\ud800-\udfff\ufffe\uffff]")


def sheet_text(text: str) -> str:
    """``text`` as a worksheet can hold it (see the module docstring)."""
    text = _REPLACED.sub("\ufffd", _DROPPED.sub("", text))
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def is_risky(text: str) -> bool:
    """True when a spreadsheet would take ``text`` for a formula (or start one when the cell is edited)."""
    return text.startswith(RISKY_START)


def workbook(*, write_only: bool = False):
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def assign(cell, value) -> None:
    """Put ``value`` in a cell of a normal book: text cleaned, and kept as text when it looks like a formula."""
    if isinstance(value, str):
        value = sheet_text(value)
        cell.value = value
        if is_risky(value):
            _as_text(cell)
    else:
        cell.value = value


def write(ws, row: int, column: int, value=None):
    """``ws.cell(row, column, value)`` of a normal book, through ``assign``; returns the cell."""
    c = ws.cell(row, column)
    if value is not None:
        assign(c, value)
    return c


def cell(ws, value, style: str | None = None):
    """A cell of a write-only sheet holding ``value`` (``style``: a named style of the book)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = sheet_text(value)
    c = WriteOnlyCell(ws, value=value)
    if style is not None:
        c.style = style  # a named style replaces the whole style: the quote prefix goes after it
    if isinstance(value, str) and is_risky(value):
        _as_text(c)
    return c


def append(ws, values: Iterable) -> None:
    """Append a row to a sheet of either kind; text is cleaned and a formula-like text stays text."""
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    if isinstance(ws, WriteOnlyWorksheet):
        ws.append([cell(ws, v) if isinstance(v, str) and (is_risky(v) or v != sheet_text(v)) else v
                   for v in values])
        return
    values = [sheet_text(v) if isinstance(v, str) else v for v in values]
    ws.append(values)
    row = ws._current_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and is_risky(value):
            _as_text(ws.cell(row, column))


def save(wb, path: str | os.PathLike) -> Path:
    """Write the book to ``path``: under a temporary name in the same folder, then moved into place, so a
    failed save leaves an existing file as it was. The file is owner-only (``private_files``). Raises
    ``DomainError`` with a Russian reason when it cannot be written."""
    if not getattr(wb, "write_only", False):
        _neutralise(wb)
    props = wb.properties
    for name in ("title", "subject", "creator", "description", "keywords", "category"):
        value = getattr(props, name, None)
        if isinstance(value, str):
            setattr(props, name, sheet_text(value))
    target = Path(path)
    if not target.parent.is_dir():
        raise DomainError(f"Папка «{target.parent}» не существует: выберите другую папку для файла")
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".appealdesk-", suffix=".xlsx", dir=target.parent)
        os.close(fd)  # mkstemp makes it owner-only
        tmp = Path(tmp_name)
        wb.save(tmp)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise DomainError(
            f"Не удалось записать файл «{target}»: {os_error_text(exc)}. "
            "Закройте файл, если он открыт в другой программе (например, в Excel), и повторите."
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    make_private(target)
    return target


def _as_text(c) -> None:
    c.data_type = "s"
    c.quotePrefix = True


def _neutralise(wb) -> None:
    """Every text cell of a normal book as ``assign`` would have written it; no formula is left."""
    for ws in wb.worksheets:
        for c in ws._cells.values():
            value = c.value
            if isinstance(value, str) and (c.data_type == "f" or is_risky(value) or value != sheet_text(value)):
                value = sheet_text(value)
                c._value = value
                if c.data_type == "f" or is_risky(value):
                    _as_text(c)


# -- the shape of a printed list ---------------------------------------------------------------------
DATE_WIDTH = 11.5  # ДД.ММ.ГГГГ in Calibri 11 with its padding: narrower shows «###»
MIN_WIDTH = 5.0
MAX_WIDTH = 60.0  # longer text wraps inside its cell


def content_width(value) -> float:
    """The width (in Excel's characters) a value needs on one line."""
    from datetime import date, datetime

    if value is None:
        return 0.0
    if isinstance(value, datetime):
        return DATE_WIDTH + 6
    if isinstance(value, date):
        return DATE_WIDTH
    if isinstance(value, (int, float)):
        return len(f"{value:,}") + 2.0
    text = str(value)
    longest = max((len(line) for line in text.splitlines()), default=0)
    return longest * 1.1 + 2.0


def column_widths(header: Sequence[str], rows: Iterable[Sequence], sample: int = 2000,
                  cap: float = MAX_WIDTH) -> list[float]:
    """Widths from the content: each column as wide as its longest value (of the first ``sample`` rows) or
    its header's longest word, between ``MIN_WIDTH`` and ``cap``; headers and long text wrap."""
    widths = [max([MIN_WIDTH] + [len(word) * 1.1 + 2 for word in str(h).split()]) for h in header]
    for n, row in enumerate(rows):
        if n >= sample:
            break
        for j, value in enumerate(row[: len(widths)]):
            widths[j] = max(widths[j], min(cap, content_width(value)))
    return [round(min(cap, w), 1) for w in widths]


LINE_HEIGHT_PT = 15.0  # one line of Calibri 11: Excel's default row height


def wrapped_lines(value, width: float) -> int:
    """How many lines a text takes wrapped inside a column ``width`` characters wide (the inverse of
    ``content_width``; words are kept whole, a word longer than the line is broken)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int((width - 2.0) / 1.1))
    lines = 0
    for paragraph in value.splitlines() or [""]:
        count, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size <= per_line:
                used += 1 + size
                continue
            if used:
                count += 1
            count += (size - 1) // per_line  # a long word takes whole lines of its own
            used = (size - 1) % per_line + 1
        lines += count
    return lines


def row_height(values: Sequence, widths: Sequence[float]) -> float | None:
    """The height (points) a row of wrapping cells needs so that no text runs over the next row when the
    sheet is printed or opened (LibreOffice keeps the stored height); None when one line is enough."""
    lines = max((wrapped_lines(v, w) for v, w in zip(values, widths, strict=False)), default=1)
    return lines * LINE_HEIGHT_PT if lines > 1 else None


def set_widths(ws, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w


def print_setup(ws, *, landscape: bool = True, title_rows: str | None = None) -> None:
    """A4, landscape, fitted to the page width (as many pages down as needed), page numbers below, the
    header rows repeated on every page."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "стр. &P из &N"
    if title_rows:
        ws.print_title_rows = title_rows
