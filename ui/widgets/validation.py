"""Inline validation: the service's ``FieldError.field`` names are mapped to the widgets that hold them;
each bad widget gets a red frame and its Russian message right under it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

INVALID_STYLE = """
*[invalid="true"] { border: 1px solid #c0392b; background: #fff4f3; }
QLabel[role="field-error"] { color: #b3261e; border: none; background: transparent; }
QLabel[role="banner-error"] { color: #7a1010; background: #fde8e6; border: 1px solid #e6a19a; padding: 6px; }
QLabel[role="banner-info"] { color: #173b6b; background: #e8f0fc; border: 1px solid #a8c1e8; padding: 6px; }
"""


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "field-error")
    label.setWordWrap(True)
    label.hide()
    return label


def with_error(widget: QWidget) -> tuple[QWidget, QLabel]:
    """``widget`` with an (initially hidden) error line under it; returns ``(container, label)``."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(1)
    lay.addWidget(widget)
    label = error_label()
    lay.addWidget(label)
    box.setFocusProxy(widget)
    return box, label


def _mark(widget: QWidget, bad: bool) -> None:
    inner = getattr(widget, "edit", None)
    target = inner if isinstance(inner, QWidget) else widget  # DateField marks its line edit
    value = "true" if bad else "false"  # a string: PySide's bool properties trip a refcount bug at exit
    if target.property("invalid") == value:
        return
    target.setProperty("invalid", value)
    target.style().unpolish(target)
    target.style().polish(target)
    target.update()


_CHANGE_SIGNALS = ("changed", "textEdited", "textChanged", "currentIndexChanged", "valueChanged", "toggled")


def _change_signal(widget: QWidget):
    """The signal a widget sends when the user changes its value (``DateField.changed``, a line edit's
    ``textEdited``…), or None."""
    for name in _CHANGE_SIGNALS:
        sig = getattr(widget, name, None)
        if sig is not None and hasattr(sig, "connect"):
            return sig
    return None


class FieldErrors:
    """Field name (or prefix ending with '.') -> widget and its error label.

    A marked field is unmarked, and its message hidden, as soon as it is changed; once no field is marked,
    the ``banner`` (the «Не сохранено: исправьте…» line above the form) goes too."""

    def __init__(self, banner: QLabel | None = None) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel | None]] = {}
        self._marked: list[QWidget] = []
        self._labels: list[QLabel] = []
        self._watching: list[tuple[object, object]] = []
        self.banner = banner

    def bind(self, field: str, widget: QWidget, label: QLabel | None = None) -> None:
        self._fields[field] = (widget, label)

    def lookup(self, field: str) -> tuple[QWidget, QLabel | None] | None:
        if field in self._fields:
            return self._fields[field]
        head = field.split(".")[0]
        return self._fields.get(head + ".") or self._fields.get(head)

    def clear(self) -> None:
        for w in self._marked:
            _mark(w, False)
        for lab in self._labels:
            lab.clear()
            lab.hide()
        self._marked, self._labels = [], []
        for sig, handler in self._watching:
            with contextlib.suppress(RuntimeError, TypeError):  # the widget is gone
                sig.disconnect(handler)
        self._watching = []

    def _fixed(self, widget: QWidget, label: QLabel | None) -> None:
        """The user changed a marked field: its mark and message go; the banner with the last of them."""
        if widget in self._marked:
            self._marked.remove(widget)
            _mark(widget, False)
        if label is not None and label in self._labels and not any(
                self._fields_label(w) is label for w in self._marked):
            label.clear()
            label.hide()
            self._labels.remove(label)
        if not self._marked and self.banner is not None:
            self.banner.hide()

    def _fields_label(self, widget: QWidget) -> QLabel | None:
        return next((lab for w, lab in self._fields.values() if w is widget), None)

    def _watch(self, widget: QWidget, label: QLabel | None) -> None:
        sig = _change_signal(widget)
        if sig is None:
            return

        def handler(*_args, w=widget, lab=label) -> None:
            self._fixed(w, lab)

        sig.connect(handler)
        self._watching.append((sig, handler))

    def show(self, errors: Iterable) -> tuple[QWidget | None, list[str]]:
        """Mark every bad field; returns the first widget to focus and the messages no widget took."""
        self.clear()
        first: QWidget | None = None
        unplaced: list[str] = []
        texts: dict[int, list[str]] = {}
        for err in errors:
            found = self.lookup(err.field)
            if found is None:
                unplaced.append(err.message)
                continue
            widget, label = found
            _mark(widget, True)
            if widget not in self._marked:
                self._watch(widget, label)
            self._marked.append(widget)
            if label is not None:
                texts.setdefault(id(label), [])
                if err.message not in texts[id(label)]:
                    texts[id(label)].append(err.message)
                label.setText("\n".join(texts[id(label)]))
                label.show()
                self._labels.append(label)
            if first is None:
                first = widget
        return first, unplaced

    def has_errors(self) -> bool:
        return bool(self._marked)
