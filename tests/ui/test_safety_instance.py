"""One running program per database; the log file and the Russian dialog for unexpected errors."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QtMsgType

from ui.safety import logs
from ui.safety.single import SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[2]

SECOND = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from ui.safety.single import SingleInstance
print("first" if SingleInstance(sys.argv[1]).claim() else "running", flush=True)
"""


def test_server_name_is_per_database(tmp_path):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert server_name(a) == server_name(str(a))
    assert server_name(a) != server_name(b)
    assert server_name(tmp_path / "x" / ".." / "a.sqlite3") == server_name(a)


def test_a_second_start_brings_the_first_forward(qtbot, tmp_path):
    db = tmp_path / "office.sqlite3"
    first = SingleInstance(db)
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activate_requested, timeout=10000):
            proc = subprocess.Popen([sys.executable, "-c", SECOND, str(db)], cwd=ROOT, stdout=subprocess.PIPE,
                                    text=True)
            # the second program waits for the first's answer: keep the event loop running meanwhile
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
        assert proc.stdout.read().strip() == "running"
        # another database is not refused
        other = subprocess.run([sys.executable, "-c", SECOND, str(tmp_path / "other.sqlite3")], cwd=ROOT,
                               capture_output=True, text=True, timeout=30)
        assert other.stdout.strip() == "first"
    finally:
        first.close()


def test_switching_databases_moves_the_claim(qtbot, tmp_path, monkeypatch):
    """After «Подключение к серверу…» or another file the program owns the new database, and the old one is free."""
    old, new, taken = (tmp_path / n for n in ("old.sqlite3", "new.sqlite3", "taken.sqlite3"))
    first, other = SingleInstance(old), SingleInstance(taken)
    assert first.claim() and other.claim()
    try:
        assert first.move_to(new) and first.name == server_name(new)
        freed = subprocess.run([sys.executable, "-c", SECOND, str(old)], cwd=ROOT, capture_output=True, text=True,
                               timeout=30)
        assert freed.stdout.strip() == "first"
        with qtbot.waitSignal(first.activate_requested, timeout=10000):
            proc = subprocess.Popen([sys.executable, "-c", SECOND, str(new)], cwd=ROOT, stdout=subprocess.PIPE,
                                    text=True)
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
        assert proc.stdout.read().strip() == "running"
        # a database another program has open is refused; the program keeps the one it has
        monkeypatch.setattr("ui.safety.single.REACH_OWNER_MS", 200)
        assert not first.move_to(taken)
        assert first.name == server_name(new) and first.server is not None and first.server.isListening()
    finally:
        first.close()
        other.close()


def test_unexpected_error_is_logged_and_shown_in_russian(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("APPEALDESK_HOME", str(tmp_path))
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.errors.show_error", lambda parent, message, title="": shown.append((message, title)))
    path = logs.setup_logging()
    try:
        assert path == tmp_path / "logs" / "appealdesk.log"
        handler = logs.CrashHandler(lambda: None)
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            handler.excepthook(type(exc), exc, exc.__traceback__)

        def worker() -> None:
            raise ValueError("boom in a thread")

        old = threading.excepthook
        threading.excepthook = handler.thread_excepthook
        try:
            t = threading.Thread(target=worker, name="worker-1")
            t.start()
            t.join()
        finally:
            threading.excepthook = old
        qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)
        handler.qt_message(QtMsgType.QtWarningMsg, None, "a Qt warning")
        for h in logging.getLogger().handlers:
            h.flush()
        text = path.read_text(encoding="utf-8")
        assert "boom in a slot" in text and "boom in a thread" in text and "worker-1" in text
        assert "a Qt warning" in text
        message, title = shown[0]
        assert title == "Ошибка программы"
        assert "непредвиденная ошибка" in message and str(path) in message
        assert "Traceback" not in message
    finally:
        for h in list(logging.getLogger().handlers):
            if getattr(h, "baseFilename", None) == str(path):
                logging.getLogger().removeHandler(h)
                h.close()


def test_a_domain_error_shows_its_own_message(qtbot, monkeypatch):
    from appealdesk.errors import DomainError

    shown: list[str] = []
    monkeypatch.setattr("ui.errors.show_error", lambda parent, message, title="": shown.append(message))
    handler = logs.CrashHandler(lambda: None)
    handler.excepthook(DomainError, DomainError("Срок уже продлевался"), None)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown == ["Срок уже продлевался"]


RACER = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
from ui.safety.single import SingleInstance
print("ready", flush=True)
sys.stdin.readline()  # all start together
guard = SingleInstance(sys.argv[1])
if guard.claim():
    print("owner", flush=True)
    asked = []
    def count():
        asked.append(1)
        if len(asked) >= int(sys.argv[2]):
            app.quit()
    guard.activate_requested.connect(count)
    QTimer.singleShot(30000, app.quit)
    app.exec()
    print(f"asked {len(asked)}", flush=True)
else:
    print("second", flush=True)
"""


def _race(db, n: int) -> list[str]:
    procs = [subprocess.Popen([sys.executable, "-c", RACER, str(db), str(n - 1)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for _ in range(n)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:  # within a fraction of a millisecond of each other
        p.stdin.write("go\n")
        p.stdin.flush()
    return [p.communicate(timeout=60)[0] for p in procs]


def test_starts_in_the_same_millisecond_never_both_own_the_database(tmp_path):
    """Real processes racing for one database: exactly one owner, and every other start reached it (its
    socket was never removed by a loser)."""
    db = tmp_path / "office.sqlite3"
    for _ in range(3):
        outputs = _race(db, 4)
        owners = [o for o in outputs if o.startswith("owner")]
        assert len(owners) == 1, outputs
        assert "asked 3" in owners[0], outputs
        assert sum(o.strip() == "second" for o in outputs) == 3


def test_a_killed_owner_leaves_no_lock_behind(tmp_path):
    db = tmp_path / "office.sqlite3"
    owner = subprocess.Popen([sys.executable, "-c", RACER, str(db), "99"], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert owner.stdout.readline().strip() == "ready"
    owner.stdin.write("go\n")
    owner.stdin.flush()
    assert owner.stdout.readline().strip() == "owner"
    owner.kill()  # kill -9: its socket file stays, its lock goes with it
    owner.wait(timeout=30)
    after = subprocess.run([sys.executable, "-c", SECOND, str(db)], cwd=ROOT, capture_output=True, text=True,
                           timeout=60)
    assert after.stdout.strip() == "first"
