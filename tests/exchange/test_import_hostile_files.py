"""Journals that used to be imported wrongly or ended in a traceback: formulas without a value, the 1904
date system, dates before 1990, hidden sheets and rows, merged cells, charts, huge numbers, broken files.
Each is refused in Russian (by row and column where it has one) or imported right, and a refusal writes
nothing."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from appealdesk.errors import ImportRejected
from appealdesk.exchange.journal_columns import COLUMNS

HEADERS = [c.header for c in COLUMNS]


def row(codes, **cells) -> dict:
    base = {"Дата регистрации": "02.11.2026", "Форма поступления": "Письменное", "Вид обращения": "Заявление",
            "Фамилия": "Петров", "Содержание": "Прошу отремонтировать дорогу", "Вопросы": codes[0]}
    base.update(cells)
    return base


def rejected(info) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in info.value.errors}


def message(info, row: int, column: str) -> str:
    return "\n".join(e.message for e in info.value.errors if (e.row, e.column) == (row, column))


def _workbook(rows, codes, headers=HEADERS):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Журнал"
    ws.append(list(headers))
    for r in rows:
        ws.append([r.get(h) for h in headers])
    return wb, ws


def _col(header: str) -> int:
    return HEADERS.index(header) + 1


def _refused(desk, path, fingerprint) -> ImportRejected:
    before = fingerprint(desk)
    with pytest.raises(ImportRejected) as info:
        desk.exchange.import_journal(path)
    assert fingerprint(desk) == before
    text = str(info.value)
    assert "Traceback" not in text and not re.search(r"[A-Za-z]{4,}Error", text)
    return info


def _patch_sheet(path: Path, change) -> Path:
    """Rewrite ``xl/worksheets/sheet1.xml`` of a saved book with ``change(xml) -> xml``."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            zout.writestr(item, data)
    tmp.replace(path)
    return path


# -- formulas --------------------------------------------------------------------------------------
def test_a_formula_without_a_computed_value_is_refused_by_row_and_column(desk, codes, tmp_path, fingerprint):
    wb, ws = _workbook([row(codes), row(codes)], codes)
    ws.cell(3, _col("Фамилия"), '=CONCATENATE("Пет";"ров")')  # openpyxl stores no result
    ws.cell(2, _col("Число подписей"), "=1+1")
    path = tmp_path / "f.xlsx"
    wb.save(path)
    info = _refused(desk, path, fingerprint)
    assert (3, "Фамилия") in rejected(info) and (2, "Число подписей") in rejected(info)
    assert "формула" in message(info, 3, "Фамилия") and "без вычисленного значения" in message(info, 3, "Фамилия")


def test_a_formula_with_a_stored_result_imports_that_result(desk, codes, tmp_path):
    wb, ws = _workbook([row(codes)], codes)
    ws.cell(2, _col("Фамилия"), "=B2")
    path = tmp_path / "f.xlsx"
    wb.save(path)
    result = '<c r="\\1"\\2 t="str"><f>B2</f><v>Сидоров</v>'.encode()
    _patch_sheet(path, lambda xml: re.sub(rb"<c r=\"(\w+)\"([^>]*)><f>B2</f><v\s*/?>(</v>)?", result, xml))
    assert desk.exchange.import_journal(path).count == 1
    assert desk.appeals.get(1).applicant.last_name == "Сидоров"


