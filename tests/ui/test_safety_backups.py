"""Automatic backups: on exit (only when something changed), daily, the fallback to the default folder when
the chosen one is gone, "Резервная копия сейчас"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtWidgets import QMessageBox

from appealdesk.paths import default_backup_dir
from appealdesk.storage.backup import list_backups
from appealdesk.storage.restore import inspect_backup
from ui.safety import backups as B


def _auto(main_window, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr("ui.errors.show_error", lambda parent, message, title="": warnings.append(message))
    auto = B.AutoBackup(main_window)
    return auto, warnings


def test_backup_on_exit_into_the_chosen_folder(qtbot, main_window, office, tmp_path, monkeypatch):
    folder = tmp_path / "usb"
    office.settings.save(replace(office.settings.get(), backup_dir=str(folder), backup_keep=3))
    auto, warnings = _auto(main_window, monkeypatch)
    main_window.closing.connect(auto.on_exit)
    main_window.close()
    main_window.closing.disconnect(auto.on_exit)
    copies = list_backups(folder, "appealdesk")
    assert len(copies) == 1 and not warnings
    assert inspect_backup(copies[0]).appeals == 40
    # nothing changed since: no second copy at the next exit
    assert auto.on_exit() is None
    assert len(list_backups(folder, "appealdesk")) == 1


def test_a_missing_folder_falls_back_to_the_default_one(qtbot, main_window, office, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    office.settings.save(replace(office.settings.get(), backup_dir=str(blocker / "copies")))
    auto, warnings = _auto(main_window, monkeypatch)
    made = auto.on_exit()
    assert made is not None and made.path.parent == default_backup_dir(office.database_path)
    assert warnings and "папку по умолчанию" in warnings[0]


def test_daily_backup_once_a_day(qtbot, main_window, office, tmp_path, monkeypatch):
    folder = tmp_path / "daily"
    office.settings.save(replace(office.settings.get(), backup_dir=str(folder)))
    auto, warnings = _auto(main_window, monkeypatch)
    office._ctx._today = date.today  # the copies are stamped with the real clock
    assert office.backups.due_today()
    assert auto.daily()
    qtbot.waitUntil(lambda: auto.last is not None, timeout=10000)
    assert len(list_backups(folder)) == 1 and not warnings
    assert not office.backups.due_today()
    assert not auto.daily()
    office._ctx._today = lambda: date.today() + timedelta(days=1)
    assert office.backups.due_today()


def test_keeps_the_last_n(qtbot, main_window, office, tmp_path, monkeypatch):
    folder = tmp_path / "keep"
    office.settings.save(replace(office.settings.get(), backup_dir=str(folder), backup_keep=2))
    for _ in range(4):
        B.make_backup(office)
    assert len(list_backups(folder, "appealdesk")) == 2


def test_changed_since_the_last_copy(qtbot, office, tmp_path):
    import os
    import time

    office.settings.save(replace(office.settings.get(), backup_dir=str(tmp_path / "copies")))
    assert office.backups.changed_since_last()  # no copy yet
    made = office.backups.make_scheduled()
    later = time.time() + 60
    os.utime(made.path, (later, later))  # the copy is newer than every write so far
    assert not office.backups.changed_since_last()
    os.utime(made.path, (later - 3600, later - 3600))
    assert office.backups.changed_since_last()


def test_backup_now_from_the_menu(qtbot, main_window, office, tmp_path, monkeypatch):
    folder = tmp_path / "now"
    office.settings.save(replace(office.settings.get(), backup_dir=str(folder)))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    main_window.act_backup.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "сохранена и проверена" in shown[0]
    assert str(list_backups(folder)[0]) in shown[0]
