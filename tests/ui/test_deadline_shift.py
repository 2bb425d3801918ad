"""The administrator adds a regional day off in the settings' calendar: the appeals whose deadline moves are
listed (number, old and new date), and the override is saved only when that list is confirmed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

from ui.dialogs.deadline_shift import DeadlineShiftDialog
from ui.settings.dialog import SettingsDialog


def _due_on(office, day):
    from appealdesk.services.journal_values import JournalQuery

    rows = office.journal.page(JournalQuery(state="open"), limit=500).rows
    return [r for r in rows if r.deadline == day]


def test_a_day_off_is_saved_only_with_the_moves_confirmed(qtbot, office):
    due = _due_on(office, date(2026, 12, 4))  # appeals registered 04.11.2026, due Fri 04.12.2026
    assert due
    dlg = SettingsDialog(office)
    qtbot.addWidget(dlg)
    cal = dlg.calendar
    shown = []
    cal.ask = lambda shift, _parent: shown.append(shift) is None and False
    cal.day.set_date(date(2026, 12, 4))
    cal.kind.set_value(False)
    cal.note.setText("Региональный праздник")
    cal.add()
    assert "пересчёт сроков отменён" in cal.error.text()
    assert date(2026, 12, 4) not in [d for d, *_ in office.reference.calendar_overrides(2026)]
    moves = shown[0].moves
    assert {m.reg_number for m in moves} == {r.reg_number for r in due}
    assert {(m.old_deadline, m.new_deadline) for m in moves} == {(date(2026, 12, 4), date(2026, 12, 3))}

    cal.ask = lambda shift, _parent: True
    cal.add()
    assert (date(2026, 12, 4), False, "Региональный праздник", "admin") in office.reference.calendar_overrides(2026)
    assert not _due_on(office, date(2026, 12, 4))
    assert {r.reg_number for r in _due_on(office, date(2026, 12, 3))} >= {m.reg_number for m in moves}


def test_the_confirmation_lists_every_move(qtbot, office):
    shift = office.calendar.preview_override(date(2026, 12, 4), False, "Региональный праздник")
    dlg = DeadlineShiftDialog(shift)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == len(shift.moves)
    assert dlg.table.item(0, 0).text() == shift.moves[0].reg_number
    assert dlg.table.item(0, 2).text() == "04.12.2026" and dlg.table.item(0, 3).text() == "03.12.2026"
    assert dlg.windowTitle() == "Пересчёт сроков рассмотрения"
    dlg.reject()
    assert dlg.result() == QDialog.DialogCode.Rejected
