"""ui.ops: the one way off the GUI thread, its one error path, and the one desk_changed signal."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from ui import ops


def test_a_query_runs_on_the_pool_and_answers_on_the_gui_thread(qtbot):
    seen = {}

    def work():
        seen["work"] = threading.current_thread() is not threading.main_thread()
        return 42

    def done(result):
        seen["done"] = (result, QThread.currentThread() is qtbot_app_thread())

    op = ops.query(None, work).success(done)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    assert seen == {"work": True, "done": (42, True)}
    assert ops.in_flight() == 0


def qtbot_app_thread():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_a_change_says_what_it_changed(qtbot):
    kinds = []
    owner = QWidget()
    qtbot.addWidget(owner)
    ops.subscribe(owner, kinds.append)
    op = ops.change(owner, lambda: None, ops.APPEALS)
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.run()
    assert kinds == [frozenset({ops.APPEALS})]
    ops.changed({ops.SETTINGS, ops.REFERENCE})
    assert kinds[-1] == frozenset({ops.SETTINGS, ops.REFERENCE})
    assert ops.touches(frozenset({ops.DATABASE}), ops.APPEALS)
    with pytest.raises(ValueError):
        ops.changed("appeal")  # a typo is caught, not silently ignored


def test_errors_come_back_in_russian(qtbot):
    from appealdesk.errors import DomainError

    messages = []

    def domain():
        raise DomainError("Обращение уже закрыто")

    def disk():
        raise PermissionError(13, "Permission denied", "/x.xlsx")

    for work in (domain, disk):
        op = ops.query(None, work).failure(messages.append)
        with qtbot.waitSignal(op.finished, timeout=5000):
            op.run()
    assert messages[0] == "Обращение уже закрыто"
    assert messages[1].startswith("Не удалось записать файл:") and "Permission denied" not in messages[1]


def test_a_closed_window_gets_no_callback(qtbot):
    gate = threading.Event()
    seen = []
    owner = QWidget()
    op = ops.query(owner, lambda: gate.wait(5)).success(seen.append)
    op.run()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner), timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: op.done, timeout=5000)
    assert seen == []


def test_no_screen_starts_a_thread_of_its_own():
    """Only the start-up reader (before Qt exists) has a thread; everything else goes through ui.ops."""
    root = Path(__file__).resolve().parents[2] / "ui"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name in ("ops.py", "startup.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"threading\.Thread\(|QThread\(|QThreadPool\(|run_in_thread", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
