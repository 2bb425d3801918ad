"""Resolution and control: the head's resolution, its author and date, control and the checks, repeated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..widgets.combos import ValueCombo, official_items
from ..widgets.date_field import DateField
from ..widgets.validation import FieldErrors, with_error

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ResolutionTab(QWidget):
    changed = Signal()

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.resolution = QPlainTextEdit()
        self.resolution.setTabChangesFocus(True)
        self.resolution.setPlaceholderText("Текст резолюции: кому, что сделать, к какому сроку")
        self.resolution.setFixedHeight(90)
        self.resolution_by = ValueCombo(official_items(desk, executors_only=False), "— не указан —")
        self.resolution_on = DateField()
        self.on_control = QCheckBox("Поставлено на контроль")
        self.commission = QCheckBox("Рассмотрено комиссионно")
        self.on_site = QCheckBox("Рассмотрено с выездом на место")
        self.with_author = QCheckBox("Рассмотрено с участием автора")
        self.is_repeated = QCheckBox("Повторное обращение")
        self.previous_number = QLineEdit()
        self.previous_number.setPlaceholderText("рег. номер предыдущего обращения")
        self.previous_appeal_id: int | None = None

        res = QGroupBox("Резолюция")
        f = QFormLayout(res)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box, self.err_resolution = with_error(self.resolution)
        f.addRow("&Резолюция:", box)
        box, self.err_by = with_error(self.resolution_by)
        f.addRow("&Автор резолюции:", box)
        box, self.err_on = with_error(self.resolution_on)
        f.addRow("&Дата резолюции:", box)
        checks = QGroupBox("Контроль и рассмотрение")
        cl = QVBoxLayout(checks)
        for c in (self.on_control, self.commission, self.on_site, self.with_author):
            cl.addWidget(c)
        rep = QGroupBox("Повторность")
        rf = QFormLayout(rep)
        rf.addRow(self.is_repeated)
        box, self.err_previous = with_error(self.previous_number)
        rf.addRow("Предыдущее:", box)
        note = QLabel("Повторное — тот же заявитель по тому же вопросу. Программа подскажет, если найдёт "
                      "прежнее обращение заявителя по той же теме.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        rf.addRow(note)
        lay = QVBoxLayout(self)
        lay.addWidget(res)
        lay.addWidget(checks)
        lay.addWidget(rep)
        lay.addStretch(1)
        self.resolution.textChanged.connect(self.changed)
        self.resolution_by.currentIndexChanged.connect(self.changed)
        self.resolution_on.changed.connect(self.changed)
        for c in (self.on_control, self.commission, self.on_site, self.with_author, self.is_repeated):
            c.toggled.connect(self.changed)
        self.previous_number.textEdited.connect(self._previous_typed)
        self.previous_number.textChanged.connect(self.changed)
        self.is_repeated.toggled.connect(self.previous_number.setEnabled)
        self.previous_number.setEnabled(False)
        self.resolution.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _previous_typed(self, _t: str) -> None:
        self.previous_appeal_id = None  # typed by hand: no longer the suggested one

    def bind_errors(self, errors: FieldErrors) -> None:
        errors.bind("resolution", self.resolution, self.err_resolution)
        errors.bind("resolution_by_id", self.resolution_by, self.err_by)
        errors.bind("resolution_on", self.resolution_on, self.err_on)
        errors.bind("previous_appeal_id", self.previous_number, self.err_previous)
        errors.bind("previous_number", self.previous_number, self.err_previous)

    def mark_repeated(self, appeal_id: int, number: str) -> None:
        self.is_repeated.setChecked(True)
        self.previous_number.setText(number)
        self.previous_appeal_id = appeal_id

    def load(self, card) -> None:
        self.resolution.setPlainText(card.resolution or "" if card else "")
        self.resolution_by.set_value(card.resolution_by_id if card else None)
        self.resolution_on.set_date(card.resolution_on if card else None)
        self.on_control.setChecked(bool(card and card.on_control))
        self.commission.setChecked(bool(card and card.commission))
        self.on_site.setChecked(bool(card and card.on_site))
        self.with_author.setChecked(bool(card and card.with_author))
        self.is_repeated.setChecked(bool(card and card.is_repeated))
        self.previous_number.setText((card.previous_number or "") if card else "")
        self.previous_appeal_id = card.previous_appeal_id if card else None
