"""Opening the database: where it is, the checks before use, the SQLite pragmas, migrations.

A damaged, locked, read-only or newer-schema database raises ``DatabaseProblem`` with a Russian message
and is never written to.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from ..errors import DatabaseProblem, DomainError
from ..os_errors import is_disk_full, os_error_text
from ..paths import default_backup_dir, default_db_path
from ..private_files import make_private_sqlite, private_folder
from . import faults, migrations, server
from .sqlite_file import connect_for_reading

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open, checked and migrated database."""

    engine: Engine
    url: str
    path: Path | None  # the SQLite file, or None for a server database
    session_factory: sessionmaker[Session]
    # set by open_database when it upgraded the schema: the revision before and the backup made first
    migrated_from: str | None = None
    migration_backup: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def writer(self) -> sessionmaker[Session]:
        """Sessions of a unit of work that writes (on SQLite they begin with ``BEGIN IMMEDIATE``)."""
        factory = self.__dict__.get("_writer")
        if factory is None:
            factory = sessionmaker(bind=self.engine.execution_options(**{WRITE: True}), expire_on_commit=False)
            self.__dict__["_writer"] = factory
        return factory

    @property
    def where(self) -> str:
        """The file, or the server URL without its password: for messages and the screen."""
        return str(self.path) if self.path is not None else server.shown(self.url)

    def dispose(self) -> None:
        self.engine.dispose()


def resolve_url(db: str | os.PathLike | None) -> tuple[str, Path | None]:
    """``--db`` takes a file path or an SQLAlchemy URL; nothing means the default file.

    ``postgresql://`` and ``postgres://`` mean the psycopg 3 driver (``postgresql+psycopg://``)."""
    if db is None or str(db) == "":
        path = default_db_path()
        return f"sqlite:///{path}", path
    raw = str(db)
    if "://" in raw:
        url = make_url(raw)
        if url.get_backend_name() == "sqlite":
            database = url.database
            if database and database != ":memory:" and not database.startswith("file:"):
                return raw, Path(database).resolve()
            return raw, None
        return server.normalise_url(raw), None
    path = Path(raw).expanduser().resolve()
    return f"sqlite:///{path}", path


# how long a write waits for another program's write (an import on another PC, a second window) before
# the user is told, in Russian, that the database is busy
WRITE_WAIT_S = 10
WRITE = "appealdesk_write"  # the execution option of the connections of a unit of work that writes


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling is switched off: ``_sqlite_begin`` opens each transaction, so
    # that a writing one takes the write lock at its start (BEGIN IMMEDIATE) and waits for it there,
    # instead of failing half-way when two writers meet
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={WRITE_WAIT_S * 1000}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(connection) -> None:
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """The engine of a database URL. A server URL whose driver is not installed raises a Russian
    ``DatabaseProblem("driver_missing")``."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": WRITE_WAIT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    url = server.normalise_url(url)
    connect_args = {"connect_timeout": server.CONNECT_TIMEOUT} if server.is_server_url(url) else {}
    try:
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (ImportError, NoSuchModuleError) as exc:
        raise server.driver_missing(url, exc) from exc


# the lock every writing transaction on a server takes first: writes are serialised as on SQLite, so
# that the registration counters and the audit chain never race (an office writes a few rows a minute)
_WRITE_LOCK_KEY = 0x41505044  # "APPD"


def begin_write(session: Session) -> None:
    """The first statement of a unit of work that writes: on PostgreSQL, wait (at most ``WRITE_WAIT_S``)
    for the office-wide write lock, held until the transaction ends. SQLite took its lock at BEGIN."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL lock_timeout = '{WRITE_WAIT_S}s'"))
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})


