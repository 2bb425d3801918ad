"""Booking a visitor into a slot of a reception: the slot, the visitor (the appeal card's look-up), the
question, the priority category."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from appealdesk.errors import DomainError
from appealdesk.reception import BookingInput

from ..card.applicant import ApplicantBox
from ..widgets.combos import ValueCombo
from .common import banner, ok_cancel, show_banner

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

PRIORITY = ("", "ветеран Великой Отечественной войны", "ветеран боевых действий", "инвалид I или II группы",
            "участник СВО или член его семьи", "многодетный родитель", "гражданин с ребёнком до 3 лет")


class BookingDialog(QDialog):
    def __init__(self, desk: AppealDesk, day, slot_from=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.day, self.booking = desk, day, None
        e = day.entry
        self.setWindowTitle("Запись на приём")
        self.resize(620, 640)
        free = [(f"{s.slot_from:%H:%M}", f"{s.slot_from:%H:%M}–{s.slot_to:%H:%M}") for s in day.slots
                if s.booking is None]
        self.slot = ValueCombo(free)
        if slot_from is not None:
            self.slot.set_value(f"{slot_from:%H:%M}")
        self.applicant = ApplicantBox(desk, self)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("Кратко: с каким вопросом придёт")
        self.priority = ValueCombo([(p, p) for p in PRIORITY if p], "— нет —")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("Для связи, если приём перенесут")
        self.error = banner()
        who = e.official or "все должностные лица"
        head = QLabel(f"<b>{e.kind_label}</b>: {who}, {e.day:%d.%m.%Y}, {e.hours}<br>{e.place}")
        form = QFormLayout()
        form.addRow("&Время:", self.slot)
        form.addRow("&Вопрос:", self.topic)
        form.addRow("&Первоочередной приём:", self.priority)
        form.addRow("Теле&фон для связи:", self.phone)
        buttons = ok_cancel(self, "Записать")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.error)
        lay.addWidget(self.applicant)
        lay.addLayout(form)
        lay.addWidget(buttons)
        if not free:
            show_banner(self.error, "Свободного времени на этом приёме нет.")
        self.applicant.last_name.setFocus()

    def save(self) -> None:
        if self.slot.value() is None:
            show_banner(self.error, "Выберите время записи.")
            return
        data = BookingInput(
            slot_from=time.fromisoformat(self.slot.value()), applicant_id=self.applicant.applicant_id,
            applicant=self.applicant.applicant_input(), topic=self.topic.text(),
            priority_category=self.priority.value(), phone=self.phone.text(),
        )
        try:
            self.booking = self.desk.reception.book(self.day.entry.key, data)
        except DomainError as exc:
            show_banner(self.error, str(exc))
            return
        self.accept()
