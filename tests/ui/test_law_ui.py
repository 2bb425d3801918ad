"""The law on the desktop: the card says what the law asks to look at, records an interim answer and a request
for documents; the today panel's documents line records the request fulfilled."""

from __future__ import annotations

from datetime import date

from appealdesk.control.values import DocumentRequestInput
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
from ui.card.window import AppealCardWindow
from ui.today.lists import ItemsDialog

from .conftest import TODAY

HEAT = "0005.0005.0056.1156"


def _no_address(office):
    return office.appeals.register(AppealInput(
        form="written", kind="statement", summary="Нет отопления", questions=(QuestionInput(HEAT),),
        registered_on=date(2026, 11, 16), applicant=ApplicantInput(last_name="Смирнов", first_name="Олег")))


def test_the_card_shows_the_laws_warnings_and_keeps_an_interim_answer(qtbot, office):
    card = _no_address(office)
    win = AppealCardWindow(office, card.id)
    qtbot.addWidget(win)
    win.show()
    assert win.warnings.isVisible() and "ч.1 ст.11" in win.warnings.text()
    assert not win.registration.receipt.channel.isEnabled()  # a written appeal has no electronic channel
    win.interim_answer()
    dlg = win._dialog
    dlg.text.setPlainText("Запрошены сведения в теплоснабжающей организации")
    dlg.final_due.set_date(date(2026, 12, 10))
    with qtbot.waitSignal(dlg.done, timeout=5000):
        dlg.submit()
    assert "промежуточный 20.11.2026 (окончательный — до 10.12.2026)" in win.progress.answers_text.text()
    win.request_documents()
    req = win._dialog
    req.body.setText("ООО «Теплосеть»")
    with qtbot.waitSignal(req.done, timeout=5000):
        req.submit()
    assert "ООО «Теплосеть» от 20.11.2026, срок 04.12.2026" in win.progress.documents_text.text()


def test_the_documents_line_records_the_request_fulfilled(qtbot, office):
    office.control.add_document_request(DocumentRequestInput("incoming", "Администрация района", TODAY,
                                                             subject="Сведения по обращению"))
    dlg = ItemsDialog(office, "documents", "Запросы документов", None)
    qtbot.addWidget(dlg)
    assert dlg.table.model_.rowCount() == 0  # due 04.12: not yet among the days that are due soon
    office.control.add_document_request(DocumentRequestInput("incoming", "Прокуратура района", date(2026, 11, 5)))
    dlg.reload()
    assert dlg.table.model_.rowCount() == 1
    dlg.table.selectRow(0)
    dlg._documents_done()
    answer = dlg._dialog
    with qtbot.waitSignal(answer.done, timeout=5000):
        answer.submit()
    assert dlg.table.model_.rowCount() == 0
    assert [r.body for r in office.control.document_requests()] == ["Администрация района"]
