"""Item delegates: a combo of values (executor, result) inside a table cell."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .combos import ValueCombo

VALUE_ROLE = Qt.ItemDataRole.UserRole + 10


class ValueComboDelegate(QStyledItemDelegate):
    def __init__(self, items: Callable[[], Iterable[tuple[Any, str]]], empty: str | None, parent=None):
        super().__init__(parent)
        self._items = items
        self._empty = empty

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index) -> QWidget:
        return ValueCombo(self._items(), self._empty, parent)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, ValueCombo)
        editor.set_value(index.data(VALUE_ROLE))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, ValueCombo)
        model.setData(index, editor.value(), VALUE_ROLE)
