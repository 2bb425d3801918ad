"""Export of the journal's current view (its search, filters and order) to XLSX through the service layer
(``desk.exchange``). openpyxl is imported by the exporter only when an export runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def export_view(desk: AppealDesk, query, path: str | Path, progress: Callable[[int, int], None]) -> int:
    """Write the appeals of the view (``query``) to ``path``; returns how many."""
    return desk.exchange.export_journal(Path(path), query, progress=progress)
