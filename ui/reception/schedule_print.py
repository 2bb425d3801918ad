"""«Печать графика»: which month (or quarter) of the reception schedule, then print it or save it as PDF
(for the notice board and the site). The month proposed is the next one from the 20th on: the schedule is
put up before the month begins."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from appealdesk.errors import DomainError
from appealdesk.reception.printing import month_period, quarter_period

from ..errors import show_error

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")


def proposed_month(today: date) -> tuple[int, int]:
    if today.day >= 20:
        return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return today.year, today.month


class SchedulePrintDialog(QDialog):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None, span: str = "month"):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Печать графика личного приёма")
        year, month = proposed_month(desk.today())
        self.by_month = QRadioButton("&Месяц")
        self.by_quarter = QRadioButton("&Квартал")
        group = QButtonGroup(self)
        group.addButton(self.by_month)
        group.addButton(self.by_quarter)
        (self.by_quarter if span == "quarter" else self.by_month).setChecked(True)
        self.month = QComboBox()
        self.month.addItems([m.capitalize() for m in MONTHS])
        self.month.setCurrentIndex(month - 1)
        self.quarter = QComboBox()
        self.quarter.addItems(["I квартал", "II квартал", "III квартал", "IV квартал"])
        self.quarter.setCurrentIndex((month - 1) // 3)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        kind = QHBoxLayout()
        kind.addWidget(self.by_month)
        kind.addWidget(self.by_quarter)
        kind.addStretch(1)
        form = QFormLayout()
        form.addRow("График на:", kind)
        form.addRow("Ме&сяц:", self.month)
        form.addRow("Ква&ртал:", self.quarter)
        form.addRow("&Год:", self.year)
        self.period_text = QLabel()
        form.addRow("Период:", self.period_text)
        self.print_button = QPushButton("&Печать…")
        self.pdf_button = QPushButton("Сохранить в &PDF…")
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("Закрыть")
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.print_button.setDefault(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        for w in (self.by_month, self.by_quarter):
            w.toggled.connect(self._update)
        for w in (self.month, self.quarter):
            w.currentIndexChanged.connect(self._update)
        self.year.valueChanged.connect(self._update)
        self._update()
        self.month.setFocus()

    def span(self) -> str:
        return "quarter" if self.by_quarter.isChecked() else "month"

    def period(self) -> tuple[date, date]:
        y = self.year.value()
        if self.span() == "quarter":
            return quarter_period(y, self.quarter.currentIndex() + 1)
        return month_period(y, self.month.currentIndex() + 1)

    def _update(self) -> None:
        self.month.setEnabled(self.span() == "month")
        self.quarter.setEnabled(self.span() == "quarter")
        start, end = self.period()
        self.period_text.setText(f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}")

    def document(self):
        start, end = self.period()
        return self.desk.papers.schedule(start, end)

    def print_(self):
        """The one print preview (ui.print_preview) of the chosen period: «Печать…» and «Сохранить в PDF…»."""
        from .printing import preview

        try:
            doc = self.document()
        except DomainError as exc:
            show_error(self, str(exc), "График приёма")
            return None
        self.preview_dialog = preview(self.desk, doc, self, doc.title.capitalize(), self.file_name())
        return self.preview_dialog

    def file_name(self) -> str:
        start, _end = self.period()
        if self.span() == "quarter":
            return f"График приёма {self.quarter.currentText()} {start.year}.pdf"
        return f"График приёма {MONTHS[start.month - 1]} {start.year}.pdf"

    def ask_pdf(self) -> None:
        from .. import files

        path = files.save_file(self, files.PDF, "Сохранить график в PDF", self.file_name(), files.PDF_FILTER)
        if path:
            self.save_pdf(path)

    def save_pdf(self, path: str) -> bool:
        from .. import ops

        start, end = self.period()
        try:
            self.desk.reception.write_schedule_pdf(start, end, path)
        except (DomainError, OSError) as exc:
            show_error(self, ops.error_text(exc), "График приёма")
            return False
        parent = self.parentWidget()
        bar = parent.window().statusBar() if parent is not None and hasattr(parent.window(), "statusBar") else None
        if bar is not None:
            bar.showMessage(f"График сохранён: {path}", 10000)
        return True
