"""Settings page: executors and other officials (the head, deputies). Saved at once through the service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..errors import show_error
from .list_page import lay_out_list_page

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class OfficialsPage(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.items: list = []
        self.current_id: int | None = None
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(["ФИО", "Должность", "Телефон", "Роль", "Активен"])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 170)
        self.table.setColumnWidth(2, 110)
        self.table.setColumnWidth(3, 130)
        self.table.setColumnWidth(4, 70)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._select(r))
        self.full_name = QLineEdit()
        self.position = QLineEdit()
        self.department = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.is_executor = QCheckBox("Исполнитель")
        self.is_head = QCheckBox("Руководитель (автор резолюций)")
        self.active = QCheckBox("Работает (показывать в списках)")
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&ФИО:", self.full_name)
        form.addRow("Должность:", self.position)
        form.addRow("Отдел:", self.department)
        form.addRow("Телефон:", self.phone)
        form.addRow("Эл. почта:", self.email)
        flags = QHBoxLayout()
        for c in (self.is_executor, self.is_head, self.active):
            flags.addWidget(c)
        flags.addStretch(1)
        form.addRow("", flags)
        form.addRow("", self.error)
        self.new_button = QPushButton("Новый")
        self.save_button = QPushButton("Сохранить сотрудника")
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        lay_out_list_page(self, "Исполнители появляются в карточке обращения и в фильтрах журнала. Изменения этого "
                          "списка сохраняются сразу.", self.table, form, (self.new_button, self.save_button))
        self.reload()
        self.new()

    def reload(self, select_id: int | None = None) -> None:
        self.items = list(self.desk.reference.officials(include_inactive=True))
        self.table.setRowCount(len(self.items))
        for r, o in enumerate(self.items):
            roles = ", ".join(x for x, on in (("руководитель", o.is_head), ("исполнитель", o.is_executor)) if on)
            for c, text in enumerate((o.full_name, o.position or "", o.phone or "", roles, "да" if o.active else "нет")):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if o.id == select_id:
                self.table.selectRow(r)

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        o = self.items[row]
        self.current_id = o.id
        for w, v in ((self.full_name, o.full_name), (self.position, o.position), (self.department, o.department),
                     (self.phone, o.phone), (self.email, o.email)):
            w.setText(v or "")
        self.is_executor.setChecked(o.is_executor)
        self.is_head.setChecked(o.is_head)
        self.active.setChecked(o.active)
        self.save_button.setText("Сохранить сотрудника")
        self.error.clear()

    def new(self) -> None:
        self.current_id = None
        self.table.clearSelection()
        for w in (self.full_name, self.position, self.department, self.phone, self.email):
            w.clear()
        self.is_executor.setChecked(True)
        self.is_head.setChecked(False)
        self.active.setChecked(True)
        self.save_button.setText("Добавить сотрудника")
        self.error.clear()
        self.full_name.setFocus()

    def save(self) -> None:
        from appealdesk.errors import DomainError
        from appealdesk.services.values import OfficialInput

        data = OfficialInput(
            full_name=self.full_name.text(), position=self.position.text().strip() or None,
            department=self.department.text().strip() or None, phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None, is_executor=self.is_executor.isChecked(),
            is_head=self.is_head.isChecked(), active=self.active.isChecked(),
        )
        try:
            view = self.desk.reference.save_official(data, self.current_id)
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        except Exception as exc:  # pragma: no cover - shown, never a traceback
            show_error(self, str(exc))
            return
        self.error.clear()
        self.reload(view.id)
        self.current_id = view.id
