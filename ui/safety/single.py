"""One running program per database: a local server named after the database file. A second start finds
the server, asks the first program to bring its window forward and exits.

The name is a hash of the database's full path (case-folded on Windows), so two databases may be open in
two programs, but one database only in one.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGE = b"show\n"


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

    def ask_running(self, timeout_ms: int = 700) -> bool:
        """True if a program already serves this database (it has been asked to show its window)."""
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

    def claim(self) -> bool:
        if self.ask_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # a stale name left by a crashed program (Unix sockets): remove it and listen again
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot guard; never refuse to start because of it
        server.newConnection.connect(self._incoming)
        self.server = server
        return True

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

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


def bring_forward(window) -> None:
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
