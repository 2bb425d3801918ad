"""Python's cycle collector runs on the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate when a generation fills up. In a
pool thread (a report drawn by ``ui.ops``) it may then free a cycle that holds a Qt object (a closed
dialog, a model), and Qt objects must be destroyed on the thread that owns them: the program crashes with
a segmentation fault, rarely and at random. So, as Anki does, automatic collection is switched off once the
application exists, and a timer on the GUI thread collects each generation whose allocation count has gone
past the interpreter's own threshold, which is what automatic collection would have done, on the right thread.
Reference counting still frees everything without cycles at once; only cycles wait for the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 500

_collector: QObject | None = None


def collect_due() -> int | None:
    """Collect the oldest generation that is due by the interpreter's thresholds (GUI thread only).
    Returns the generation collected, or None when none is due."""
    app = QCoreApplication.instance()
    if app is not None and QThread.currentThread() is not app.thread():
        return None  # never from a pool thread: that is the whole point
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = None
    for generation in range(3):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            due = generation
        else:
            break  # an older generation is only due when the younger ones are
    if due is not None:
        gc.collect(due)
    return due


def install() -> bool:
    """Switch automatic collection off and collect on the GUI thread from now on; True once installed.
    Idempotent; does nothing before the application object exists (no event loop to run the timer)."""
    global _collector
    app = QCoreApplication.instance()
    if _collector is not None:
        return True
    if app is None:
        return False
    collector = QObject(app)
    timer = QTimer(collector)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(collect_due)
    timer.start()
    _collector = collector
    gc.disable()
    app.aboutToQuit.connect(gc.enable)
    return True


def installed() -> bool:
    return _collector is not None
