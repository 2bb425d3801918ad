"""Kept for code written before ``ui.ops``: ``run_with_progress`` is an operation of ``ui.ops`` with a
progress dialog (the same pool, the same Russian error path). New code calls ``ui.ops`` itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from .ops import Cancelled, Op, query

__all__ = ["Cancelled", "Op", "run_with_progress"]


def run_with_progress(
    parent: QWidget,
    title: str,
    work: Callable[[Callable[[int, int], None]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    failure: str = "Операция не выполнена",
    on_finish: Callable[[], None] | None = None,
) -> Op:
    """``work(progress)`` on the pool with a modal progress dialog that can cancel it. ``on_finish`` runs
    first when it ends in any way; ``on_error`` gets no call for a cancel."""
    op = query(parent, work, failure).with_progress(title).success(on_done).failure(on_error)
    if on_finish is not None:
        op.finally_(on_finish)
    return op.run()
