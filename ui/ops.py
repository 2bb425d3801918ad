"""The one way to run work off the GUI thread, and the one signal that says the data changed.

A screen never starts a thread. It asks for an operation:

    ops.query(self, lambda: desk.journal.ids(query)).success(self._take_ids).run()
    ops.change(self, lambda: desk.reception.book(key, data), ops.RECEPTION).success(...).run()
    ops.change(self, work, ops.APPEALS).with_progress("Экспорт журнала…").run()   # work(progress)

The work runs on one thread pool (a few threads: a long export never holds up the journal); its result or
its error comes back on the GUI thread, to callbacks of a parent that still exists (a closed dialog's
callbacks are dropped). Every error takes one path: a domain error's Russian message as it is, a file
error as «Не удалось записать файл: …», anything else logged and said in Russian; without a ``failure``
callback the message is shown in a message box over the parent.

A change operation, done, says what it changed on ``hub().desk_changed`` (a frozenset of kinds below);
the journal, the status bar counts, the deadline calendar, the today panel and the reception section
listen to it (``subscribe``), so no screen refreshes another by hand. Work done on the GUI thread (a card saved at once)
says so with ``changed(kinds)``.

Tests wait for operations (``in_flight() == 0``, or an operation's ``finished``), never for a time.

This mirrors Anki's ``QueryOp``/``CollectionOp`` and ``operation_did_execute``, and Picard's one pool.
The only thread outside it is the start-up reader (``ui.startup.Opening``), which runs before Qt exists.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger(__name__)

# what a change touched (the subscribers reload what shows it)
APPEALS = "appeals"  # registration, answers, extensions, deletion: the journal, counts, calendar, today
RECEPTION = "reception"  # schedules, bookings, reception cards (a card may register an appeal too)
PROMISES = "promises"  # secondary control
REFERENCE = "reference"  # executors, settlements, the classifier, vocabularies
SETTINGS = "settings"  # the office's settings (deadlines, numbering, the organisation)
CALENDAR = "calendar"  # the production calendar (deadlines move)
USERS = "users"  # people and roles
DATABASE = "database"  # another database, a restore, demo data: everything
KINDS = frozenset({APPEALS, RECEPTION, PROMISES, REFERENCE, SETTINGS, CALENDAR, USERS, DATABASE})

MAX_THREADS = 3
FAILURE = "Операция не выполнена"


class Cancelled(Exception):
    """Raised inside the work by ``progress`` once the user pressed «Отмена»."""


class Hub(QObject):
    desk_changed = Signal(object)  # frozenset of kinds

    def __init__(self) -> None:
        super().__init__()
        from . import gc_policy

        gc_policy.install()  # the pool's threads never run the cycle collector (it may free Qt objects)
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(MAX_THREADS)
        self.running: set[Op] = set()


_hub: Hub | None = None


def hub() -> Hub:
    global _hub
    if _hub is None:
        _hub = Hub()
    return _hub


def changed(kinds: str | Iterable[str]) -> None:
    """Announce a change made on the GUI thread (``kinds``: one kind or several)."""
    kinds = frozenset({kinds} if isinstance(kinds, str) else kinds)
    unknown = kinds - KINDS
    if unknown:
        raise ValueError(f"unknown change kinds: {sorted(unknown)}")
    if kinds:
        hub().desk_changed.emit(kinds)


def subscribe(owner: QObject, fn: Callable[[frozenset], None]) -> None:
    """Call ``fn(kinds)`` on every ``desk_changed`` while ``owner`` exists (disconnected when it goes)."""
    import shiboken6

    signal = hub().desk_changed

    def call(kinds: frozenset) -> None:
        if shiboken6.isValid(owner):
            fn(kinds)

    def gone(*_args) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect(call)

    signal.connect(call)
    owner.destroyed.connect(gone)


def touches(kinds: frozenset, *wanted: str) -> bool:
    """Whether a ``desk_changed`` of ``kinds`` concerns a screen showing ``wanted`` (DATABASE: all do)."""
    return DATABASE in kinds or any(k in kinds for k in wanted)


def in_flight() -> int:
    """Operations started and not yet delivered (tests wait for 0)."""
    return len(hub().running)


def error_text(exc: BaseException, failure: str = FAILURE) -> str:
    """The Russian message of an error met by an operation (logged when unexpected)."""
    from appealdesk.errors import AppealDeskError

    if isinstance(exc, AppealDeskError):
        return str(exc)
    if isinstance(exc, OSError):
        from appealdesk.os_errors import os_error_text

        return f"Не удалось записать файл: {os_error_text(exc)}"
    from appealdesk.log_privacy import safe_message

    log.error("an operation failed", exc_info=(type(exc), exc, exc.__traceback__))
    return f"{failure}: {safe_message(exc)}"


class Op(QObject):
    """One operation. Configure with the chained methods, then ``run()``; it delivers once."""

    finished = Signal()  # on the GUI thread, after the callbacks, however it ended
    progressed = Signal(int, int)
    _delivered = Signal(object, object)  # result, exception (from the pool thread)

    def __init__(self, parent: QObject | None, work: Callable[..., Any], kinds: Iterable[str] = (),
                 failure: str = FAILURE):
        super().__init__()
        self._parent = parent
        self._work = work
        self.kinds = frozenset(kinds)
        self._failure_text = failure
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[str], None] | None = None
        self._on_finally: Callable[[], None] | None = None
        self._quiet = False
        self._progress_label: str | None = None
        self._dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        self._ran = threading.Event()
        self.result: Any = None
        self.error: str | None = None  # the Russian message, "" when cancelled
        self.exception: BaseException | None = None  # what the work raised (a dialog may depend on its type)
        self.done = False
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._show_progress)

    # -- configuration ---------------------------------------------------------------------------
    def success(self, fn: Callable[[Any], None]) -> Op:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[str], None]) -> Op:
        """``fn(message)`` instead of the message box; not called for a cancel."""
        self._on_failure = fn
        return self

    def quiet(self) -> Op:
        """Errors are only logged (background work the user did not ask for)."""
        self._quiet = True
        return self

    def finally_(self, fn: Callable[[], None]) -> Op:
        """Runs first when the operation ends in any way (done, failed, cancelled)."""
        self._on_finally = fn
        return self

    def with_progress(self, label: str) -> Op:
        """A window-modal progress dialog with «Отмена»; the work is called as ``work(progress)`` where
        ``progress(done, total)`` updates it (and raises ``Cancelled`` once cancelled)."""
        self._progress_label = label
        return self

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> Op:
        h = hub()
        h.running.add(self)
        if self._progress_label is not None:
            from PySide6.QtWidgets import QProgressDialog, QWidget

            parent = self._parent if isinstance(self._parent, QWidget) else None
            dlg = QProgressDialog(self._progress_label, "Отмена", 0, 0, parent)
            dlg.setWindowTitle("AppealDesk")
            dlg.setWindowModality(Qt.WindowModality.WindowModal)
            dlg.setMinimumDuration(300)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self.cancel)
            self._dialog = dlg
        h.pool.start(self._in_pool)
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float) -> bool:
        """Block until the work itself has returned (not delivered); for a window that is closing."""
        return self._ran.wait(timeout)

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(int(done), int(total))

    def _in_pool(self) -> None:
        result, error = None, None
        try:
            if self._cancel.is_set():
                raise Cancelled
            result = self._work(self._progress) if self._progress_label is not None else self._work()
        except BaseException as exc:  # delivered to the GUI thread, never raised in the pool
            error = exc
        self._ran.set()
        with contextlib.suppress(RuntimeError):  # the application is going away
            self._delivered.emit(result, error)

    def _show_progress(self, done: int, total: int) -> None:
        if self._dialog is not None and total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))

    def _alive(self) -> bool:
        if self._parent is None:
            return True
        import shiboken6

        return shiboken6.isValid(self._parent)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        hub().running.discard(self)
        self.done = True
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        try:
            if error is None:
                self.result = result
            elif isinstance(error, Cancelled):
                self.error = ""
            else:
                self.exception = error
                self.error = error_text(error, self._failure_text)
            if not self._alive():
                return
            if self._on_finally is not None:
                self._on_finally()
            if error is None:
                if self.kinds:
                    changed(self.kinds)
                if self._on_success is not None:
                    self._on_success(result)
            elif self.error:
                if self._on_failure is not None:
                    self._on_failure(self.error)
                elif self._quiet:
                    log.warning("background operation failed: %s", self.error)
                else:
                    from PySide6.QtWidgets import QWidget

                    from .errors import show_error

                    show_error(self._parent if isinstance(self._parent, QWidget) else None, self.error)
        finally:
            self.finished.emit()


def query(parent: QObject | None, work: Callable[..., Any], failure: str = FAILURE) -> Op:
    """Read something off the GUI thread (nothing is announced as changed)."""
    return Op(parent, work, (), failure)


def change(parent: QObject | None, work: Callable[..., Any], kinds: str | Iterable[str],
           failure: str = FAILURE) -> Op:
    """Change the data off the GUI thread; done, ``desk_changed(kinds)`` tells every screen."""
    kinds = {kinds} if isinstance(kinds, str) else set(kinds)
    unknown = kinds - KINDS
    if unknown:
        raise ValueError(f"unknown change kinds: {sorted(unknown)}")
    return Op(parent, work, kinds, failure)


def wait_idle(timeout: float = 10.0) -> bool:
    """Process events until no operation is in flight (for a window that is closing, and for tests)."""
    import time

    from PySide6.QtCore import QCoreApplication

    end = time.monotonic() + timeout
    while in_flight():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents()
        hub().pool.waitForDone(10)
    QCoreApplication.processEvents()
    return True
