"""The journal's filters: every field of the core's ``JournalQuery`` except the text and the sort."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from appealdesk.domain.codes import DEADLINE_FILTER_LABELS

from ..widgets.combos import ValueCombo, official_items, settlement_items
from ..widgets.date_field import DateField
from ..widgets.flow import FlowLayout, labelled

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

ALL = "Все"

STATES = tuple(DEADLINE_FILTER_LABELS.items())
YES_NO = ((True, "Да"), (False, "Нет"))


class FilterPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = ValueCombo(STATES, ALL)
        self.date_from = DateField()
        self.date_to = DateField()
        self.form = ValueCombo((), ALL)
        self.source = ValueCombo((), ALL)
        self.kind = ValueCombo((), ALL)
        self.executor = ValueCombo((), ALL)
        self.settlement = ValueCombo((), ALL)
        self.section = ValueCombo((), ALL)
        self.repeated = ValueCombo(YES_NO, ALL)
        self.collective = ValueCombo(YES_NO, ALL)
        self.reset_button = QPushButton("Сбросить фильтры")
        self.reset_button.clicked.connect(self.reset)
        # one flow of "label: field" cells: as many rows as the width needs (a 1280-px screen with the today
        # panel beside the journal gets three)
        flow = FlowLayout(self, h_spacing=14, v_spacing=4)
        cells = (
            # Alt+letters clear of the menus' (Ф, Ж, П, О, К, С) and of «Найти» (Н)
            ("Состо&яние:", self.state), ("Фор&ма:", self.form), ("Исто&чник:", self.source), ("Ви&д:", self.kind),
            ("Исполн&итель:", self.executor), ("Населённый п&ункт:", self.settlement), ("Р&аздел:", self.section),
            ("Повто&рные:", self.repeated), ("Коллекти&вные:", self.collective),
        )
        for title, w in cells:
            flow.addWidget(labelled(title, w))
        period = QWidget()
        pl = QHBoxLayout(period)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(QLabel("Зарегистрировано с"))
        pl.addWidget(self.date_from)
        pl.addWidget(QLabel("по"))
        pl.addWidget(self.date_to)
        flow.addWidget(period)
        flow.addWidget(self.reset_button)
        for w in (self.state, self.form, self.source, self.kind, self.executor, self.settlement, self.section,
                  self.repeated, self.collective):
            w.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for d in (self.date_from, self.date_to):
            d.edit.editingFinished.connect(self.changed.emit)

    def populate(self, desk: AppealDesk) -> None:
        lab = desk.reference.vocabulary
        self.form.set_items((v.code, v.label) for v in lab("form"))
        self.source.set_items((v.code, v.label) for v in lab("source"))
        self.kind.set_items((v.code, v.label) for v in lab("kind"))
        self.executor.set_items(official_items(desk))
        self.settlement.set_items(settlement_items(desk))

    def set_sections(self, items) -> None:
        self.section.set_items((i.code, f"{i.code} {i.name}") for i in items)

    def apply(self, query):
        """``query`` with the filter fields of this panel."""
        return replace(
            query,
            state=self.state.value(),
            date_from=self.date_from.date(),
            date_to=self.date_to.date(),
            form=self.form.value(),
            source=self.source.value(),
            kind=self.kind.value(),
            executor_id=self.executor.value(),
            settlement_id=self.settlement.value(),
            section=self.section.value(),
            repeated=self.repeated.value(),
            collective=self.collective.value(),
        )

    def active_count(self) -> int:
        combos = (self.state, self.form, self.source, self.kind, self.executor, self.settlement, self.section,
                  self.repeated, self.collective)
        dates = not (self.date_from.is_empty() and self.date_to.is_empty())
        return sum(c.value() is not None for c in combos) + int(dates)

    def is_active(self) -> bool:
        combos = (self.state, self.form, self.source, self.kind, self.executor, self.settlement, self.section,
                  self.repeated, self.collective)
        return any(c.value() is not None for c in combos) or not (self.date_from.is_empty() and self.date_to.is_empty())

    def set_state(self, state: str | None) -> None:
        self.state.set_value(state)

    def reset(self) -> None:
        for w in (self.state, self.form, self.source, self.kind, self.executor, self.settlement, self.section,
                  self.repeated, self.collective):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        for d in (self.date_from, self.date_to):
            d.set_date(None)
        self.changed.emit()
