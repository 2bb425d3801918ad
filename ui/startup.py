"""Opening the database off the GUI thread, so that the main window paints first.

``Opening`` starts a plain Python thread at the very beginning of ``main()`` (before PySide6 is even
imported). First it reads the journal's first screen with plain ``sqlite3`` (``services.first_screen``: a
few milliseconds, no SQLAlchemy), so the journal is filled as the window appears. Then, once the window has
painted with those rows (``gate``), it imports the core and SQLAlchemy, opens the database (without the
whole-file check, which runs in the background once the journal is shown) and warms the caches; the window
does not compete with that work for the interpreter. ``DatabaseLoader`` hands both results to the GUI
thread by queued signals. No widget is touched from a thread. This reader is the one thread outside
``ui.ops``: it starts before Qt is imported; everything after the window is up runs as an operation.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

log = logging.getLogger(__name__)


@dataclass
class Opened:
    desk: Any  # AppealDesk
    page: Any  # JournalPage: the journal's first screen in its default order, with the total


GATE_TIMEOUT_S = 3.0  # the full open starts once the first screen is shown, or after this long


class Opening:
    """The database being opened in a thread: ``first_screen`` holds a ``FirstScreen`` or None (the
    journal then waits for the full open), ``future`` holds ``Opened`` or the exception. After a first
    screen, the full open waits for ``gate`` (set when the window shows it) when one is given."""

    def __init__(self, path: str | None, gate: threading.Event | None = None):
        self.path = path
        self.gate = gate
        self.first_screen: Future = Future()
        self.future: Future = Future()
        self.timings: dict[str, float] = {}  # step -> perf_counter when it ended (the benchmark reads it)
        self.at_gate = threading.Event()  # the full open is waiting for the gate (tests wait for it)
        threading.Thread(target=self._run, name="open-database", daemon=True).start()

    def _read_first_screen(self):
        try:
            from appealdesk.services.first_screen import read_first_screen

            from .journal.paging import BLOCK

            return read_first_screen(self.path, BLOCK)
        except Exception as exc:  # only a head start: the full open reports any problem
            log.info("reading the first screen failed: %s", exc)
            return None

    def _run(self) -> None:
        import time

        mark = self.timings
        mark["start"] = time.perf_counter()
        screen = self._read_first_screen()
        self.first_screen.set_result(screen)
        mark["first_screen"] = time.perf_counter()
        if self.gate is not None and screen is not None:  # without a first screen the journal waits for us
            self.at_gate.set()
            self.gate.wait(GATE_TIMEOUT_S)
        mark["gate"] = time.perf_counter()
        try:
            from appealdesk.services import AppealDesk
            from appealdesk.services.journal_values import JournalQuery

            from .journal.paging import BLOCK

            mark["imported"] = time.perf_counter()
            desk = AppealDesk.open(self.path, deep_check=False)
            mark["opened"] = time.perf_counter()
            try:
                desk.warm_up()
                mark["caches"] = time.perf_counter()
                # the first screen read before is still what the database holds (nothing writes meanwhile);
                # with nobody signed in yet (several users) the journal is read after the sign-in
                if desk.current_user is None:
                    page = None
                else:
                    page = screen.page if screen is not None else desk.journal.page(JournalQuery(), 0, BLOCK)
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
        first_screen = Signal(object)  # FirstScreen: the journal's first rows, before the database is open
        opened = Signal(object)  # Opened
        failed = Signal(object)  # DatabaseProblem or another exception

        def adopt(self, opening: Opening) -> None:
            opening.first_screen.add_done_callback(self._first_screen)
            opening.future.add_done_callback(self._done)

        def _first_screen(self, future: Future) -> None:
            if future.result() is not None:
                self.first_screen.emit(future.result())

        def start(self, path: str | None) -> None:
            self.opening = Opening(path)
            self.adopt(self.opening)

        def _done(self, future: Future) -> None:
            exc = future.exception()
            if exc is not None:
                self.failed.emit(exc)
            else:
                self.opened.emit(future.result())

        def connect_queued(self, on_first_screen, on_opened, on_failed) -> None:
            self.first_screen.connect(on_first_screen, Qt.ConnectionType.QueuedConnection)
            self.opened.connect(on_opened, Qt.ConnectionType.QueuedConnection)
            self.failed.connect(on_failed, Qt.ConnectionType.QueuedConnection)

    return DatabaseLoader


_loader_class = None


def DatabaseLoader():
    global _loader_class
    if _loader_class is None:
        _loader_class = _signals()
    return _loader_class()


def preload_classifier(parent, desk: AppealDesk, done) -> None:
    """Load the classifier (names for the journal's topic column, the picker's search) off the GUI thread;
    ``done`` is a signal emitted when it is ready."""
    from . import ops

    ops.query(parent, lambda: desk.reference.classifier_item("0001")).success(lambda _r: done.emit()).quiet().run()


def warm_up_sections(parent, desk: AppealDesk, done) -> None:
    """Load off the GUI thread what the reception and control sections need first (their services, and
    ``holidays`` for the names of holidays in the calendar), so that building them on the GUI thread does
    not freeze the window; ``done`` is a signal emitted afterwards, also when this failed (the sections
    report it themselves when they are built)."""
    from . import ops

    def work() -> None:
        desk.reception, desk.control  # noqa: B018 (imported on first use)
        desk.calendar.holiday_name(desk.today())

    ops.query(parent, work).quiet().finally_(done.emit).run()
