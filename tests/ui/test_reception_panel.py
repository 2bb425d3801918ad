"""The "Личный приём" section: booking a visitor and filling the reception card by keyboard."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from appealdesk.reception import RuleInput

from .keys import press, type_text


def _setup(main_window, office):
    head = next(o for o in office.reference.officials() if o.is_head)
    office.reception.save_rule(RuleInput(head.id, (5,), time(14), time(16), "с. Ключи, каб. 1", date(2026, 1, 1),
                                         slot_minutes=30))
    panel = main_window.reception
    panel.set_desk(office)
    main_window.sections.setCurrentWidget(panel)
    return panel


def test_book_and_fill_card_by_keyboard(qtbot, main_window, office):
    panel = _setup(main_window, office)
    # today (Friday 20.11.2026) is a reception day: it is chosen first
    assert panel.current.entry.day == date(2026, 11, 20)
    assert panel.day.rowCount() == 4
    panel.day.setFocus()
    panel.day.selectRow(1)  # 14:30
    panel.book()
    dlg = panel.dialog
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.slot.currentText() == "14:30–15:00"
    type_text(dlg.applicant.last_name, "Орлова")
    type_text(dlg.applicant.first_name, "Вера")
    dlg.applicant.address.setFocus()
    type_text(dlg.applicant.address, "ул. Мира, 9")
    type_text(dlg.topic, "Освещение улицы")
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.error.text()
    day = office.reception.day(panel.current.entry.key)
    assert [(b.slot_from, b.applicant) for b in day.bookings] == [(time(14, 30), "Орлова Вера")]
    qtbot.waitUntil(lambda: panel.day.item(1, 1).text() == "Орлова Вера")
    # the card: Enter on the booked row opens it, filled in from the keyboard
    panel.day.selectRow(1)
    panel.open_card()
    card = panel.dialog
    qtbot.waitUntil(card.isVisible)
    assert card.applicant.last_name.text() == "Орлова"
    assert card.summary.toPlainText() == "Освещение улицы"
    card.document.setFocus()
    type_text(card.document, "паспорт 01 02 123456")
    card.code.setFocus()
    type_text(card.code, "0003.0009.0097.0690")
    press(card.code, Qt.Key.Key_Return)
    assert card.codes() == ["0003.0009.0097.0690"]
    # Alt+2: "a written answer will follow"
    card.outcome_buttons["written_answer"].setFocus()
    press(card.outcome_buttons["written_answer"], Qt.Key.Key_Space)
    assert card.outcome() == "written_answer"
    card.save()
    assert card.result() == card.DialogCode.Accepted, card.error.text()
    saved = card.card
    assert saved.appeal_number and saved.identity_document == "паспорт 01 02 123456"
    appeal = office.appeals.get(saved.appeal_id)
    assert appeal.form == "personal_reception" and appeal.registered_on == date(2026, 11, 20)
    assert appeal.legal_deadline == date(2026, 12, 18)  # 20.11 + 30 days = 20.12, a Sunday: Friday 18.12
    qtbot.waitUntil(lambda: "письменный" in panel.day.item(1, 4).text())
    QApplication.processEvents()


def test_card_errors_are_shown_in_the_dialog(qtbot, main_window, office):
    panel = _setup(main_window, office)
    panel.walk_in()
    card = panel.dialog
    qtbot.waitUntil(card.isVisible)
    card.save()
    assert card.isVisible()
    assert "содержание" in card.error.text().lower()


def test_schedule_editor_and_print_document(qtbot, main_window, office):
    panel = _setup(main_window, office)
    panel.open_schedule()
    ed = panel.dialog
    qtbot.waitUntil(ed.isVisible)
    assert ed.rules.rowCount() == 1
    assert "14 декабря 2026" in ed.national.text()
    ed.r_days[0].setChecked(True)
    ed.r_place.setText("Дом культуры")
    ed.add_rule()
    assert ed.rules.rowCount() == 2, ed.error.text()
    ed.reject()
    doc = panel.schedule_document("month", date(2026, 12, 1))
    assert doc.title == "ГРАФИК ЛИЧНОГО ПРИЁМА ГРАЖДАН на декабрь 2026 года"


def test_schedule_editor_says_what_an_empty_list_is_for(qtbot, main_window, office):
    from PySide6.QtGui import QImage

    panel = _setup(main_window, office)
    panel.open_schedule()
    ed = panel.dialog
    qtbot.waitUntil(ed.isVisible)
    assert ed.excs.rowCount() == 0 and ed.visits.rowCount() == 0
    assert "«Добавить исключение»" in ed.excs.empty_text
    assert "«Добавить приём»" in ed.visits.empty_text
    assert ed.rules.rowCount() == 1

    def ink(table) -> int:  # pixels painted darker than the background in the empty viewport
        image: QImage = table.viewport().grab().toImage()
        bg = image.pixelColor(2, image.height() - 3).lightness()
        return sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
                   if image.pixelColor(x, y).lightness() < bg - 40)

    ed.tabs.setCurrentIndex(1)
    with_text = ink(ed.excs)
    ed.excs.empty_text = ""
    assert with_text > 0 and ink(ed.excs) == 0
    ed.reject()


def test_move_a_booking_to_next_week(qtbot, main_window, office):
    from appealdesk.reception import BookingInput
    from appealdesk.services.values import ApplicantInput

    panel = _setup(main_window, office)
    proposed = panel.current.entry.key  # Friday 20.11, 14:00-16:00 by 30 minutes
    booked = office.reception.book(proposed, BookingInput(time(14, 30), applicant=ApplicantInput(
        last_name="Орлова", first_name="Вера")))
    key = f"r:{booked.reception_id}"  # booking made the proposed reception a real one
    panel.refresh(keep=key)
    panel.show_day(key)
    panel.day.selectRow(1)
    assert panel.move_button.isEnabled()
    panel.move_booking()
    dlg = panel.dialog
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.reception.value() == key and dlg.slot.currentText() == "14:30–15:00"
    assert dlg.slot.count() == 4  # every slot of today is free but its own
    nxt = next(n for n in range(dlg.reception.count()) if dlg.reception.itemText(n).startswith("27.11.2026 (пт)"))
    dlg.reception.setCurrentIndex(nxt)
    dlg.slot.set_value("15:00")
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.error.text()
    assert office.reception.day(key).bookings == ()
    moved = office.reception.day(dlg.reception.value()).bookings
    assert [(b.slot_from, b.applicant) for b in moved] == [(time(15), "Орлова Вера")]
    qtbot.waitUntil(lambda: panel.day.item(1, 1) is not None and panel.day.item(1, 1).text() != "Орлова Вера")


def test_the_reception_section_without_a_mouse(qtbot, main_window, office):
    from .keys import tab

    panel = _setup(main_window, office)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=3000)
    panel.list.setFocus()
    start = panel.start
    press(panel.list, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert panel.start > start  # four weeks on
    press(panel.list, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert panel.start == start
    press(panel.list, Qt.Key.Key_Return)  # Enter on a reception: to its day
    assert QApplication.focusWidget() is panel.day
    panel.day.selectRow(0)  # a free slot: nothing to move or cancel
    assert not panel.move_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.book_button.isEnabled()
    tab()  # Tab leaves the table for the buttons, without walking its cells
    assert QApplication.focusWidget() is not panel.day and panel.day.currentRow() == 0


def test_the_walk_in_card_asks_the_social_category_once_and_no_name_of_an_organisation(qtbot, main_window, office):
    panel = _setup(main_window, office)
    panel.walk_in()
    card = panel.dialog
    qtbot.waitUntil(card.isVisible)
    labels = [w.text() for w in card.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QLabel)
              if w.isVisibleTo(card)]
    assert sum("категория" in t.lower() for t in labels) == 1
    assert "&Название:" not in labels and "Название:" not in labels
    card.reject()


def test_the_reception_list_shows_who_receives_in_a_narrow_panel(qtbot, main_window, office):
    """At 1366 px with the «Сегодня» panel the list is about 500 px wide: the official stays in view, short."""
    panel = _setup(main_window, office)
    head = next(o for o in office.reference.officials() if o.is_head)
    headers = [panel.list.horizontalHeaderItem(c).text() for c in range(panel.list.columnCount())]
    who = headers.index("Должностное лицо")
    item = panel.list.item(0, who)
    last, first, middle = head.full_name.split()
    assert item.text() == f"{last} {first[0]}. {middle[0]}."
    assert head.full_name in item.toolTip()
    kind = panel.list.item(0, headers.index("Вид"))
    assert (kind.text(), kind.toolTip()) == ("Личный", "Личный приём")
    panel.list.resize(500, 300)
    header = panel.list.horizontalHeader()
    assert header.sectionViewportPosition(who) + header.sectionSize(who) <= panel.list.viewport().width()
