"""The settings dialog (office settings with inline errors, the lists saved at once) and the export of the
journal's current view to XLSX off the GUI thread."""

from __future__ import annotations

from datetime import date

import pytest

from appealdesk.services.journal_values import JournalQuery
from ui.settings.dialog import SettingsDialog

from .keys import type_text


def test_settings_save_and_inline_errors(qtbot, office):
    dlg = SettingsDialog(office)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.organisation.text() == "Администрация Ключевского сельсовета"
    dlg.number_pattern.setText("ОГ-без-номера")
    dlg.control_offset.setValue(7)
    dlg.save()
    assert dlg.banner.isVisible()
    err = dlg.errors.lookup("number_pattern")[1]
    assert err.isVisible() and err.text()
    assert dlg.tabs.tabText(dlg.tabs.currentIndex()) == "Нумерация"
    dlg.number_pattern.setText("{seq:04}/ОГ-{yyyy}")
    assert "0015/ОГ-2026" in dlg.preview.text()
    asked = []
    dlg.ask = lambda shift, _parent: asked.append(shift) is None and False  # the list shown, then cancelled
    dlg.save()
    assert asked and asked[0].moves and dlg.banner.isVisible() and "пересчёт сроков отменён" in dlg.banner.text()
    assert office.settings.get().control_offset_days == 0
    dlg.ask = lambda shift, _parent: True
    dlg.save()
    s = office.settings.get()
    assert s.number_pattern == "{seq:04}/ОГ-{yyyy}" and s.control_offset_days == 7
    moved = asked[0].moves[0]
    assert office.appeals.get(moved.appeal_id).control_deadline == moved.new_control


def test_settings_lists_are_saved_at_once(qtbot, office):
    dlg = SettingsDialog(office)
    qtbot.addWidget(dlg)
    dlg.settlements.name.setText("п. Лесной")
    dlg.settlements.add()
    assert "п. Лесной" in [s.name for s in office.reference.settlements()]
    dlg.officials.new()
    type_text(dlg.officials.full_name, "Орлова Наталья Викторовна")
    dlg.officials.position.setText("Специалист по земельным вопросам")
    dlg.officials.save()
    assert "Орлова Наталья Викторовна" in [o.full_name for o in office.reference.officials(executors_only=True)]
    dlg.officials.new()
    dlg.officials.save()  # no name: the service's message under the form
    assert dlg.officials.error.text() == "Укажите фамилию, имя и отчество"
    cal = dlg.calendar
    assert cal.year.value() == office.today().year + 1
    cal.day.set_date(date(2027, 1, 9))
    cal.kind.set_value(True)
    cal.note.setText("Рабочая суббота")
    cal.add()
    assert (date(2027, 1, 9), True, "Рабочая суббота", "admin") in office.reference.calendar_overrides(2027)
    assert cal.table.rowCount() >= 1


def test_export_current_view_to_xlsx(qtbot, main_window, office, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    main_window.journal.filters.kind.set_value("complaint")
    path = tmp_path / "журнал.xlsx"
    task = main_window.export_to(str(path))
    with qtbot.waitSignal(task.finished, timeout=15000):
        pass
    ws = openpyxl.load_workbook(path, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) - 1 == office.journal.count(JournalQuery(kind="complaint")) == 10
    assert "Рег. номер" in rows[0]
