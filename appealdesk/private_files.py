"""Files with personal data (152-ФЗ) are readable by their owner only.

On POSIX every file the program creates with personal data (the database and its -wal/-shm, backups,
logs, spreadsheets and PDFs) gets mode 0600 and every folder it creates for them 0700, whatever the
umask. On Windows the per-user data folder (``%LOCALAPPDATA%``) is already private: modes are left alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = os.name == "posix"


def make_private(path: str | os.PathLike) -> None:
    """Owner-only mode for a file the program has written (nothing on Windows; a file system without
    modes, a FAT stick, is left as it is)."""
    if not POSIX or not isinstance(path, str | os.PathLike):
        return  # Windows, or a document written into memory
    try:
        os.chmod(path, FILE_MODE)
    except OSError as exc:
        log.info("cannot make %s private: %s", path, exc)


def make_private_sqlite(path: str | os.PathLike) -> None:
    """The database file and the -wal, -shm and -journal files beside it (SQLite gives new ones the
    database file's mode)."""
    make_private(path)
    for extra in ("-wal", "-shm", "-journal"):
        side = Path(f"{os.fspath(path)}{extra}")
        if side.exists():
            make_private(side)


def private_folder(path: str | os.PathLike) -> Path:
    """Create ``path`` (and missing parents) if needed; a folder created here is owner-only."""
    folder = Path(path)
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        return folder  # made by someone else at the same moment
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(folder, FOLDER_MODE)
    return folder


def create_private(path: str | os.PathLike) -> int:
    """Create a new, empty file with owner-only mode (``FileExistsError`` if it exists); returns its
    descriptor open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    if POSIX:
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)  # the umask may have taken bits away, never added them; be exact
    return fd


def open_private_text(path: str | os.PathLike, mode: str = "a", encoding: str = "utf-8",
                      errors: str = "backslashreplace"):
    """``open(path, mode)`` for a text file (a log) that is owner-only when this call creates it; a
    character that cannot be encoded (a lone surrogate) is written escaped, never an error."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    flags |= os.O_APPEND if mode.startswith("a") else os.O_TRUNC
    fd = os.open(path, flags, FILE_MODE)
    return os.fdopen(fd, mode, encoding=encoding, errors=errors)
