"""Export of the journal's current view (its ids, in its order) to XLSX through the core's exporter.

The exporter (``appealdesk.exchange.journal_xlsx``) is written by the core; until it exists the action
says so instead of failing. openpyxl is imported by the exporter only when an export runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from collections.abc import Callable
from pathlib import Path

MODULE = "appealdesk.exchange.journal_export"
NOT_READY = "Экспорт журнала в Excel появится в следующей версии программы."


def exporter_available() -> bool:
    try:
        return importlib.util.find_spec(MODULE) is not None
    except ModuleNotFoundError:
        return False


def export_view(desk, query, count: int, path: str | Path, progress: Callable[[int, int], None]) -> int:
    """Write the appeals of the view (``query``: its search, filters and order) to ``path``; returns how many.
    ``count`` is what the view shows; the exporter reads the same query itself."""
    from appealdesk.errors import DomainError

    if not exporter_available():
        raise DomainError(NOT_READY)
    mod = importlib.import_module(MODULE)
    fn = getattr(mod, "export_journal", None)
    if fn is None:
        raise DomainError(NOT_READY)
    params = inspect.signature(fn).parameters
    kwargs = {"query": query} if "query" in params else {}
    if "progress" in params:
        kwargs["progress"] = progress
    result = fn(desk, Path(path), **kwargs)
    return result if isinstance(result, int) else count
