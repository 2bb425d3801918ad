"""Forwarding by competence (59-FZ art. 8 p. 3): to whom, when, the outgoing number, the applicant's notice,
and which questions (all without a result by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from ..i18n import fmt_date
from ..widgets.date_field import DateField
from .service_dialog import ServiceDialog

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ForwardingDialog(ServiceDialog):
    def __init__(self, desk: AppealDesk, card, parent: QWidget | None = None):
        super().__init__(f"Переадресация — обращение № {card.reg_number}", "Переадресовать", parent)
        self.desk, self.card = desk, card
        days = desk.settings.get().deadline_rules().forwarding_days
        info = QLabel(f"Направить по компетенции нужно в течение {days} дней со дня регистрации "
                      f"({fmt_date(card.registered_on)}) с уведомлением заявителя.")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.to_body = QLineEdit()
        self.to_body.setPlaceholderText("Орган или должностное лицо")
        self.forwarded_on = DateField()
        self.forwarded_on.set_date(desk.today())
        self.outgoing = QLineEdit()
        self.notice_on = DateField()
        self.note = QLineEdit()
        self.questions = QListWidget()
        self.questions.setMaximumHeight(110)
        for q in card.questions:
            item = QListWidgetItem(f"{q.code} {q.name}")
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if q.result else Qt.CheckState.Checked)
            self.questions.addItem(item)
        self.row("&Куда направлено:", "to_body", self.to_body)
        self.row("&Дата направления:", "forwarded_on", self.forwarded_on)
        self.row("Исх. &номер:", "outgoing_number", self.outgoing)
        self.row("&Уведомление заявителя:", "notice_on", self.notice_on)
        self.row("Примечание:", "note", self.note)
        self.row("Вопросы:", "question_ids", self.questions)
        self.to_body.setFocus()

    def precheck(self) -> list:
        from appealdesk.errors import FieldError

        return [FieldError(f, "Неверная дата: введите ДД.ММ.ГГГГ") for f, w in
                (("forwarded_on", self.forwarded_on), ("notice_on", self.notice_on)) if not w.is_valid()]

    def call(self):
        from appealdesk.services.values import ForwardingInput

        ids = tuple(
            self.questions.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.questions.count())
            if self.questions.item(i).checkState() == Qt.CheckState.Checked
        )
        return self.desk.appeals.forward(
            self.card.id,
            ForwardingInput(
                to_body=self.to_body.text(), forwarded_on=self.forwarded_on.date(),
                outgoing_number=self.outgoing.text() or None, notice_on=self.notice_on.date(),
                note=self.note.text() or None, question_ids=ids,
            ),
        )
