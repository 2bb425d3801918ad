"""The help window: the guide's contents on the left, the text on the right, a search line above."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .markdown import headings, to_html


def guide_html() -> tuple[str, list[tuple[int, str, str]]]:
    """The guide as HTML (the bundle's, rendered at build time, else rendered now) and its contents."""
    from appealdesk.paths import resources_dir

    folder = resources_dir() / "help"
    source = (folder / "guide.md").read_text(encoding="utf-8") if (folder / "guide.md").is_file() else ""
    built = folder / "guide.html"
    text = built.read_text(encoding="utf-8") if built.is_file() else to_html(source)
    return text, headings(source)


class HelpWindow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Справка AppealDesk")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.resize(1000, 700)
        html, contents = guide_html()
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setMinimumWidth(180)
        parents: dict[int, QTreeWidgetItem] = {}
        for level, title, anchor in contents:
            parent = parents.get(level - 1)
            item = QTreeWidgetItem([title])
            item.setData(0, Qt.ItemDataRole.UserRole, anchor)
            (parent.addChild(item) if parent is not None and level > 1 else self.contents.addTopLevelItem(item))
            parents[level] = item
        self.contents.expandAll()
        self.contents.currentItemChanged.connect(
            lambda item, _old: item is not None and self.browser.scrollToAnchor(item.data(0, Qt.ItemDataRole.UserRole)))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Найти в справке (Enter — следующее совпадение)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.not_found = QLabel("")
        self.not_found.setStyleSheet("color: #b3261e;")
        top = QHBoxLayout()
        label = QLabel("&Найти:")
        label.setBuddy(self.search)
        top.addWidget(label)
        top.addWidget(self.search, 1)
        top.addWidget(self.not_found)
        split = QSplitter()
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 760])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        QShortcut(QKeySequence("Esc"), self, self.close)
        QShortcut(QKeySequence("Ctrl+F"), self, lambda: (self.search.setFocus(), self.search.selectAll()))
        self.section = "top"

    def open_at(self, section: str) -> None:
        self.section = section
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.scrollToAnchor(section)
        for i in range(self.contents.topLevelItemCount()):
            top = self.contents.topLevelItem(i)
            for item in (top, *(top.child(j) for j in range(top.childCount()))):
                if item.data(0, Qt.ItemDataRole.UserRole) == section:
                    self.contents.blockSignals(True)
                    self.contents.setCurrentItem(item)
                    self.contents.blockSignals(False)
        self.browser.setFocus()

    def find_next(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        found = self.browser.find(text)
        if not found:  # from the start again
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text)
        self.not_found.setText("" if found else "Не найдено")

    def scroll_position(self) -> int:
        return self.browser.verticalScrollBar().value()

    def anchor_position(self, anchor: str) -> int | None:
        """Where ``anchor`` is in the text (tests compare it with the scroll position)."""
        doc: QTextDocument = self.browser.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if anchor in fmt.anchorNames():
                    return int(doc.documentLayout().blockBoundingRect(block).top())
                it += 1
            block = block.next()
        return None
