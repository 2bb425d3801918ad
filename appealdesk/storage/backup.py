"""Backups of the SQLite file: a consistent copy through the SQLite backup API, verified, rotated.

A backup is named ``<prefix>-YYYYmmdd-HHMMSS.sqlite3`` (``-2``, ``-3``... when two are made within one
second). It is written under a hidden temporary name (``.<prefix>-<stamp>.<token>.partial``), checked with
``PRAGMA integrity_check`` and only then given its final name in one atomic step (a hard link that never
replaces an existing file, or a rename where the file system has no links). A backup killed at any moment
leaves at most a ``.partial`` file: never a 0-byte or half-written file under a backup's name. Such an
orphan is never listed, never counted by ``keep``, and is removed by a later backup once no process is
writing it (a lock held while writing; on Windows the open file cannot be deleted) and it is older than
``ORPHAN_AGE_S``. Backups and their folder are owner-only (``private_files``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DomainError
from ..os_errors import os_error_text
from ..private_files import POSIX, create_private, make_private, private_folder
from .sqlite_file import connect_for_reading

if TYPE_CHECKING:
    from .database import Database

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "appealdesk"
SUFFIX = ".sqlite3"
PARTIAL = ".partial"
ORPHAN_AGE_S = 30.0  # a partial file this old that nobody is writing is left over from a killed backup
_NAME = re.compile(r"^(?P<prefix>[^.].*)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite3$")
_PARTIAL_NAME = re.compile(r"^\..+-\d{8}-\d{6}.*\.partial(?:-journal|-wal|-shm)?$")  # with SQLite's side files


def backup_database(db: Database, to_dir: Path, keep: int = 10, prefix: str = DEFAULT_PREFIX) -> Path:
    """Copy the live database file into ``to_dir``, verify the copy and keep the newest ``keep``."""
    if not db.is_sqlite or db.path is None:
        raise DomainError(
            "Резервное копирование серверной базы данных выполняет её администратор средствами сервера "
            "(например, pg_dump для PostgreSQL). AppealDesk копирует только файл базы SQLite."
        )
    return backup_sqlite_file(db.path, to_dir, keep=keep, prefix=prefix)


def backup_sqlite_file(source: Path, to_dir: Path, *, keep: int = 10, prefix: str = DEFAULT_PREFIX) -> Path:
    """``backup_database`` for a file that is not open yet (the copy made before a migration)."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    to_dir = Path(to_dir)
    _make_folder(to_dir)
    remove_orphans(to_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    partial, guard = _start_partial(to_dir, prefix, stamp)
    target: Path | None = None
    try:
        _copy(source, partial)
        _verify(partial)
        target = _publish(partial, to_dir, prefix, stamp)
    except (sqlite3.Error, OSError) as exc:
        raise DomainError(
            f"Не удалось сделать резервную копию базы данных в папку «{to_dir}»: {_describe(exc)}. "
            "Проверьте, что в папке есть свободное место и право записи."
        ) from exc
    finally:
        for leftover in (partial, Path(f"{partial}-journal")):
            _remove_quietly(leftover)
        _release(guard)
    log.info("backup written: %s", target)
    _rotate(to_dir, prefix, keep)
    return target


def remove_orphans(to_dir: Path, *, older_than: float = ORPHAN_AGE_S) -> list[Path]:
    """Remove the ``.partial`` files of backups that were killed while writing (and 0-byte files under a
    backup's name); returns what was removed. A partial file some process is still writing, or a very
    recent one, is left alone."""
    removed: list[Path] = []
    now = time.time()
    for name in _names(Path(to_dir)):
        path = Path(to_dir) / name
        # a 0-byte file under a backup's name was left by an older version killed while copying
        if not _PARTIAL_NAME.match(name) and not (_NAME.match(name) and _empty(path)):
            continue
        try:
            if now - path.stat().st_mtime < older_than:
                continue
            main = path.with_name(name.rsplit(PARTIAL, 1)[0] + PARTIAL)  # a side file goes with its partial
            guard = _try_guard(main if main.exists() else path)
            if guard is False:
                continue  # being written right now
            try:
                path.unlink()
            finally:
                _release(guard)
        except OSError as exc:  # Windows: open by the backup writing it
            log.info("partial backup %s left: %s", path, exc)
            continue
        log.warning("removed the leftover of an interrupted backup: %s", path)
        removed.append(path)
    return removed


def list_backups(to_dir: Path, prefix: str | None = None) -> list[Path]:
    """The backups in ``to_dir``, newest first; only those named ``prefix-...`` when a prefix is given."""
    to_dir = Path(to_dir)
    if not to_dir.is_dir():
        return []
    found: list[tuple[str, int, Path]] = []
    for entry in to_dir.iterdir():
        m = _NAME.match(entry.name)
        if not m or not entry.is_file() or _empty(entry):
            continue  # a 0-byte file is no backup (left by an older version killed while copying)
        if prefix is not None and m["prefix"] != prefix:
            continue
        found.append((m["stamp"], int(m["n"] or 1), entry))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [path for _stamp, _n, path in found]


# -- steps ------------------------------------------------------------------------------------------
def _make_folder(to_dir: Path) -> None:
    try:
        private_folder(to_dir)
    except OSError as exc:
        raise DomainError(
            f"Не удалось создать папку резервных копий «{to_dir}»: {_describe(exc)}. "
            "Проверьте права доступа или выберите другую папку."
        ) from exc
    if not to_dir.is_dir() or not os.access(to_dir, os.W_OK):
        raise DomainError(
            f"Нет права записи в папку резервных копий «{to_dir}». "
            "Проверьте права доступа или выберите другую папку."
        )


def _start_partial(to_dir: Path, prefix: str, stamp: str):
    """A new hidden file to write the copy into (owner-only, locked while this backup writes it)."""
    while True:
        partial = to_dir / f".{prefix}-{stamp}.{os.getpid()}-{secrets.token_hex(3)}{PARTIAL}"
        try:
            fd = create_private(partial)
        except FileExistsError:
            continue
        except OSError as exc:
            raise DomainError(
                f"Не удалось создать файл резервной копии в папке «{to_dir}»: {_describe(exc)}. "
                "Проверьте права доступа или выберите другую папку."
            ) from exc
        if not POSIX:
            os.close(fd)  # on Windows the file open by SQLite cannot be deleted: that is the guard
            return partial, None
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)
        return partial, fd


