"""The shape of a settings page that edits a list (executors, users): a note above, the list, the form of
the chosen row, the row of buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def lay_out_list_page(page: QWidget, note: str, table: QWidget, form: QFormLayout,
                      buttons: tuple[QPushButton, ...]) -> None:
    text = QLabel(note)
    text.setWordWrap(True)
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    lay = QVBoxLayout(page)
    lay.addWidget(text)
    lay.addWidget(table, 1)
    lay.addLayout(form)
    lay.addLayout(row)
