"""Inline Russian validation: every bad field is marked with its message; a failed save keeps what was typed;
closing with unsaved changes asks."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from appealdesk.services.journal_values import JournalQuery

from .keys import type_text


def _new_card(qtbot, window):
    window.open_card(None)
    qtbot.waitUntil(lambda: len(window.open_cards()) == 1, timeout=3000)
    return window.open_cards()[0]


def test_failed_save_marks_fields_and_keeps_input(qtbot, main_window, office):
    before = office.journal.count(JournalQuery())
    card = _new_card(qtbot, main_window)
    reg = card.registration
    type_text(reg.applicant.last_name, "Орлова")
    type_text(reg.applicant.email, "orlova-mail.ru")
    assert card.save() is False
    assert card.banner.isVisible()
    assert "Не сохранено" in card.banner.text()
    assert reg.err_summary.isVisible()
    assert reg.err_summary.text() == "Укажите краткое содержание обращения"
    assert reg.err_questions.isVisible()
    assert "хотя бы один вопрос" in reg.err_questions.text()
    assert reg.applicant.err_email.isVisible()
    assert "эл. почты" in reg.applicant.err_email.text()
    assert reg.summary.property("invalid") == "true"
    # everything typed is still there
    assert reg.applicant.last_name.text() == "Орлова"
    assert reg.applicant.email.text() == "orlova-mail.ru"
    assert office.journal.count(JournalQuery()) == before
    assert card.card is None

    # fixed: the marks go away and the appeal is registered
    reg.applicant.email.setText("orlova@mail.ru")
    type_text(reg.summary, "Прошу убрать снег")
    assert reg.questions.add_code("0005.0005.0056.1148")
    assert card.save() is True
    assert not card.banner.isVisible()
    assert not reg.err_summary.isVisible()
    assert reg.summary.property("invalid") == "false"
    assert office.journal.count(JournalQuery()) == before + 1


def test_bad_date_is_reported_not_sent(qtbot, main_window):
    card = _new_card(qtbot, main_window)
    r = card.registration.receipt
    r.received_on.edit.setText("31.02.2026")
    assert card.save() is False
    assert r.err_received.text() == "Неверная дата: введите ДД.ММ.ГГГГ"
    r.registered_on.set_date(None)
    assert card.save() is False
    assert r.err_registered.text() == "Укажите дату регистрации"


def test_future_registration_date_error_from_service(qtbot, main_window):
    card = _new_card(qtbot, main_window)
    reg = card.registration
    reg.receipt.registered_on.edit.setText("01.01.2030")
    type_text(reg.summary, "Текст")
    reg.questions.add_code("0005.0005.0056.1148")
    assert card.save() is False
    assert reg.receipt.err_registered.text() == "Дата регистрации не может быть позже сегодняшней"


def _answer_box(button_text: str, seen: list):
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        for b in box.buttons():
            if b.text() == button_text:
                b.click()
                return
    QTimer.singleShot(20, click)


def test_closing_with_unsaved_changes_asks(qtbot, main_window, office):
    before = office.journal.count(JournalQuery())
    card = _new_card(qtbot, main_window)
    type_text(card.registration.summary, "Черновик")
    assert card.is_dirty()
    assert card.windowTitle().startswith("Новое обращение *")

    seen: list[str] = []
    _answer_box("Отмена", seen)
    assert card.close() is False
    assert seen == ["В карточке есть несохранённые изменения. Сохранить их?"]
    assert card.isVisible()
    assert card.registration.summary.toPlainText() == "Черновик"

    # "Сохранить" with an invalid card: the save fails, the card stays open with its messages
    _answer_box("Сохранить", seen)
    assert card.close() is False
    assert card.isVisible()
    assert card.registration.err_questions.isVisible()

    _answer_box("Не сохранять", seen)
    assert card.close() is True
    qtbot.waitUntil(lambda: not main_window.open_cards(), timeout=3000)
    assert office.journal.count(JournalQuery()) == before


def test_opened_card_is_not_dirty_and_closes_silently(qtbot, main_window, office):
    aid = office.journal.ids(JournalQuery())[0]
    main_window.open_card(aid)
    card = main_window.open_cards()[0]
    assert not card.is_dirty()
    assert card.close() is True
