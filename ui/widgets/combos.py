"""Combo boxes that hold a value (a vocabulary code, an id) beside the Russian label shown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

EMPTY = "—"


class ValueCombo(QComboBox):
    """``items``: ``(value, label)``; ``empty``: the label of "no value" (None: a value is required)."""

    def __init__(self, items: Iterable[tuple[Any, str]] = (), empty: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._empty = empty
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.set_items(items)

    def set_items(self, items: Iterable[tuple[Any, str]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for value, label in items:
            self.addItem(label, value)
            self.setItemData(self.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        idx = self.findData(value) if value is not None else (0 if self._empty is not None else -1)
        if idx < 0 and value is not None and self._empty is not None:
            idx = 0
        if idx >= 0:
            self.setCurrentIndex(idx)


def vocabulary_combo(desk: AppealDesk, group: str, empty: str | None = None, parent: QWidget | None = None) -> ValueCombo:
    return ValueCombo(((lab.code, lab.label) for lab in desk.reference.vocabulary(group)), empty, parent)


def official_items(desk: AppealDesk, executors_only: bool = True) -> list[tuple[int, str]]:
    out = []
    for o in desk.reference.officials(executors_only=executors_only):
        out.append((o.id, f"{o.full_name}" + (f", {o.position}" if o.position else "")))
    return out


def settlement_items(desk: AppealDesk) -> list[tuple[int, str]]:
    return [(s.id, s.name) for s in desk.reference.settlements()]
