"""The today panel: shown at start, each line opens its list, the preference, the tray notifier."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from appealdesk.control.values import PromiseInput
from appealdesk.services.journal_values import JournalQuery

from .conftest import TODAY


def _ui(main_window, qtbot):
    ui = main_window.control_ui
    qtbot.waitUntil(lambda: ui.today.summary is not None, timeout=3000)
    return ui


def test_today_panel_shows_at_start_with_the_counts(main_window, qtbot):
    ui = _ui(main_window, qtbot)
    assert ui.dock.isVisible()
    s = ui.today.summary
    c = main_window.desk.deadlines.counts()
    assert (s.count("overdue"), s.count("due_today"), s.count("due_soon")) == (c.overdue, c.due_today, c.due_soon)
    assert ui.today.numbers["overdue"].text() == str(c.overdue)


def test_a_journal_line_filters_the_journal(main_window, qtbot):
    ui = _ui(main_window, qtbot)
    qtbot.mouseClick(ui.today.buttons["overdue"], Qt.MouseButton.LeftButton)
    assert main_window.sections.currentWidget() is main_window.journal
    qtbot.waitUntil(lambda: main_window.journal.model.rowCount() == ui.today.summary.count("overdue"), timeout=3000)


def test_a_promise_line_opens_its_list_and_confirms(main_window, qtbot):
    desk = main_window.desk
    closed = desk.journal.page(JournalQuery(state="closed")).rows[0]
    desk.control.add_promise(closed.id, PromiseInput("Отремонтировать освещение", date(2026, 11, 10)))
    ui = _ui(main_window, qtbot)
    with qtbot.waitSignal(ui.today.refresh().finished, timeout=5000):
        pass
    assert ui.today.summary.count("promises_overdue") == 1
    qtbot.mouseClick(ui.today.buttons["promises_overdue"], Qt.MouseButton.LeftButton)
    dlg = ui._dialogs[-1]
    assert dlg.table.model_.rowCount() == 1
    dlg.table.setFocus()
    QApplication.processEvents()
    from tests.ui.keys import press

    press(dlg.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed.id in main_window.cards, timeout=3000)
    dlg._confirm()
    confirm = dlg._dialog
    from tests.ui.keys import type_text

    type_text(confirm.call_note, "Подтвердил")
    confirm.submit()
    assert desk.control.promises() == ()
    assert dlg.table.model_.rowCount() == 0
    dlg.close()


def test_preference_turns_it_off(main_window, qtbot):
    from ui.today import prefs

    ui = _ui(main_window, qtbot)
    ui.today.show_at_start.setChecked(False)
    assert prefs.show_at_start() is False
    ui.today.show_at_start.setChecked(True)
    assert prefs.show_at_start() is True


def test_notifier_says_when_something_falls_due(main_window, qtbot):
    ui = _ui(main_window, qtbot)
    desk = main_window.desk
    with qtbot.waitSignal(ui.notifier.check().finished, timeout=5000):
        pass
    assert ui.notifier.last_text == ""  # nothing new
    closed = desk.journal.page(JournalQuery(state="closed")).rows[0]
    desk.control.add_promise(closed.id, PromiseInput("Покосить траву", date(2026, 11, 1)))
    with qtbot.waitSignal(ui.notifier.check().finished, timeout=5000):
        pass
    assert "обещаний просрочено: 1" in ui.notifier.last_text
    assert ui.today.summary.count("promises_overdue") == 1


def test_screenshot_today_panel(main_window, qtbot):
    ui = _ui(main_window, qtbot)
    folder = os.environ.get("APPEALDESK_SHOTS", "/tmp/shots/control")
    os.makedirs(folder, exist_ok=True)
    main_window.resize(1400, 800)
    QApplication.processEvents()
    assert main_window.grab().save(os.path.join(folder, "today_panel.png"))
    assert ui.today.grab().save(os.path.join(folder, "today_panel_only.png"))


def test_a_missing_notice_is_recorded_from_the_today_list(main_window, qtbot):
    from datetime import timedelta

    from appealdesk.services.values import ExtensionInput, ForwardingInput

    desk = main_window.desk
    open_ = desk.journal.page(JournalQuery(state="in_progress")).rows
    extended = desk.appeals.extend(open_[0].id, ExtensionInput(10, "Запрос сведений", "Глава", extended_on=TODAY))
    recent = next(r for r in open_[1:] if r.registered_on >= TODAY - timedelta(days=6))
    desk.appeals.forward(recent.id, ForwardingInput("Министерство ЖКХ", TODAY))
    ui = _ui(main_window, qtbot)
    with qtbot.waitSignal(ui.today.refresh().finished, timeout=5000):
        pass
    for key, appeal_id in (("extension_notice", extended.id), ("forwarding", recent.id)):
        assert ui.today.summary.count(key) == 1
        qtbot.mouseClick(ui.today.buttons[key], Qt.MouseButton.LeftButton)
        dlg = ui._dialogs[-1]
        assert dlg.action_button.text() == "Записать уведомление заявителя…" and dlg.action_button.isEnabled()
        dlg.action_button.click()
        notice = dlg._dialog
        assert notice.notice_on.date() == TODAY
        notice.submit()
        assert dlg.table.model_.rowCount() == 0 and not dlg.action_button.isEnabled()
        card = desk.appeals.get(appeal_id)
        told = card.extension.notice_on if key == "extension_notice" else card.forwardings[0].notice_on
        assert told == TODAY
        qtbot.waitUntil(lambda k=key: ui.today.summary.count(k) == 0, timeout=3000)
        dlg.close()
