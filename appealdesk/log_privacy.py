"""What the log may keep of a database error: the kind of the failed statement, never its values.

SQLAlchemy's error text carries the whole statement and its parameters (names, addresses, the text of an
appeal), and PostgreSQL's carries the duplicated key (``DETAIL: Key (…)=(…)``). The log file is read by a
specialist, maybe sent by e-mail: ``safe_message`` keeps the error itself and the statement's kind
(``INSERT INTO appeals``), ``format_exception_safely`` writes a traceback with such messages, and
``PrivateFormatter`` does both for every record of a log handler.
"""

from __future__ import annotations

import logging
import re
import traceback

_KIND = re.compile(
    r"^\s*(?:WITH\b.*?\)\s*)?(?P<verb>SELECT|INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|"
    r"REPLACE\s+INTO|CREATE|ALTER|DROP|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b",
    re.IGNORECASE | re.DOTALL,
)
_TABLE = re.compile(r"\b(?:INTO|UPDATE|FROM|TABLE|INDEX|ON)\s+(?:OR\s+\w+\s+)?[\"`\[]?([\w.]+)", re.IGNORECASE)


def statement_kind(sql: object) -> str:
    """``INSERT INTO appeals``, ``SELECT … FROM applicants``, ``PRAGMA``: what a statement did, without values."""
    text = str(sql or "")
    m = _KIND.match(text)
    if not m:
        return "statement"
    verb = " ".join(m.group("verb").upper().split())
    table = _TABLE.search(text, m.start("verb"))
    if verb == "SELECT":
        return f"SELECT … FROM {table.group(1)}" if table else "SELECT"
    if verb in ("PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
        return verb
    return f"{verb} {table.group(1)}" if table else verb


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().upper().startswith(("DETAIL", "[SQL", "[PARAMETERS")):
            return line.strip()[:300]
    return ""


def safe_message(exc: BaseException) -> str:
    """The text of ``exc`` fit for the log: a database error without its statement's values."""
    from sqlalchemy.exc import StatementError

    if isinstance(exc, StatementError):
        orig = exc.orig if exc.orig is not None else None
        what = f"({type(orig).__module__}.{type(orig).__name__}) {_first_line(str(orig))}" if orig is not None else (
            _first_line(str(exc.args[0]) if exc.args else ""))
        return f"{what} [statement: {statement_kind(exc.statement)}; parameters not logged]"
    if _is_dbapi_error(exc):
        return _first_line(str(exc))
    return str(exc)


def _is_dbapi_error(exc: BaseException) -> bool:
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return True
    return type(exc).__module__.split(".")[0] in ("psycopg", "psycopg2", "pg8000", "asyncpg")


def format_exception_safely(exc_type, exc: BaseException | None, tb) -> str:
    """``traceback.format_exception`` with every message of the chain passed through ``safe_message``."""
    if exc is None:
        return "".join(traceback.format_exception_only(exc_type, exc))
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link: str | None = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "\nThe above exception was the direct cause of the following exception:\n\n"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, (
                "\nDuring handling of the above exception, another exception occurred:\n\n")
        else:
            current = None
    out: list[str] = []
    for k in range(len(chain) - 1, -1, -1):  # the innermost cause first, as Python prints it
        e, link = chain[k]
        frames = tb if k == 0 and tb is not None else e.__traceback__
        if frames is not None:
            out.append("Traceback (most recent call last):\n")
            out.extend(traceback.format_tb(frames))
        name = type(e).__qualname__
        if type(e).__module__ not in ("builtins", "__main__"):
            name = f"{type(e).__module__}.{name}"
        out.append(f"{name}: {safe_message(e)}\n")
        if k > 0 and link:
            out.append(link)
    return "".join(out)


class PrivateFormatter(logging.Formatter):
    """A formatter whose tracebacks and database-error arguments never carry a statement's values."""

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text:
            # another handler may have cached its own traceback text (with values) on the record
            record = logging.makeLogRecord(record.__dict__)
            record.exc_text = None
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            if any(isinstance(a, BaseException) for a in args):
                record = logging.makeLogRecord(record.__dict__)
                cleaned = tuple(safe_message(a) if isinstance(a, BaseException) else a for a in args)
                record.args = cleaned if isinstance(record.args, tuple) else cleaned[0]
        return super().format(record)

    def formatException(self, ei) -> str:
        return format_exception_safely(*ei).rstrip("\n")
