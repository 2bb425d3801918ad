"""The history of changes of an appeal, from the audit log, in Russian."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class HistoryTab(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        from appealdesk.services import attachments
        from appealdesk.services.audit import ACTION_LABELS, FIELD_LABELS

        self.actions = {**ACTION_LABELS, **attachments.ACTION_LABELS}
        self.fields = {**FIELD_LABELS, **attachments.FIELD_LABELS}
        self.note = QLabel("")
        self.table = QTableWidget(0, 6)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(["Когда", "Кто", "Действие", "Что изменено", "Было", "Стало"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        hh = self.table.horizontalHeader()
        for col, w in ((0, 120), (1, 140), (2, 130), (3, 150)):
            self.table.setColumnWidth(col, w)
        hh.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)

    def load(self, appeal_id: int | None) -> None:
        records = self.desk.audit.history("appeal", appeal_id) if appeal_id is not None else ()
        rows = []
        for r in reversed(records):  # newest first
            action = self.actions.get(r.action, r.action)
            when = f"{r.at:%d.%m.%Y %H:%M}"
            changes = r.changes or ((None, None, None),)
            for n, (field, old, new) in enumerate(changes):
                rows.append((when if n == 0 else "", r.user if n == 0 else "", action if n == 0 else "",
                             self.fields.get(field, field or ""), old or "", new or ""))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        if appeal_id is None:
            self.note.setText("История появится после регистрации обращения.")
        else:
            self.note.setText(f"Записей: {len(records)}. Сначала новые.")
