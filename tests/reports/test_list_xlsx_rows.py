"""The XLSX lists: wrapped text stays inside its row when printed (the stored row height fits the text)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from appealdesk import sheets
from appealdesk.reports.periods import Period
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput

from .conftest import C1


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("", 20, 1),
    ("Прошу починить", 60, 1),
    ("один два три", 8.6, 3),  # 6 characters a line: each word alone
    ("один два три", 13.0, 2),  # 10 characters a line: «один два» and «три»
    ("а" * 25, 13.0, 3),  # a word longer than the line is broken into whole lines
    ("первая строка\nвторая", 60, 2),  # line breaks count
])
def test_wrapped_lines(text, width, lines):
    assert sheets.wrapped_lines(text, width) == lines


def test_row_height_is_set_only_where_text_wraps():
    assert sheets.row_height(["1-ОГ/26", None, 3, date(2026, 1, 1)], [10, 10, 10, 12]) is None
    # 16 characters a line: «слово слово» (11) fits, a third word (17) does not: 30 words on 15 lines
    assert sheets.row_height(["слово " * 30, "x"], [20, 10]) == 15 * sheets.LINE_HEIGHT_PT


def test_the_journal_list_stores_heights_that_hold_its_wrapped_summaries(office, tmp_path):
    long = ("Прошу принять меры: после дождей по ул. Школьной не пройти к дому № 6, вода стоит неделями, "
            "дети ходят в школу в обход по обочине дороги, где нет освещения. ") * 3
    office.appeals.register(AppealInput(
        form="written", kind="statement", summary=long, registered_on=date(2026, 11, 19),
        questions=(QuestionInput(C1),), applicant=ApplicantInput(last_name="Орлова", first_name="Вера")))
    path = tmp_path / "журнал.xlsx"
    office.reports.write_list("journal", Period(date(2026, 1, 1), date(2026, 12, 31)), "xlsx", path)
    ws = load_workbook(path).active
    header = [c.value for c in ws[3]]
    widths = [ws.column_dimensions[ws.cell(3, j).column_letter].width for j in range(1, len(header) + 1)]
    col = header.index("Содержание")
    wrapped = 0
    for r in range(4, ws.max_row + 1):
        cells = [ws.cell(r, j).value for j in range(1, len(header) + 1)]
        if not isinstance(cells[col], str):
            continue
        needed = max(sheets.wrapped_lines(v, w) for v, w in zip(cells, widths, strict=True))
        height = ws.row_dimensions[r].height
        if needed > 1:  # the tallest wrapped cell of the row fits in the stored height
            assert height is not None and height >= needed * sheets.LINE_HEIGHT_PT, (r, cells)
            wrapped += sheets.wrapped_lines(cells[col], widths[col]) > 1
        else:
            assert height is None  # one line: the default height, nothing stored
    assert wrapped >= 1
    assert any(ws.cell(r, col + 1).value == long.strip() for r in range(4, ws.max_row + 1))
