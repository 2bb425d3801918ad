"""The schedule editor: the standing rules per official, the exceptions (vacation, sick leave, one-off
changes), the visiting receptions, and the 12 December reception day the program proposes."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from appealdesk.errors import DomainError
from appealdesk.reception import ExceptionInput, RuleInput, VisitingInput
from appealdesk.reception.printing import long_date
from appealdesk.reception.values import EXCEPTION_LABELS, WEEKDAY_SHORT

from ..widgets.combos import ValueCombo, official_items, settlement_items
from ..widgets.date_field import DateField
from ..widgets.list_table import ListTable
from .common import banner, show_banner, time_edit, time_of

RULE_KINDS = (("regular", "Личный приём"), ("video", "Приём в режиме видеосвязи"),
              ("consultative", "Консультативный приём (и в выходные дни)"))
VISIT_KINDS = (("visiting", "Выездной приём"), ("consultative", "Консультативный приём (можно в выходной день)"))

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def _fill(t: QTableWidget, rows: list[tuple], ids: list[int]) -> None:
    t.setRowCount(len(rows))
    for r, (row, ident) in enumerate(zip(rows, ids, strict=True)):
        for c, text in enumerate(row):
            item = QTableWidgetItem(str(text))
            item.setData(Qt.ItemDataRole.UserRole, ident)
            t.setItem(r, c, item)
    t.resizeColumnsToContents()


def _selected_id(t: QTableWidget) -> int | None:
    item = t.item(t.currentRow(), 0) if t.currentRow() >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item else None


class ScheduleEditor(QDialog):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("График личного приёма")
        self.resize(1100, 680)
        self.error = banner()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._rules_tab(), "&Графики должностных лиц")
        self.tabs.addTab(self._exceptions_tab(), "&Исключения")
        self.tabs.addTab(self._visiting_tab(), "&Выездные и консультативные")
        today = desk.today()
        nd = desk.calendar.national_reception_day(today.year)
        moved = "" if nd == date(today.year, 12, 12) else " (12 декабря — нерабочий день, приём переносится)"
        self.national = QLabel(f"Общероссийский день приёма граждан в {today.year} году: <b>{long_date(nd)}</b>, "
                               f"12:00–20:00{moved}. Программа добавляет его в график сама.")
        self.national.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        close.rejected.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.error)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.national)
        lay.addWidget(close)
        self.refresh()

    def _run(self, call) -> bool:
        try:
            call()
        except DomainError as exc:
            show_banner(self.error, str(exc))
            return False
        self.error.hide()
        self.refresh()
        return True

    # -- rules -----------------------------------------------------------------------------------
    def _rules_tab(self) -> QWidget:
        w = QWidget()
        self.rules = ListTable(
            ["Должностное лицо", "Дни", "Часы", "Место", "Телефон", "Запись", "Интервал", "Действует"],
            "Графиков приёма пока нет. Выберите должностное лицо, дни и часы ниже и нажмите «Добавить график».",
        )
        self.rules.itemSelectionChanged.connect(self._rule_selected)
        self.r_official = ValueCombo(official_items(self.desk, executors_only=False))
        self.r_kind = ValueCombo(RULE_KINDS)
        self.r_days = []
        days = QHBoxLayout()
        for n, name in enumerate(WEEKDAY_SHORT):
            cb = QCheckBox(name)
            self.r_days.append(cb)
            days.addWidget(cb)
            if n >= 4:
                cb.setToolTip("Выходной день: приём в этот день не проводится, если он нерабочий")
        days.addStretch(1)
        self.r_from, self.r_to = time_edit(time(14)), time_edit(time(17))
        hours = _line("с", self.r_from, "до", self.r_to)
        self.r_place = QLineEdit()
        self.r_place.setPlaceholderText("Адрес и кабинет")
        self.r_phone = QLineEdit()
        self.r_pre = QCheckBox("нужна предварительная запись")
        self.r_slot = QSpinBox()
        self.r_slot.setRange(5, 240)
        self.r_slot.setSingleStep(5)
        self.r_slot.setValue(15)
        self.r_slot.setSuffix(" мин.")
        self.r_valid_from = DateField(optional=False)
        self.r_valid_from.set_date(date(self.desk.today().year, 1, 1))
        self.r_valid_to = DateField()
        valid = _line("с", self.r_valid_from, "по", self.r_valid_to)
        form = QFormLayout()
        form.addRow("&Должностное лицо:", self.r_official)
        form.addRow("&Вид приёма:", self.r_kind)
        form.addRow("Дни недели:", days)
        form.addRow("Часы приёма:", hours)
        form.addRow("&Место приёма:", self.r_place)
        form.addRow("&Телефон для записи:", self.r_phone)
        pre = _line(self.r_pre, "интервал записи:", self.r_slot)
        form.addRow("", pre)
        form.addRow("Действует:", valid)
        return _page(w, self.rules, form, (("Добавить график", self.add_rule), ("Сохранить изменения", self.update_rule),
                           ("Удалить", self.delete_rule)))

    def rule_input(self) -> RuleInput:
        return RuleInput(
            official_id=self.r_official.value() or 0,
            weekdays=tuple(n + 1 for n, cb in enumerate(self.r_days) if cb.isChecked()),
            time_from=time_of(self.r_from), time_to=time_of(self.r_to), place=self.r_place.text(),
            valid_from=self.r_valid_from.date() or self.desk.today(), valid_to=self.r_valid_to.date(),
            phone=self.r_phone.text(), pre_registration=self.r_pre.isChecked(), slot_minutes=self.r_slot.value(),
            kind=self.r_kind.value() or "regular",
        )

    def add_rule(self) -> None:
        self._run(lambda: self.desk.reception.save_rule(self.rule_input()))

    def update_rule(self) -> None:
        rid = _selected_id(self.rules)
        if rid is None:
            show_banner(self.error, "Выберите график в таблице.")
            return
        self._run(lambda: self.desk.reception.save_rule(self.rule_input(), rid))

    def delete_rule(self) -> None:
        rid = _selected_id(self.rules)
        if rid is not None:
            self._run(lambda: self.desk.reception.delete_rule(rid))

    def _rule_selected(self) -> None:
        rid = _selected_id(self.rules)
        rule = next((r for r in self._rules if r.id == rid), None)
        if rule is None:
            return
        self.r_official.set_value(rule.official_id)
        self.r_kind.set_value(rule.kind)
        for n, cb in enumerate(self.r_days):
            cb.setChecked(n + 1 in rule.weekdays)
        self.r_from.setTime(time_edit(rule.time_from).time())
        self.r_to.setTime(time_edit(rule.time_to).time())
        self.r_place.setText(rule.place)
        self.r_phone.setText(rule.phone or "")
        self.r_pre.setChecked(rule.pre_registration)
        self.r_slot.setValue(rule.slot_minutes)
        self.r_valid_from.set_date(rule.valid_from)
        self.r_valid_to.set_date(rule.valid_to)

    # -- exceptions ------------------------------------------------------------------------------
    def _exceptions_tab(self) -> QWidget:
        w = QWidget()
        self.excs = ListTable(
            ["Должностное лицо", "С", "По", "Причина", "Новые часы", "Новое место", "Примечание"],
            "Исключений нет: приём идёт по графику. Отпуск, командировку или перенос часов добавьте ниже "
            "(«Добавить исключение»).",
        )
        self.e_official = ValueCombo(official_items(self.desk, executors_only=False))
        self.e_kind = ValueCombo(list(EXCEPTION_LABELS.items()))
        self.e_from, self.e_to = DateField(optional=False), DateField(optional=False)
        self.e_time_from, self.e_time_to = time_edit(time(9)), time_edit(time(12))
        self.e_place = QLineEdit()
        self.e_note = QLineEdit()
        period = _line("с", self.e_from, "по", self.e_to)
        hours = _line(self.e_time_from, "–", self.e_time_to, "(для «изменены часы или место»)")
        form = QFormLayout()
        form.addRow("&Должностное лицо:", self.e_official)
        form.addRow("&Причина:", self.e_kind)
        form.addRow("Период:", period)
        form.addRow("Часы:", hours)
        form.addRow("&Место:", self.e_place)
        form.addRow("П&римечание:", self.e_note)
        return _page(w, self.excs, form, (("Добавить исключение", self.add_exception), ("Удалить", self.delete_exception)))

    def add_exception(self) -> None:
        changed = self.e_kind.value() == "changed"
        today = self.desk.today()
        data = ExceptionInput(
            official_id=self.e_official.value() or 0, date_from=self.e_from.date() or today,
            date_to=self.e_to.date() or self.e_from.date() or today, kind=self.e_kind.value(),
            time_from=time_of(self.e_time_from) if changed else None,
            time_to=time_of(self.e_time_to) if changed else None,
            place=self.e_place.text(), note=self.e_note.text(),
        )
        self._run(lambda: self.desk.reception.save_exception(data))

    def delete_exception(self) -> None:
        eid = _selected_id(self.excs)
        if eid is not None:
            self._run(lambda: self.desk.reception.delete_exception(eid))

    # -- visiting receptions ---------------------------------------------------------------------
    def _visiting_tab(self) -> QWidget:
        w = QWidget()
        self.visits = ListTable(
            ["Дата", "Время", "Вид", "Населённый пункт", "Место", "Должностное лицо", "Записано"],
            "Предстоящих выездных и консультативных приёмов нет. Чтобы назначить приём в населённом пункте или "
            "консультативный приём в выходной день, заполните поля ниже и нажмите «Добавить приём».",
        )
        self.v_official = ValueCombo(official_items(self.desk, executors_only=False))
        self.v_kind = ValueCombo(VISIT_KINDS)
        self.v_day = DateField(optional=False)
        self.v_from, self.v_to = time_edit(time(10)), time_edit(time(12))
        self.v_settlement = ValueCombo(settlement_items(self.desk), "— выберите —")
        self.v_place = QLineEdit()
        self.v_place.setPlaceholderText("Например: сельский клуб, ул. Садовая, 3")
        hours = _line(self.v_day, "с", self.v_from, "до", self.v_to)
        form = QFormLayout()
        form.addRow("&Должностное лицо:", self.v_official)
        form.addRow("&Вид приёма:", self.v_kind)
        form.addRow("Дата и время:", hours)
        form.addRow("&Населённый пункт:", self.v_settlement)
        form.addRow("&Место:", self.v_place)
        return _page(w, self.visits, form, (("Добавить приём", self.add_visiting), ("Отменить приём", self.cancel_visiting)))

    def add_visiting(self) -> None:
        data = VisitingInput(
            official_id=self.v_official.value() or 0, day=self.v_day.date() or self.desk.today(),
            time_from=time_of(self.v_from), time_to=time_of(self.v_to), settlement_id=self.v_settlement.value(),
            place=self.v_place.text(), kind=self.v_kind.value() or "visiting",
        )
        self._run(lambda: self.desk.reception.add_visiting(data))

    def cancel_visiting(self) -> None:
        rid = _selected_id(self.visits)
        if rid is not None:
            self._run(lambda: self.desk.reception.cancel_reception(f"r:{rid}", "выездной приём отменён"))

    # -- data ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        svc = self.desk.reception
        self._rules = svc.rules()
        _fill(self.rules, [
            (r.official, r.days_text, f"{r.time_from:%H:%M}–{r.time_to:%H:%M}", r.place, r.phone or "",
             "предварительная" if r.pre_registration else "живая очередь", f"{r.slot_minutes} мин.",
             (f"с {r.valid_from:%d.%m.%Y}" + (f" по {r.valid_to:%d.%m.%Y}" if r.valid_to else ""))
             + ("" if r.active else " (отключён)"))
            for r in self._rules], [r.id for r in self._rules])
        excs = svc.exceptions()
        _fill(self.excs, [
            (e.official, f"{e.date_from:%d.%m.%Y}", f"{e.date_to:%d.%m.%Y}", EXCEPTION_LABELS.get(e.kind, e.kind),
             f"{e.time_from:%H:%M}–{e.time_to:%H:%M}" if e.time_from and e.time_to else "", e.place or "",
             e.note or "") for e in excs], [e.id for e in excs])
        today = self.desk.today()
        entries = [e for e in svc.schedule(date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)).entries
                   if e.kind in ("visiting", "consultative") and e.reception_id is not None
                   and e.status != "cancelled" and e.day >= today]
        _fill(self.visits, [
            (f"{e.day:%d.%m.%Y}", e.hours, e.kind_label, e.settlement or "", e.place, e.official, str(e.booked))
            for e in entries
        ], [e.reception_id for e in entries])


def _page(page: QWidget, table, form, actions) -> QWidget:
    """One tab of the editor: the list, the form under it, the buttons under the form."""
    buttons = QHBoxLayout()
    for text, slot in actions:
        b = QPushButton(text)
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        buttons.addWidget(b)
    buttons.addStretch(1)
    lay = QVBoxLayout(page)
    lay.addWidget(table, 1)
    lay.addLayout(form)
    lay.addLayout(buttons)
    return page


def _line(*parts) -> QHBoxLayout:
    """A row of widgets and captions (plain strings), pushed to the left."""
    row = QHBoxLayout()
    for part in parts:
        row.addWidget(QLabel(part) if isinstance(part, str) else part)
    row.addStretch(1)
    return row
