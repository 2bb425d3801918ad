"""Reminder letters to executors: the pages as they print (the one preview's page view), «Печать…» and
«Сохранить в PDF…»."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..print_preview import PagesView, PrintPreview, save_pdf_as

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class RemindersDialog(QDialog):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.data = None
        self.setWindowTitle("Напоминания исполнителям")
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(900, min(760, screen.height() - 60) if screen else 700)
        self.days = QSpinBox()
        self.days.setRange(0, 90)
        self.days.setValue(7)
        self.days.setSuffix(" дн.")
        self.days.valueChanged.connect(self.reload)
        top = QHBoxLayout()
        lab = QLabel("Сроки на ближайшие:")
        lab.setBuddy(self.days)
        top.addWidget(lab)
        top.addWidget(self.days)
        top.addWidget(QLabel("(и всё просроченное)"))
        top.addStretch(1)
        self.view = PagesView()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        self.preview_button = QPushButton("Печать…")
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button = QPushButton("Сохранить в PDF…")
        self.pdf_button.clicked.connect(self.save_pdf)
        for b in (self.preview_button, self.pdf_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(buttons)
        self.reload()

    def done(self, result: int) -> None:
        self.view.release()
        super().done(result)

    def reload(self) -> None:
        self.data = self.desk.control.reminders(self.days.value())
        self.view.set_pdf(self.desk.papers.pdf(self.desk.control.reminders_document(self.data)))

    def _file_name(self) -> str:
        return f"Напоминания по {self.data.until:%d.%m.%Y}.pdf"

    def save_pdf(self):
        return save_pdf_as(self, self.view.pdf, self._file_name())

    def preview(self) -> PrintPreview:
        self.preview_dialog = PrintPreview("напоминания исполнителям", self.view.pdf, self._file_name(), self)
        self.preview_dialog.open()
        return self.preview_dialog
