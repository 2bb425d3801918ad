"""A layout that places its items in a row and wraps them onto the next row when the width runs out (Qt's
"Flow Layout" example): the journal's filters, the calendar's toolbar, rows of buttons. Its minimum width
is that of its widest item, so a window holding it fits a small screen."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget

HINT_WIDTH = 700


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, h_spacing: int = 10, v_spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h = h_spacing
        self._v = v_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """One row of everything, up to ``HINT_WIDTH``: the window it is in decides the width."""
        w = sum(i.sizeHint().width() for i in self._items) + self._h * max(0, len(self._items) - 1)
        m = self.contentsMargins()
        w = max(min(w + m.left() + m.right(), HINT_WIDTH), self.minimumSize().width())
        return QSize(w, self.heightForWidth(w))

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        row: list[tuple[QLayoutItem, QSize]] = []

        def flush(row_y: int) -> None:
            for item, size in row:
                if move:  # centred vertically in the row
                    geo = item.geometry()
                    item.setGeometry(QRect(QPoint(geo.x(), row_y + (line - size.height()) // 2), size))

        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint().boundedTo(QSize(max(area.width(), item.minimumSize().width()), 10**6))
            size = size.expandedTo(item.minimumSize())
            if row and x + size.width() > area.right() + 1:
                flush(y)
                x, y, line, row = area.x(), y + line + self._v, 0, []
            if move:
                item.setGeometry(QRect(QPoint(x, y), size))
            row.append((item, size))
            x += size.width() + self._h
            line = max(line, size.height())
        flush(y)
        return y + line - rect.y() + m.bottom()


def labelled(text: str, widget: QWidget, buddy: QWidget | None = None) -> QWidget:
    """``Текст: [поле]`` as one item of a flow (kept together when the row wraps)."""
    cell = QWidget()
    lay = QHBoxLayout(cell)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(cell.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) or 6)
    label = QLabel(text)
    label.setBuddy(buddy or widget)
    lay.addWidget(label)
    lay.addWidget(widget)
    cell.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return cell
