"""Promises of answers on secondary control: record one (from the answer), confirm it done with the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from ..dialogs.service_dialog import ServiceDialog
from ..i18n import fmt_date
from ..widgets.combos import ValueCombo
from ..widgets.date_field import DateField

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def _date_errors(fields) -> list:
    from appealdesk.errors import FieldError

    return [FieldError(f, "Неверная дата: введите ДД.ММ.ГГГГ") for f, w in fields if not w.is_valid()]


class PromiseDialog(ServiceDialog):
    kinds = ("promises",)
    """"Отремонтировать до 01.06": what was promised, by when, who does it."""

    def __init__(self, desk: AppealDesk, card, parent: QWidget | None = None):
        super().__init__(f"Обещание в ответе — обращение № {card.reg_number}", "Поставить на контроль", parent)
        self.desk, self.card = desk, card
        info = QLabel("Если в ответе заявителю обещано выполнить работы к сроку, обещание остаётся на контроле и "
                      "после закрытия обращения — до подтверждения выполнения звонком заявителю.")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        self.text.setPlaceholderText("Например: отремонтировать уличное освещение на ул. Мира")
        self.due_on = DateField(optional=True)
        self.executor = ValueCombo(((o.id, o.full_name) for o in desk.reference.officials(executors_only=True)),
                                   "— исполнитель обращения —")
        self.row("&Что обещано:", "text", self.text)
        self.row("&Срок выполнения:", "due_on", self.due_on)
        self.row("&Исполнитель:", "executor_id", self.executor)
        self.text.setFocus()

    def precheck(self) -> list:
        return _date_errors((("due_on", self.due_on),))

    def call(self):
        from appealdesk.control.values import PromiseInput

        return self.desk.control.add_promise(
            self.card.id, PromiseInput(self.text.toPlainText(), self.due_on.date(), self.executor.value()))


class ConfirmPromiseDialog(ServiceDialog):
    kinds = ("promises",)
    def __init__(self, desk: AppealDesk, promise, parent: QWidget | None = None):
        super().__init__(f"Выполнение обещания — обращение № {promise.reg_number}", "Снять с контроля", parent)
        self.desk, self.promise = desk, promise
        info = QLabel(f"<b>{promise.text}</b><br>Срок: {fmt_date(promise.due_on)}; исполнитель: "
                      f"{promise.executor or 'не назначен'}; заявитель: {promise.applicant or '—'}.<br>"
                      "Снять с контроля можно после звонка заявителю, подтвердившего выполнение.")
        info.setWordWrap(True)
        self.form.addRow(info)
        today = desk.today()
        self.done_on = DateField(optional=True)
        self.done_on.set_date(today)
        self.call_on = DateField(optional=True)
        self.call_on.set_date(today)
        self.call_note = QLineEdit()
        self.call_note.setPlaceholderText("Например: заявитель подтвердил, фонари горят")
        self.confirmed_by = QLineEdit(desk.current_user.name if desk.current_user else "")
        self.row("Дата &выполнения:", "done_on", self.done_on)
        self.row("Дата &звонка заявителю:", "call_on", self.call_on)
        self.row("&Что сказал заявитель:", "call_note", self.call_note)
        self.row("&Кто подтвердил:", "confirmed_by", self.confirmed_by)
        self.call_note.setFocus()

    def precheck(self) -> list:
        return _date_errors((("done_on", self.done_on), ("call_on", self.call_on)))

    def call(self):
        from appealdesk.control.values import PromiseDoneInput

        return self.desk.control.confirm_promise(self.promise.id, PromiseDoneInput(
            self.done_on.date(), self.call_on.date(), self.call_note.text(), self.confirmed_by.text()))
