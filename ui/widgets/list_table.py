"""A read-only list table that says, in its empty viewport, what the list is for and how to fill it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QWidget


class ListTable(QTableWidget):
    def __init__(self, headers: list[str], empty_text: str, parent: QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self.empty_text = empty_text
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab leaves the list for the next control
        self.horizontalHeader().setStretchLastSection(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.rowCount() == 0 and self.empty_text:
            p = QPainter(self.viewport())
            p.setPen(self.palette().placeholderText().color())
            area = self.viewport().rect().adjusted(24, 12, -24, -12)
            p.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            p.end()
