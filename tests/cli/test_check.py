"""``appealdesk-cli check`` opens the file read-only (the file's bytes and time are the same afterwards,
even while another program holds unsaved pages in its -wal) and verifies the search index against the
appeals table, naming the appeals a search would miss."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import date

from appealdesk.cli.main import main
from appealdesk.services import AppealDesk
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
from appealdesk.storage.search_index import verify_index


def _office(path, n=4):
    desk = AppealDesk.open(path, today=lambda: date(2026, 11, 20))
    cards = [desk.appeals.register(AppealInput(
        form="written", kind="statement", summary=f"Уличное освещение не работает, дом {i}",
        questions=(QuestionInput("0005.0005.0056.1156"),), registered_on=date(2026, 11, 2),
        applicant=ApplicantInput(last_name="Кузнецова", first_name="Мария"))) for i in range(n)]
    return desk, cards


def _state(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns, path.stat().st_size


def test_check_writes_nothing_to_the_file_it_checks(tmp_path, capsys):
    """A file left by a desktop killed with unsaved pages in its -wal and an outdated reference edition:
    opening it for real would checkpoint the -wal into the file and reload the reference data."""
    import shutil

    path = tmp_path / "office.sqlite3"
    desk, _cards = _office(path)
    desk.close()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("UPDATE appeals SET on_control = 1 WHERE id = 1")
    holder.execute("UPDATE reference_editions SET edition = 'old'")
    holder.commit()
    crashed = tmp_path / "crashed.sqlite3"
    shutil.copyfile(path, crashed)
    shutil.copyfile(f"{path}-wal", f"{crashed}-wal")
    holder.close()
    wal = tmp_path / "crashed.sqlite3-wal"
    before, wal_before = _state(crashed), _state(wal)
    assert main(["--db", str(crashed), "check"]) == 0
    out = capsys.readouterr().out
    assert "Обращений: 4" in out and "Справочник classifier: old" in out
    assert _state(crashed) == before and _state(wal) == wal_before


def test_a_healthy_index_passes(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    desk, _cards = _office(path)
    desk.close()
    assert main(["--db", str(path), "check"]) == 0
    out = capsys.readouterr().out
    assert "Поисковый указатель: совпадает с обращениями (4)" in out and "нарушений нет" in out


def test_a_missing_or_stale_index_row_is_reported_with_the_numbers(tmp_path, capsys):
    path = tmp_path / "office.sqlite3"
    desk, cards = _office(path)
    desk.close()
    con = sqlite3.connect(path)
    con.execute("DELETE FROM appeal_fts WHERE rowid = ?", (cards[1].id,))  # search misses it
    con.execute("UPDATE appeals SET summary = 'Протекает крыша школы' WHERE id = ?", (cards[2].id,))  # not reindexed
    con.execute("INSERT INTO appeal_fts(rowid, words, stems) VALUES (999, 'никто', 'никт')")  # of no appeal
    con.commit()
    con.close()
    assert main(["--db", str(path), "check"]) == 1
    captured = capsys.readouterr()
    assert f"нет записей для 1 обращ.: № {cards[1].reg_number}" in captured.out
    assert f"устарели записи 1 обращ.: № {cards[2].reg_number}" in captured.out
    assert "1 лишн. записей" in captured.out
    assert "Поисковый указатель не совпадает" in captured.err and "не повреждён" in captured.err


def test_verify_index_is_a_storage_function_a_service_can_call(tmp_path):
    desk, cards = _office(tmp_path / "office.sqlite3", n=2)
    try:
        with desk._ctx.read() as s:
            report = verify_index(s)
        assert report.ok and report.appeals == 2
        desk.appeals.delete(cards[0].id, "ошибочная регистрация")  # a deleted appeal leaves the index
        with desk._ctx.read() as s:
            assert verify_index(s).ok
    finally:
        desk.close()
