"""ui.gc_policy: Python's cycle collector runs on the GUI thread only, so a worker never frees a Qt object."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QObject

from ui import gc_policy, ops


class _Cycle:
    """A cycle holding a Qt object, as a closed dialog's callbacks can make."""

    def __init__(self) -> None:
        self.me = self
        self.qt = QObject()


def test_cycles_holding_qt_objects_are_collected_on_the_gui_thread_only(qtbot):
    ops.hub()  # the pool installs the policy
    assert gc_policy.installed() and not gc.isenabled()
    cycle = _Cycle()
    ref = weakref.ref(cycle)
    del cycle
    seen = {}
    kept: list = []  # what the work made stays allocated (freed objects would lower the count again)

    def work():
        kept.extend([i] for i in range(50_000))  # far past the threshold: the automatic collector would run here
        seen["collected_in_worker"] = gc_policy.collect_due()
        seen["alive_in_worker"] = ref() is not None

    op = ops.query(None, work)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    assert seen == {"collected_in_worker": None, "alive_in_worker": True}
    # the GUI thread's timer collects it: the Qt object is destroyed on the thread that owns it
    qtbot.waitUntil(lambda: ref() is None, timeout=5000)


def test_collect_due_follows_the_interpreters_thresholds(qtbot):
    ops.hub()
    gc.collect()
    assert gc_policy.collect_due() is None  # nothing allocated since: nothing due
    junk = [[i] for i in range(gc.get_threshold()[0] + 10)]
    assert gc_policy.collect_due() == 0
    assert len(junk) > 0
