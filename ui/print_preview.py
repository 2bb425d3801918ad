"""The one print preview of every paper: the pages of the very PDF that the program prints and saves (made by
``appealdesk.paper.pdf`` from the one document model), drawn by PDFium; «Печать…» sends those pages to
the printer, «Сохранить в PDF…» writes that PDF. ``PagesView`` is the page list alone, for the dialogs
that show a paper beside their own controls (the report wizard, the reminders, the letter).

Pages are drawn when they scroll into view, so that a long report opens at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

SCREEN_DPI = 96
PRINT_DPI_MAX = 300
GAP = 12
ZOOMS = (("По ширине", 0.0), ("50 %", 0.5), ("75 %", 0.75), ("100 %", 1.0), ("125 %", 1.25), ("150 %", 1.5))


def _render(page, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    fmt = {"RGBX": QImage.Format.Format_RGBX8888, "RGBA": QImage.Format.Format_RGBA8888,
           "RGB": QImage.Format.Format_RGB888}.get(bitmap.mode, QImage.Format.Format_RGBX8888)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
    return image.copy()  # own the pixels: the bitmap's buffer goes with it


class _Page(QWidget):
    def __init__(self, owner: PagesView, index: int):
        super().__init__()
        self.owner, self.index = owner, index
        self.pixmap: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.pixmap is None or self.pixmap.size() != self.size() * self.devicePixelRatioF():
            self.pixmap = self.owner.pixmap(self.index, self.size())
        if self.pixmap is not None:
            p.drawPixmap(self.rect(), self.pixmap)
        p.setPen(Qt.GlobalColor.gray)
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        p.end()


class PagesView(QScrollArea):
    """The pages of a PDF, one under the other, at a zoom or fitted to the width."""

    pages_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setBackgroundRole(self.backgroundRole())
        self.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self._doc = None
        self._data = b""
        self._sizes: list[tuple[float, float]] = []
        self._zoom = 0.0  # 0: fit the width
        self._pages: list[_Page] = []
        inner = QWidget()
        inner.setStyleSheet("background: #8a8a8a;")
        self._lay = QVBoxLayout(inner)
        self._lay.setSpacing(GAP)
        self._lay.setContentsMargins(GAP, GAP, GAP, GAP)
        self._lay.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._empty = QLabel("")
        self._empty.setStyleSheet("color: white;")
        self._empty.setWordWrap(True)
        self._lay.addWidget(self._empty)
        self.setWidget(inner)
        self._relayout = QTimer(self, singleShot=True, interval=60)
        self._relayout.timeout.connect(self._size_pages)

    @property
    def pdf(self) -> bytes:
        return self._data

    def page_count(self) -> int:
        return len(self._sizes)

    def set_placeholder(self, text: str) -> None:
        self._empty.setText(text)

    def set_pdf(self, data: bytes) -> None:
        import pypdfium2 as pdfium

        for w in self._pages:
            w.setParent(None)
            w.deleteLater()
        self._pages = []
        if self._doc is not None:
            self._doc.close()
        self._data = data or b""
        self._doc = pdfium.PdfDocument(self._data) if self._data else None
        self._sizes = [self._doc[i].get_size() for i in range(len(self._doc))] if self._doc is not None else []
        self._empty.setVisible(not self._sizes)
        for i in range(len(self._sizes)):
            page = _Page(self, i)
            self._pages.append(page)
            self._lay.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self._size_pages()
        self.verticalScrollBar().setValue(0)
        self.pages_changed.emit(len(self._sizes))

    def set_zoom(self, zoom: float) -> None:
        self._zoom = zoom
        self._size_pages()

    def _scale(self, width_pt: float) -> float:
        if self._zoom > 0:
            return self._zoom * SCREEN_DPI / 72
        room = max(200, self.viewport().width() - 2 * GAP - 4)
        widest = max((w for w, _h in self._sizes), default=width_pt)
        return room / widest

    def _size_pages(self) -> None:
        for page, (w, h) in zip(self._pages, self._sizes, strict=True):
            s = self._scale(w)
            size = QSize(int(w * s), int(h * s))
            if page.size() != size:
                page.setFixedSize(size)
                page.pixmap = None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._zoom == 0:
            self._relayout.start()

    def pixmap(self, index: int, size: QSize) -> QPixmap | None:
        if self._doc is None and self._data:
            import pypdfium2 as pdfium

            self._doc = pdfium.PdfDocument(self._data)
        if self._doc is None:
            return None
        ratio = self.devicePixelRatioF()
        w, _h = self._sizes[index]
        scale = size.width() * ratio / w
        image = _render(self._doc[index], scale)
        pm = QPixmap.fromImage(image)
        pm.setDevicePixelRatio(ratio)
        return pm

    def print_to(self, printer) -> None:
        """Every page onto ``printer``, each in its own orientation, at up to 300 dpi."""
        from PySide6.QtGui import QPageLayout

        if self._doc is None and self._data:
            import pypdfium2 as pdfium

            self._doc = pdfium.PdfDocument(self._data)
        if self._doc is None:
            return
        dpi = min(PRINT_DPI_MAX, printer.resolution())
        painter = None
        try:
            for i, (w, h) in enumerate(self._sizes):
                orient = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
                if i == 0:
                    printer.setPageOrientation(orient)
                    painter = QPainter(printer)
                else:
                    printer.setPageOrientation(orient)
                    printer.newPage()
                image = _render(self._doc[i], dpi / 72)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(QRect(target.x(), target.y(), scaled.width(), scaled.height()))
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            if painter is not None:
                painter.end()

    def release(self) -> None:
        """Let PDFium's document go (the bytes stay: the view can be given them again)."""
        if self._doc is not None:
            for page in self._pages:
                page.pixmap = None
            self._doc.close()
            self._doc = None

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if self.window() is not None and not self.window().isVisible():
            self.release()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._doc is None and self._data:
            import pypdfium2 as pdfium

            self._doc = pdfium.PdfDocument(self._data)


