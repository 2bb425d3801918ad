"""The status bar's live counts: in progress, overdue, due today. A click filters the journal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from appealdesk.domain.codes import DEADLINE_STATE_LABELS as LABELS
from appealdesk.domain.codes import DeadlineState

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

REFRESH_MS = 60_000


class StatusCounts(QWidget):
    state_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._desk = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 6, 0)
        lay.setSpacing(16)
        self.in_progress = self._link("open", LABELS[DeadlineState.IN_PROGRESS])
        self.overdue = self._link("overdue", LABELS[DeadlineState.OVERDUE])
        self.due_today = self._link("due_today", LABELS[DeadlineState.DUE_TODAY])
        for w in (self.in_progress, self.overdue, self.due_today):
            lay.addWidget(w)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.counts = None

    def _link(self, state: str, title: str) -> QLabel:
        label = QLabel(f"{title}: …")
        label.setToolTip("Показать в журнале")
        label.setProperty("state", state)
        label.setProperty("title", title)
        label.linkActivated.connect(lambda _href, s=state: self.state_clicked.emit(s))
        return label

    def set_desk(self, desk: AppealDesk) -> None:
        self._desk = desk
        if desk is None:
            self._timer.stop()
            for w in (self.in_progress, self.overdue, self.due_today):
                w.setText(f"{w.property('title')}: —")
            return
        self.refresh()
        self._timer.start()

    def refresh(self) -> None:
        if self._desk is None:
            return
        try:
            c = self._desk.deadlines.counts()
        except Exception:  # the status bar never interrupts work; the next refresh tries again
            return
        self.counts = c
        self._set(self.in_progress, c.in_progress, None)
        self._set(self.overdue, c.overdue, "#b3261e" if c.overdue else None)
        self._set(self.due_today, c.due_today, "#a35200" if c.due_today else None)

    @staticmethod
    def _set(label: QLabel, n: int, colour: str | None) -> None:
        title = label.property("title")
        style = f"color:{colour}; font-weight:bold;" if colour else "color:palette(window-text);"
        label.setText(f'<a href="#" style="{style} text-decoration:none;">{title}: {n}</a>')
