"""Executor discipline for a period, with the export to XLSX."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..widgets.date_field import DateField

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

HEADERS = ("Исполнитель", "Всего", "В срок", "С нарушением", "В работе", "Просрочено сейчас", "Ср. дней до ответа",
           "Письма позже срока")


class DisciplineDialog(QDialog):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.result_ = None
        self.setWindowTitle("Исполнительская дисциплина")
        self.resize(960, 480)
        today = desk.today()
        self.date_from = DateField(optional=False)
        self.date_from.set_date(date(today.year, 1, 1))
        self.date_to = DateField(optional=False)
        self.date_to.set_date(today)
        self.show_button = QPushButton("Показать")
        self.show_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(QLabel("Обращения, зарегистрированные с"))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("по"))
        top.addWidget(self.date_to)
        top.addWidget(self.show_button)
        top.addStretch(1)
        self.error = QLabel()
        self.error.setStyleSheet("color:#b3261e;")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(HEADERS)):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        self.export_button = QPushButton("Сохранить в Excel…")
        self.export_button.clicked.connect(self.export)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.error)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        from appealdesk.errors import DomainError

        self.error.setText("")
        a, b = self.date_from.date(), self.date_to.date()
        if a is None or b is None:
            self.error.setText("Укажите период: ДД.ММ.ГГГГ")
            return
        try:
            d = self.desk.control.discipline(a, b)
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        self.result_ = d
        rows = (*d.rows, d.total)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            avg = "" if r.avg_days is None else f"{r.avg_days:.1f}".replace(".", ",")
            for c, v in enumerate((r.executor, r.total, r.on_time, r.late, r.open_in_term, r.overdue_now, avg,
                                    r.late_letters)):
                item = QTableWidgetItem(str(v))
                if r is d.total:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.table.setItem(i, c, item)
        self.export_button.setEnabled(True)

    def export(self) -> None:
        if self.result_ is None:
            return
        d = self.result_
        from .. import files

        path = files.save_file(self, files.JOURNAL, "Сохранить в Excel",
                               f"Исполнительская дисциплина {d.date_from:%d.%m.%Y}-{d.date_to:%d.%m.%Y}.xlsx",
                               files.XLSX_FILTER)
        if path:
            self.save(path)

    def save(self, path: str) -> None:
        from appealdesk.errors import AppealDeskError
        from appealdesk.os_errors import os_error_text

        from ..errors import show_error

        try:
            self.desk.control.export_discipline(self.result_, path)
        except AppealDeskError as exc:
            show_error(self, str(exc), "Исполнительская дисциплина")
        except OSError as exc:
            show_error(self, f"Не удалось сохранить файл: {os_error_text(exc)}", "Исполнительская дисциплина")