# -- checks before the first write ------------------------------------------------------------------
def preflight_sqlite_file(path: Path, *, deep: bool = True) -> None:
    """Refuse a file that is not a database, is empty, damaged, read-only or locked, or that a full or
    failing disk cannot serve. Writes nothing.

    ``deep`` runs ``PRAGMA quick_check`` over the whole file (about 3 ms per thousand appeals); the desktop
    skips it to show its window sooner and runs ``quick_check`` in the background instead."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise DatabaseProblem(
            "read_only", f"Нет доступа к файлу базы данных «{path}». Проверьте права доступа.", str(path)
        ) from exc
    except OSError as exc:
        raise _os_problem(path, exc) from exc
    if len(header) == 0 and not _has_wal(path):
        raise _empty(path)
    if header and header != SQLITE_HEADER:
        raise DatabaseProblem(
            "not_a_database",
            f"Файл «{path}» не является базой данных AppealDesk (или повреждён). "
            "Файл не изменён. Укажите другой файл или восстановите базу из резервной копии.",
            str(path),
        )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise _read_only(path)
    uri = f"{path.as_uri()}?mode=rw"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=WRITE_WAIT_S)  # another writer at work: wait as a write would
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from exc
    try:
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if faults.fault_of(exc, path) == faults.LOCKED:
                raise DatabaseProblem(
                    "locked",
                    f"База данных «{path}» занята другой программой (заблокирована). "
                    "Закройте другие копии AppealDesk или программы, открывшие этот файл, и повторите.",
                    str(path),
                ) from exc
            raise _sqlite_problem(path, exc) from exc
        except sqlite3.DatabaseError as exc:
            raise _sqlite_problem(path, exc) from exc
        if deep:
            problems = _quick_check(con, path)
            if problems:
                raise _damaged(path, "; ".join(problems[:5]))
        else:
            try:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.DatabaseError as exc:
                raise _sqlite_problem(path, exc) from exc
    finally:
        con.close()


def _has_wal(path: Path) -> bool:
    """A -wal file with content beside an empty database file: the database lives in it (SQLite reads it)."""
    wal = Path(f"{path}-wal")
    try:
        return wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return False


def _empty(path: Path) -> DatabaseProblem:
    return DatabaseProblem(
        "empty_file",
        f"Файл базы данных «{path}» пуст (0 байт): в нём нет ни одной записи. Файл не изменён. "
        "Если в нём была ваша база, восстановите её из резервной копии (Файл → Восстановить из копии). "
        "Если нужна новая база, укажите файл, которого ещё нет, или удалите этот пустой файл и запустите "
        "программу снова.",
        str(path),
    )


def _sqlite_problem(path: Path, exc: BaseException) -> DatabaseProblem:
    """A full disk, an I/O error, a refused permission or a lock, told apart from damage."""
    kind = faults.fault_of(exc, path)
    if kind in (faults.DISK_FULL, faults.IO_ERROR, faults.READ_ONLY, faults.LOCKED):
        log.warning("database %s: %s (%s)", path, kind, exc)
        return faults.problem(kind, path, changed=False)
    if kind == faults.DAMAGED or not isinstance(exc, sqlite3.OperationalError):
        return _damaged(path, exc)
    log.warning("database %s cannot be opened: %s", path, exc)
    return DatabaseProblem(
        "unreachable",
        f"Не удалось открыть базу данных «{path}». Файл не изменён. Проверьте, что файл доступен, и повторите.",
        str(path),
    )


def _os_problem(path: Path, exc: OSError) -> DatabaseProblem:
    if is_disk_full(exc):
        return faults.problem(faults.DISK_FULL, path, changed=False)
    reason = "io_error" if exc.errno == errno.EIO else "unreachable"
    return DatabaseProblem(
        reason, f"Не удалось прочитать файл базы данных «{path}»: {os_error_text(exc)}. Файл не изменён.",
        str(path),
    )


def _quick_check(con: sqlite3.Connection, path: Path) -> list[str]:
    try:
        rows = con.execute("PRAGMA quick_check(20)").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _sqlite_problem(path, exc) from exc
    return [r[0] for r in rows if r[0] != "ok"]


def quick_check(db: Database) -> None:
    """``PRAGMA quick_check`` of an open SQLite database; raises ``DatabaseProblem("damaged")``. Safe to run
    in a background thread (it opens its own read-only connection)."""
    if db.path is None:
        return
    try:
        con = sqlite3.connect(f"{db.path.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise _sqlite_problem(db.path, exc) from exc
    try:
        problems = _quick_check(con, db.path)
    finally:
        con.close()
    if problems:
        raise _damaged(db.path, "; ".join(problems[:5]))


def _read_only(path: Path) -> DatabaseProblem:
    return DatabaseProblem(
        "read_only",
        f"База данных «{path}» открыта только для чтения: нет права записи в файл или в его папку. "
        "Проверьте права доступа или скопируйте базу в свою папку.",
        str(path),
    )


def _damaged(path: Path, detail) -> DatabaseProblem:
    # SQLite's own words are English: they go to the log, the clerk reads Russian
    log.warning("database %s is damaged: %s", path, detail)
    return DatabaseProblem(
        "damaged",
        f"База данных «{path}» повреждена: часть файла не читается. Файл не изменён. "
        "Восстановите базу из резервной копии (папка backups рядом с базой).",
        str(path),
    )


def open_read_only(db: str | os.PathLike | None = None) -> Database:
    """The database as it is, for looking only (``check``): an SQLite file is opened with ``mode=ro``, so
    nothing (no migration, no reference data, no checkpoint of its -wal) is ever written to it. A server
    database is opened as usual (its server grants the rights)."""
    url, path = resolve_url(db)
    if path is None:
        return _open_without_file(url, migrate=False)
    if not path.is_file():
        raise DatabaseProblem("unreachable", f"Файл базы данных «{path}» не найден.", str(path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise _os_problem(path, exc) from exc
    if len(header) == 0 and not _has_wal(path):
        raise _empty(path)
    if header and header != SQLITE_HEADER:
        raise DatabaseProblem(
            "not_a_database", f"Файл «{path}» не является базой данных AppealDesk (или повреждён). Файл не изменён.",
            str(path),
        )
    uri = f"{path.as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        con = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
        con.execute("PRAGMA query_only=ON")
        return con

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)
    try:
        with engine.connect() as con:
            con.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except SQLAlchemyError as exc:
        engine.dispose()
        raise _sqlite_problem(path, getattr(exc, "orig", exc)) from exc
    return Database(engine, url, path, _session_factory(engine))


def integrity_report(db: Database) -> list[str]:
    """Full ``PRAGMA integrity_check`` and ``foreign_key_check``; an empty list means all is well."""
    if not db.is_sqlite:
        return []
    problems: list[str] = []
    with db.engine.connect() as con:
        for (msg,) in con.execute(text("PRAGMA integrity_check")):
            if msg != "ok":
                problems.append(f"Нарушение целостности: {msg}")
        for row in con.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"Нарушена ссылка: таблица {row[0]}, строка {row[1]} → {row[2]}")
    return problems


# -- opening and migrating --------------------------------------------------------------------------
@dataclass(frozen=True)
class _FileState:
    exists: bool
    tables: frozenset[str] = frozenset()
    revisions: frozenset[str] = frozenset()


def open_database(
    db: str | os.PathLike | None = None,
    *,
    migrate: bool = True,
    backup_dir: Path | None = None,
    deep_check: bool = True,
) -> Database:
    """Open the database the program works with: check it, migrate it to the current schema, load the
    reference data. Runs at every start, so an up-to-date database costs a few small queries.

    A damaged, locked, read-only, foreign or newer-schema file raises ``DatabaseProblem`` and is left
    exactly as it was. Before the schema of an existing file is upgraded, a verified backup is written to
    ``backup_dir`` (by default the ``backups`` folder beside the file).

    ``migrate=False`` opens the database as it is: no migration, no reference loading, no new file.
    """
    url, path = resolve_url(db)
    if path is None:
        return _open_without_file(url, migrate=migrate)
    is_default = db is None or str(db) == ""
    state = _prepare_file(path, is_default=is_default, migrate=migrate, deep=deep_check)
    current = _current_of(path, state)
    migrated_from: str | None = None
    backup: Path | None = None
    if migrate and current != migrations.HEAD_REVISION:
        if current is not None:
            backup = _backup_before_migration(path, current, backup_dir)
        _upgrade_sqlite_file(url, path, created=not state.exists, backup=backup)
        if not state.exists:
            make_private_sqlite(path)  # personal data: the file, its -wal and -shm are owner-only
        migrated_from = current
    database = _database(url, path, migrated_from=migrated_from, backup=backup)
    if migrate:
        _load_reference(database)
    return database


def head_revision() -> str:
    """The newest schema revision this program knows (from the migration scripts)."""
    return migrations.alembic_head()


def current_revision(db: Database | str | os.PathLike) -> str | None:
    """The schema revision of an open database, or of a database file read without changing it;
    ``None`` when the database has no AppealDesk schema yet."""
    if isinstance(db, Database):
        with db.engine.connect() as con:
            if not inspect(con).has_table("alembic_version"):
                return None
            revisions = {r[0] for r in con.execute(text("SELECT version_num FROM alembic_version"))}
    else:
        url, path = resolve_url(db)
        if path is None:
            engine = make_engine(url)
            try:
                return current_revision(Database(engine, url, None, sessionmaker(bind=engine)))
            except OperationalError as exc:
                raise server.connection_problem(url, exc) from exc
            finally:
                engine.dispose()
        revisions = set(_read_file_state(path).revisions)
    return max(revisions) if revisions else None


def _prepare_file(path: Path, *, is_default: bool, migrate: bool, deep: bool = True) -> _FileState:
    """Check an existing file (writes nothing) or make sure a new one can be created."""
    if path.exists():
        if path.is_dir():
            raise DatabaseProblem(
                "not_a_database", f"«{path}» — это папка, а не файл базы данных. Укажите файл.", str(path)
            )
        preflight_sqlite_file(path, deep=deep)
        return _read_file_state(path)
    if not migrate:
        raise DatabaseProblem("unreachable", f"Файл базы данных «{path}» не найден.", str(path))
    parent = path.parent
    if not parent.is_dir():
        if not is_default:
            raise DatabaseProblem(
                "unreachable",
                f"Папка «{parent}» не существует: создать в ней базу данных нельзя. Укажите другой путь.",
                str(path),
            )
        try:
            private_folder(parent)  # the data folder holds personal data: owner-only
        except OSError as exc:
            raise DatabaseProblem(
                "read_only",
                f"Не удалось создать папку данных «{parent}» ({os_error_text(exc)}). Проверьте права доступа.",
                str(path),
            ) from exc
    if not os.access(parent, os.W_OK):
        raise DatabaseProblem(
            "read_only",
            f"Нет права записи в папку «{parent}»: создать в ней базу данных нельзя. "
            "Проверьте права доступа или укажите другую папку.",
            str(path),
        )
    return _FileState(exists=False)


def _read_file_state(path: Path) -> _FileState:
    """The tables and the schema revision of a file. Reads only (``sqlite_file.reading_mode``)."""
    if not path.exists() or path.stat().st_size == 0:
        return _FileState(exists=path.exists())
    try:
        con = connect_for_reading(path)
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from exc
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revisions: set[str] = set()
        if "alembic_version" in tables:
            revisions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.OperationalError as exc:
        if faults.fault_of(exc, path) == faults.LOCKED:
            raise DatabaseProblem(
                "locked", f"База данных «{path}» занята другой программой (заблокирована).", str(path)
            ) from exc
        raise _sqlite_problem(path, exc) from exc
    except sqlite3.DatabaseError as exc:
        raise _sqlite_problem(path, exc) from exc
    finally:
        con.close()
    return _FileState(exists=True, tables=frozenset(tables), revisions=frozenset(revisions))


def _current_of(path: Path | None, state: _FileState) -> str | None:
    """The revision the database is at; refuses a foreign database and a newer schema."""
    where = str(path) if path else None
    shown = f"«{path}»" if path else "на сервере"
    if not state.revisions:
        if state.tables - {"alembic_version"}:
            raise DatabaseProblem(
                "not_a_database",
                f"База данных {shown} не является базой AppealDesk: в ней есть таблицы, но нет сведений о "
                "версии структуры AppealDesk. Файл не изменён. Укажите другой файл.",
                where,
            )
        return None
    if state.revisions == {migrations.HEAD_REVISION}:
        return migrations.HEAD_REVISION
    unknown = state.revisions - migrations.known_revisions()
    if unknown:
        raise DatabaseProblem(
            "newer_schema",
            f"База данных {shown} создана более новой версией AppealDesk (версия структуры "
            f"{', '.join(sorted(unknown))}). Эта версия программы не может с ней работать; база не изменена. "
            "Обновите программу.",
            where,
        )
    if len(state.revisions) > 1:  # never written by AppealDesk: its history has no branches
        raise DatabaseProblem(
            "damaged",
            f"В базе данных {shown} записано несколько версий структуры ({', '.join(sorted(state.revisions))}). "
            "База не изменена. Обратитесь к администратору.",
            where,
        )
    return next(iter(state.revisions))


def _backup_before_migration(path: Path, revision: str, backup_dir: Path | None) -> Path:
    from .backup import backup_sqlite_file

    to_dir = Path(backup_dir) if backup_dir is not None else default_backup_dir(path)
    try:
        return backup_sqlite_file(path, to_dir, prefix=f"appealdesk-before-migration-{revision}")
    except DomainError as exc:
        raise DatabaseProblem(
            "backup_failed",
            "Структуру базы данных нужно обновить для этой версии программы, но сначала не удалось сделать "
            f"резервную копию. {exc} База данных не изменена.",
            str(path),
        ) from exc


def migration_engine(url: str) -> Engine:
    """An SQLite engine for migrations: one explicit ``BEGIN IMMEDIATE`` around all of them, so that the
    DDL is transactional (pysqlite would otherwise commit before each DDL statement), and foreign keys
    off, so that a table rebuilt by batch mode does not cascade-delete the rows that refer to it."""
    engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 5})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA busy_timeout=5000")
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _upgrade_sqlite_file(url: str, path: Path, *, created: bool, backup: Path | None) -> None:
    engine = migration_engine(url)
    try:
        with engine.connect() as con, con.begin():
            broken_before = len(con.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
            migrations.upgrade_connection(con)
            broken_after = len(con.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
            if broken_after > broken_before:
                raise RuntimeError(f"после обновления нарушено ссылок: {broken_after - broken_before}")
    except Exception as exc:
        log.exception("migration of %s failed", path)
        engine.dispose()
        if created:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
                leftover.unlink(missing_ok=True)
        if _is_locked(exc):
            raise DatabaseProblem(
                "locked",
                f"База данных «{path}» занята другой программой (заблокирована). "
                "Закройте другие копии AppealDesk и повторите.",
                str(path),
            ) from exc
        hint = f" Резервная копия перед обновлением: «{backup}»." if backup else ""
        kind = faults.fault_of(exc, path)
        if kind in (faults.DISK_FULL, faults.IO_ERROR, faults.READ_ONLY):
            what = {faults.DISK_FULL: "на диске нет места", faults.IO_ERROR: "ошибка чтения или записи диска",
                    faults.READ_ONLY: "нет права записи в файл или его папку"}[kind]
            advice = {faults.DISK_FULL: "Освободите место на диске и запустите программу снова.",
                      faults.IO_ERROR: "Проверьте, что диск подключён и исправен, и запустите программу снова.",
                      faults.READ_ONLY: "Проверьте права доступа и запустите программу снова."}[kind]
            raise DatabaseProblem(
                kind,
                f"Не удалось обновить структуру базы данных «{path}»: {what}. Изменения отменены, база "
                f"данных осталась прежней и не повреждена.{hint} {advice}",
                str(path),
            ) from exc
        raise DatabaseProblem(
            "migration_failed",
            f"Не удалось обновить структуру базы данных «{path}»: {_first_line(exc)}. "
            f"Изменения отменены, база данных осталась прежней.{hint}",
            str(path),
        ) from exc
    finally:
        engine.dispose()
    log.info("database %s migrated to %s", path, migrations.HEAD_REVISION)


def _open_without_file(url: str, *, migrate: bool) -> Database:
    """A server database (PostgreSQL) or an in-memory SQLite one: no file checks, no backup."""
    engine = make_engine(url)
    try:
        try:
            with engine.connect() as con:
                tables = set(inspect(con).get_table_names())
                revisions: set[str] = set()
                if "alembic_version" in tables:
                    revisions = {r[0] for r in con.execute(text("SELECT version_num FROM alembic_version"))}
        except SQLAlchemyError as exc:
            raise server.connection_problem(url, exc) from exc
        current = _current_of(
            None, _FileState(exists=True, tables=frozenset(tables), revisions=frozenset(revisions))
        )
        migrated_from = None
        if migrate and current != migrations.HEAD_REVISION:
            _upgrade_server(engine, url)
            migrated_from = current
    except BaseException:
        engine.dispose()
        raise
    database = Database(engine, url, None, _session_factory(engine), migrated_from=migrated_from)
    if migrate:
        _load_reference(database)
    return database


def _upgrade_server(engine: Engine, url: str) -> None:
    """Every migration in one transaction (PostgreSQL's DDL is transactional): all or nothing."""
    try:
        with engine.begin() as con:
            migrations.upgrade_connection(con)
    except SQLAlchemyError as exc:
        if isinstance(exc, OperationalError) and exc.connection_invalidated:
            raise server.connection_problem(url, exc) from exc
        log.exception("migration of %s failed", server.shown(url))
        raise DatabaseProblem(
            "migration_failed",
            "Не удалось обновить структуру базы данных на сервере. Изменения отменены, база данных осталась "
            "прежней. Подробности записаны в журнал программы; сообщите администратору.",
            server.shown(url),
        ) from exc


def _database(url: str, path: Path, *, migrated_from: str | None, backup: Path | None) -> Database:
    engine = make_engine(url)
    return Database(
        engine, url, path, _session_factory(engine), migrated_from=migrated_from, migration_backup=backup
    )


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def _load_reference(database: Database) -> None:
    from .reference import ensure_reference

    try:
        ensure_reference(database)
    except BaseException:
        database.dispose()
        raise


def _is_locked(exc: BaseException) -> bool:
    text_ = str(getattr(exc, "orig", exc)).lower()
    return "locked" in text_ or "busy" in text_


def _first_line(exc: BaseException) -> str:
    lines = str(getattr(exc, "orig", None) or exc).splitlines()
    return lines[0][:300] if lines else type(exc).__name__
