"""Small pieces the reception dialogs share."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTimeEdit, QWidget


def banner() -> QLabel:
    """An error line at the top of a dialog (the service's Russian message, as it is)."""
    label = QLabel()
    label.setProperty("role", "banner-error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_banner(label: QLabel, message: str) -> None:
    label.setText(message)
    label.show()


def time_edit(value: time | None = None) -> QTimeEdit:
    w = QTimeEdit()
    w.setDisplayFormat("HH:mm")
    if value is not None:
        w.setTime(QTime(value.hour, value.minute))
    return w


def time_of(w: QTimeEdit) -> time:
    t = w.time()
    return time(t.hour(), t.minute())


def ok_cancel(parent: QWidget, ok_text: str = "Сохранить") -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
    return box
