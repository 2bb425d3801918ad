"""``appealdesk-cli``: exit codes, Russian messages, the commands that need no other module."""

from __future__ import annotations

import json
from datetime import date

import pytest

from appealdesk.cli.main import main
from appealdesk.services import AppealDesk
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput


def _register(path, registered_on):
    desk = AppealDesk.open(path, today=lambda: date(2026, 11, 20))
    card = desk.appeals.register(
        AppealInput(
            form="written", kind="statement", summary="Уличное освещение не работает",
            questions=(QuestionInput("0005.0005.0056.1156"),), registered_on=registered_on,
            applicant=ApplicantInput(last_name="Кузнецова", first_name="Мария"),
        )
    )
    desk.close()
    return card


def test_init_creates_database(tmp_path, capsys):
    db = tmp_path / "new.sqlite3"
    assert main(["--db", str(db), "init"]) == 0
    out = capsys.readouterr().out
    assert "Классификатор: 2108 записей" in out and db.exists()


def test_db_after_the_command_works_too(db_location, capsys):
    assert main(["init", "--db", str(db_location)]) == 0


def test_deadlines_json(db_location, capsys):
    card = _register(db_location, date(2026, 10, 1))  # due 30.10.2026
    assert main(["--db", str(db_location), "deadlines", "--on", "20.11.2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["on"] == "2026-11-20"
    assert data["counts"]["overdue"] == 1
    assert data["appeals"][0]["reg_number"] == card.reg_number
    assert data["appeals"][0]["days_left"] == -21


def test_deadlines_text(db_location, capsys):
    _register(db_location, date(2026, 10, 21))
    assert main(["--db", str(db_location), "deadlines", "--on", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "Срок сегодня: 1" in out and "Кузнецова Мария" in out


def test_usage_errors_exit_2_in_russian(db_location, capsys):
    assert _exit_code(["--db", str(db_location), "deadlines", "--on", "31.02.2026"]) == 2
    assert "неверная дата" in capsys.readouterr().err
    assert _exit_code(["--db", str(db_location), "unknown"]) == 2
    assert "ошибка" in capsys.readouterr().err
    assert _exit_code(["--db", str(db_location), "demo"]) == 2  # --appeals is required


def _exit_code(argv):
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_bad_database_exits_1_and_is_untouched(tmp_path, capsys):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database at all" * 10)
    before = bad.read_bytes()
    assert main(["--db", str(bad), "check"]) == 1
    assert "не является базой данных" in capsys.readouterr().err
    assert bad.read_bytes() == before


@pytest.mark.sqlite_only  # the backup is a copy of the SQLite file
def test_check_and_backup(db_path, tmp_path, capsys):
    assert main(["--db", str(db_path), "check"]) == 0
    assert "нарушений нет" in capsys.readouterr().out
    for _ in range(3):
        assert main(["--db", str(db_path), "backup", "--to", str(tmp_path / "copies"), "--keep", "2"]) == 0
    assert len(list((tmp_path / "copies").glob("*.sqlite3"))) == 2
