"""Extension of the term (59-FZ art. 12 p. 2): once, at most 30 days, with a reason and a notice date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from ..i18n import fmt_date
from ..widgets.date_field import DateField
from .service_dialog import ServiceDialog

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ExtensionDialog(ServiceDialog):
    def __init__(self, desk: AppealDesk, card, parent: QWidget | None = None):
        super().__init__(f"Продление срока — обращение № {card.reg_number}", "Продлить", parent)
        self.desk, self.card = desk, card
        rules = desk.settings.get().deadline_rules()
        limit = rules.info_request_extension_max_days if card.kind == "info_request" else rules.extension_max_days
        law = "ст. 18 8-ФЗ" if card.kind == "info_request" else "ч. 2 ст. 12 59-ФЗ"
        info = QLabel(f"Срок сейчас: {fmt_date(card.deadline)}. Продлить можно один раз, не более чем на {limit} дней, "
                      f"с уведомлением заявителя ({law}).")
        info.setWordWrap(True)
        self.form.addRow(info)
        self.days = QSpinBox()
        self.days.setRange(1, max(1, limit))
        self.days.setValue(max(1, limit))
        self.days.setSuffix(" дн.")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Например: запрошены сведения в другом органе")
        s = desk.settings.get()
        self.extended_by = QLineEdit(" ".join(p for p in (s.head_position, s.head_name) if p))
        self.extended_on = DateField(optional=True)
        self.extended_on.set_date(desk.today())
        self.notice_on = DateField(optional=True)
        self.row("На сколько &дней:", "days", self.days)
        self.row("&Основание:", "reason", self.reason)
        self.row("&Кто продлил:", "extended_by", self.extended_by)
        self.row("Дата &продления:", "extended_on", self.extended_on)
        self.row("&Уведомление заявителя:", "notice_on", self.notice_on)
        self.reason.setFocus()

    def precheck(self) -> list:
        from appealdesk.errors import FieldError

        return [FieldError(f, "Неверная дата: введите ДД.ММ.ГГГГ") for f, w in
                (("extended_on", self.extended_on), ("notice_on", self.notice_on)) if not w.is_valid()]

    def call(self):
        from appealdesk.services.values import ExtensionInput

        return self.desk.appeals.extend(
            self.card.id,
            ExtensionInput(
                days=self.days.value(), reason=self.reason.text(), extended_by=self.extended_by.text(),
                extended_on=self.extended_on.date(), notice_on=self.notice_on.date(),
            ),
        )
