"""A small dialog that calls one service function on OK and shows its Russian errors inline."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..widgets.validation import INVALID_STYLE, FieldErrors, with_error


class ServiceDialog(QDialog):
    done = Signal(object)  # what the service returned
    kinds: tuple[str, ...] = ("appeals",)  # what a successful call changed (``ui.ops.desk_changed``)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_STYLE)
        self.errors = FieldErrors()
        self.banner = QLabel()
        self.banner.setProperty("role", "banner-error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.errors.banner = self.banner  # hidden once every marked field is fixed
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addLayout(self.form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def row(self, label: str, field: str, widget: QWidget) -> QWidget:
        box, err = with_error(widget)
        self.form.addRow(label, box)
        self.errors.bind(field, widget, err)
        return widget

    def call(self):
        """Call the service; return its result (raise its errors)."""
        raise NotImplementedError

    def precheck(self) -> list:
        return []

    def submit(self) -> None:
        from appealdesk.errors import DomainError, ValidationError

        self.banner.hide()
        pre = self.precheck()
        if pre:
            first, rest = self.errors.show(pre)
            if first is not None:
                first.setFocus()
            return
        try:
            result = self.call()
        except ValidationError as exc:
            first, rest = self.errors.show(exc.errors)
            if rest:
                self.banner.setText("\n".join(rest))
                self.banner.show()
            if first is not None:
                first.setFocus()
            return
        except DomainError as exc:
            self.errors.clear()
            self.banner.setText(str(exc))
            self.banner.show()
            return
        from .. import ops

        self.done.emit(result)
        ops.changed(self.kinds)
        self.accept()