def save_pdf_as(parent: QWidget, data: bytes, suggested: str, title: str = "Сохранить в PDF") -> Path | None:
    """Ask where, write the PDF there (owner-only: papers hold personal data); None when cancelled or
    refused (the reason is shown)."""
    from appealdesk.os_errors import os_error_text
    from appealdesk.private_files import make_private

    from .errors import show_error

    path, _ = QFileDialog.getSaveFileName(parent, title, str(start_path(suggested)), "PDF (*.pdf)")
    if not path:
        return None
    target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
    try:
        target.write_bytes(data)
        make_private(target)
    except OSError as exc:
        show_error(parent, f"Не удалось сохранить «{target.name}»: {os_error_text(exc)}", title)
        return None
    remember_folder(target)
    return target


def start_path(name: str, kind: str = "pdf") -> Path:
    """Where a save dialog starts: the folder last saved to for this kind of file, else Documents
    (``ui.files``, the one memory of folders)."""
    from . import files

    return files.folder(kind) / name


def remember_folder(path: Path, kind: str = "pdf") -> None:
    from . import files

    files.remember(kind, path)


class PrintPreview(QDialog):
    """«Предварительный просмотр — …»: the pages, zoom, «Печать…», «Сохранить в PDF…», «Закрыть»."""

    def __init__(self, title: str, pdf: bytes, file_name: str, parent: QWidget | None = None,
                 extra: Callable[[QHBoxLayout], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Предварительный просмотр — {title}")
        self.title, self.file_name = title, file_name
        self.saved_to: Path | None = None
        self.view = PagesView()
        self.zoom = QComboBox()
        for text, value in ZOOMS:
            self.zoom.addItem(text, value)
        self.zoom.currentIndexChanged.connect(lambda _i: self.view.set_zoom(self.zoom.currentData()))
        self.count = QLabel()
        self.print_button = QPushButton("&Печать…")
        self.print_button.clicked.connect(self.print_)
        self.pdf_button = QPushButton("&Сохранить в PDF…")
        self.pdf_button.clicked.connect(self.save_pdf)
        close = QPushButton("&Закрыть")
        close.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("Масштаб:"))
        top.addWidget(self.zoom)
        top.addWidget(self.count)
        top.addStretch(1)
        if extra is not None:
            extra(top)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)
        top.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.view.pages_changed.connect(self._count)
        self.view.set_pdf(pdf)
        screen = self.screen().availableGeometry() if self.screen() else QRect(0, 0, 1366, 728)
        self.resize(min(980, screen.width() - 40), min(900, screen.height() - 60))
        self.print_button.setDefault(True)

    def done(self, result: int) -> None:
        self.view.release()
        super().done(result)

    def _count(self, n: int) -> None:
        self.count.setText(f"Страниц: {n}")

    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setFullPage(True)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle("Печать")
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.view.print_to(printer)

    def save_pdf(self) -> Path | None:
        self.saved_to = save_pdf_as(self, self.view.pdf, self.file_name)
        return self.saved_to


def show_preview(parent: QWidget, title: str, pdf: bytes, file_name: str) -> PrintPreview:
    """Open the preview (window-modal, not blocking the caller)."""
    dlg = PrintPreview(title, pdf, file_name, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def safe_file_name(text: str) -> str:
    import re

    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-")[:150] or "документ"


__all__ = ["PagesView", "PrintPreview", "safe_file_name", "save_pdf_as", "show_preview", "start_path"]
