"""Receipt and registration of an appeal: number, dates, form, source, kind, cover letter, collective."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from ..widgets.combos import vocabulary_combo
from ..widgets.date_field import DateField
from ..widgets.validation import FieldErrors, with_error

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class ReceiptBox(QGroupBox):
    changed = Signal()

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__("Поступление и регистрация", parent)
        self.reg_number = QLineEdit()
        self.reg_number.setPlaceholderText("присвоится при сохранении")
        self.reg_number.setToolTip("Пусто — номер присвоится по шаблону из настроек")
        self.received_on = DateField(optional=True)
        self.registered_on = DateField(optional=False)
        self.form = vocabulary_combo(desk, "form")
        self.source = vocabulary_combo(desk, "source")
        self.kind = vocabulary_combo(desk, "kind")
        self.channel = vocabulary_combo(desk, "channel", "— не указан —")
        self.channel.setToolTip("Как поступило электронное обращение. С 30.03.2025 (547-ФЗ) — через ЕПГУ, "
                                "информационную систему органа или официальный сайт; не по электронной почте")
        self.crime_report = QCheckBox("Сообщается о противоправном деянии")
        self.crime_report.setToolTip("Анонимное обращение с такими сведениями направляется в государственный "
                                     "орган по компетенции (ч. 1 ст. 11 59-ФЗ)")
        self.cover_letter = QLineEdit()
        self.cover_letter.setPlaceholderText("№ и дата письма вышестоящего органа")
        self.complaint_about = QLineEdit()
        self.complaint_about.setPlaceholderText("Орган или должностное лицо, чьи действия обжалуются")
        self.is_collective = QCheckBox("Коллективное")
        self.signatures = QSpinBox()
        self.signatures.setRange(0, 100000)
        self.signatures.setSpecialValueText("—")
        self.signatures.setPrefix("подписей: ")
        self.signatures.setEnabled(False)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box, self.err_number = with_error(self.reg_number)
        form.addRow("Рег. &номер:", box)
        box, self.err_received = with_error(self.received_on)
        form.addRow("Дата &поступления:", box)
        box, self.err_registered = with_error(self.registered_on)
        form.addRow("Дата ре&гистрации:", box)
        box, self.err_form = with_error(self.form)
        form.addRow("Фо&рма:", box)
        box, self.err_kind = with_error(self.kind)
        form.addRow("&Вид:", box)
        box, self.err_source = with_error(self.source)
        form.addRow("Исто&чник:", box)
        box, self.err_channel = with_error(self.channel)
        form.addRow("Ка&нал (эл.):", box)
        form.addRow("Сопроводительное:", self.cover_letter)
        box, self.err_complaint = with_error(self.complaint_about)
        form.addRow("Обжалуются:", box)
        coll = QWidget()
        cl = QHBoxLayout(coll)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.is_collective)
        box, self.err_signatures = with_error(self.signatures)
        cl.addWidget(box)
        cl.addStretch(1)
        form.addRow("", coll)
        form.addRow("", self.crime_report)

        self.is_collective.toggled.connect(self.signatures.setEnabled)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.form.currentIndexChanged.connect(self._form_changed)
        self._form_changed()
        for w in (self.reg_number, self.cover_letter, self.complaint_about):
            w.textChanged.connect(self.changed)
        for d in (self.received_on, self.registered_on):
            d.changed.connect(self.changed)
        for c in (self.form, self.source, self.kind, self.channel):
            c.currentIndexChanged.connect(self.changed)
        self.is_collective.toggled.connect(self.changed)
        self.crime_report.toggled.connect(self.changed)
        self.signatures.valueChanged.connect(self.changed)

    def _kind_changed(self) -> None:
        self.complaint_about.setEnabled(self.kind.value() == "complaint")

    def _form_changed(self) -> None:
        self.channel.setEnabled(self.form.value() == "electronic")

    def bind_errors(self, errors: FieldErrors) -> None:
        errors.bind("reg_number", self.reg_number, self.err_number)
        errors.bind("received_on", self.received_on, self.err_received)
        errors.bind("registered_on", self.registered_on, self.err_registered)
        errors.bind("form", self.form, self.err_form)
        errors.bind("kind", self.kind, self.err_kind)
        errors.bind("source", self.source, self.err_source)
        errors.bind("channel", self.channel, self.err_channel)
        errors.bind("complaint_about", self.complaint_about, self.err_complaint)
        errors.bind("signatures", self.signatures, self.err_signatures)

    def widgets_in_order(self) -> list[QWidget]:
        return [self.reg_number, self.received_on.edit, self.registered_on.edit, self.form, self.kind, self.source,
                self.channel, self.cover_letter, self.complaint_about, self.is_collective, self.signatures,
                self.crime_report]

    def load_new(self, today: date) -> None:
        self.reg_number.setText("")
        self.received_on.set_date(today)
        self.registered_on.set_date(today)
        self.form.set_value("written")
        self.kind.set_value("statement")
        self.source.set_value("direct")
        self.cover_letter.setText("")
        self.complaint_about.setText("")
        self.is_collective.setChecked(False)
        self.signatures.setValue(0)
        self.channel.set_value(None)
        self.crime_report.setChecked(False)

    def load(self, card) -> None:
        self.reg_number.setText(card.reg_number)
        self.received_on.set_date(card.received_on)
        self.registered_on.set_date(card.registered_on)
        self.form.set_value(card.form)
        self.kind.set_value(card.kind)
        self.source.set_value(card.source)
        self.cover_letter.setText(card.cover_letter or "")
        self.complaint_about.setText(card.complaint_about or "")
        self.is_collective.setChecked(card.is_collective)
        self.signatures.setValue(card.signatures or 0)
        self.channel.set_value(card.channel)
        self.crime_report.setChecked(card.crime_report)

    def date_fields(self) -> dict[str, DateField]:
        return {"received_on": self.received_on, "registered_on": self.registered_on}
