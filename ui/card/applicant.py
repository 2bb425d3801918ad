"""The applicant on the card: typed, or found as one types the surname (existing applicants are offered);
once one is chosen, their earlier appeals are listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..i18n import fmt_date
from ..widgets.combos import ValueCombo, settlement_items
from ..widgets.validation import FieldErrors, with_error

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
TYPES = (("person", "Гражданин"), ("organisation", "Организация, объединение граждан"))


class ApplicantBox(QGroupBox):
    changed = Signal()
    picked = Signal(int)  # an existing applicant was chosen
    unpicked = Signal()

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__("Заявитель", parent)
        self.desk = desk
        self.applicant_id: int | None = None
        self.current_appeal_id: int | None = None  # the card's own appeal: not an "earlier" one
        self._picked_now = False
        self._picked_view = None
        self._filling = False
        self.type = ValueCombo(TYPES)
        self.last_name = QLineEdit()
        self.first_name = QLineEdit()
        self.middle_name = QLineEdit()
        self.org_name = QLineEdit()
        self.settlement = ValueCombo(settlement_items(desk), "— не указан —")
        self.address = QLineEdit()
        self.address.setPlaceholderText("Улица, дом, квартира или почтовый адрес")
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.social = QLineEdit()
        self.social.setPlaceholderText("Например: пенсионер, ветеран труда, многодетная семья")
        self.last_name.setPlaceholderText("Начните вводить — найдутся прежние заявители; пусто — анонимное")
        self.found = QLabel("")
        self.found.setStyleSheet("color: #1d4f91;")
        self.new_button = QPushButton("Другой заявитель")
        self.new_button.setToolTip("Отвязать выбранного заявителя и ввести нового")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.unlink)
        self.new_button.hide()
        self.earlier = QLabel("")
        self.earlier.setWordWrap(True)
        self.earlier.setTextFormat(Qt.TextFormat.RichText)
        self.earlier.hide()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        form.addRow("Тип:", self.type)
        box, self.err_last = with_error(self.last_name)
        form.addRow("&Фамилия:", box)
        form.addRow("&Имя:", self.first_name)
        form.addRow("&Отчество:", self.middle_name)
        box, self.err_org = with_error(self.org_name)
        form.addRow("&Название:", box)
        link = QHBoxLayout()
        link.addWidget(self.found, 1)
        link.addWidget(self.new_button)
        form.addRow(link)
        box, self.err_settlement = with_error(self.settlement)
        form.addRow("&Населённый пункт:", box)
        form.addRow("&Адрес:", self.address)
        box, self.err_phone = with_error(self.phone)
        form.addRow("Теле&фон:", box)
        box, self.err_email = with_error(self.email)
        form.addRow("Эл. &почта:", box)
        form.addRow("Соц. категория:", self.social)
        form.addRow(self.earlier)
        self._person_rows = (1, 2, 3)
        self._org_rows = (4,)

        self.type.currentIndexChanged.connect(self._type_changed)
        for w in (self.last_name, self.first_name, self.middle_name, self.org_name, self.address, self.phone,
                  self.email, self.social):
            w.textChanged.connect(self._edited)
        self.settlement.currentIndexChanged.connect(self._edited)
        self.type.currentIndexChanged.connect(self._edited)
        # look-up as one types
        self._suggest = QStandardItemModel(self)
        self.completer = QCompleter(self._suggest, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.setCompletionRole(NAME_ROLE)  # what goes into the field while browsing: the name only
        self.completer.activated[QModelIndex].connect(self._popup_chosen)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(180)
        self._timer.timeout.connect(self._lookup)
        self._target: QLineEdit = self.last_name
        self.last_name.textEdited.connect(lambda _t: self._start_lookup(self.last_name))
        self.org_name.textEdited.connect(lambda _t: self._start_lookup(self.org_name))
        self.completer.popup().setMinimumWidth(480)
        self._type_changed()  # a citizen: no «Название» row until «Организация» is chosen

    def bind_errors(self, errors: FieldErrors) -> None:
        errors.bind("applicant.last_name", self.last_name, self.err_last)
        errors.bind("applicant.org_name", self.org_name, self.err_org)
        errors.bind("applicant.type", self.type, self.err_org)
        errors.bind("applicant.settlement_id", self.settlement, self.err_settlement)
        errors.bind("settlement_id", self.settlement, self.err_settlement)
        errors.bind("applicant.phone", self.phone, self.err_phone)
        errors.bind("applicant.email", self.email, self.err_email)
        errors.bind("applicant", self.last_name, self.err_last)
        errors.bind("applicant_id", self.last_name, self.err_last)

    def widgets_in_order(self) -> list[QWidget]:
        return [self.type, self.last_name, self.first_name, self.middle_name, self.org_name, self.new_button,
                self.settlement, self.address, self.phone, self.email, self.social]

    # -- values ----------------------------------------------------------------------------------
    def _type_changed(self) -> None:
        org = self.type.value() == "organisation"
        for row in self._person_rows:
            self.form.setRowVisible(row, not org)
        for row in self._org_rows:
            self.form.setRowVisible(row, org)

    def _edited(self) -> None:
        if self._filling:
            return
        v = self._picked_view
        if v is not None and self.applicant_id is not None:
            # a changed name means another person: the link to the chosen applicant is dropped
            name_now = (self.last_name.text().strip(), self.org_name.text().strip())
            if name_now != ((v.last_name or "").strip(), (v.org_name or "").strip()):
                self.unlink(keep_text=True)
        self.changed.emit()

    def load(self, view) -> None:
        """Show an existing applicant (or nobody: anonymous / new card)."""
        self._filling = True
        try:
            self.applicant_id = view.id if view else None
            self._picked_view = view
            self.type.set_value(view.type if view else "person")
            self._type_changed()
            for w, value in (
                (self.last_name, view.last_name if view else None),
                (self.first_name, view.first_name if view else None),
                (self.middle_name, view.middle_name if view else None),
                (self.org_name, view.org_name if view else None),
                (self.address, view.address if view else None),
                (self.phone, view.phone if view else None),
                (self.email, view.email if view else None),
                (self.social, view.social_category if view else None),
            ):
                w.setText(value or "")
            self.settlement.set_value(view.settlement_id if view else None)
        finally:
            self._filling = False
        self._picked_now = False
        self._show_link()

    def applicant_input(self):
        from appealdesk.services.values import ApplicantInput

        def t(w: QLineEdit) -> str | None:
            return w.text().strip() or None

        org = self.type.value() == "organisation"
        data = ApplicantInput(
            type=self.type.value() or "person",
            last_name=None if org else t(self.last_name),
            first_name=None if org else t(self.first_name),
            middle_name=None if org else t(self.middle_name),
            org_name=t(self.org_name) if org else None,
            settlement_id=self.settlement.value(),
            address=t(self.address),
            phone=t(self.phone),
            email=t(self.email),
            social_category=t(self.social),
        )
        if self.applicant_id is None and not (data.last_name or data.org_name):
            return None  # anonymous
        return data

    def settlement_id(self) -> int | None:
        return self.settlement.value()

    def unlink(self, keep_text: bool = False) -> None:
        self.applicant_id = None
        self._picked_view = None
        if not keep_text:
            self.load(None)
            self.last_name.setFocus()
        self._show_link()
        self.unpicked.emit()
        self.changed.emit()

    def _show_link(self) -> None:
        v = self._picked_view
        if v is not None:
            self.found.setText(
                f"Выбран заявитель из базы (обращений: {v.appeals_count})" if self._picked_now
                else "Заявитель из базы"
            )
            self.found.setToolTip("Изменения адреса и телефона сохранятся в карточке заявителя "
                                  "и будут видны в других его обращениях.")
            self.found.show()
            self.new_button.show()
            self.show_earlier()
        else:
            self.found.setText("")
            self.found.hide()
            self.new_button.hide()
            self.earlier.hide()

    def show_earlier(self) -> None:
        if self.applicant_id is None:
            self.earlier.hide()
            return
        briefs = [b for b in self.desk.applicants.appeals_of(self.applicant_id, limit=6)
                  if b.id != self.current_appeal_id][:3]
        status = {v.code: v.label for v in self.desk.reference.vocabulary("status")}
        if not briefs:
            self.earlier.setText("Ранее обращений не было.")
        else:
            lines = [
                f"№ {b.reg_number} от {fmt_date(b.registered_on)}, <i>{status.get(b.status, b.status).lower()}</i>"
                f" — {_short(b.summary, 40)}"
                for b in briefs
            ]
            self.earlier.setText("<b>Прежние обращения:</b><br>" + "<br>".join(lines))
        self.earlier.show()

    # -- look-up ---------------------------------------------------------------------------------
    def _start_lookup(self, target: QLineEdit) -> None:
        self._target = target
        self._timer.start()

    def _lookup(self) -> None:
        target = self._target
        text = target.text().strip()
        self._suggest.clear()
        if len(text) < 2 or not target.hasFocus() or self.applicant_id is not None:
            self.completer.popup().hide()
            return
        for v in self.desk.applicants.search(text, limit=12):
            where = ", ".join(p for p in (v.settlement, v.address) if p)
            label = v.display_name + (f" — {where}" if where else "") + f"  (обращений: {v.appeals_count})"
            item = QStandardItem(label)
            item.setData(v.id, ID_ROLE)
            item.setData((v.org_name if v.type == "organisation" else v.last_name) or text, NAME_ROLE)
            self._suggest.appendRow(item)
        if self._suggest.rowCount():
            self.completer.setWidget(target)
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _popup_chosen(self, index) -> None:
        applicant_id = index.data(ID_ROLE)
        self.completer.popup().hide()
        if applicant_id is None:
            return
        self._choose(int(applicant_id))

    def _choose(self, applicant_id: int) -> None:
        view = self.desk.applicants.get(applicant_id)
        self.load(view)
        self._picked_now = True
        self._show_link()
        self.changed.emit()
        self.picked.emit(applicant_id)
        QTimer.singleShot(0, self.address.setFocus)


def _short(text: str, n: int = 70) -> str:
    from html import escape

    text = " ".join((text or "").split())
    return escape(text if len(text) <= n else text[: n - 1] + "…")
