"""The audit log as a hash chain: each row's ``chain`` is a SHA-256 of the row's content and of the chain
value of the row before it, so a row changed by a plain ``UPDATE``, or removed, breaks the chain from there
on. ``check`` walks it (``first_break``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime

GENESIS = "0" * 64


def _at(value: datetime | str | None) -> str:
    if isinstance(value, str):  # a raw SQLite value
        value = datetime.fromisoformat(value)
    return value.isoformat(sep=" ", timespec="microseconds") if value is not None else ""


def link(previous: str | None, at, user, user_id, entity, entity_id, action, changes) -> str:
    """The chain value of one row, given the chain value of the row before it."""
    body = json.dumps(
        [previous or GENESIS, _at(at), user or "", user_id, entity or "", entity_id, action or "", changes or "[]"],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


# the columns a chain value covers, in the order ``link`` takes them
COLUMNS = ("at", "user", "user_id", "entity", "entity_id", "action", "changes")


def first_break(rows: Iterable[tuple]) -> tuple[int | None, int]:
    """``rows``: ``(id, chain, at, user, user_id, entity, entity_id, action, changes)`` in id order. Returns
    the id of the first row whose chain value is wrong (None: the chain holds) and the rows read."""
    previous = None
    count = 0
    for row_id, chain, *content in rows:
        count += 1
        expected = link(previous, *content)
        if chain != expected:
            return row_id, count
        previous = chain
    return None, count
