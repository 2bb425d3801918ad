"""The "Календарь сроков" section: navigation, the counts it paints, a day's list, Enter opens the card."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .conftest import TODAY
from .keys import press


def _calendar(main_window, qtbot):
    ui = main_window.control_ui
    qtbot.waitUntil(lambda: ui.calendar.counts is not None, timeout=3000)
    ui.show_calendar()
    return ui.calendar


def test_calendar_opens_on_today_and_agrees_with_the_journal(main_window, qtbot):
    from appealdesk.services.journal_values import JournalQuery

    cal = _calendar(main_window, qtbot)
    desk = main_window.desk
    assert (cal.year, cal.month) == (2026, 11) and cal.selected == TODAY
    assert cal.grid.counts.first == date(2026, 10, 26) and cal.grid.counts.first.weekday() == 0
    assert cal.grid.counts.get(TODAY).legal == desk.journal.count(JournalQuery(state="due_today"))
    assert cal.title.text() == "Ноябрь 2026"


def test_navigation_months_weeks_and_agenda(main_window, qtbot):
    cal = _calendar(main_window, qtbot)
    qtbot.mouseClick(cal.next_button, Qt.MouseButton.LeftButton)
    assert (cal.year, cal.month) == (2026, 12) and cal.title.text() == "Декабрь 2026"
    dec31 = cal.grid.counts.get(date(2026, 12, 31))
    assert not dec31.working  # the transfer of 04.01 by the 2025 decree
    qtbot.mouseClick(cal.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(cal.prev_button, Qt.MouseButton.LeftButton)
    assert (cal.year, cal.month) == (2026, 10)
    qtbot.mouseClick(cal.today_button, Qt.MouseButton.LeftButton)
    assert cal.selected == TODAY
    # arrows move the day; going past the month's end turns the page
    cal.grid.setFocus()
    press(cal.grid, Qt.Key.Key_Down)
    press(cal.grid, Qt.Key.Key_Down)
    assert cal.selected == date(2026, 12, 4) and cal.month == 12
    cal.set_mode("week")
    assert cal.grid.weeks == 1 and cal.title.text().startswith("Неделя 30.11")
    cal.step(-1)
    assert cal.selected == date(2026, 11, 27)
    cal.set_mode("agenda")
    assert not cal.grid.isVisible()
    assert all(i.due_on.month == 11 for i in cal.items.model_.items)


def test_clicking_a_day_lists_its_appeals_and_enter_opens_the_card(main_window, qtbot):
    cal = _calendar(main_window, qtbot)
    busy = next(d for d in cal.grid.counts.in_month() if d.legal)
    rect = cal.grid.cell_rect(busy.day)
    qtbot.mouseClick(cal.grid, Qt.MouseButton.LeftButton, pos=rect.center())
    assert cal.selected == busy.day
    assert cal.items.model_.rowCount() == busy.legal + busy.control + busy.promises
    press(cal.grid, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is cal.items
    press(cal.items, Qt.Key.Key_Return)
    first = cal.items.model_.items[0].appeal_id
    qtbot.waitUntil(lambda: first in main_window.cards, timeout=3000)


def test_filters_narrow_the_counts(main_window, qtbot):
    cal = _calendar(main_window, qtbot)
    whole = sum(d.legal for d in cal.grid.counts.days)
    parts = []
    for i in range(1, cal.executor.count()):
        cal.executor.setCurrentIndex(i)
        parts.append(sum(d.legal for d in cal.grid.counts.days))
    assert sum(parts) == whole and max(parts) < whole


def test_paint_does_not_query(main_window, qtbot, monkeypatch):
    cal = _calendar(main_window, qtbot)
    calls = []
    monkeypatch.setattr(main_window.desk.control, "month", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(main_window.desk.control, "items", lambda *a, **k: calls.append(a))
    cal.grid.repaint()
    cal.grid.grab()
    assert calls == []


def test_screenshots_may_and_december_2026(main_window, qtbot):
    cal = _calendar(main_window, qtbot)
    main_window.resize(1400, 900)
    folder = os.environ.get("APPEALDESK_SHOTS", "/tmp/shots/control")
    os.makedirs(folder, exist_ok=True)
    for year, month in ((2026, 5), (2026, 12)):
        cal.show_month(year, month, 11)
        QApplication.processEvents()
        assert main_window.grab().save(os.path.join(folder, f"calendar_{year}_{month:02d}.png"))
        if month == 5:
            may = cal.grid.counts
            assert not may.get(date(2026, 5, 11)).working and may.get(date(2026, 5, 1)).holiday


def test_a_cell_tooltip_gives_its_whole_text(main_window, qtbot):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    cal = _calendar(main_window, qtbot)
    cal.grid.resize(7 * 90, 30 + 6 * 56)  # narrow: names are clipped in the cells
    cal.step(1)  # December 2026: deadlines, and the grid runs on to 10 January 2027
    assert (cal.year, cal.month) == (2026, 12)
    busy = next(d for d in cal.grid.counts.in_month() if d.legal)
    cells = {d.day: n for n, d in enumerate(cal.grid.shown_days())}
    for day, expected in ((date(2027, 1, 7), "Рождество Христово"), (busy.day, f"Срок: {busy.legal}")):
        centre = cal.grid._cell(cells[day]).center()
        event = QHelpEvent(QEvent.Type.ToolTip, centre, cal.grid.mapToGlobal(centre))
        QApplication.sendEvent(cal.grid, event)
        assert QToolTip.isVisible()
        assert QToolTip.text().startswith(f"{day:%d.%m.%Y}, ")
        assert expected in QToolTip.text()
    outside = QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), cal.grid.mapToGlobal(QPoint(2, 2)))  # the weekday row
    assert cal.grid.day_at(2, 2) is None
    QApplication.sendEvent(cal.grid, outside)
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
