"""Backups of the SQLite file: a consistent copy through the SQLite backup API, verified, rotated.

A backup is named ``<prefix>-YYYYmmdd-HHMMSS.sqlite3`` (``-2``, ``-3``... when two are made within one
second). It is written under a temporary name, checked with ``PRAGMA integrity_check`` and only then given
its final name, so a failed backup leaves nothing that looks like a backup.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DomainError
from .sqlite_file import connect_for_reading

if TYPE_CHECKING:
    from .database import Database

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "appealdesk"
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^(?P<prefix>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite3$")


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
    target = _reserve_name(to_dir, prefix)
    partial = target.with_name(f".{target.name}.partial")
    try:
        _copy(source, partial)
        _verify(partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        _remove_quietly(partial)
        _remove_quietly(target)
        raise DomainError(
            f"Не удалось сделать резервную копию базы данных в папку «{to_dir}»: {_describe(exc)}. "
            "Проверьте, что в папке есть свободное место и право записи."
        ) from exc
    except DomainError:
        _remove_quietly(partial)
        _remove_quietly(target)
        raise
    log.info("backup written: %s", target)
    _rotate(to_dir, prefix, keep)
    return target


def list_backups(to_dir: Path, prefix: str | None = None) -> list[Path]:
    """The backups in ``to_dir``, newest first; only those named ``prefix-...`` when a prefix is given."""
    to_dir = Path(to_dir)
    if not to_dir.is_dir():
        return []
    found: list[tuple[str, int, Path]] = []
    for entry in to_dir.iterdir():
        m = _NAME.match(entry.name)
        if not m or not entry.is_file():
            continue
        if prefix is not None and m["prefix"] != prefix:
            continue
        found.append((m["stamp"], int(m["n"] or 1), entry))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [path for _stamp, _n, path in found]


# -- steps ------------------------------------------------------------------------------------------
def _make_folder(to_dir: Path) -> None:
    try:
        to_dir.mkdir(parents=True, exist_ok=True)
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


def _reserve_name(to_dir: Path, prefix: str) -> Path:
    """A new file name, created empty so that a second backup in the same second gets another one."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    # after the last one of this second, even if rotation freed an earlier name: names must sort by age
    taken = [
        int(m["n"] or 1)
        for m in map(_NAME.match, _names(to_dir))
        if m and (m["prefix"], m["stamp"]) == (prefix, stamp)
    ]
    n = max(taken, default=0) + 1
    while True:
        name = f"{prefix}-{stamp}{SUFFIX}" if n == 1 else f"{prefix}-{stamp}-{n}{SUFFIX}"
        candidate = to_dir / name
        try:
            with open(candidate, "xb"):
                return candidate
        except FileExistsError:
            n += 1
        except OSError as exc:
            raise DomainError(
                f"Не удалось создать файл резервной копии в папке «{to_dir}»: {_describe(exc)}. "
                "Проверьте права доступа или выберите другую папку."
            ) from exc


def _names(to_dir: Path) -> list[str]:
    try:
        return [entry.name for entry in to_dir.iterdir()]
    except OSError:
        return []


def _copy(source: Path, target: Path) -> None:
    _remove_quietly(target)
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


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
