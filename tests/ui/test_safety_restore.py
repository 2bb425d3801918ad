"""File → "Восстановить из копии…": the dialog shows the backup's date and counts before anything is
replaced; restoring backs up the current file, replaces it and shows the restored journal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from appealdesk.services.backups import kind_of
from appealdesk.services.journal_values import JournalQuery
from appealdesk.storage.backup import backup_database, list_backups
from appealdesk.storage.restore import BEFORE_RESTORE_PREFIX
from ui.safety.restore_dialog import RestoreDialog


def _backup_folder(office, tmp_path) -> Path:
    folder = tmp_path / "flash"
    office.settings.save(replace(office.settings.get(), backup_dir=str(folder), backup_keep=5))
    return folder


def test_dialog_shows_the_backup_before_replacing(qtbot, main_window, office, tmp_path):
    folder = _backup_folder(office, tmp_path)
    backup = backup_database(office._db, folder)
    before = office.database_path.read_bytes()
    window_before = main_window.desk
    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.windowTitle() == "Восстановление из резервной копии"
    assert dlg.list.count() == 1
    assert kind_of(backup) in dlg.list.item(0).text()
    values = {k: v.text() for k, v in dlg.values.items()}
    assert values["Обращений"] == "40"
    assert values["Заявителей"] == "3"
    assert values["Последняя регистрация"].startswith("20.11.2026, № ")
    assert values["Файл"] == backup.name
    assert "будет заменена" in dlg.warning.text() and str(folder) in dlg.warning.text()
    assert dlg.restore_button.isEnabled()
    dlg.reject()
    assert office.database_path.read_bytes() == before  # looking changes nothing
    assert main_window.desk is window_before


def test_restore_replaces_and_reopens(qtbot, main_window, office, tmp_path):
    from tests.safety.test_restore import _register, _snapshot

    folder = _backup_folder(office, tmp_path)
    expected = _snapshot(office)
    backup_database(office._db, folder)
    _register(office, 1, "Зарегистрировано после копии")
    main_window.refresh()
    assert main_window.journal.model.rowCount() == 41

    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    result = dlg.restore_selected(announce=False)
    assert result is not None and result.info.appeals == 40
    assert main_window.desk is not office  # reopened
    assert _snapshot(main_window.desk) == expected
    qtbot.waitUntil(lambda: main_window.journal.model is not None and main_window.journal.model.rowCount() == 40,
                    timeout=5000)
    safety = [p for p in list_backups(folder) if p.name.startswith(BEFORE_RESTORE_PREFIX)]
    assert len(safety) == 1
    assert "восстановлена" in main_window.statusBar().currentMessage()
    main_window.desk.close()


def test_a_newer_backup_cannot_be_chosen(qtbot, main_window, office, tmp_path):
    import sqlite3

    folder = _backup_folder(office, tmp_path)
    backup = backup_database(office._db, folder)
    con = sqlite3.connect(backup)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.restore_button.isEnabled()
    assert "более новой версией" in dlg.problem.text()
    assert dlg.values["Обращений"].text() == "40"  # still shown, so the user sees what it is


def test_empty_folder_says_so(qtbot, main_window, office, tmp_path):
    _backup_folder(office, tmp_path)
    dlg = RestoreDialog(main_window)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.list.count() == 0
    assert "нет резервных копий" in dlg.problem.text()
    assert not dlg.restore_button.isEnabled()


def test_menu_has_the_safety_actions(main_window):
    texts = [a.text().replace("&", "") for a in main_window.menuBar().actions()[0].menu().actions()]
    assert "Резервная копия сейчас" in texts
    assert "Восстановить из копии…" in texts
    assert main_window.desk.journal.count(JournalQuery()) == 40
