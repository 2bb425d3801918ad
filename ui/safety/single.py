"""One running program per database. The owner is whoever holds an operating-system lock on a small file
named after the database (``instance_lock``): of two starts within the same millisecond exactly one gets
it, and the system releases it when that program ends, however it ends. The owner then serves a local
socket of the same name; a second start, refused the lock, asks the owner through that socket to bring its
window forward and exits. Only the lock holder ever removes a stale socket, so a loser can never remove the
winner's.

The name is a hash of the database's full path (case-folded on Windows), so two databases may be open in
two programs, but one database only in one.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QElapsedTimer, QObject, QThread, QTimer, Signal

if TYPE_CHECKING:  # QtNetwork is loaded when the socket is served, after the window is up
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .instance_lock import InstanceLock

MESSAGE = b"show\n"
REACH_OWNER_MS = 5000  # how long a second start tries to reach the owner (it may be starting itself)


def lock_path(name: str) -> Path:
    """The lock file beside the local socket (Qt puts a socket's file in the temporary folder)."""
    return Path(QDir.tempPath()) / f"{name}.lock"


def server_name(db: str | os.PathLike | None) -> str:
    from appealdesk.paths import default_db_path

    raw = str(db) if db else str(default_db_path())
    if "://" not in raw:
        raw = os.path.normcase(str(Path(raw).expanduser().resolve()))
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]
    user = hashlib.sha256(os.path.expanduser("~").encode("utf-8")).hexdigest()[:6]
    return f"appealdesk-{user}-{digest}"


class SingleInstance(QObject):
    """``claim()`` is True when this program is the first for the database; then ``activate_requested``
    is emitted each time another start asks for the window."""

    activate_requested = Signal()

    def __init__(self, db: str | os.PathLike | None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(db)
        self.server: QLocalServer | None = None
        self.lock = InstanceLock(lock_path(self.name))

    def ask_running(self, timeout_ms: int = 700) -> bool:
        """True if a program already serves this database (it has been asked to show its window)."""
        from PySide6.QtNetwork import QLocalSocket

        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(MESSAGE)
        sock.flush()
        sock.waitForBytesWritten(timeout_ms)
        sock.waitForReadyRead(timeout_ms)  # the first program answers once the window is raised
        sock.disconnectFromServer()
        return True

    def claim(self, serve_after_ms: int | None = None) -> bool:
        """True when this program owns the database (it holds the lock and serves the socket).

        ``serve_after_ms``: holding the lock, start serving the socket that much later (the window first; a
        second start meanwhile keeps trying to reach us for ``REACH_OWNER_MS``)."""
        owned = self.lock.try_acquire()
        if owned is False:
            self._reach_owner()
            return False
        if owned is True and serve_after_ms is not None:
            QTimer.singleShot(serve_after_ms, lambda: self._serve(owned))
            return True
        return self._serve(owned)

    def _serve(self, owned: bool | None) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            if owned is None and self.ask_running():
                return False  # no lock possible here: the socket decides, as before
            # a stale socket left by a crashed owner: we hold the lock, so no live owner can be serving it
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot serve; never refuse to start because of it
        server.newConnection.connect(self._incoming)
        self.server = server
        return True

    def _reach_owner(self) -> None:
        """Ask the owner to show its window; it may still be starting, so try for a while."""
        clock = QElapsedTimer()
        clock.start()
        while clock.elapsed() < REACH_OWNER_MS:
            if self.ask_running(300):
                return
            QThread.msleep(50)

    def _incoming(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        data = bytes(sock.readAll().data())
        if MESSAGE.strip() in data:
            self.activate_requested.emit()
            sock.write(b"ok\n")
            sock.flush()

    def move_to(self, db: str | os.PathLike | None) -> bool:
        """The program now works with ``db``: claim it and let the old database go. False (and the old one kept)
        when another program has ``db`` open: that program was asked to bring its window forward."""
        name = server_name(db)
        if name == self.name:
            return True
        lock = InstanceLock(lock_path(name))
        owned = lock.try_acquire()
        old_name = self.name
        self.name = name
        if owned is False:
            self.name = old_name
            SingleInstance(db)._reach_owner()
            return False
        old_server, old_lock = self.server, self.lock
        self.server, self.lock = None, lock
        if not self._serve(owned):  # no lock possible here and the socket is served by another program
            lock.release()
            self.name, self.server, self.lock = old_name, old_server, old_lock
            return False
        if old_server is not None:
            old_server.close()
        old_lock.release()
        return True

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.release()


def bring_forward(window) -> None:
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
