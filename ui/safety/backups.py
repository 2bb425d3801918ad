"""Automatic backups: when the program is closed and once a day while it runs, into the folder of the
settings (a USB stick, say; by default ``backups`` beside the database), keeping the newest N, each one
checked after writing (``desk.backups``). "Резервная копия сейчас" in the File menu makes one
at once. A chosen folder that is not there (the stick is out) does not lose the copy: it goes to the
default folder and the user is told.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from .. import ops

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk
    from appealdesk.services.backups import Made

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 30 * 60 * 1000  # the daily copy of a program left open overnight


def make_backup(desk: AppealDesk):
    """A verified backup into the chosen folder, else into the default one (``Made``, with a warning)."""
    return desk.backups.make_scheduled()


class AutoBackup(QObject):
    """Attached to the main window: the daily copy, the copy on exit, "Резервная копия сейчас"."""

    finished = Signal(object)  # Made
    failed = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.running = False
        self.finished.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        window.desk_attached.connect(self._attached)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.daily)
        self.last: Made | None = None
        self.warnings: list[str] = []

    def _attached(self, _desk) -> None:
        self.timer.start()
        QTimer.singleShot(5000, self.daily)  # after the start-up work

    # -- daily -----------------------------------------------------------------------------------
    def daily(self) -> bool:
        desk = self.window.desk
        if desk is None or not desk.backups.available() or self.running:
            return False
        try:
            if not desk.backups.due_today():
                return False
        except Exception as exc:  # settings unreadable: the integrity check will say more
            log.warning("daily backup check failed: %s", exc)
            return False
        self.running = True

        def failed(message: str) -> None:
            log.warning("daily backup failed: %s", message)
            self.failed.emit(message)

        ops.query(self, lambda: make_backup(desk)).success(self.finished.emit).failure(failed).run()
        return True

    def _done(self, made: Made) -> None:
        self.running = False
        self.last = made
        self.window.statusBar().showMessage(f"Резервная копия сохранена: {made.path}", 10000)
        if made.warning:
            self._warn(made.warning)

    def _failed(self, message: str) -> None:
        self.running = False
        self._warn(message)

    def _warn(self, message: str) -> None:
        from ..errors import show_error

        self.warnings.append(message)
        show_error(self.window, message, "Резервная копия")

    # -- on exit ---------------------------------------------------------------------------------
    def on_exit(self) -> Made | None:
        """A copy when the program closes, unless nothing changed since the newest one. Synchronous: the
        program is going away."""
        desk = self.window.desk
        if desk is None or not desk.backups.available():
            return None
        try:
            if not desk.backups.changed_since_last():
                return None
            from PySide6.QtWidgets import QApplication

            self.window.statusBar().showMessage("Сохраняю резервную копию…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                made = make_backup(desk)
            finally:
                QApplication.restoreOverrideCursor()
        except Exception as exc:
            log.warning("backup on exit failed: %s", exc)
            self._warn(f"{exc}\n\nПрограмма будет закрыта без резервной копии.")
            return None
        self.last = made
        if made.warning:
            self._warn(made.warning)
        return made


def backup_now(window):
    """File → "Резервная копия сейчас": with a progress dialog; the answer names the file."""
    desk = window.desk
    if desk is None:
        return None
    from PySide6.QtWidgets import QMessageBox

    from ..errors import show_error

    def done(made: Made) -> None:
        text = f"Резервная копия сохранена и проверена:\n{made.path}"
        if made.warning:
            text = made.warning + "\n\n" + text
        window.statusBar().showMessage(f"Резервная копия сохранена: {made.path}", 10000)
        QMessageBox.information(window, "Резервная копия", text)

    return (ops.query(window, lambda _p: make_backup(desk)).with_progress("Резервная копия базы данных…")
            .success(done).failure(lambda msg: show_error(window, msg, "Резервная копия")).run())
