"""Measurements for ``benchmarks/bench_startup.py``; loaded only when ``APPEALDESK_BENCH`` is set.

Prints one JSON line to stdout and quits:
``painted`` (wall-clock time of the first painted main window), ``journal_filled`` (the journal's first rows
painted), ``journal_ready`` (the service layer attached: search, sorting and cards work), for each
search keystroke the time to the updated table, and for clicks on column headers the time the click holds
the window and the time to the new order painted.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

WORDS = ("дорог", "освещ", "снег", "Иван", "вода")
PAUSE_MS = 250  # between keystrokes: a clerk typing and looking at the table
SORT_KEYS = ("received_on", "legal_deadline", "applicant", "executor", "form", "registered_on")


def _mark(event: str) -> None:
    """A line for an external probe (benchmarks/probe_start.py), which timestamps it as it arrives."""
    sys.stdout.write(f"@{event}\n")
    sys.stdout.flush()


def install(window, t0: float, launcher=None) -> None:
    result: dict = {"pid": os.getpid()}

    def painted() -> None:
        result["painted"] = time.time()
        result["painted_since_main"] = time.perf_counter() - t0
        result["painted_perf"] = time.perf_counter()

    # the same moment as the bare window's (benchmarks/bench_startup.py): the first paint event, then one
    # turn of the event loop. Connected before anything else, so it is recorded before the journal fills.
    window.first_painted.connect(painted)

    def filled() -> None:  # emitted once the first rows are painted
        result["journal_filled"] = time.time()
        result["journal_filled_perf"] = time.perf_counter()
        _mark("rows-painted")

    window.journal_filled.connect(filled)

    def attached(_desk) -> None:
        window.journal.table.viewport().repaint()
        _mark("interactive")
        result["journal_ready"] = time.time()  # the service attached: search, sort, cards work
        opening = getattr(launcher, "first_opening", None) if launcher is not None else None
        if opening is not None:
            result["opening_ms"] = {k: round((v - t0) * 1000) for k, v in opening.timings.items()}
        result["rows"] = window.journal.model.rowCount()
        QTimer.singleShot(300, search)

    window.desk_attached.connect(attached)

    def search() -> None:
        panel = window.journal
        box = panel.search
        box.setFocus()
        keystroke: list[float] = []
        work: list[float] = []
        panel.searched.connect(lambda secs: work.append(secs))
        chars = [ch for w in WORDS for ch in (*w, None)]  # None: clear the box between words

        def step() -> None:
            if not chars:
                result["search_keystroke_ms"] = [round(x * 1000, 1) for x in keystroke]
                result["search_work_ms"] = [round(x * 1000, 1) for x in work]
                result["search_keystroke_median_ms"] = round(statistics.median(keystroke) * 1000, 1)
                result["search_work_median_ms"] = round(statistics.median(work) * 1000, 1)
                result["debounce_ms"] = panel._timer.interval()
                QTimer.singleShot(PAUSE_MS, sort)
                return
            ch = chars.pop(0)
            if ch is None:
                box.clear()
                panel.apply_search()
                QTimer.singleShot(PAUSE_MS, step)
                return
            start = time.perf_counter()
            n = len(work)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(box, QKeyEvent(kind, 0, QApplication.keyboardModifiers(), ch))

            def wait() -> None:
                if len(work) > n:
                    panel.table.viewport().repaint()
                    keystroke.append(time.perf_counter() - start)
                    QTimer.singleShot(PAUSE_MS, step)
                else:
                    QTimer.singleShot(1, wait)

            QTimer.singleShot(0, wait)

        step()

    def sort() -> None:
        """Click column headers: the time the click holds the window, and the time to the new order painted."""
        from .journal.model import COLUMN_KEYS

        panel = window.journal
        header, model = panel.table.horizontalHeader(), panel.model
        held: list[float] = []
        reordered: list[float] = []
        keys = list(SORT_KEYS)

        def step() -> None:
            if not keys:
                result["sort_click_ms"] = [round(x * 1000, 1) for x in held]
                result["sort_reordered_ms"] = [round(x * 1000, 1) for x in reordered]
                result["sort_click_median_ms"] = round(statistics.median(held) * 1000, 1)
                result["sort_reordered_median_ms"] = round(statistics.median(reordered) * 1000, 1)
                finish()
                return
            key = keys.pop(0)
            start = time.perf_counter()

            def done() -> None:
                model.reordered.disconnect(done)
                panel.table.viewport().repaint()
                reordered.append(time.perf_counter() - start)
                QTimer.singleShot(PAUSE_MS, step)

            model.reordered.connect(done)
            header.setSortIndicator(COLUMN_KEYS.index(key), Qt.SortOrder.AscendingOrder)
            held.append(time.perf_counter() - start)

        step()

    def finish() -> None:
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        window.journal.setEnabled(False)
        os._exit(0)  # measured: skip the teardown
