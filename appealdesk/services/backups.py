"""Backups and restores as a service (``desk.backups``), for the desktop's safety net and
``appealdesk-cli backup``.

A backup is one verified SQLite file (``storage.backup``) and holds everything, scans included: they live
in the database. The copy the program makes by itself goes into the folder of the settings (a USB stick,
say), or into the default folder beside the database when that one is missing, with a warning.

The functions at the bottom work on a database file that could not be opened (damaged): nobody can be
signed in then, and whoever holds the file may restore it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.roles import Permission as P
from ..errors import DomainError
from ..paths import default_backup_dir
from ..storage.backup import DEFAULT_PREFIX, backup_database, list_backups
from ..storage.restore import (
    BackupInfo,
    RestoreResult,
    check_restorable,
    inspect_backup,
    made_at,
    restore_backup,
)
from ..storage.sqlite_file import database_file
from .access import requires, unguarded
from .context import ServiceContext

_lock = threading.Lock()  # one backup or restore at a time in this program

KINDS = (
    ("appealdesk-before-restore", "перед восстановлением"),
    ("appealdesk-before-migration", "перед обновлением программы"),
    ("appealdesk", "резервная копия"),
)

SERVER = (
    "Резервное копирование серверной базы данных выполняет её администратор средствами сервера "
    "(например, pg_dump для PostgreSQL). AppealDesk копирует только файл базы SQLite."
)


@dataclass(frozen=True)
class Made:
    path: Path
    warning: str = ""  # the chosen folder failed and the default one was used


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    made_at: datetime
    kind: str  # «резервная копия», «перед восстановлением»...


@dataclass(frozen=True)
class Folders:
    chosen: Path  # the folder of the settings (the default one when none is set)
    default: Path  # ``backups`` beside the database
    keep: int


def kind_of(path: Path) -> str:
    for prefix, text in KINDS:
        if path.name.startswith(prefix + "-"):
            return text
    return "файл"


class BackupService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @property
    def _path(self) -> Path | None:
        db = self._ctx.db
        return db.path if db.is_sqlite else None

    @unguarded("tells only whether the open database is a file this program copies")
    def available(self) -> bool:
        """Whether this program backs the database up (an SQLite file) or a server's administrator does."""
        return self._path is not None

    @requires(P.READ)
    def folders(self) -> Folders:
        s = self._ctx.settings()
        default = default_backup_dir(self._path)
        chosen = Path(s.backup_dir).expanduser() if s.backup_dir.strip() else default
        return Folders(chosen, default, s.backup_keep)

    @requires(P.AUTO_BACKUP)
    def make_scheduled(self) -> Made:
        """A verified copy into the folder of the settings, else into the default one (with a warning)."""
        self._need_file()
        f = self.folders()
        with _lock:
            try:
                return Made(backup_database(self._ctx.db, f.chosen, keep=f.keep))
            except DomainError as exc:
                if f.chosen == f.default:
                    raise
                path = backup_database(self._ctx.db, f.default, keep=f.keep)
                return Made(path, f"{exc}\n\nКопия сохранена в папку по умолчанию: «{f.default}».")

    @requires(P.BACKUP)
    def make(self, to_dir: str | os.PathLike | None = None, keep: int | None = None) -> Path:
        """A verified copy into ``to_dir`` (default: the folder of the settings), keeping the newest
        ``keep`` (default: the settings' count)."""
        self._need_file()
        f = self.folders()
        folder = Path(to_dir).expanduser().resolve() if to_dir else f.chosen
        with _lock:
            return backup_database(self._ctx.db, folder, keep=keep or f.keep)

    @requires(P.READ)
    def due_today(self) -> bool:
        """No copy made today yet, in the chosen folder or the default one."""
        if self._path is None:
            return False
        f = self.folders()
        today = self._ctx.today()
        for folder in {f.chosen, f.default}:
            last = self._newest(folder)
            if last is not None and made_at(last).date() >= today:
                return False
        return True

    @requires(P.READ)
    def changed_since_last(self) -> bool:
        """Was the database written after the newest copy in the chosen folder (or is there none)?"""
        path = self._path
        if path is None:
            return False
        last = self._newest(self.folders().chosen)
        if last is None:
            return True
        moment = last.stat().st_mtime  # written after the copy was complete
        newest = 0.0
        for p in (path, path.with_name(path.name + "-wal")):
            try:
                newest = max(newest, p.stat().st_mtime)
            except OSError:
                continue
        return newest > moment

    @requires(P.RESTORE)
    def list(self, folder: str | os.PathLike | None = None) -> tuple[BackupEntry, ...]:
        """The backups in ``folder`` and in the default folder, newest first."""
        f = self.folders()
        return entries(Path(folder) if folder else f.chosen, f.default)

    @requires(P.RESTORE)
    def inspect(self, path: str | os.PathLike) -> BackupInfo:
        """What a backup holds (date, counts, scans), read without changing it (``check_restorable`` then
        says whether this version can restore it)."""
        return inspect_backup(path)

    @requires(P.RESTORE)
    def restore(self, backup: str | os.PathLike) -> RestoreResult:
        """Replace the database with ``backup`` (the current one is backed up first). The database is closed
        by this: open it again (``AppealDesk.open``) to go on."""
        path = self._path
        if path is None:
            raise DomainError("Восстановление из копии выполняет администратор сервера базы данных.")
        f = self.folders()
        with _lock:
            self._ctx.db.dispose()
            return restore_backup(backup, path, f.chosen, keep=f.keep)

    def _need_file(self) -> None:
        if self._path is None:
            raise DomainError(SERVER)

    @staticmethod
    def _newest(folder: Path) -> Path | None:
        found = list_backups(folder, DEFAULT_PREFIX)
        return found[0] if found else None


# -- a database file that is not open -----------------------------------------------------------------
def entries(folder: Path, default: Path | None = None) -> tuple[BackupEntry, ...]:
    found = list_backups(folder)
    if default is not None and default != folder:
        found += [p for p in list_backups(default) if p not in found]
    found.sort(key=made_at, reverse=True)
    return tuple(BackupEntry(p, made_at(p), kind_of(p)) for p in found)


__all__ = ["BackupEntry", "BackupInfo", "BackupService", "Folders", "Made", "RestoreResult", "check_restorable",
           "database_file",
           "default_folder", "entries", "inspect_file", "kind_of", "made_at", "restore_file"]


def default_folder(db_path: str | os.PathLike) -> Path:
    return default_backup_dir(Path(db_path))


def inspect_file(path: str | os.PathLike) -> BackupInfo:
    """``BackupService.inspect`` for a database file that could not be opened."""
    return inspect_backup(path)


def restore_file(backup: str | os.PathLike, db_path: str | os.PathLike, keep: int = 10) -> RestoreResult:
    """Restore a database file that could not be opened (damaged): its settings cannot be read, so the
    default folder beside it and the default count are used; the damaged file is kept there as it is."""
    with _lock:
        return restore_backup(backup, db_path, default_folder(db_path), keep=keep)
