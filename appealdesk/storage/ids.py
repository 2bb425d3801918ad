"""Ids for rows written in bulk, known before the rows are inserted (the rows refer to each other).

SQLite: the next id is ``max(id) + 1`` (the write transaction holds the whole file, and the rowid of the
next ordinary insert follows the largest one, so nothing is left to advance). PostgreSQL: ids come from the
table's own sequence, a block at a time (``nextval`` over ``generate_series``), so that the rows
registered later, by this or another workstation, never meet them. Unused ids of the last block are a gap,
as a rolled-back insert leaves one.
"""

from __future__ import annotations

from sqlalchemy import Table, func, select, text
from sqlalchemy.orm import Session

_FIRST_BLOCK = 64
_LARGEST_BLOCK = 4096


class IdAllocator:
    """``next()`` gives the id of the next row of ``table`` (a single integer primary key ``id``)."""

    def __init__(self, session: Session, table: Table):
        self._s = session
        self._table = table
        self._sequence = session.get_bind().dialect.name == "postgresql"
        self._block: list[int] = []
        self._block_size = _FIRST_BLOCK
        self._next = 0
        if not self._sequence:
            self._next = (session.scalar(select(func.max(table.c.id))) or 0) + 1

    def next(self) -> int:
        if not self._sequence:
            value = self._next
            self._next += 1
            return value
        if not self._block:
            self._block = sorted(self._reserve(self._block_size), reverse=True)
            self._block_size = min(self._block_size * 2, _LARGEST_BLOCK)
        return self._block.pop()

    def _reserve(self, count: int) -> list[int]:
        return list(
            self._s.scalars(
                text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
                {"table": self._table.name, "n": count},
            )
        )
