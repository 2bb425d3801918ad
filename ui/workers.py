"""Slow work off the GUI thread, with a progress dialog. The work function gets a ``progress(done, total)``
callback; results and errors come back to the GUI thread by queued signals. No widget is touched from the
worker."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)


class Cancelled(Exception):
    pass


class Task(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Callable[[int, int], None]], Any], parent: QObject | None = None,
                 failure: str = "Операция не выполнена"):
        super().__init__(parent)
        self._work = work
        self._failure = failure  # the start of the Russian message for an unexpected error
        self._cancel = threading.Event()
        self.thread: threading.Thread | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float) -> None:
        if self.thread is not None:
            self.thread.join(timeout)

    def start(self) -> None:
        self.thread = threading.Thread(target=self.run, name="task", daemon=True)
        self.thread.start()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(int(done), int(total))

    def run(self) -> None:
        """The work, in the calling thread (``start`` runs it in a new one)."""
        from appealdesk.errors import AppealDeskError

        try:
            result = self._work(self._progress)
        except Cancelled:
            self.failed.emit("")
            return
        except AppealDeskError as exc:
            self.failed.emit(str(exc))
            return
        except OSError as exc:
            from appealdesk.os_errors import os_error_text

            self.failed.emit(f"Не удалось записать файл: {os_error_text(exc)}")
            return
        except Exception as exc:
            from appealdesk.log_privacy import safe_message

            log.exception("background task failed")
            self.failed.emit(f"{self._failure}: {safe_message(exc)}")
            return
        self.succeeded.emit(result)


def run_with_progress(
    parent: QWidget,
    title: str,
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    failure: str = "Операция не выполнена",
    on_finish: Callable[[], None] | None = None,
) -> Task:
    """Start ``work`` in a thread with a modal progress dialog that can cancel it. ``on_finish`` runs first
    when it ends in any way (done, failed, cancelled); ``on_error`` gets no call for a cancel."""
    dialog = QProgressDialog(title, "Отмена", 0, 0, parent)
    dialog.setWindowTitle("AppealDesk")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    task = Task(work, parent, failure)

    def progressed(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finish() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        if on_finish is not None:
            on_finish()

    task.progressed.connect(progressed)
    task.succeeded.connect(lambda r: (finish(), on_done(r)))
    task.failed.connect(lambda m: (finish(), m and on_error(m)))
    dialog.canceled.connect(task.cancel)
    task.start()
    return task
