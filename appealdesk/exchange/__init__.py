"""Exchange formats: the XLSX registration journal (import and export), exchange_formats.md section 1.

    from appealdesk.exchange import export_journal, import_journal

    result = import_journal(desk, "journal.xlsx")   # all or nothing: ImportRejected lists every error
    count = export_journal(desk, "journal.xlsx", date_from=date(2026, 1, 1))

openpyxl is imported only when a journal is read or written, so that the program starts fast.
"""

from __future__ import annotations

from .journal_columns import COLUMNS, Column
from .journal_export import export_journal
from .journal_import import ImportResult, import_journal

__all__ = ["COLUMNS", "Column", "ImportResult", "export_journal", "import_journal"]