def _try_guard(path: Path):
    """The lock of a partial file when nobody holds it (a descriptor to release), False when a backup is
    writing it, None where there are no such locks."""
    if not POSIX:
        return None
    import errno
    import fcntl

    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return fd


def _release(guard) -> None:
    if isinstance(guard, int) and not isinstance(guard, bool):
        with contextlib.suppress(OSError):
            os.close(guard)  # closing the descriptor releases its flock


def _publish(partial: Path, to_dir: Path, prefix: str, stamp: str) -> Path:
    """Give the verified copy its backup name in one atomic step, never over an existing file."""
    # after the last one of this second, even if rotation freed an earlier name: names must sort by age
    taken = [
        int(m["n"] or 1)
        for m in map(_NAME.match, _names(to_dir))
        if m and (m["prefix"], m["stamp"]) == (prefix, stamp)
    ]
    n = max(taken, default=0) + 1
    while True:
        target = to_dir / (f"{prefix}-{stamp}{SUFFIX}" if n == 1 else f"{prefix}-{stamp}-{n}{SUFFIX}")
        try:
            os.link(partial, target)  # fails if the name exists: no backup is ever replaced
        except FileExistsError:
            n += 1
            continue
        except OSError:  # no hard links here (FAT, exFAT, some network shares): a rename after a check
            if target.exists():
                n += 1
                continue
            os.replace(partial, target)
        make_private(target)
        return target


def _names(to_dir: Path) -> list[str]:
    try:
        return [entry.name for entry in to_dir.iterdir()]
    except OSError:
        return []


def _copy(source: Path, target: Path) -> None:
    src = connect_for_reading(source, timeout=10)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # one step: a consistent snapshot even while others write
            # the copy is a single self-contained file, whatever the live database's journal mode
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _verify(copy: Path) -> None:
    con = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()
    if rows != ["ok"]:
        raise DomainError(
            f"Резервная копия «{copy.name}» не прошла проверку целостности ({'; '.join(rows[:3])}) и удалена. "
            "Возможно, база данных повреждена: выполните проверку базы."
        )
    bad = damaged_scans(copy)
    if bad:
        raise DomainError(
            f"Резервная копия «{copy.name}» удалена: сканы вложений в ней не совпадают с записанными "
            f"контрольными суммами ({', '.join(bad[:5])}). Выполните проверку базы данных."
        )


def damaged_scans(path: Path) -> list[str]:
    """The attachments of an SQLite file whose content does not match its stored hash (file names).
    Reads the file only."""
    import hashlib

    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "attachment_contents" not in tables:
            return []
        bad = []
        rows = con.execute(
            "SELECT a.file_name, a.sha256, c.data FROM attachments a JOIN attachment_contents c "
            "ON c.attachment_id = a.id"
        )
        for name, digest, data in rows:
            if digest and hashlib.sha256(data).hexdigest() != digest:
                bad.append(name)
        return bad
    finally:
        con.close()


def _rotate(to_dir: Path, prefix: str, keep: int) -> None:
    for old in list_backups(to_dir, prefix)[keep:]:
        try:
            old.unlink()
        except OSError as exc:  # a copy someone has open: left for the next time
            log.warning("cannot delete old backup %s: %s", old, exc)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return True


def _describe(exc: BaseException) -> str:
    """Russian words for what went wrong (the English text of the system or SQLite goes to the log)."""
    if isinstance(exc, OSError):
        return os_error_text(exc)
    log.warning("backup failed: %s", exc)
    if isinstance(exc, sqlite3.Error):
        from .faults import DISK_FULL, IO_ERROR, LOCKED, fault_of

        kind = fault_of(exc)
        if kind == DISK_FULL:
            return "на диске нет свободного места"
        if kind == IO_ERROR:
            return "ошибка чтения или записи диска"
        if kind == LOCKED:
            return "база данных занята другой программой"
        return "ошибка базы данных SQLite"
    return str(exc)
