"""Keyboard helpers: Cyrillic is sent one QKeyEvent per character carrying its text (``qtbot.keyClicks``
aborts inside Qt on non-Latin text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for ch in text:
        key = Qt.Key.Key_Space if ch == " " else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def type_focused(text: str) -> None:
    type_text(QApplication.focusWidget(), text)


def press(widget: QWidget | None, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget or QApplication.focusWidget(), key, modifier)


def tab(times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