# -- dates -----------------------------------------------------------------------------------------
def test_bare_date_numbers_of_a_1904_workbook_are_not_shifted(desk, codes, tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    registered, received = date(2026, 11, 2), date(2026, 10, 30)
    wb, ws = _workbook([row(codes, **{"Дата регистрации": None})], codes)
    wb.epoch = CALENDAR_MAC_1904
    ws.cell(2, _col("Дата регистрации"), (registered - date(1904, 1, 1)).days)  # a number, no date format
    ws.cell(2, _col("Дата поступления"), received)  # a real date cell, stored in the 1904 system
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    desk.exchange.import_journal(path)
    card = desk.appeals.get(1)
    assert (card.registered_on, card.received_on) == (registered, received)


@pytest.mark.parametrize("value", ["01.01.1900", "15.06.1985", date(1989, 12, 31), 1])
def test_dates_before_1990_are_refused(desk, codes, tmp_path, fingerprint, write_journal, value):
    path = write_journal(tmp_path / "old.xlsx", [row(codes, **{"Дата поступления": value})])
    info = _refused(desk, path, fingerprint)
    assert (2, "Дата поступления") in rejected(info)
    assert "1990" in message(info, 2, "Дата поступления")


def test_dates_after_today_are_refused(desk, codes, tmp_path, fingerprint, write_journal, today):
    tomorrow = today + timedelta(days=1)
    path = write_journal(tmp_path / "future.xlsx", [
        row(codes, **{"Дата регистрации": tomorrow}),
        row(codes, **{"Дата ответа": tomorrow}),
    ])
    info = _refused(desk, path, fingerprint)
    assert {(2, "Дата регистрации"), (3, "Дата ответа")} <= rejected(info)


# -- hidden sheets and rows, merged cells ----------------------------------------------------------
def test_hidden_rows_are_skipped_and_named(desk, codes, tmp_path):
    wb, ws = _workbook([row(codes, Фамилия=f"Петров{i}") for i in range(5)], codes)
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True
    ws.row_dimensions[6].hidden = True
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    result = desk.exchange.import_journal(path)
    assert result.count == 2 and result.skipped_rows == (3, 5, 6)
    assert result.notices()[0].startswith("Скрытые строки не загружены (3): 3, 5–6")
    names = {desk.appeals.get(i).applicant.last_name for i in (1, 2)}
    assert names == {"Петров0", "Петров2"}


def test_hidden_sheets_are_not_read_and_are_named(desk, codes, tmp_path):
    wb, _ws = _workbook([row(codes)], codes)
    secret = wb.create_sheet("Черновик")
    secret.append(list(HEADERS))
    secret.append([row(codes).get(h) for h in HEADERS])
    secret.sheet_state = "hidden"
    wb.move_sheet("Черновик", offset=-1)  # first in the book
    path = tmp_path / "sheets.xlsx"
    wb.save(path)
    result = desk.exchange.import_journal(path)
    assert result.count == 1 and result.skipped_sheets == ("Черновик",)
    assert "«Черновик»" in result.notices()[0]


def test_a_journal_only_on_a_hidden_sheet_is_refused_with_the_hint(desk, codes, tmp_path, fingerprint):
    wb, ws = _workbook([row(codes)], codes)
    ws.sheet_state = "hidden"
    wb.create_sheet("Пусто")
    path = tmp_path / "only-hidden.xlsx"
    wb.save(path)
    info = _refused(desk, path, fingerprint)
    assert "скрытые листы" in str(info.value) and "«Журнал»" in str(info.value)


def test_merged_cells_over_journal_rows_are_refused(desk, codes, tmp_path, fingerprint):
    wb, ws = _workbook([row(codes, Исполнитель="Петров П.П."), row(codes)], codes)
    c = _col("Исполнитель")
    ws.merge_cells(start_row=2, end_row=3, start_column=c, end_column=c)
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    info = _refused(desk, path, fingerprint)
    assert (2, "Исполнитель") in rejected(info)
    assert "объединены" in message(info, 2, "Исполнитель")


# -- what used to end in a traceback ---------------------------------------------------------------
def test_a_chart_sheet_first_is_passed_over(desk, codes, tmp_path):
    from openpyxl.chart import BarChart, Reference

    wb, ws = _workbook([row(codes, **{"Число подписей": 3, "Коллективное": "да"})], codes)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=_col("Число подписей"), min_row=1, max_row=2), titles_from_data=True)
    wb.create_chartsheet("Диаграмма", 0).add_chart(chart)
    path = tmp_path / "chart.xlsx"
    wb.save(path)
    assert desk.exchange.import_journal(path).count == 1


@pytest.mark.parametrize("value", [10**30, "99999999999999999999999999", 1e300])
def test_a_huge_number_of_signatures_is_refused(desk, codes, tmp_path, fingerprint, write_journal, value):
    path = write_journal(tmp_path / "huge.xlsx", [row(codes, **{"Число подписей": value, "Коллективное": "да"})])
    info = _refused(desk, path, fingerprint)
    assert "слишком большое число" in message(info, 2, "Число подписей")


def _broken(kind: str, good: Path, target: Path) -> Path:
    data = good.read_bytes()
    if kind == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif kind == "pdf renamed":
        target.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    elif kind == "empty":
        target.write_bytes(b"")
    else:
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(target, "w") as zout:
            for item in zin.infolist():
                body = zin.read(item.filename)
                if kind == "malformed sheet" and item.filename == "xl/worksheets/sheet1.xml":
                    body = body[: len(body) // 2]
                elif kind == "malformed workbook" and item.filename == "xl/workbook.xml":
                    body = b"<workbook><<"
                elif kind == "no workbook part" and item.filename == "xl/workbook.xml":
                    continue
                elif kind == "binary sheet" and item.filename == "xl/worksheets/sheet1.xml":
                    body = b"\xff\xfe\x00garbage"
                zout.writestr(item, body)
    return target


@pytest.mark.parametrize("kind", ["truncated", "pdf renamed", "empty", "malformed sheet", "malformed workbook",
                                  "no workbook part", "binary sheet"])
def test_a_broken_file_is_refused_in_russian(desk, codes, tmp_path, fingerprint, write_journal, kind):
    good = write_journal(tmp_path / "good.xlsx", [row(codes), row(codes)])
    bad = _broken(kind, good, tmp_path / "bad.xlsx")
    info = _refused(desk, bad, fingerprint)
    text = str(info.value)
    assert "не удалось прочитать" in text or "не является книгой Excel" in text, text


def test_any_unexpected_error_while_reading_is_a_russian_refusal(desk, codes, tmp_path, fingerprint,
                                                               write_journal, monkeypatch):
    import appealdesk.exchange.journal_import as module

    path = write_journal(tmp_path / "j.xlsx", [row(codes)])
    monkeypatch.setattr(module, "_hidden_rows", lambda xml: 1 / 0)
    info = _refused(desk, path, fingerprint)
    assert "не удалось прочитать" in str(info.value)
