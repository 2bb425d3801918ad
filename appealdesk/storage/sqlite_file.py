"""Plain ``sqlite3`` access to the database file, for code that must not wait for SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..paths import default_db_path


def reading_mode(path: Path) -> str:
    """The SQLite URI ``mode`` for a connection that only reads ``path``: read-write when the file may be
    written, because a read-only connection to a WAL database leaves its -wal and -shm files behind."""
    return "rw" if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else "ro"


def connect_for_reading(path: Path, timeout: float = 5) -> sqlite3.Connection:
    """A connection that only reads ``path`` (an existing file; never creates one)."""
    return sqlite3.connect(f"{path.as_uri()}?mode={reading_mode(path)}", uri=True, timeout=timeout)


def database_file(db: str | os.PathLike | None) -> Path | None:
    """The SQLite file ``--db`` names (the default file when nothing is given); None for a URL."""
    if db is None or str(db) == "":
        return default_db_path()
    raw = str(db)
    if "://" in raw:
        return None
    return Path(raw).expanduser().resolve()
