"""A tray notification when something falls due while the program is open (only where a tray exists)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

WATCHED = {"overdue": "просрочено", "due_today": "срок сегодня", "promises_overdue": "обещаний просрочено",
           "messages": "сообщений без ответа в срок"}
INTERVAL_MS = 5 * 60_000


class DueNotifier(QObject):
    summary_ready = Signal(object)  # every check's TodaySummary (the today panel shows it)
    clicked = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = None
        self.last: dict[str, int] | None = None
        self.last_text = ""  # what the last check told (tests read it)
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def set_desk(self, desk: AppealDesk, summary=None) -> None:
        self.desk = desk
        self.last = None
        if desk is None:
            self.timer.stop()
            return
        if summary is not None:
            self.baseline(summary)
        self.timer.start()

    def baseline(self, summary) -> None:
        """The counts a later check compares with (the today panel's first count)."""
        if self.last is None:
            self.last = {k: summary.count(k) for k in WATCHED}

    def check(self):
        """Re-count off the GUI thread, then ``compare``; returns the operation."""
        if self.desk is None:
            return None
        from .. import ops

        return ops.query(self, self.desk.control.today).success(self.compare).quiet().run()

    def compare(self, s) -> str:
        """When a watched count grew since the last check, say so in the tray. Returns the text."""
        if self.desk is None:
            return ""
        self.summary_ready.emit(s)
        now = {k: s.count(k) for k in WATCHED}
        grew = [k for k in WATCHED if self.last is not None and now[k] > self.last[k]]
        self.last = now
        self.last_text = "; ".join(f"{WATCHED[k]}: {now[k]}" for k in grew)
        if self.last_text:
            self._show(self.last_text)
        return self.last_text

    def _show(self, text: str) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        if self.tray is None:
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("AppealDesk: сроки рассмотрения обращений")
            self.tray.messageClicked.connect(self.clicked)
            self.tray.activated.connect(lambda _r: self.clicked.emit())
            self.tray.show()
        self.tray.showMessage("AppealDesk: наступили сроки", text, QSystemTrayIcon.MessageIcon.Warning, 15000)
