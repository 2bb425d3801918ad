"""The "Сегодня" panel: what is overdue and due, and the problems to fix, each line one click from its list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import prefs

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

COLOURS = {"alarm": "#b3261e", "warn": "#a35200", "info": "#1f3b63"}


class TodayPanel(QWidget):
    journal_requested = Signal(str)  # a journal state filter
    list_requested = Signal(str)  # a today line's key: the list dialog
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = None
        self.summary = None
        self.heading = QLabel()
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.heading.setFont(f)
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
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_at_start)
        bottom.addStretch(1)
        bottom.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addSpacing(8)
        lay.addWidget(self.lines_box)
        lay.addStretch(1)
        lay.addLayout(bottom)

    def set_desk(self, desk: AppealDesk) -> None:
        self.desk = desk
        if desk is not None:
            self.refresh()

    def refresh(self) -> None:
        if self.desk is None:
            return
        try:
            s = self.desk.control.today()
        except Exception as exc:
            self.heading.setText(f"Не удалось получить сроки: {exc}")
            return
        self.set_summary(s)

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
                b = QPushButton()
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
