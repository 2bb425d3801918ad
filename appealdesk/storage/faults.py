"""What a database error means: a full disk, a refused permission, an I/O error, a lock, or real damage.

SQLite says "disk I/O error" both when a disk is full (it cannot grow the -shm file) and when a disk fails;
"database or disk is full" when a write finds no room. None of these is damage: the file is healthy and a
clerk who restores a backup because of them loses the day's work. ``fault_of`` reads the error code
(``sqlite_errorname``; PostgreSQL's SQLSTATE) and, for an I/O error, the free space of the disk;
``problem`` gives the Russian ``DatabaseProblem`` to show.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from ..errors import DatabaseProblem

log = logging.getLogger(__name__)

DISK_FULL = "disk_full"
IO_ERROR = "io_error"
READ_ONLY = "read_only"
LOCKED = "locked"
DAMAGED = "damaged"

LOW_SPACE = 16 * 1024 * 1024  # an I/O error with less free space than this is a full disk

_PG_CODES = {"53100": DISK_FULL, "58030": IO_ERROR, "42501": READ_ONLY, "25006": READ_ONLY,
             "XX001": DAMAGED, "XX002": DAMAGED, "55P03": LOCKED, "40P01": LOCKED}


def fault_of(exc: BaseException, path: Path | None = None) -> str | None:
    """``disk_full``, ``io_error``, ``read_only``, ``locked``, ``damaged`` or None (something else) for a
    ``sqlite3`` error, an SQLAlchemy ``DBAPIError`` (its ``orig``) or a PostgreSQL error."""
    orig = getattr(exc, "orig", None) or exc
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    text = str(orig).lower()
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate in _PG_CODES:
        return _PG_CODES[sqlstate]
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return LOCKED
    if name.startswith("SQLITE_FULL") or "disk is full" in text or "no space left" in text:
        return DISK_FULL
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
        w in text for w in ("malformed", "not a database", "corrupt")
    ):
        return DAMAGED
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or "readonly" in text or "read-only" in text:
        return READ_ONLY
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return DISK_FULL if low_space(path) else IO_ERROR
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database file" in text:
        if low_space(path):
            return DISK_FULL
        return READ_ONLY if path is not None and _not_writable(path) else IO_ERROR
    return None


def low_space(path: Path | None) -> bool:
    """True when the disk that holds ``path`` has (almost) no free space left."""
    if path is None:
        return False
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder if folder.is_dir() else folder.parent).free < LOW_SPACE
    except OSError:
        return False


def _not_writable(path: Path) -> bool:
    import os

    p = Path(path)
    return (p.exists() and not os.access(p, os.W_OK)) or not os.access(p.parent, os.W_OK)


def problem(kind: str, path: Path | str | None, *, changed: bool = True) -> DatabaseProblem:
    """The Russian ``DatabaseProblem`` for a fault ``kind`` other than damage. ``changed``: the user was
    saving something (the message says it was not saved)."""
    where = f"«{path}»" if path else "на сервере"
    not_saved = " Изменения не сохранены." if changed else ""
    if kind == DISK_FULL:
        return DatabaseProblem(
            DISK_FULL,
            f"На диске нет места: база данных {where} не может записать данные.{not_saved} Файл базы не "
            "повреждён. Освободите место на диске (удалите ненужные файлы, перенесите старые резервные "
            "копии на другой диск) и повторите.",
            str(path) if path else None,
        )
    if kind == IO_ERROR:
        return DatabaseProblem(
            IO_ERROR,
            f"Ошибка чтения или записи диска при работе с базой данных {where}.{not_saved} Это ошибка диска, "
            "а не повреждение базы: проверьте, что диск (флешка, сетевая папка) подключён и исправен, и "
            "повторите. Если ошибка повторяется, проверьте базу (Файл → Проверить базу данных).",
            str(path) if path else None,
        )
    if kind == READ_ONLY:
        return DatabaseProblem(
            READ_ONLY,
            f"Нет права записи в базу данных {where} (файл или его папка только для чтения).{not_saved} "
            "Проверьте права доступа к файлу и папке.",
            str(path) if path else None,
        )
    if kind == LOCKED:
        return DatabaseProblem(
            LOCKED,
            f"База данных {where} занята другой программой или другим пользователем.{not_saved} "
            "Повторите через минуту.",
            str(path) if path else None,
        )
    raise ValueError(kind)
