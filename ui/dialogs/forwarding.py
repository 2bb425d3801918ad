"""Forwarding by competence (59-FZ art. 8 p. 3): to whom, when, the outgoing number, the applicant's notice,
and which questions (all without a result by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from appealdesk.services.office_settings import body_key

from ..i18n import fmt_date
from ..widgets.date_field import DateField
from .service_dialog import ServiceDialog

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ForwardingDialog(ServiceDialog):
    def __init__(self, desk: AppealDesk, card, parent: QWidget | None = None):
        super().__init__(f"Переадресация — обращение № {card.reg_number}", "Переадресовать", parent)
        self.desk, self.card = desk, card
        settings = desk.settings.get()
        days = settings.deadline_rules().forwarding_days
        info = QLabel(f"Направить по компетенции нужно в течение {days} дней со дня регистрации "
                      f"({fmt_date(card.registered_on)}) с уведомлением заявителя.")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.to_body = QLineEdit()
        self.to_body.setPlaceholderText("Орган или должностное лицо")
        # the bodies listed with their ССТУ identifiers (Settings → ССТУ.РФ): picking one spells it so that the
        # upload finds the identifier; a body not listed is said at once, not at the month's upload
        self._sstu = {body_key(name): name for name, _guid in settings.sstu_bodies}
        if self._sstu:
            completer = QCompleter(sorted(self._sstu.values()), self.to_body)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.to_body.setCompleter(completer)
        self.sstu_hint = QLabel()
        self.sstu_hint.setWordWrap(True)
        self.sstu_hint.setStyleSheet("color: #666666;")
        self.to_body.textChanged.connect(self._sstu_hint)
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
        self.form.addRow("", self.sstu_hint)
        self._sstu_hint(self.to_body.text())
        self.row("&Дата направления:", "forwarded_on", self.forwarded_on)
        self.row("Исх. &номер:", "outgoing_number", self.outgoing)
        self.row("&Уведомление заявителя:", "notice_on", self.notice_on)
        self.row("Примечание:", "note", self.note)
        self.row("Вопросы:", "question_ids", self.questions)
        self.to_body.setFocus()

    def _sstu_hint(self, text: str) -> None:
        key = body_key(text)
        if not key:
            shown = "Начните вводить название: органы из Настройки → ССТУ.РФ будут предложены." if self._sstu \
                else ""
        elif key in self._sstu:
            shown = "Идентификатор ССТУ этого органа есть в настройках."
        else:
            shown = ("Этого органа нет в Настройки → ССТУ.РФ: для выгрузки в ССТУ.РФ понадобится его "
                     "идентификатор.")
        self.sstu_hint.setText(shown)
        self.sstu_hint.setVisible(bool(shown))

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
