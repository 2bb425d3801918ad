"""Printing the registration card: a print preview (Qt) and a PDF (reportlab, the bundled Cyrillic font).
Both render the same content, ``appealdesk.card_print.card_document``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def document(desk: AppealDesk, card):
    from appealdesk.card_print import card_document

    return card_document(card, desk.reference.label, desk.settings.get().organisation)


def save_pdf(desk: AppealDesk, card, path: str) -> None:
    from appealdesk.card_print import write_card_pdf

    write_card_pdf(document(desk, card), path)


def print_preview(desk: AppealDesk, card, parent: QWidget) -> None:
    from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from appealdesk.card_print import card_html

    html = card_html(document(desk, card))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(f"Карточка {card.reg_number}")
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(f"Предварительный просмотр — карточка № {card.reg_number}")

    def paint(p) -> None:
        doc = QTextDocument()
        doc.setHtml(html)
        doc.print_(p)

    dlg.paintRequested.connect(paint)
    dlg.resize(900, 1000)
    dlg.exec()
