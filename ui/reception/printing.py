"""The reception papers (the schedule, the visitor list, the reception card) in the one preview."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def preview(desk, doc, parent: QWidget, title: str, file_name: str | None = None):
    from ..print_preview import safe_file_name, show_preview

    return show_preview(parent, title, desk.papers.pdf(doc), file_name or safe_file_name(title) + ".pdf")
