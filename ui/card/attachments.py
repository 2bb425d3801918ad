"""Attachments of an appeal: scans kept inside the database, opened with the system's viewer from a private
temporary copy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import show_error

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} МБ".replace(".", ",")
    return f"{max(1, n // 1024)} КБ"


class AttachmentsTab(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = desk.attachments
        self.appeal_id: int | None = None
        self.items: list = []
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(["Файл", "Размер", "Добавлен"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 90)
        self.table.setColumnWidth(2, 220)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.add_button = QPushButton("Добавить файл…")
        self.open_button = QPushButton("Открыть")
        self.remove_button = QPushButton("Убрать из карточки")
        for b in (self.add_button, self.open_button, self.remove_button):
            b.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.open_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.note)
        lay.addLayout(buttons)
        lay.addWidget(self.table, 1)

    def load(self, appeal_id: int | None) -> None:
        self.appeal_id = appeal_id
        saved = appeal_id is not None
        for b in (self.add_button, self.open_button, self.remove_button):
            b.setEnabled(saved)
        self.items = list(self.service.list(appeal_id)) if saved else []
        self.table.setRowCount(len(self.items))
        for r, a in enumerate(self.items):
            self.table.setItem(r, 0, QTableWidgetItem(a.file_name))
            self.table.setItem(r, 1, QTableWidgetItem(_size(a.size)))
            self.table.setItem(r, 2, QTableWidgetItem(f"{a.added_at:%d.%m.%Y %H:%M}, {a.added_by}"))
        if not saved:
            self.note.setText("Сканы и файлы можно прикрепить после регистрации обращения (Ctrl+S).")
        elif not self.items:
            self.note.setText("Вложений нет. Файлы (до 50 МБ) хранятся в самой базе данных: они попадают в "
                              "резервные копии и видны на всех рабочих местах.")
        else:
            self.note.setText("Двойной щелчок или «Открыть» — открыть файл программой просмотра.")

    def add(self) -> None:
        if self.appeal_id is None:
            return
        from .. import files

        paths = files.open_files(self, files.SCAN, "Прикрепить файлы",
                                 "Сканы и документы (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc "
                                                "*.docx *.odt *.xls *.xlsx *.txt);;Все файлы (*)")
        for p in paths:
            try:
                self.service.add(self.appeal_id, p)
            except Exception as exc:
                show_error(self, str(exc), "Вложения")
        self.load(self.appeal_id)

    def _current(self):
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def open_current(self) -> None:
        a = self._current()
        if a is None:
            return
        try:
            path = self.service.open_copy(a.id)
        except Exception as exc:
            show_error(self, str(exc), "Вложения")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_current(self) -> None:
        a = self._current()
        if a is None:
            return
        try:
            self.service.remove(a.id)
        except Exception as exc:
            show_error(self, str(exc), "Вложения")
        self.load(self.appeal_id)
