"""The "Сегодня" panel: what is overdue and due, and the problems to fix, each line one click from its list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..widgets.flow import FlowLayout
from . import prefs

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

COLOURS = {"alarm": "#b3261e", "warn": "#a35200", "info": "#1f3b63"}


class LineButton(QPushButton):
    """A flat button whose text wraps (a narrow panel keeps every word of «Срок в ближайшие 3 раб. дн.…»),
    focusable and pressed with Space like any button."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.addWidget(self.label)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def text(self) -> str:
        return self.label.text()

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_LINE_WIDTH, self.layout().minimumSize().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)


MIN_LINE_WIDTH = 140


class TodayPanel(QWidget):
    journal_requested = Signal(str)  # a journal state filter
    list_requested = Signal(str)  # a today line's key: the list dialog
    open_requested = Signal(int)
    counted = Signal(object)  # a TodaySummary read by ``refresh``

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = None
        self.summary = None
        self.heading = QLabel()
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setWordWrap(True)
        self.hint = QLabel("Щёлкните строку (или Tab и Пробел), чтобы открыть список.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.lines_box = QWidget()
        self.grid = QGridLayout(self.lines_box)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        self.numbers: dict[str, QLabel] = {}
        self.refresh_button = QPushButton("Обновить")
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        self.show_at_start = QCheckBox("Показывать при запуске")
        self.show_at_start.setChecked(prefs.show_at_start())
        self.show_at_start.toggled.connect(prefs.set_show_at_start)
        bottom_box = QWidget()
        bottom = FlowLayout(bottom_box, h_spacing=12)
        bottom.addWidget(self.show_at_start)
        bottom.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addSpacing(8)
        # the lines scroll when the panel is short (a 768-px screen, a dozen lines wrapped in a narrow panel)
        holder = QWidget()
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.lines_box)
        hl.addStretch(1)
        self.lines_scroll = QScrollArea()
        self.lines_scroll.setWidgetResizable(True)
        self.lines_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines_scroll.setWidget(holder)
        lay.addWidget(self.lines_scroll, 1)
        lay.addWidget(bottom_box)

    def set_desk(self, desk: AppealDesk) -> None:
        self.desk = desk
        if desk is not None:
            self.refresh()

    def refresh(self):
        """Count again off the GUI thread (a few hundred milliseconds at 100 000 appeals); returns the
        operation (``None`` without a database)."""
        if self.desk is None:
            return None
        from .. import ops

        desk = self.desk

        def failed(message: str) -> None:
            self.heading.setText(f"Не удалось получить сроки: {message}")

        return ops.query(self, desk.control.today).success(self._take).failure(failed).run()

    def _take(self, summary) -> None:
        if self.desk is not None:
            self.set_summary(summary)
            self.counted.emit(summary)

    def set_summary(self, s) -> None:
        self.summary = s
        weekday = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
        self.heading.setText(f"Сегодня {s.today:%d.%m.%Y}, {weekday[s.today.weekday()]}")
        for row, line in enumerate(s.lines):
            b = self.buttons.get(line.key)
            if b is None:
                num = QLabel()
                num.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                num.setMinimumWidth(num.fontMetrics().horizontalAdvance("00000") + 8)
                f = num.font()
                f.setBold(True)
                f.setPointSizeF(f.pointSizeF() * 1.25)
                num.setFont(f)
                b = LineButton()
                b.setAutoDefault(False)
                b.setFlat(True)
                b.setCursor(Qt.CursorShape.PointingHandCursor)
                b.setStyleSheet("QPushButton { text-align: left; padding: 3px 6px; }"
                                "QPushButton:focus { border: 1px solid palette(highlight); }")
                b.clicked.connect(lambda _=False, k=line.key: self.activate(k))
                self.grid.addWidget(num, row, 0)
                self.grid.addWidget(b, row, 1)
                self.buttons[line.key], self.numbers[line.key] = b, num
            num = self.numbers[line.key]
            num.setText(str(line.count))
            colour = COLOURS.get(line.severity, COLOURS["info"]) if line.count else "#8a8a8a"
            num.setStyleSheet(f"color: {colour};")
            b.setText(line.title + ("" if line.count else " — нет"))
            b.setEnabled(bool(line.count))
            b.setToolTip((line.description or line.title)
                         + (". Щелчок — показать в журнале." if line.journal_state else ". Щелчок — показать список."))
        self.grid.setColumnStretch(1, 1)

    def activate(self, key: str) -> None:
        line = next((ln for ln in self.summary.lines if ln.key == key), None) if self.summary else None
        if line is None:
            return
        if line.journal_state:
            self.journal_requested.emit(line.journal_state)
        else:
            self.list_requested.emit(key)
