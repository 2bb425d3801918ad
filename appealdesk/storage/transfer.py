"""Copying a whole database to another engine: how an office outgrows one PC (SQLite file → PostgreSQL).

Everything moves in one transaction on the target: the schema (the same Alembic migrations), every table
in the order of its references (appeals, applicants, receptions, the audit log, the settings, the users,
the scans), the search index in the target's form, and the id sequences set past the copied rows. Before
the commit every table is compared: the count of rows and a checksum of their values, read back from the
target inside the same transaction. A difference rolls everything back; the source is only read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime
from decimal import Decimal

from sqlalchemy import Connection, Integer, Table, func, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import DomainError
from . import migrations
from .database import Database, make_engine
from .models import AppealSearch, Base

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], object]  # (table, rows done, rows of the table)
_BATCH = 2000


@dataclass(frozen=True)
class TableCheck:
    name: str
    rows: int
    checksum: str  # equal on both sides (the copy is refused otherwise)


@dataclass(frozen=True)
class TransferReport:
    tables: tuple[TableCheck, ...]
    search_rows: int  # appeals in the search index of the target
    seconds: float

    def rows(self, table: str) -> int:
        return next(t.rows for t in self.tables if t.name == table)


def _tables() -> list[Table]:
    # the search index is rebuilt in the target's own form (FTS5 on SQLite, a table elsewhere)
    return [t for t in Base.metadata.sorted_tables if t.name != AppealSearch.__tablename__]


def copy_database(source: Database, target_url: str, *, progress: Progress | None = None) -> TransferReport:
    """Copy ``source`` into the empty database at ``target_url``; raises ``DomainError`` (Russian) and
    leaves the target as it was when anything fails or differs."""
    started = time.perf_counter()
    target = make_engine(target_url)
    try:
        try:
            with target.connect() as con:
                existing = inspect(con).get_table_names()
        except SQLAlchemyError as exc:
            log.warning("move: cannot connect to the target: %s", exc)
            raise DomainError(
                "Не удалось подключиться к серверу базы данных: проверьте адрес, имя базы, пользователя и "
                "пароль, и что сервер запущен. Ничего не перенесено."
            ) from exc
        if existing:
            raise DomainError(
                f"База данных на сервере не пуста (таблиц: {len(existing)}). Перенос возможен только в пустую "
                "базу: создайте новую (например, CREATE DATABASE appealdesk) и повторите. Ничего не изменено."
            )
        with source.engine.connect() as src, target.connect() as dst:
            trans = dst.begin()
            try:
                migrations.upgrade_connection(dst)
                checks = []
                for table in _tables():
                    if table.name == "alembic_version":
                        continue
                    _copy_table(src, dst, table, progress)
                search_rows = _copy_search_index(src, dst)
                _advance_sequences(dst)
                for table in _tables():
                    checks.append(_compare(src, dst, table))
                trans.commit()
            except BaseException:
                trans.rollback()
                raise
    except SQLAlchemyError as exc:
        log.exception("move to the server failed")
        raise DomainError(
            "Перенос базы данных на сервер не удался, на сервере ничего не изменено. Подробности записаны в "
            "журнал программы."
        ) from exc
    finally:
        target.dispose()
    return TransferReport(tuple(checks), search_rows, round(time.perf_counter() - started, 1))


def _pk(table: Table):
    return list(table.primary_key.columns)


def _copy_table(src: Connection, dst: Connection, table: Table, progress: Progress | None) -> None:
    total = src.execute(select(func.count()).select_from(table)).scalar_one()
    if not total:
        return
    done = 0
    result = src.execution_options(yield_per=_BATCH).execute(select(table).order_by(*_pk(table)))
    for rows in result.partitions(_BATCH):
        dst.execute(insert(table), [dict(r._mapping) for r in rows])
        done += len(rows)
        if progress is not None:
            progress(table.name, done, total)


def _copy_search_index(src: Connection, dst: Connection) -> int:
    """The search index in the target's form: the same words and stems of each appeal."""
    rows = _read_index(src)
    if dst.dialect.name == "sqlite":
        for i in range(0, len(rows), _BATCH):
            dst.execute(text("INSERT INTO appeal_fts(rowid, words, stems) VALUES (:id, :w, :s)"),
                        [{"id": a, "w": w, "s": s} for a, w, s in rows[i : i + _BATCH]])
    else:
        for i in range(0, len(rows), _BATCH):
            dst.execute(insert(AppealSearch.__table__),
                        [{"appeal_id": a, "document": f" {w} {s} "} for a, w, s in rows[i : i + _BATCH]])
    return len(rows)


def _read_index(con: Connection) -> list[tuple[int, str, str]]:
    if con.dialect.name == "sqlite":
        return [tuple(r) for r in con.execute(text("SELECT rowid, words, stems FROM appeal_fts ORDER BY rowid"))]
    out = []
    for appeal_id, document in con.execute(select(AppealSearch.appeal_id, AppealSearch.document)):
        tokens = document.split()  # words, then as many stems (one stem per word)
        half = len(tokens) // 2
        out.append((appeal_id, " ".join(tokens[:half]), " ".join(tokens[half:])))
    return out


def _advance_sequences(dst: Connection) -> None:
    """Ids assigned by the server continue after the copied rows (PostgreSQL's serial sequences)."""
    if dst.dialect.name != "postgresql":
        return
    for table in _tables():
        pk = _pk(table)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer) or table.name == "alembic_version":
            continue
        seq = dst.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}).scalar()
        if seq:
            dst.execute(
                text(f'SELECT setval(:seq, coalesce((SELECT max("{pk[0].name}") FROM "{table.name}"), 0) + 1, false)'),
                {"seq": seq},
            )


def _compare(src: Connection, dst: Connection, table: Table) -> TableCheck:
    a_rows, a_sum = table_checksum(src, table)
    b_rows, b_sum = table_checksum(dst, table)
    if (a_rows, a_sum) != (b_rows, b_sum):
        raise DomainError(
            f"Перенос остановлен: таблица «{table.name}» на сервере не совпадает с исходной (строк "
            f"{b_rows} из {a_rows}). На сервере ничего не изменено."
        )
    return TableCheck(table.name, a_rows, a_sum)


def table_checksum(con: Connection, table: Table) -> tuple[int, str]:
    """The count of rows and a SHA-256 over their values, independent of row order and of the engine's
    types (dates, booleans, bytes are written the same way whatever stored them)."""
    digests = []
    result = con.execution_options(yield_per=5000).execute(select(table))
    for row in result:
        body = json.dumps([_norm(v) for v in row], ensure_ascii=False, separators=(",", ":"))
        digests.append(hashlib.sha256(body.encode("utf-8", "surrogatepass")).digest())
    digests.sort()
    total = hashlib.sha256()
    for d in digests:
        total.update(d)
    return len(digests), total.hexdigest()


def _norm(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime | date | dtime):
        return value.isoformat()
    if isinstance(value, bytes | memoryview | bytearray):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float | Decimal):
        return repr(float(value))
    return str(value)
