"""The exported journal: the contract's layout, real dates, labels, and what a spreadsheet user sees."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from appealdesk.errors import DomainError
from appealdesk.services.journal_values import JournalQuery

# exchange_formats.md, section 1, in the contract's order
CONTRACT = [
    "Рег. номер", "Дата поступления", "Дата регистрации", "Форма поступления", "Источник",
    "Сопроводительное письмо", "Вид обращения", "Коллективное", "Число подписей", "Фамилия", "Имя", "Отчество",
    "Населённый пункт", "Адрес", "Телефон", "Эл. почта", "Социальная категория", "Содержание", "Вопросы",
    "Результаты", "Исполнитель", "Резолюция", "Срок по закону", "Продлено до", "Контрольный срок", "На контроле",
    "Комиссионно", "С выездом на место", "С участием автора", "Дата ответа", "Исх. номер ответа",
    "Удовлетворённость", "Повторное", "Предыдущее обращение",
]


@pytest.fixture
def exported(desk, codes, populate, tmp_path):
    ids = populate(desk, codes)
    path = tmp_path / "journal.xlsx"
    count = desk.exchange.export_journal(path)
    return ids, count, path


def test_layout(exported):
    ids, count, path = exported
    assert count == len(ids)
    wb = load_workbook(path)
    assert len(wb.worksheets) == 1
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[: len(CONTRACT)] == CONTRACT
    assert headers[len(CONTRACT):] == ["Организация", "Канал поступления"]  # the additive columns
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:AJ{count + 1}"
    assert ws.column_dimensions["R"].width == 50  # Содержание
    assert ws.max_row == count + 1


def test_cells(exported):
    _, _, path = exported
    ws = load_workbook(path).worksheets[0]
    headers = [c.value for c in ws[1]]
    rows = [dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2)]
    first = rows[0]  # in order of registration: the appeal of 01.09.2026
    reg = first["Дата регистрации"]
    assert isinstance(reg.value, datetime) and reg.value.date() == date(2026, 9, 1)
    assert reg.number_format == "DD.MM.YYYY"
    assert first["Форма поступления"].value == "Устное, на личном приёме"
    assert first["Вид обращения"].value == "Жалоба"
    assert first["Результаты"].value == "Поддержано;Разъяснено"
    assert first["Вопросы"].value.count(";") == 1
    assert first["Удовлетворённость"].value == "Удовлетворён"
    assert first["На контроле"].value == "да" and first["Повторное"].value == "нет"
    assert first["Исполнитель"].value == "Сидорова Анна Петровна"
    by_number = {r["Рег. номер"].value: r for r in rows}
    assert by_number["1-ЗИ/26"]["Содержание"].data_type == "s"  # "=Запрос…" stays text, not a formula
    assert by_number["7-ОГ/26"]["Предыдущее обращение"].value == "1-ОГ/26"
    assert by_number["6-ОГ/26"]["Продлено до"].value.date() == date(2026, 12, 25)
    assert by_number["9-ОГ/26"]["Результаты"].value == "Поддержано, в т.ч. меры приняты;Находится на рассмотрении"
    assert by_number["3-ОГ/26"]["Фамилия"].value is None  # anonymous
    assert by_number["4-ОГ/26"]["Организация"].value == "ТСЖ «Берёзка»"
    assert [r["Дата регистрации"].value for r in rows] == sorted(r["Дата регистрации"].value for r in rows)


def test_selection_by_dates_and_query(desk, codes, populate, tmp_path):
    populate(desk, codes)
    path = tmp_path / "nov.xlsx"
    assert desk.exchange.export_journal(path, date_from=date(2026, 11, 1), date_to=date(2026, 11, 12)) == 5
    ws = load_workbook(path).worksheets[0]
    dates = [r[2] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(date(2026, 11, 1) <= d.date() <= date(2026, 11, 12) for d in dates)
    query = JournalQuery(kind="complaint", sort="reg_number", descending=True)
    assert desk.exchange.export_journal(path, query) == 2
    numbers = [r[0] for r in load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert numbers == ["7-ОГ/26", "2-ОГ/26"]
    assert desk.exchange.export_journal(path, query, date_from=date(2026, 10, 1)) == 1


def test_empty_selection_writes_the_headers(desk, tmp_path):
    path = tmp_path / "empty.xlsx"
    assert desk.exchange.export_journal(path) == 0
    ws = load_workbook(path).worksheets[0]
    assert [c.value for c in ws[1]][:3] == CONTRACT[:3] and ws.max_row == 1


def test_failed_or_cancelled_export_keeps_the_old_file(desk, codes, populate, tmp_path):
    populate(desk, codes)
    path = tmp_path / "journal.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(DomainError, match="прервана"):
        desk.exchange.export_journal(path, progress=lambda done, total: False)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["journal.xlsx"] or all(
        not p.name.startswith(".appealdesk-") for p in tmp_path.iterdir()
    )
    with pytest.raises(DomainError, match="позже"):
        desk.exchange.export_journal(path, date_from=date(2026, 12, 1), date_to=date(2026, 1, 1))
    with pytest.raises(DomainError, match="не существует"):
        desk.exchange.export_journal(tmp_path / "нет" / "j.xlsx")
