"""The district roll-up (exchange_formats.md section 3): three settlements' journals, each imported into its
own database and reported as JSON, summed by the district, equal the report of the three journals imported
into one database. Refusals name the file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from appealdesk.cli.main import main as cli
from appealdesk.errors import DomainError
from appealdesk.reports import Period, report_to_json
from appealdesk.services import AppealDesk

TODAY = date(2026, 11, 20)
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
SETTLEMENTS = (("Администрация Берёзовского сельсовета", "01601402", "Б"),
               ("Администрация Сосновского сельсовета", "01601405", "С"),
               ("Администрация Ключевского сельсовета", "01601408", "К"))


def _journal(source: AppealDesk, path: Path, prefix: str) -> Path:
    """The settlement's journal, its numbers made its own («Б-15-ОГ/26»), as a settlement keeps them."""
    source.exchange.export_journal(path)
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    for name in ("Рег. номер", "Предыдущее обращение"):
        col = header.index(name) + 1
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row, col)
            if cell.value:
                cell.value = f"{prefix}-{cell.value}"
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def district(tmp_path_factory, databases, template_db):
    folder = tmp_path_factory.mktemp("rollup")
    made = []
    journals, reports = [], []
    for n, (name, oktmo, prefix) in enumerate(SETTLEMENTS, start=1):
        demo = databases.copy(template_db, folder, f"demo{n}")
        made.append(demo)
        desk = AppealDesk.open(demo, today=lambda: TODAY)
        desk.demo.make(220 + 40 * n, seed=n)
        journals.append(_journal(desk, folder / f"journal{n}.xlsx", prefix))
        desk.close()
        own = databases.copy(template_db, folder, f"settlement{n}")
        made.append(own)
        desk = AppealDesk.open(own, today=lambda: TODAY)
        desk.settings.save(replace(desk.settings.get(), organisation=name, oktmo=oktmo))
        desk.exchange.import_journal(journals[-1])
        path = folder / f"report{n}.json"
        desk.reports.write(desk.reports.build(YEAR, compare=True), path, "json")
        reports.append(path)
        desk.close()
    one = databases.copy(template_db, folder, "one")
    made.append(one)
    desk = AppealDesk.open(one, today=lambda: TODAY)
    desk.settings.save(replace(desk.settings.get(), organisation="Администрация Ключевского района", oktmo="01601000"))
    for journal in journals:
        desk.exchange.import_journal(journal)
    yield {"desk": desk, "reports": reports, "folder": folder, "location": one}
    desk.close()
    for location in made:
        databases.drop(location)


def test_the_roll_up_equals_the_report_of_the_journals_in_one_database(district):
    desk = district["desk"]
    rolled = report_to_json(desk.reports.rollup(district["reports"]))
    direct = report_to_json(desk.reports.build(YEAR, compare=True))
    assert rolled["sections"]["appeals"]["current"] > 300  # three real journals (2026 of 2025-2026), not an empty sum
    assert rolled["sections"] == direct["sections"]
    for key in ("format_version", "as_of", "period_complete", "period", "previous", "organisation"):
        assert rolled[key] == direct[key], key
    assert rolled["organisation"] == {"name": "Администрация Ключевского района", "oktmo": "01601000", "inn": None}
    assert list(rolled["by_organisation"]) == [name for name, _o, _p in SETTLEMENTS]
    for path, (name, _o, _p) in zip(district["reports"], SETTLEMENTS, strict=True):
        own = json.loads(path.read_text(encoding="utf-8"))
        assert own["organisation"]["name"] == name
        assert rolled["by_organisation"][name] == {k: v for k, v in own["sections"].items() if k != "shares"}


def _write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_refusals_name_the_file(district, tmp_path):
    desk = district["desk"]
    first, second = district["reports"][:2]
    base = json.loads(first.read_text(encoding="utf-8"))
    other_period = _write(tmp_path, "другой_период.json",
                          {**base, "organisation": {"name": "Другая", "oktmo": None, "inn": None},
                           "period": {"from": "2026-01-01", "to": "2026-06-30"}})
    with pytest.raises(DomainError, match=r"«другой_период\.json» — отчёт за другой период"):
        desk.reports.rollup([first, other_period])
    with pytest.raises(DomainError, match="организация «Администрация Берёзовского сельсовета» уже есть в своде"):
        desk.reports.rollup([first, second, _write(tmp_path, "копия.json", base)])
    not_json = tmp_path / "журнал.xlsx"
    not_json.write_bytes(b"PK\x03\x04 not a report")
    with pytest.raises(DomainError, match=r"«журнал\.xlsx» — не отчёт AppealDesk"):
        desk.reports.rollup([first, not_json])
    version_1 = _write(tmp_path, "старый.json", {k: v for k, v in base.items() if k != "format_version"})
    with pytest.raises(DomainError, match=r"«старый\.json» — не отчёт AppealDesk версии 2"):
        desk.reports.rollup([first, version_1])
    broken = {**base, "organisation": {"name": "Третья"}, "sections": {**base["sections"], "appeals": "много"}}
    with pytest.raises(DomainError, match=r"«битый\.json».*appeals"):
        desk.reports.rollup([first, _write(tmp_path, "битый.json", broken)])


def test_the_command_line_and_the_documents(district, tmp_path, capsys):
    out = tmp_path / "свод.json"
    args = ["--db", str(district["location"]), "rollup", *map(str, district["reports"]), "--out"]
    assert cli([*args, str(out)]) == 0
    assert "организаций 3" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["by_organisation"]) == 3
    wb = load_workbook(_run(cli, args, tmp_path / "свод.xlsx"))
    assert "По организациям" in wb.sheetnames
    rows = [r for r in wb["По организациям"].iter_rows(values_only=True) if r[0] in
            {name for name, _o, _p in SETTLEMENTS} | {"Итого"}]
    assert len(rows) == 4 and rows[-1][1] == sum(r[1] for r in rows[:-1])
    assert _run(cli, args, tmp_path / "свод.pdf").read_bytes().startswith(b"%PDF")
    assert cli([*args, str(tmp_path / "свод.txt")]) == 1


def _run(cli, args, target: Path) -> Path:
    assert cli([*args, str(target)]) == 0
    return target
