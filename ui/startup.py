"""Opening the database off the GUI thread, so that the main window paints first.

``Opening`` starts a plain Python thread at the very beginning of ``main()`` (before PySide6 is even
imported): it imports the core and SQLAlchemy, opens the database (without the whole-file check, which runs
in the background once the journal is shown), warms the caches and fetches the journal's first screen.
``DatabaseLoader`` hands the result to the GUI thread by a queued signal. No widget is touched from a thread.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class Opened:
    desk: Any  # AppealDesk
    page: Any  # JournalPage: the journal's first screen in its default order, with the total


class Opening:
    """The database being opened in a thread; ``future`` holds ``Opened`` or the exception."""

    def __init__(self, path: str | None):
        self.path = path
        self.future: Future = Future()
        self.timings: dict[str, float] = {}  # step -> perf_counter when it ended (the benchmark reads it)
        threading.Thread(target=self._run, name="open-database", daemon=True).start()

    def _run(self) -> None:
        import time

        mark = self.timings
        mark["start"] = time.perf_counter()
        try:
            from appealdesk.services import AppealDesk
            from appealdesk.services.values import JournalQuery

            from .journal.paging import BLOCK

            mark["imported"] = time.perf_counter()
            desk = AppealDesk.open(self.path, deep_check=False)
            mark["opened"] = time.perf_counter()
            try:
                desk.ctx.vocabulary()
                desk.ctx.engine()
                mark["caches"] = time.perf_counter()
                page = desk.journal.page(JournalQuery(), 0, BLOCK)
                mark["page"] = time.perf_counter()
            except BaseException:
                desk.close()
                raise
        except Exception as exc:  # every failure goes to the Russian dialog
            log.info("opening the database failed: %s", exc)
            self.future.set_exception(exc)
            return
        self.future.set_result(Opened(desk, page))


def _signals():
    from PySide6.QtCore import QObject, Qt, Signal

    class DatabaseLoader(QObject):
        opened = Signal(object)  # Opened
        failed = Signal(object)  # DatabaseProblem or another exception

        def adopt(self, opening: Opening) -> None:
            opening.future.add_done_callback(self._done)

        def start(self, path: str | None) -> None:
            self.opening = Opening(path)
            self.adopt(self.opening)

        def _done(self, future: Future) -> None:
            exc = future.exception()
            if exc is not None:
                self.failed.emit(exc)
            else:
                self.opened.emit(future.result())

        def connect_queued(self, on_opened, on_failed) -> None:
            self.opened.connect(on_opened, Qt.ConnectionType.QueuedConnection)
            self.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)

    return DatabaseLoader


_loader_class = None


def DatabaseLoader():
    global _loader_class
    if _loader_class is None:
        _loader_class = _signals()
    return _loader_class()


def run_in_thread(fn, on_error) -> None:
    """Run ``fn()`` in a thread; ``on_error(exc)`` is a signal's ``emit`` (queued to the GUI thread)."""

    def run() -> None:
        try:
            fn()
        except Exception as exc:
            on_error(exc)

    threading.Thread(target=run, daemon=True).start()


def preload_classifier(desk, done) -> None:
    """Load the classifier (names for the journal's topic column, the picker's search) in the background;
    ``done`` is a signal emitted when it is ready."""

    def run() -> None:
        desk.reference.classifier_item("0001")
        done.emit()

    run_in_thread(run, lambda exc: log.warning("loading the classifier failed: %s", exc))
