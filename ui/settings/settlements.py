"""Settings page: the settlements (villages) of the municipality. Saved at once through the service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SettlementsPage(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        note = QLabel("Населённые пункты поселения (района): адреса заявителей и отчёты по ним. "
                      "Изменения этого списка сохраняются сразу.")
        note.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda it, _p: self.name.setText((it.data(ID_ROLE + 1) or "") if it else ""))
        self.name = QLineEdit()
        self.name.setPlaceholderText("Например: с. Ключи")
        self.add_button = QPushButton("Добавить")
        self.rename_button = QPushButton("Переименовать")
        self.toggle_button = QPushButton("Скрыть / вернуть")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button.clicked.connect(self.toggle)
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        for b in (self.add_button, self.rename_button, self.toggle_button):
            row.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        lay.addWidget(self.error)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        items = self.desk.reference.settlements(include_inactive=True)
        for s in items:
            item = QListWidgetItem(s.name + ("" if s.active else "  (скрыт)"))
            item.setData(ID_ROLE, s.id)
            item.setData(ID_ROLE + 1, s.name)
            item.setData(ID_ROLE + 2, s.active)
            if not s.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if s.id == select_id:
                self.list.setCurrentItem(item)
        if not items:
            hint = QListWidgetItem("Список пуст. Введите название ниже и нажмите «Добавить».")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(hint)

    def _run(self, fn) -> None:
        from appealdesk.errors import DomainError

        try:
            view = fn()
        except DomainError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.reload(view.id)

    def add(self) -> None:
        self._run(lambda: self.desk.reference.add_settlement(self.name.text()))
        self.name.clear()

    def rename(self) -> None:
        it = self.list.currentItem()
        if it is None or it.data(ID_ROLE) is None:
            return
        self._run(lambda: self.desk.reference.rename_settlement(it.data(ID_ROLE), self.name.text(), it.data(ID_ROLE + 2)))

    def toggle(self) -> None:
        it = self.list.currentItem()
        if it is None or it.data(ID_ROLE) is None:
            return
        self._run(lambda: self.desk.reference.rename_settlement(it.data(ID_ROLE), it.data(ID_ROLE + 1),
                                                                not it.data(ID_ROLE + 2)))
