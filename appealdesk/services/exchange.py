"""The XLSX registration journal as a service (``desk.exchange``): the import (all or nothing) and the
export of a selection, for the desktop and ``appealdesk-cli import-xlsx``/``export-xlsx``."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from ..domain.roles import Permission as P
from .access import requires
from .context import ServiceContext
from .journal import JournalService
from .journal_values import JournalQuery

Progress = Callable[[int, int], object]


class ExchangeService:
    def __init__(self, ctx: ServiceContext, journal: JournalService):
        self._ctx = ctx
        self._journal = journal

    @requires(P.IMPORT)
    def import_journal(self, path: str | os.PathLike, *, progress: Progress | None = None,
                       create_missing: bool = True, dry_run: bool = False):
        """Register every appeal of the journal ``path`` in one transaction, or none (``ImportResult``).
        ``ImportRejected`` names every bad row and column."""
        from ..exchange.journal_import import import_journal

        return import_journal(self._ctx, path, progress=progress, create_missing=create_missing, dry_run=dry_run)

    @requires(P.EXPORT)
    def export_journal(self, path: str | os.PathLike, query: JournalQuery | None = None, *,
                       date_from: date | None = None, date_to: date | None = None,
                       progress: Progress | None = None) -> int:
        """Write the appeals ``query`` selects (default: all, in registration order; the journal's own
        search, filters and order otherwise) to ``path``; returns how many."""
        from ..exchange.journal_export import export_journal, journal_query

        q = journal_query(query, date_from, date_to)
        return export_journal(self._ctx, self._journal.ids(q), path, progress=progress)
