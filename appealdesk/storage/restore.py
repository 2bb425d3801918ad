"""Restoring the database from a backup: look first, then replace.

``inspect_backup`` reads a backup file without changing it and tells what it holds (the date it was made,
the schema revision, how many appeals and applicants, the last registration), so that the user sees it
before anything is replaced. ``restore_backup`` checks the backup, refuses one of a newer schema, makes a
verified backup of the current database first, then copies the backup over the database file through the
SQLite backup API and checks the result. The database must be closed by the program while this runs.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import DomainError
from ..os_errors import os_error_text
from ..private_files import make_private, make_private_sqlite, private_folder

log = logging.getLogger(__name__)

BEFORE_RESTORE_PREFIX = "appealdesk-before-restore"
_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, read without changing it."""

    path: Path
    made_at: datetime  # from the file name (the moment the backup was written), else the file's time
    revision: str
    appeals: int  # not deleted
    applicants: int
    last_registered_on: date | None
    last_number: str | None
    size: int  # bytes
    scans: int = 0  # attachments with their content inside the backup
    scans_size: int = 0  # their bytes


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo  # what was restored
    safety_copy: Path | None  # the backup of the database as it was before the restore


def made_at(path: Path) -> datetime:
    m = _STAMP.search(Path(path).name)
    if m:
        with contextlib.suppress(ValueError):
            return datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    return datetime.fromtimestamp(Path(path).stat().st_mtime)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # immutable: the file is only read, no lock or -wal/-shm files are made beside it (a USB stick, a
    # read-only folder); a backup is a single self-contained file
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def inspect_backup(path: str | os.PathLike) -> BackupInfo:
    """Read a backup: date, schema revision, counts. Raises ``DomainError`` (Russian) if it is not a
    usable AppealDesk backup. Never writes to the file."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(f"Файл резервной копии «{path}» не найден.")
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DomainError(f"Не удалось прочитать файл «{path}»: {os_error_text(exc)}.") from exc
    if header != b"SQLite format 3\x00":
        raise DomainError(f"Файл «{path.name}» не является резервной копией базы AppealDesk.")
    try:
        con = _connect_read_only(path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"alembic_version", "appeals", "applicants"} <= tables:
                raise DomainError(
                    f"Файл «{path.name}» не является резервной копией базы AppealDesk: в нём нет таблиц "
                    "обращений."
                )
            revisions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
            appeals = con.execute("SELECT count(*) FROM appeals WHERE deleted = 0").fetchone()[0]
            applicants = con.execute("SELECT count(*) FROM applicants").fetchone()[0]
            last = con.execute(
                "SELECT registered_on, reg_number FROM appeals WHERE deleted = 0 "
                "ORDER BY registered_on DESC, id DESC LIMIT 1"
            ).fetchone()
            scans = (0, 0)
            if "attachment_contents" in tables:
                scans = con.execute(
                    "SELECT count(*), coalesce(sum(a.size), 0) FROM attachments a JOIN attachment_contents c "
                    "ON c.attachment_id = a.id WHERE a.deleted = 0"
                ).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        log.warning("backup %s cannot be read: %s", path, exc)
        raise DomainError(
            f"Резервная копия «{path.name}» повреждена и не может быть прочитана. Выберите другую копию."
        ) from exc
    if len(revisions) != 1:
        raise DomainError(f"В резервной копии «{path.name}» неверные сведения о версии структуры базы.")
    revision = next(iter(revisions))
    last_on = date.fromisoformat(str(last[0])[:10]) if last and last[0] else None
    return BackupInfo(
        path=path,
        made_at=made_at(path),
        revision=revision,
        appeals=int(appeals),
        applicants=int(applicants),
        last_registered_on=last_on,
        last_number=(last[1] if last else None),
        size=path.stat().st_size,
        scans=int(scans[0]),
        scans_size=int(scans[1]),
    )


def check_restorable(info: BackupInfo) -> None:
    """Refuse a backup written by a newer version of the program (a schema this one does not know)."""
    from . import migrations

    if info.revision not in migrations.known_revisions():
        raise DomainError(
            f"Резервная копия «{info.path.name}» сделана более новой версией AppealDesk (версия структуры "
            f"{info.revision}). Эта версия программы не может с ней работать. Обновите программу; текущая "
            "база данных не изменена."
        )


def _integrity(path: Path, *, read_only: bool) -> list[str]:
    con = _connect_read_only(path) if read_only else sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


def restore_backup(
    backup: str | os.PathLike,
    db_path: str | os.PathLike,
    backup_dir: str | os.PathLike,
    *,
    keep: int = 10,
) -> RestoreResult:
    """Replace the database file ``db_path`` with the contents of ``backup``.

    The database must not be open (the program closes it first). Steps: inspect and verify the backup,
    refuse a newer schema, back up the current database into ``backup_dir`` (prefix
    ``appealdesk-before-restore``), copy the backup over it with the SQLite backup API, check the result.
    An older schema is fine: the program migrates it when it opens the database again.
    """
    backup, db_path = Path(backup), Path(db_path)
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise DomainError("Нельзя восстановить базу данных из неё самой: выберите файл резервной копии.")
    info = inspect_backup(backup)
    check_restorable(info)
    try:
        problems = _integrity(backup, read_only=True)
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems != ["ok"]:
        raise DomainError(
            f"Резервная копия «{backup.name}» не прошла проверку целостности ({'; '.join(problems[:3])}). "
            "Выберите другую копию; текущая база данных не изменена."
        )
    from .backup import damaged_scans

    bad = damaged_scans(backup)
    if bad:
        raise DomainError(
            f"В резервной копии «{backup.name}» повреждены сканы вложений ({', '.join(bad[:5])}). "
            "Выберите другую копию; текущая база данных не изменена."
        )
    ensure_not_open(db_path)
    safety = _save_current(db_path, Path(backup_dir), keep)
    new_file = not db_path.exists()
    try:
        _copy_over(backup, db_path)
        if new_file:
            make_private_sqlite(db_path)  # a database restored into a new place is owner-only too
        problems = _integrity(db_path, read_only=False)
    except (sqlite3.Error, OSError) as exc:
        log.error("restore of %s from %s failed: %s", db_path, backup, exc)
        reason = os_error_text(exc) if isinstance(exc, OSError) else "ошибка базы данных SQLite"
        raise DomainError(
            f"Не удалось восстановить базу данных из копии «{backup.name}»: {reason}. "
            + (f"Прежняя база сохранена в «{safety}»." if safety else "")
        ) from exc
    if problems != ["ok"]:
        raise DomainError(
            f"Восстановленная база не прошла проверку целостности ({'; '.join(problems[:3])}). "
            + (f"Прежняя база сохранена в «{safety}»." if safety else "")
        )
    log.info("database %s restored from %s (safety copy %s)", db_path, backup, safety)
    return RestoreResult(info=info, safety_copy=safety)


def ensure_not_open(db_path: Path) -> None:
    """Refuse while another program has the database open: an exclusive lock on the file (SQLite's own
    locking, which an open connection of any program holds off, even an idle one in WAL mode) is tried
    and given back at once. A file SQLite cannot read (damaged) is not refused here."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, timeout=0.5)
    except sqlite3.Error:
        return
    try:
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DomainError(
                f"База данных «{db_path}» открыта другой программой (другим окном AppealDesk, командой "
                "appealdesk-cli или программой просмотра баз). Закройте её и повторите восстановление. "
                "Текущая база не изменена."
            ) from exc
    except sqlite3.DatabaseError:
        pass  # damaged: nothing can have it open through SQLite in a useful way; restoring is the cure
    finally:
        con.close()


