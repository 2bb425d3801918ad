"""``appealdesk-cli report`` and ``report-list``: outputs and exit codes (0 success, 1 bad input, 2 usage)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from appealdesk.cli.main import main


def run(*argv) -> int:
    try:
        return main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        return int(exc.code)


def test_json_to_stdout(office_path, capsys):
    code = run("--db", str(office_path), "report", "--from", "01.01.2026", "--to", "30.06.2026", "--compare")
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == {"from": "2026-01-01", "to": "2026-06-30"}
    assert data["sections"]["appeals"] == {"current": 6, "previous": 2, "delta": 4, "percent": 200.0}


def test_json_iso_dates_without_comparison_to_file(office_path, tmp_path, capsys):
    out = tmp_path / "r.json"
    code = run("--db", str(office_path), "report", "--from", "2026-01-01", "--to", "2026-06-30",
               "--format", "json", "--out", str(out))
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["previous"] is None
    assert data["sections"]["appeals"] == {"current": 6, "previous": None, "delta": None, "percent": None}
    assert "обращений 6" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_pdf_and_xlsx(office_path, tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    code = run("--db", str(office_path), "report", "--from", "01.01.2026", "--to", "30.06.2026", "--compare",
               "--format", fmt, "--out", str(out), "--sections", "totals,by_kind,results", "--top", "3")
    assert code == 0
    assert out.stat().st_size > 1000
    if fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
    else:
        wb = load_workbook(out)
        assert wb.sheetnames == ["Сводка", "Общие сведения", "Виды обращений", "Результаты"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("report", "--from", "01.07.2026", "--to", "30.06.2026"), "позже"),
        (("report", "--from", "01.01.2026", "--to", "30.06.2026", "--format", "pdf"), "--out"),
        (("report", "--from", "01.01.2026", "--to", "30.06.2026", "--format", "pdf", "--out", "/нет/такой/папки/r.pdf"),
         "не существует"),
        (("report-list", "--kind", "journal", "--from", "01.07.2026", "--to", "01.01.2026", "--format", "pdf",
          "--out", "x.pdf"), "позже"),
    ],
)
def test_bad_input_exits_1_with_a_russian_message(office_path, capsys, argv, message):
    assert run("--db", str(office_path), *argv) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ("report", "--to", "30.06.2026"),
        ("report", "--from", "32.01.2026", "--to", "30.06.2026"),
        ("report", "--from", "01.01.2026", "--to", "30.06.2026", "--format", "doc"),
        ("report", "--from", "01.01.2026", "--to", "30.06.2026", "--sections", "totals,nothing"),
        ("report-list", "--kind", "calendar", "--from", "01.01.2026", "--to", "30.06.2026", "--format", "pdf",
         "--out", "x.pdf"),
    ],
)
def test_usage_errors_exit_2(office_path, capsys, argv):
    assert run("--db", str(office_path), *argv) == 2
    assert "ошибка" in capsys.readouterr().err


@pytest.mark.parametrize(("kind", "count"), [("journal", 7), ("overdue", 2)])
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_report_list(office_path, tmp_path, capsys, kind, count, fmt):
    out = tmp_path / f"{kind}.{fmt}"
    code = run("--db", str(office_path), "report-list", "--kind", kind, "--from", "01.01.2026", "--to", "30.06.2026",
               "--format", fmt, "--out", str(out))
    assert code == 0
    assert out.exists()
    assert f": {count} →" in capsys.readouterr().out


def test_overdue_list_on_a_date(office_path, tmp_path, capsys):
    out = tmp_path / "late.xlsx"
    # on 31.03.2026 A2 (deadline in March, answered on 01.04) is open and overdue; nothing else is
    code = run("--db", str(office_path), "report-list", "--kind", "overdue", "--from", "01.01.2026",
               "--to", "30.06.2026", "--on", "31.03.2026", "--format", "xlsx", "--out", str(out))
    assert code == 0
    ws = load_workbook(out).active
    assert "по состоянию на 31.03.2026" in ws.cell(1, 1).value
    assert ws.cell(4, 5).value == "Обращение A2"
    assert ws.cell(4, 10).value.startswith("Просрочено, ответа нет")
    assert ws.cell(5, 1).value is None
