"""Settings page: production calendar overrides (transferred days off, working Saturdays) of a year, so that
the admin can enter next year's government decree without a new release."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..widgets.combos import ValueCombo
from ..widgets.date_field import DateField

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

SOURCES = {"admin": "введено вручную", "bundled": "из поставки"}


class CalendarPage(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        today = desk.today()
        note = QLabel("Государственные праздники берутся из встроенного календаря. Здесь — переносы выходных "
                      "по постановлению Правительства (их нужно внести осенью на следующий год) и региональные "
                      "нерабочие дни. Сроки обращений на рассмотрении, которые изменятся, будут показаны и "
                      "пересчитаны после подтверждения.")
        note.setWordWrap(True)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year + 1)
        self.year.setPrefix("Год: ")
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(["Дата", "День", "Примечание", "Откуда"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 110)
        self.day = DateField()
        self.kind = ValueCombo(((False, "выходной"), (True, "рабочий")))
        self.note = QLineEdit()
        self.note.setPlaceholderText("Например: перенос с субботы 3 января")
        self.add_button = QPushButton("Добавить / изменить")
        self.remove_button = QPushButton("Удалить отметку")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Дата:"))
        row.addWidget(self.day)
        row.addWidget(self.kind)
        row.addWidget(self.note, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addWidget(self.error)
        self.rows: list = []
        self.ask = None  # the confirmation of moved deadlines (None: the dialog; a test answers it)
        self.reload()

    def reload(self) -> None:
        self.rows = list(self.desk.reference.calendar_overrides(self.year.value()))
        self.table.setRowCount(len(self.rows))
        for r, (day, working, note, source) in enumerate(self.rows):
            for c, text in enumerate((f"{day:%d.%m.%Y}", "рабочий" if working else "выходной", note or "",
                                      SOURCES.get(source, source or ""))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if not self.rows:
            self.error.setText(f"На {self.year.value()} год переносов нет. Добавьте их по постановлению Правительства.")
            self.error.setStyleSheet("color: #555;")
        else:
            self.error.clear()

    def add(self) -> None:
        from appealdesk.errors import DomainError

        from ..dialogs.deadline_shift import confirmed_change

        d = self.day.date()
        if d is None:
            self.error.setStyleSheet("")
            self.error.setText("Введите дату в виде ДД.ММ.ГГГГ")
            return
        working, note = bool(self.kind.value()), self.note.text().strip() or None
        ref, cal = self.desk.reference, self.desk.calendar
        try:
            done = confirmed_change(self, lambda: cal.preview_override(d, working, note),
                                    lambda shift: ref.set_calendar_override(d, working, note, confirmed=shift),
                                    self.ask)
        except DomainError as exc:
            self.error.setStyleSheet("")
            self.error.setText(str(exc))
            return
        if not done:
            self.error.setStyleSheet("color: #555;")
            self.error.setText("Отметка не сохранена: пересчёт сроков отменён.")
            return
        if d.year != self.year.value():
            self.year.setValue(d.year)
        self.reload()

    def remove(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        from appealdesk.errors import DomainError

        from ..dialogs.deadline_shift import confirmed_change

        day = self.rows[row][0]
        ref, cal = self.desk.reference, self.desk.calendar
        try:
            done = confirmed_change(self, lambda: cal.preview_removal(day),
                                    lambda shift: ref.remove_calendar_override(day, confirmed=shift), self.ask)
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        if not done:
            self.error.setStyleSheet("color: #555;")
            self.error.setText("Отметка не снята: пересчёт сроков отменён.")
            return
        self.reload()