def _save_current(db_path: Path, backup_dir: Path, keep: int) -> Path | None:
    """A verified backup of the current file; a damaged file is kept as it is (raw copy) instead."""
    from .backup import backup_sqlite_file

    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        return backup_sqlite_file(db_path, backup_dir, keep=keep, prefix=BEFORE_RESTORE_PREFIX)
    except DomainError:
        # a damaged database is the usual reason to restore: keep its bytes, do not refuse
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = backup_dir / f"{BEFORE_RESTORE_PREFIX}-{stamp}.damaged"
        try:
            private_folder(backup_dir)
            for extra in ("", "-wal", "-shm"):
                side = db_path.with_name(db_path.name + extra)
                if side.exists():
                    _copy_privately(side, target.with_name(target.name + extra))
        except OSError as exc:
            raise DomainError(
                f"Не удалось сохранить текущую базу данных перед восстановлением в папку «{backup_dir}»: "
                f"{os_error_text(exc)}. База данных не изменена."
            ) from exc
        log.warning("current database is damaged; raw copy kept at %s", target)
        return target


def _copy_privately(source: Path, target: Path) -> None:
    """A byte copy under a hidden temporary name, owner-only, put in place at the end (a kill leaves no
    half-written file under the real name)."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        shutil.copyfile(source, partial)
        make_private(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _copy_over(backup: Path, db_path: Path) -> None:
    src = _connect_read_only(backup)
    try:
        try:
            dst = sqlite3.connect(db_path, timeout=10)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=WAL")
            finally:
                dst.close()
        except sqlite3.DatabaseError:
            # the current file is too damaged to be written page by page: build the copy beside it and
            # put it in place (the damaged bytes were saved by _save_current)
            fresh = db_path.with_name(db_path.name + ".restoring")
            with contextlib.suppress(OSError):
                fresh.unlink()
            dst = sqlite3.connect(fresh)
            try:
                src.backup(dst)
            finally:
                dst.close()
            make_private(fresh)
            for extra in ("-wal", "-shm"):
                with contextlib.suppress(OSError):
                    db_path.with_name(db_path.name + extra).unlink()
            os.replace(fresh, db_path)
    finally:
        src.close()
