"""File dialogs that start where a clerk keeps papers: the Documents folder the first time, then the last
folder used for that kind of file (journal exports, reports, PDFs, scans…), remembered across starts.

Never the program's folder (on Windows the process starts in the installation folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from . import prefs

# kinds of files, each with its own last folder
JOURNAL = "journal"  # the journal and lists as XLSX
REPORT = "report"  # the published reports (PDF, XLSX)
PDF = "pdf"  # cards, schedules, reminders, letters
SCAN = "scan"  # attachments to add
BACKUP = "backup"  # backups and their folder
DATABASE = "database"  # another database file

XLSX_FILTER = "Книга Excel (*.xlsx)"
PDF_FILTER = "PDF (*.pdf)"


def documents() -> Path:
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def folder(kind: str) -> Path:
    """Where a dialog for ``kind`` starts: the last folder used, if it is still there, else Documents."""
    last = (prefs.get("folders") or {}).get(kind)
    if last and Path(last).is_dir():
        return Path(last)
    return documents()


def remember(kind: str, path: str | Path) -> None:
    p = Path(path)
    where = p if p.is_dir() else p.parent
    folders = dict(prefs.get("folders") or {})
    if folders.get(kind) != str(where):
        folders[kind] = str(where)
        prefs.put("folders", folders)


def _start(kind: str, name: str) -> str:
    name_path = Path(name)
    if name_path.is_absolute():
        return name
    return str(folder(kind) / name)


def save_file(parent: QWidget | None, kind: str, title: str, name: str, file_filter: str,
              suffix: str | None = None) -> str | None:
    """A save dialog; returns the chosen path (with ``suffix`` added if the user left it out) or None."""
    path, _chosen = QFileDialog.getSaveFileName(parent, title, _start(kind, name), file_filter)
    if not path:
        return None
    if suffix is None and file_filter.count("*.") == 1:
        suffix = file_filter.split("*.")[1].split(")")[0]
    if suffix and not path.lower().endswith("." + suffix.lower()):
        path += "." + suffix
    remember(kind, path)
    return path


def save_file_and_filter(parent: QWidget | None, kind: str, title: str, name: str,
                         file_filter: str) -> tuple[str | None, str]:
    """A save dialog offering several types: the path and the filter chosen."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, _start(kind, name), file_filter)
    if path:
        remember(kind, path)
    return (path or None), chosen


def open_file(parent: QWidget | None, kind: str, title: str, file_filter: str, start: str | Path | None = None
              ) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start or folder(kind)), file_filter)
    if path:
        remember(kind, path)
    return path or None


def open_files(parent: QWidget | None, kind: str, title: str, file_filter: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(folder(kind)), file_filter)
    if paths:
        remember(kind, paths[0])
    return list(paths)


def choose_folder(parent: QWidget | None, kind: str, title: str, start: str | Path | None = None) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(start or folder(kind)))
    if path:
        remember(kind, path)
    return path or None
