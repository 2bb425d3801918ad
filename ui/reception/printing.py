"""Print preview of the reception papers (the schedule, the visitor list, the card): the same content as
the PDFs of ``appealdesk.reception.printing``, rendered by Qt."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def preview(doc, parent: QWidget, title: str, exec_: bool = True):
    from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from appealdesk.reception.document import to_html

    html = to_html(doc)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if doc.landscape else QPageLayout.Orientation.Portrait)
    printer.setDocName(title)
    dlg = QPrintPreviewDialog(printer, parent)
    dlg.setWindowTitle(f"Предварительный просмотр — {title}")

    def paint(p) -> None:
        d = QTextDocument()
        d.setHtml(html)
        d.print_(p)

    dlg.paintRequested.connect(paint)
    dlg.resize(1000, 800)
    if exec_:
        dlg.exec()
    return dlg
