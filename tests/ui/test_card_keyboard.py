"""A clerk registers a typical written appeal without the mouse: Ctrl+N, the applicant, the address, the
summary, one classifier code, the executor, Ctrl+S."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from appealdesk.services.journal_values import JournalQuery

from .keys import press, tab, type_focused


def _active_card(qtbot, window):
    qtbot.waitUntil(lambda: len(window.open_cards()) == 1, timeout=3000)
    card = window.open_cards()[0]
    card.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card, timeout=3000)
    return card


def test_register_written_appeal_by_keyboard(qtbot, main_window, office):
    before = office.journal.count(JournalQuery())
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window, timeout=3000)
    press(main_window.journal.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    card = _active_card(qtbot, main_window)
    reg = card.registration
    assert QApplication.focusWidget() is reg.applicant.last_name  # a new card starts at the surname

    type_focused("Петрова")
    tab()
    type_focused("Мария")
    tab()
    type_focused("Ивановна")
    tab()  # settlement: chosen by typing its first letters
    assert QApplication.focusWidget() is reg.applicant.settlement
    type_focused("д")
    tab()
    assert QApplication.focusWidget() is reg.applicant.address
    type_focused("ул. Мира, д. 5, кв. 2")
    tab(3)  # phone, e-mail, social category
    tab()
    assert QApplication.focusWidget() is reg.summary
    type_focused("Прошу отремонтировать уличное освещение на улице Мира")
    tab()
    assert QApplication.focusWidget() is reg.executor
    type_focused("Гус")
    tab()
    assert QApplication.focusWidget() is reg.questions.input
    type_focused("0003.0009.0097.0690")
    press(None, Qt.Key.Key_Return)
    assert reg.questions.model.codes() == ("0003.0009.0097.0690",)
    press(None, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: card.card is not None, timeout=3000)
    assert not card.banner.isVisible(), card.banner.text()
    saved = office.appeals.get(card.card.id)
    assert saved.applicant.display_name == "Петрова Мария Ивановна"
    assert saved.applicant.address == "ул. Мира, д. 5, кв. 2"
    assert saved.settlement == "д. Малиновка"
    assert saved.summary == "Прошу отремонтировать уличное освещение на улице Мира"
    assert [q.code for q in saved.questions] == ["0003.0009.0097.0690"]
    assert saved.executor == "Гусев Павел Сергеевич"
    assert saved.form == "written" and saved.kind == "statement"
    assert office.journal.count(JournalQuery()) == before + 1
    # the journal shows it at once, selected
    qtbot.waitUntil(lambda: main_window.journal.table.current_id() == saved.id, timeout=3000)
    assert card.title.text().startswith(f"Обращение № {saved.reg_number}")
    press(None, Qt.Key.Key_Escape)  # nothing unsaved: Esc closes without asking
    qtbot.waitUntil(lambda: not main_window.open_cards(), timeout=3000)


def test_applicant_lookup_offers_earlier_applicant_and_repeated(qtbot, main_window, office):
    main_window.open_card(None)
    card = _active_card(qtbot, main_window)
    box = card.registration.applicant
    box.last_name.setFocus()
    type_focused("Фёдор")
    qtbot.waitUntil(lambda: box.completer.popup().isVisible(), timeout=3000)
    popup = box.completer.popup()
    assert "Фёдоров Иван Ильич" in popup.model().index(0, 0).data()
    popup.setCurrentIndex(popup.model().index(0, 0))
    press(popup, Qt.Key.Key_Return)
    assert box.applicant_id is not None
    assert box.first_name.text() == "Иван"
    assert "Прежние обращения" in box.earlier.text()
    # a question on the same topic as an earlier appeal: the card suggests "repeated"
    card.registration.questions.add_code("0003.0009.0097.0690")
    assert card.registration.repeated_box.isVisible()
    card.registration.repeated_button.click()
    assert card.resolution.is_repeated.isChecked()
    assert card.resolution.previous_appeal_id is not None


def test_esc_in_the_surname_suggestions_closes_only_them(qtbot, main_window):
    from .keys import type_text

    main_window.open_card(None)
    card = _active_card(qtbot, main_window)
    field = card.registration.applicant.last_name
    field.setFocus()
    type_text(field, "Фё")
    popup = card.registration.applicant.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    press(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=3000)
    assert card.isVisible()  # the card stays, with no «save the changes?» question
    type_text(field, "д")  # the suggestions again; the card's own Esc closes them, not the card
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    card.escape()
    assert not popup.isVisible() and card.isVisible()
    card.dirty_reg = False
    card.escape()  # with nothing open on top, Esc closes the card
    assert not card.isVisible()


def test_save_and_new_opens_the_next_card(qtbot, main_window, office):
    from .keys import type_text

    main_window.open_card(None)
    card = _active_card(qtbot, main_window)
    reg = card.registration
    assert card.save_new_button.isVisible()
    card.save()  # nothing typed: marked fields and the banner
    assert card.banner.isVisible()
    type_text(reg.summary, "Прошу отремонтировать дорогу")
    assert not any(w.property("invalid") == "true" for w in (reg.summary,))  # the error goes as it is fixed
    type_text(reg.applicant.last_name, "Орлов")
    type_text(reg.questions.input, "0003.0009.0097.0690")
    press(reg.questions.input, Qt.Key.Key_Return)
    before = office.journal.count(JournalQuery())
    press(card.save_new_button, Qt.Key.Key_S,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: office.journal.count(JournalQuery()) == before + 1, timeout=3000)
    qtbot.waitUntil(lambda: len(main_window._new_cards) == 1 and main_window._new_cards[0] is not card,
                    timeout=3000)
    assert main_window._new_cards[0].card is None  # a clean card for the next letter
