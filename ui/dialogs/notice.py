"""Recording, after the fact, that the applicant was notified of an extension (59-FZ art. 12 p. 2) or of a
forwarding (art. 8 p. 3): the date of the notice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from ..i18n import fmt_date
from ..widgets.combos import ValueCombo
from ..widgets.date_field import DateField
from .service_dialog import ServiceDialog

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class NoticeDialog(ServiceDialog):
    """``forwardings``: the forwardings without a notice (one is chosen); None: the extension's notice."""

    def __init__(self, desk: AppealDesk, appeal_id: int, reg_number: str, what: str, forwardings=None,
                 parent: QWidget | None = None):
        title = "Уведомление о продлении срока" if what == "extension" else "Уведомление о переадресации"
        super().__init__(f"{title} — обращение № {reg_number}", "Записать", parent)
        self.desk, self.appeal_id, self.what = desk, appeal_id, what
        text = ("Дата, когда заявителю направлено уведомление о продлении срока рассмотрения (ч. 2 ст. 12 59-ФЗ)."
                if what == "extension" else
                "Дата, когда заявителю направлено уведомление о переадресации обращения (ч. 3 ст. 8 59-ФЗ).")
        info = QLabel(text)
        info.setWordWrap(True)
        self.form.addRow(info)
        self.forwarding = None
        if what == "forwarding":
            self.forwarding = ValueCombo((fw.id, f"{fmt_date(fw.forwarded_on)} → {fw.to_body}") for fw in forwardings)
            self.row("&Переадресация:", "forwarding_id", self.forwarding)
        self.notice_on = DateField()
        self.notice_on.set_date(desk.today())
        self.row("&Дата уведомления:", "notice_on", self.notice_on)
        self.notice_on.setFocus()
        self.setMinimumWidth(640)

    def precheck(self) -> list:
        from appealdesk.errors import FieldError

        if not self.notice_on.is_valid() or self.notice_on.date() is None:
            return [FieldError("notice_on", "Введите дату уведомления: ДД.ММ.ГГГГ")]
        return []

    def call(self):
        if self.what == "extension":
            return self.desk.appeals.record_extension_notice(self.appeal_id, self.notice_on.date())
        return self.desk.appeals.record_forwarding_notice(self.forwarding.value(), self.notice_on.date())


def for_item(desk: AppealDesk, item, parent: QWidget | None = None) -> NoticeDialog | None:
    """The notice dialog for a today-list line (``ControlItem``) that lacks one."""
    if not item.notice_missing:
        return None
    card = desk.appeals.get(item.appeal_id)
    if item.what == "extension_notice":
        return NoticeDialog(desk, card.id, card.reg_number, "extension", parent=parent)
    pending = [fw for fw in card.forwardings if fw.notice_on is None]
    dlg = NoticeDialog(desk, card.id, card.reg_number, "forwarding", pending, parent)
    dlg.forwarding.set_value(item.forwarding_id)
    return dlg
