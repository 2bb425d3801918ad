"""Moving a visitor's booking to another time or another reception day (the visitor asked to come later)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from appealdesk.errors import DomainError
from appealdesk.reception.values import WEEKDAY_SHORT

from ..widgets.combos import ValueCombo
from .common import banner, ok_cancel, show_banner

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

WEEKS_AHEAD = 12  # how far ahead the receptions to move to are offered


class MoveBookingDialog(QDialog):
    def __init__(self, desk: AppealDesk, booking, entry, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk, self.booking_, self.entry = desk, booking, entry
        self.booking = None  # the moved booking, once done
        self.setWindowTitle("Перенос записи на приём")
        self.resize(780, 240)
        today = desk.today()
        entries = [
            e for e in desk.reception.schedule(today, today + timedelta(weeks=WEEKS_AHEAD)).entries
            if e.status != "cancelled" and e.day >= today
        ]
        if all(e.key != entry.key for e in entries):
            entries.insert(0, entry)
        self.reception = ValueCombo([(e.key, _entry_text(e)) for e in entries])
        self.reception.set_value(entry.key)
        self.slot = ValueCombo()
        self.error = banner()
        head = QLabel(f"<b>{booking.applicant}</b> записан(а) на {entry.day:%d.%m.%Y}, "
                      f"{booking.slot_from:%H:%M}–{booking.slot_to:%H:%M} ({entry.official or entry.kind_label}).")
        head.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Приём:", self.reception)
        form.addRow("&Время:", self.slot)
        buttons = ok_cancel(self, "Перенести")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(self.error)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(buttons)
        self.reception.currentIndexChanged.connect(self._reception_chosen)
        self._reception_chosen()
        self.reception.setFocus()

    def _reception_chosen(self) -> None:
        key = self.reception.value()
        self.error.hide()
        if key is None:
            self.slot.set_items([])
            return
        day = self.desk.reception.day(key)
        free = [(f"{s.slot_from:%H:%M}", f"{s.slot_from:%H:%M}–{s.slot_to:%H:%M}") for s in day.slots
                if s.booking is None or s.booking.id == self.booking_.id]
        self.slot.set_items(free)
        if key == self.entry.key:
            self.slot.set_value(f"{self.booking_.slot_from:%H:%M}")
        if not free:
            show_banner(self.error, "Свободного времени на этом приёме нет: выберите другой.")

    def save(self) -> None:
        key, slot = self.reception.value(), self.slot.value()
        if key is None or slot is None:
            show_banner(self.error, "Выберите приём и время.")
            return
        try:
            self.booking = self.desk.reception.move_booking(self.booking_.id, key, time.fromisoformat(slot))
        except DomainError as exc:
            show_banner(self.error, str(exc))
            return
        self.accept()


def _entry_text(e) -> str:
    who = e.official or "все должностные лица"
    return f"{e.day:%d.%m.%Y} ({WEEKDAY_SHORT[e.day.weekday()]}), {e.hours} — {who}, {e.place}"
