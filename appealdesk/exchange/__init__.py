"""Exchange formats: the XLSX registration journal (import and export), exchange_formats.md section 1.
Screens and commands reach it through the service layer:

    result = desk.exchange.import_journal("journal.xlsx")   # all or nothing: ImportRejected lists every error
    count = desk.exchange.export_journal("journal.xlsx", date_from=date(2026, 1, 1))

openpyxl is imported only when a journal is read or written, so that the program starts fast.
"""

from __future__ import annotations

from .journal_columns import COLUMNS, Column
from .journal_import import ImportResult

__all__ = ["COLUMNS", "Column", "ImportResult"]
