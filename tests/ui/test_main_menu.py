"""The main window's Reports and Check database actions."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def test_reports_action_opens_the_wizard(qtbot, main_window):
    assert main_window.act_reports.isEnabled()
    main_window.act_reports.trigger()
    wizard = main_window._report_wizard
    qtbot.waitUntil(wizard.isVisible, timeout=3000)
    assert "тчёт" in wizard.windowTitle() or "правк" in wizard.windowTitle()
    wizard.close()


def test_check_database_reports_a_healthy_file(qtbot, main_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    task = main_window.check_database()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert task is not None
    assert shown[0].startswith("База данных в порядке: нарушений не найдено.")
    assert "Обращений: 40" in shown[0] and "сканов вложений: 0" in shown[0]
