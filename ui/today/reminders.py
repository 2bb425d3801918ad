"""Reminder letters to executors: print preview and PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class RemindersDialog(QDialog):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.data = None
        self.setWindowTitle("Напоминания исполнителям")
        self.resize(900, 640)
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
        self.view = QTextBrowser()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        self.preview_button = QPushButton("Печать…")
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button = QPushButton("Сохранить PDF…")
        self.pdf_button.clicked.connect(self.save_pdf)
        for b in (self.preview_button, self.pdf_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.data = self.desk.control.reminders(self.days.value())
        self.view.setHtml(self.desk.control.reminders_html(self.data))

    def save_pdf(self) -> None:
        from .. import files

        path = files.save_file(self, files.PDF, "Сохранить PDF", f"Напоминания по {self.data.until:%d.%m.%Y}.pdf",
                               files.PDF_FILTER)
        if path:
            self.desk.control.reminders_pdf(self.data, path)

    def preview(self) -> None:
        from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        html = self.desk.control.reminders_html(self.data)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName("Напоминания исполнителям")
        dlg = QPrintPreviewDialog(printer, self)
        dlg.setWindowTitle("Предварительный просмотр — напоминания исполнителям")

        def paint(p) -> None:
            doc = QTextDocument()
            doc.setHtml(html)
            doc.print_(p)

        dlg.paintRequested.connect(paint)
        dlg.resize(900, 1000)
        dlg.exec()
