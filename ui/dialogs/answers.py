"""Small dialogs of the answer's course: an interim answer (the appeal stays on control until the final one),
a request for documents to another body or from it (59-FZ art. 10 p. 2, 15 days), and its fulfilment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..i18n import fmt_date
from ..widgets.combos import ValueCombo, vocabulary_combo
from ..widgets.date_field import DateField
from .service_dialog import ServiceDialog

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class InterimAnswerDialog(ServiceDialog):
    """An interim answer names the date of the final one, within the deadline in force."""

    def __init__(self, desk: AppealDesk, card, parent: QWidget | None = None):
        super().__init__(f"Промежуточный ответ — обращение № {card.reg_number}", "Записать", parent)
        self.desk, self.card = desk, card
        info = QLabel(f"Обращение останется на контроле до окончательного ответа. Срок рассмотрения: "
                      f"{fmt_date(card.deadline)}; окончательный ответ — не позже этого дня (или продлите срок).")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.answer_on = self.row("Дата &ответа:", "answer_on", DateField(optional=False))
        self.answer_on.set_date(desk.today())
        self.final_due = self.row("Окончательный ответ &до:", "final_due", DateField(optional=False))
        self.final_due.set_date(card.deadline)
        self.number = self.row("Исх. &номер:", "number", QLineEdit())
        self.method = self.row("Способ отправки:", "method", vocabulary_combo(desk, "answer_method", "— не указан —"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        self.text.setPlaceholderText("Что сделано и что ещё предстоит")
        self.row("&Текст:", "text", self.text)

    def call(self):
        from appealdesk.services.values import InterimAnswerInput

        return self.desk.appeals.interim_answer(self.card.id, InterimAnswerInput(
            answer_on=self.answer_on.date() or self.desk.today(), final_due=self.final_due.date() or self.card.deadline,
            text=self.text.toPlainText(), number=self.number.text().strip() or None, method=self.method.value()))


class DocumentRequestDialog(ServiceDialog):
    """Our request for documents to another body for this appeal, or (``card`` None) another body's request to
    us: provided within 15 days."""

    def __init__(self, desk: AppealDesk, card=None, parent: QWidget | None = None):
        title = (f"Запрос документов — обращение № {card.reg_number}" if card is not None
                 else "Запрос документов от другого органа")
        super().__init__(title, "Записать", parent)
        self.desk, self.card = desk, card
        days = desk.settings.get().deadline_rules().document_request_days
        info = QLabel(f"Документы и материалы для рассмотрения обращения предоставляются в течение {days} дней "
                      "(ч. 2 ст. 10 59-ФЗ); срок будет на контроле на панели «Сегодня».")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.direction = ValueCombo((("outgoing", "Наш запрос в другой орган"),
                                     ("incoming", "Запрос другого органа к нам")))
        self.direction.set_value("outgoing" if card is not None else "incoming")
        self.direction.setEnabled(card is not None)
        self.row("&Кто запрашивает:", "direction", self.direction)
        self.body = self.row("&Орган:", "body", QLineEdit())
        self.body.setPlaceholderText("Орган или должностное лицо")
        self.request_on = self.row("Дата &запроса:", "request_on", DateField(optional=False))
        self.request_on.set_date(desk.today())
        self.number = self.row("&Номер:", "number", QLineEdit())
        self.subject = self.row("&Что запрошено:", "subject", QLineEdit())
        if card is None:
            self.errors.bind("appeal_id", self.body, self.errors.lookup("body")[1])

    def call(self):
        from appealdesk.control.values import DocumentRequestInput

        return self.desk.control.add_document_request(DocumentRequestInput(
            direction=self.direction.value() or "outgoing", body=self.body.text(),
            request_on=self.request_on.date() or self.desk.today(),
            appeal_id=self.card.id if self.card is not None else None,
            number=self.number.text().strip() or None, subject=self.subject.text().strip() or None))


class DocumentAnswerDialog(ServiceDialog):
    """The documents of a request provided (ours to them, or theirs to us) on a date."""

    def __init__(self, desk: AppealDesk, request_id: int, what: str, parent: QWidget | None = None):
        super().__init__("Запрос документов исполнен", "Записать", parent)
        self.desk, self.request_id = desk, request_id
        info = QLabel(what)
        info.setWordWrap(True)
        self.form.addRow(info)
        self.answered_on = self.row("Дата &ответа:", "answered_on", DateField(optional=False))
        self.answered_on.set_date(desk.today())
        self.number = self.row("&Номер:", "answer_number", QLineEdit())

    def call(self):
        return self.desk.control.answer_document_request(self.request_id, self.answered_on.date() or self.desk.today(),
                                                         self.number.text().strip() or None)
