"""The classifier picker, the extension and forwarding dialogs, the answer, attachments and the history."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
from ui.dialogs.classifier_picker import ClassifierPicker
from ui.dialogs.extension import ExtensionDialog
from ui.dialogs.forwarding import ForwardingDialog

from .conftest import TODAY
from .keys import press, type_text


def _fresh(office, **kw):
    data = dict(form="written", kind="statement", summary="Прошу починить водопровод",
                questions=(QuestionInput("0005.0005.0056.1148"), QuestionInput("0003.0009.0097.0690")),
                applicant=ApplicantInput(last_name="Лебедев", first_name="Пётр"), registered_on=TODAY)
    data.update(kw)
    return office.appeals.register(AppealInput(**data))


def test_picker_finds_by_word_and_picks_with_enter(qtbot, office):
    picked = []
    dlg = ClassifierPicker(office)
    qtbot.addWidget(dlg)
    dlg.picked.connect(picked.append)
    dlg.show()
    type_text(dlg.search, "освещение")
    press(dlg.search, Qt.Key.Key_Return)  # runs the search at once
    assert dlg.tabs.currentWidget() is dlg.found
    codes = [dlg.found.code_at(i) for i in range(dlg.found.count())]
    assert "0003.0009.0097.0690" in codes
    press(dlg.search, Qt.Key.Key_Down)
    dlg.found.setCurrentRow(codes.index("0003.0009.0097.0690"))
    press(dlg.found, Qt.Key.Key_Return)
    assert picked == ["0003.0009.0097.0690"]


def test_picker_tree_and_favourites(qtbot, office):
    dlg = ClassifierPicker(office)
    qtbot.addWidget(dlg)
    assert dlg.tree.topLevelItemCount() == 5
    section = dlg.tree.topLevelItem(2)
    section.setExpanded(True)
    assert section.childCount() > 0
    # the codes the office uses most are its favourites
    favs = [dlg.favourites.code_at(i) for i in range(dlg.favourites.count())]
    assert "0003.0009.0097.0690" in favs
    # a theme cannot be picked as a question
    dlg.tabs.setCurrentWidget(dlg.tree)
    dlg.tree.setCurrentItem(section)
    dlg._pick_current()
    assert dlg.isVisible() or dlg.result() == 0
    assert "вопрос или подвопрос" in dlg.details.text()


def test_extension_dialog_validates_and_extends(qtbot, office):
    card = _fresh(office)
    dlg = ExtensionDialog(office, card)
    qtbot.addWidget(dlg)
    dlg.days.setValue(30)
    dlg.reason.setText("")
    dlg.submit()
    assert dlg.banner.isHidden()
    assert "основание" in dlg.errors.lookup("reason")[1].text()
    done = []
    dlg.done.connect(done.append)
    type_text(dlg.reason, "Запрошены сведения в районе")
    dlg.notice_on.set_date(TODAY)
    dlg.submit()
    assert done and done[0].extension is not None
    assert done[0].extension.days == 30


def test_forwarding_dialog_refuses_late_forwarding(qtbot, office):
    card = _fresh(office, registered_on=TODAY - timedelta(days=20), received_on=TODAY - timedelta(days=20))
    dlg = ForwardingDialog(office, card)
    qtbot.addWidget(dlg)
    type_text(dlg.to_body, "Министерство ЖКХ")
    dlg.submit()
    err = dlg.errors.lookup("forwarded_on")[1]
    assert err.isVisible() or err.text()
    assert "в течение 7 дней" in err.text()


def test_card_extend_forward_answer_and_history(qtbot, main_window, office):
    card = _fresh(office)
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    # forwarding one of the two questions
    window.forward()
    dlg = window._dialog
    dlg.questions.item(1).setCheckState(Qt.CheckState.Unchecked)
    type_text(dlg.to_body, "Министерство ЖКХ области")
    dlg.submit()
    assert "Министерство ЖКХ области" in window.progress.forward_text.text()
    assert window.card.questions[0].result == "forwarded"
    # the answer closes the appeal when every question has a result
    window.tabs.setCurrentWidget(window.progress)
    model = window.registration.questions.model
    model.setData(model.index(1, 4), "explained")
    window.progress.answer_on.set_date(TODAY)
    window.progress.method.set_value("post")
    window.progress.satisfaction.set_value("satisfied")
    assert window.save(), window.banner.text()
    saved = office.appeals.get(card.id)
    assert saved.status == "closed" and saved.answer_method == "post"
    assert window.closed_box.isVisible()
    history = window.history.table
    actions = {history.item(r, 2).text() for r in range(history.rowCount())}
    assert {"Регистрация", "Переадресация", "Ответ"} <= actions
    assert main_window.journal.model.row_of(card.id) is not None


def test_answer_without_date_is_an_inline_error(qtbot, main_window, office):
    card = _fresh(office)
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    window.progress.answer_number.setText("15-исх")
    assert not window.save()
    assert window.progress.err_answer_on.text() == "Укажите дату ответа"
    assert window.tabs.currentWidget() is window.progress


def test_attachments_are_kept_in_the_database(qtbot, main_window, office, tmp_path):
    aid = office.journal.ids(JournalQuery())[0]
    main_window.open_card(aid)
    window = main_window.open_cards()[0]
    scan = tmp_path / "скан заявления.pdf"
    scan.write_bytes(b"%PDF-1.4 test")
    window.attachments.service.add(aid, scan)
    window.attachments.load(aid)
    assert window.attachments.table.rowCount() == 1
    assert window.attachments.table.item(0, 0).text() == "скан заявления.pdf"
    scan.unlink()  # the original is gone: the copy in the database is what opens
    shown = window.attachments.service.open_copy(window.attachments.items[0].id)
    assert shown.read_bytes() == b"%PDF-1.4 test" and shown.name == "скан заявления.pdf"
    assert shown.stat().st_mode & 0o077 == 0  # the scan's personal data: readable by the user only
    window.attachments.table.selectRow(0)
    window.attachments.remove_current()
    assert window.attachments.table.rowCount() == 0


def test_journal_completes_ids_in_the_background(qtbot, main_window, office):
    panel = main_window.journal
    type_text(panel.search, "отремонтировать")
    qtbot.waitUntil(lambda: panel.model.query.text == "отремонтировать" and panel.model.is_complete(), timeout=3000)
    assert panel.model.ids() == office.journal.ids(JournalQuery(text="отремонтировать"))


def test_a_notice_sent_later_is_recorded_from_the_card(qtbot, main_window, office):
    from appealdesk.services.values import ExtensionInput, ForwardingInput

    card = _fresh(office, registered_on=TODAY - timedelta(days=3), received_on=TODAY - timedelta(days=3))
    office.appeals.extend(card.id, ExtensionInput(20, "Запрос в район", "Глава", extended_on=TODAY - timedelta(days=1)))
    office.appeals.forward(card.id, ForwardingInput("Министерство ЖКХ", TODAY - timedelta(days=2),
                                                    question_ids=(card.questions[1].id,)))
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    progress = window.progress
    window.tabs.setCurrentWidget(progress)
    assert "уведомления нет" in progress.extension_text.text() and "уведомления нет" in progress.forward_text.text()
    assert progress.extension_notice_button.isVisibleTo(window) and progress.forward_notice_button.isVisibleTo(window)
    progress.extension_notice_button.click()
    dlg = window._dialog
    assert dlg.notice_on.date() == TODAY
    dlg.notice_on.set_date(TODAY - timedelta(days=5))  # before the extension: refused inline
    dlg.submit()
    assert dlg.isVisible() and "раньше продления" in dlg.errors.lookup("notice_on")[1].text()
    dlg.notice_on.set_date(TODAY)
    dlg.submit()
    assert f"заявитель уведомлён {TODAY:%d.%m.%Y}" in progress.extension_text.text()
    assert not progress.extension_notice_button.isVisibleTo(window)
    progress.forward_notice_button.click()
    dlg = window._dialog
    assert dlg.forwarding.count() == 1
    dlg.submit()
    assert office.appeals.get(card.id).forwardings[0].notice_on == TODAY
    assert not progress.forward_notice_button.isVisibleTo(window)
    history = window.history.table
    actions = [history.item(r, 2).text() for r in range(history.rowCount())]
    assert "Уведомление о продлении" in actions


def test_forwarding_offers_the_bodies_known_to_sstu_and_says_when_one_is_not(qtbot, office):
    from dataclasses import replace

    guid = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
    office.settings.save(replace(office.settings.get(),
                                 sstu_bodies=(("Прокуратура Сосновского района", guid),)))
    card = _fresh(office)
    dlg = ForwardingDialog(office, card)
    qtbot.addWidget(dlg)
    dlg.show()
    completer = dlg.to_body.completer()
    completer.setCompletionPrefix("прокуратура")
    assert completer.currentCompletion() == "Прокуратура Сосновского района"
    completer.setCompletionPrefix("сосновск")  # a word inside the name is enough
    assert completer.currentCompletion() == "Прокуратура Сосновского района"
    type_text(dlg.to_body, "Министерство ЖКХ")
    assert "нет в Настройки → ССТУ.РФ" in dlg.sstu_hint.text()
    dlg.to_body.setText("прокуратура  сосновского района")  # the upload matches case and spaces folded
    assert dlg.sstu_hint.text() == "Идентификатор ССТУ этого органа есть в настройках."
