"""An operating-system lock on a small file: held by one process at a time, released by the system when the
process ends in any way (even kill -9), so a crashed program never leaves a lock behind.

``fcntl.flock`` on POSIX, ``msvcrt.locking`` of the first byte on Windows. The file itself stays (deleting
a lock file would let a third start lock a new file while the second still holds the old one).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


class InstanceLock:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool | None:
        """True: this process holds the lock now; False: another process holds it; None: the lock file
        cannot be used here (no guard possible)."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as exc:
            log.warning("instance lock %s cannot be opened: %s", self.path, exc)
            return None
        try:
            if _lock(fd):
                self._fd = fd
                return True
        except OSError as exc:
            log.warning("instance lock %s cannot be locked: %s", self.path, exc)
            os.close(fd)
            return None
        os.close(fd)
        return False

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


if os.name == "nt":  # pragma: no cover - exercised on Windows CI
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import errno
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
