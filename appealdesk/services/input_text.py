"""Text that comes from outside (a form, the clipboard, a command's argument, an imported file) may hold
a lone surrogate (half of a UTF-16 pair, as a broken copy-paste leaves it). Such a string cannot be
encoded as UTF-8: the database driver raised ``UnicodeEncodeError`` on it. The input values of the services
clean their text when made (``services.values.CleanText``), and every value the service layer sends to the
database passes ``storable`` on the way (a hook on the engine, installed by the service context), so any
service and any field is covered: the lone surrogate becomes U+FFFD «�», the rest is kept as typed.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

from ..domain.text import storable


def _clean(value):
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        bad = [k for k, v in value.items() if isinstance(v, str | dict | list | tuple) and _clean(v) is not v]
        if not bad:
            return value
        out = dict(value)
        for k in bad:
            out[k] = _clean(out[k])
        return out
    if isinstance(value, list | tuple):
        cleaned = [_clean(v) if isinstance(v, str | dict | list | tuple) else v for v in value]
        if all(a is b for a, b in zip(cleaned, value, strict=True)):
            return value
        return type(value)(cleaned) if isinstance(value, tuple) else cleaned
    return value


def _before_execute(conn, cursor, statement, parameters, context, executemany):
    return statement, _clean(parameters)


def install(engine: Engine) -> None:
    """Clean every parameter ``engine`` sends to the database (once per engine)."""
    if not event.contains(engine, "before_cursor_execute", _before_execute):
        event.listen(engine, "before_cursor_execute", _before_execute, retval=True)
