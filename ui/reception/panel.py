"""The "Личный приём" section: the receptions of four weeks on the left; the chosen reception's day on the
right (the slots with the booked visitors and the walk-ins, with their reception cards)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from appealdesk.errors import DomainError
from appealdesk.reception.values import RECEPTION_LABELS, WEEKDAY_SHORT

from ..errors import show_error
from ..widgets.flow import FlowLayout
from ..widgets.list_table import ListTable

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

WEEKS = 4
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # ("slot", booking id or None, slot_from) | ("card", card id)


def _table(headers: list[str], empty_text: str) -> ListTable:
    t = ListTable(headers, empty_text)
    t.setAlternatingRowColors(True)
    return t


def _button(text: str, slot, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setAutoDefault(False)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(slot)
    return b


class ReceptionPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = None
        self.start: date | None = None
        self.current = None  # the ReceptionDay shown
        self.dialog = None  # the last dialog opened (tests drive it)
        # the receptions of the period
        self.period = QLabel()
        self.period.setStyleSheet("font-weight: bold;")
        self.list = _table(["Дата", "Время", "Должностное лицо", "Вид", "Записано", "Состояние", "Место"],
                           "В эти недели приёмов нет. Графики должностных лиц и выездные приёмы задаются "
                           "в «Графике приёма…».")
        self.list.itemSelectionChanged.connect(self._chosen)
        nav_box = QWidget()
        nav = FlowLayout(nav_box, h_spacing=6)
        steps = QWidget()
        sl = QHBoxLayout(steps)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(_button("◀ Раньше", lambda: self.shift(-WEEKS), "Предыдущие четыре недели (Ctrl+PgUp)"))
        sl.addWidget(_button("Сегодня", lambda: self.shift(0)))
        sl.addWidget(_button("Позже ▶", lambda: self.shift(WEEKS), "Следующие четыре недели (Ctrl+PgDown)"))
        nav.addWidget(steps)
        nav.addWidget(self.period)
        self.schedule_button = _button("График приёма…", self.open_schedule,
                                       "Графики должностных лиц, исключения, выездные приёмы")
        nav.addWidget(self.schedule_button)
        self.print_button = QToolButton()
        self.print_button.setText("Печать графика")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        menu.addAction("На месяц…", lambda: self.schedule_dialog("month"))
        menu.addAction("На квартал…", lambda: self.schedule_dialog("quarter"))
        self.print_button.setMenu(menu)
        nav.addWidget(self.print_button)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(nav_box)
        ll.addWidget(self.list, 1)
        # the reception day
        self.title = QLabel("Выберите приём в списке слева.")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.day = _table(["Время", "Посетитель", "Вопрос", "Категория", "Отметка"], "")  # the title says it
        self.day.itemActivated.connect(lambda _i: self.open_card())
        self.day.itemSelectionChanged.connect(self._selection_buttons)
        # the list and the day by keyboard: Enter on a reception goes to its day; Tab leaves each table
        self.list.itemActivated.connect(lambda _i: self.day.setFocus())
        dh = self.day.horizontalHeader()
        dh.setStretchLastSection(False)
        for col, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.Interactive),
                          (2, QHeaderView.ResizeMode.Stretch), (3, QHeaderView.ResizeMode.ResizeToContents),
                          (4, QHeaderView.ResizeMode.ResizeToContents)):
            dh.setSectionResizeMode(col, mode)  # «Отметка» stays in view, «Вопрос» takes the rest
        self.book_button = _button("&Записать…", self.book, "Записать посетителя на выбранное время (Ins)")
        self.book_button.setShortcut("Ins")
        self.card_button = _button("&Карточка приёма…", self.open_card, "Заполнить карточку выбранного посетителя (Enter)")
        self.walk_in_button = _button("&Без записи…", self.walk_in, "Карточка посетителя, пришедшего без записи")
        self.no_show_button = _button("Не &явился", self.no_show)
        self.move_button = _button("Пере&нести…", self.move_booking, "Перенести запись на другое время или день")
        self.cancel_button = _button("&Отменить запись", self.cancel_booking)
        self.list_button = _button("Список &посетителей", self.print_visitors)
        actions = QWidget()
        row = FlowLayout(actions, h_spacing=6)
        for b in (self.book_button, self.card_button, self.walk_in_button, self.move_button, self.no_show_button,
                  self.cancel_button, self.list_button):
            row.addWidget(b)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.day, 1)
        rl.addWidget(actions)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        self._buttons(False)
        self._announcing = False
        for key, weeks in (("Ctrl+PgUp", -WEEKS), ("Ctrl+PgDown", WEEKS)):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda w=weeks: self.shift(w))
        from .. import ops

        ops.subscribe(self, self._desk_changed)

    def _desk_changed(self, kinds: frozenset) -> None:
        from .. import ops

        if self.desk is None or self._announcing:
            return
        if ops.touches(kinds, ops.RECEPTION, ops.SETTINGS, ops.CALENDAR, ops.REFERENCE):
            key = self.current.entry.key if self.current else None
            self.refresh(keep=key)

    # -- data ------------------------------------------------------------------------------------
    def set_desk(self, desk: AppealDesk) -> None:
        self.desk = desk
        self.start = desk.today() if desk is not None else None
        self.refresh()

    def shift(self, weeks: int) -> None:
        if self.desk is None:
            return
        self.start = self.desk.today() if weeks == 0 else self.start + timedelta(weeks=weeks)
        self.refresh()

    def refresh(self, keep: str | None = None) -> None:
        self.list.setRowCount(0)
        if self.desk is None:
            return
        end = self.start + timedelta(weeks=WEEKS) - timedelta(days=1)
        self.period.setText(f"Приёмы с {self.start:%d.%m.%Y} по {end:%d.%m.%Y}")
        try:
            entries = self.desk.reception.schedule(self.start, end).entries
        except DomainError as exc:
            show_error(self, str(exc), "Личный приём")
            return
        today = self.desk.today()
        self.list.setRowCount(len(entries))
        select = 0
        for r, e in enumerate(entries):
            where = e.place + (f" ({e.settlement})" if e.settlement else "")
            # short names and kinds keep the official in view on a 1366-px screen; the full text is the tooltip
            who = (e.official_short, ", ".join(p for p in (e.official, e.position) if p)) if e.official else \
                ("все", "все должностные лица")
            cells = ((f"{e.day:%d.%m.%Y}, {WEEKDAY_SHORT[e.day.weekday()]}", ""), (e.hours, ""), who,
                     (e.kind_short, e.kind_label), (str(e.booked) if e.booked else "", ""),
                     (RECEPTION_LABELS.get(e.status, e.status), ""), (where, where))
            for c, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                if tip:
                    item.setToolTip(tip)
                item.setData(KEY_ROLE, e.key)
                if e.day == today:
                    item.setBackground(QColor("#fff6d5"))
                if e.status == "cancelled":
                    item.setForeground(QColor("#888888"))
                self.list.setItem(r, c, item)
            if keep and (e.key == keep or (self.current and e.reception_id and
                                           e.reception_id == self.current.entry.reception_id)):
                select = r
            elif not keep and e.day < today:
                select = min(r + 1, len(entries) - 1)
        self.list.resizeColumnsToContents()
        if entries:
            self.list.selectRow(select)
        else:
            self.current = None
            self.day.setRowCount(0)
            self.title.setText("В эти недели приёмов нет. Задайте графики: кнопка «График приёма…».")
            self._buttons(False)

    def _chosen(self) -> None:
        row = self.list.currentRow()
        item = self.list.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self.show_day(item.data(KEY_ROLE))

    def show_day(self, key: str) -> None:
        try:
            self.current = self.desk.reception.day(key)
        except DomainError as exc:
            show_error(self, str(exc), "Личный приём")
            return
        e = self.current.entry
        who = (e.official + (f", {e.position}" if e.position else "")) if e.official else "все должностные лица"
        extra = " Нужна предварительная запись." if e.pre_registration else ""
        if e.kind == "national_day":
            extra = (" Живая очередь при предъявлении документа, удостоверяющего личность (записи нет); принимают "
                     "все присутствующие должностные лица.")
        if e.phone:
            extra += f" Телефон для записи: {e.phone}."
        self.title.setText(f"<b>{e.kind_label}, {e.day:%d.%m.%Y} {e.hours}</b><br>{who}<br>{e.place}"
                           + (f" ({e.settlement})" if e.settlement else "") + f"<br><i>{extra.strip()}</i>"
                           + (f"<br><b>Приём отменён:</b> {e.note}" if e.status == "cancelled" else ""))
        rows = []
        cards_by_booking = {c.booking_id: c for c in self.current.cards if c.booking_id}
        for s in self.current.slots:
            b = s.booking
            if b is None:
                rows.append(((f"{s.slot_from:%H:%M}–{s.slot_to:%H:%M}", "— свободно —", "", "", ""),
                             ("slot", None, s.slot_from)))
                continue
            card = cards_by_booking.get(b.id)
            mark = card.outcome_label if card else b.status_label
            if card and card.appeal_number:
                mark += f" (№ {card.appeal_number})"
            rows.append(((f"{b.slot_from:%H:%M}–{b.slot_to:%H:%M}", b.applicant, b.topic or "",
                          b.priority_category or "", mark), ("slot", b.id, b.slot_from)))
        for c in self.current.cards:
            if c.walk_in:
                mark = c.outcome_label + (f" (№ {c.appeal_number})" if c.appeal_number else "")
                rows.append(((f"{c.visited_at:%H:%M}" if c.visited_at else "", c.applicant + " (без записи)",
                              c.summary, c.social_category or "", mark), ("card", c.id, None)))
        self.day.setRowCount(len(rows))
        for r, (cells, ref) in enumerate(rows):
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ROW_ROLE, ref)
                if ref[0] == "slot" and ref[1] is None:
                    item.setForeground(QColor("#777777"))
                self.day.setItem(r, col, item)
        self.day.resizeColumnToContents(1)
        self.day.setColumnWidth(1, min(max(self.day.columnWidth(1), 160), 260))
        self._buttons(True)
        if rows:
            self.day.selectRow(0)
        self._selection_buttons()

    def _buttons(self, on: bool) -> None:
        cancelled = bool(self.current and self.current.entry.status == "cancelled")
        for b in (self.book_button, self.card_button, self.walk_in_button, self.move_button, self.no_show_button,
                  self.cancel_button, self.list_button):
            b.setEnabled(on and not cancelled)
        if self.current is not None and self.current.entry.kind == "national_day":  # a live queue: no booking
            self.book_button.setEnabled(False)
            self.move_button.setEnabled(False)
        self.list_button.setEnabled(on)

    def _selection_buttons(self) -> None:
        """What the selected row allows: a booked visitor can be moved, marked absent or cancelled."""
        if self.current is None or self.current.entry.status == "cancelled":
            return
        ref = self.selected()
        booking = self._booking(ref[1]) if ref and ref[0] == "slot" and ref[1] is not None else None
        booked = booking is not None and booking.status == "booked"
        for b in (self.move_button, self.no_show_button, self.cancel_button):
            b.setEnabled(booked)
        self.card_button.setEnabled(ref is not None and not (ref[0] == "slot" and ref[1] is None))

    def selected(self):
        row = self.day.currentRow()
        item = self.day.item(row, 0) if row >= 0 else None
        return item.data(ROW_ROLE) if item else None

    def _booking(self, booking_id):
        return next((b for b in self.current.bookings if b.id == booking_id), None)

    def _after_change(self) -> None:
        key = self.current.entry.key if self.current else None
        row = self.day.currentRow()
        # a proposed reception became a real one: find it again by its reception id
        if key and self.current.entry.reception_id is None:
            fresh = self.desk.reception.entry(key)
            key = fresh.key if fresh.reception_id else key
        self.refresh(keep=key)
        if key:
            self.show_day(key)
            if 0 <= row < self.day.rowCount():
                self.day.selectRow(row)
        from .. import ops

        self._announcing = True  # a reception card may have registered an appeal: the journal shows it
        try:
            ops.changed({ops.RECEPTION, ops.APPEALS})
        finally:
            self._announcing = False

    # -- actions ---------------------------------------------------------------------------------
    def book(self) -> None:
        if self.current is None:
            return
        from .booking import BookingDialog

        ref = self.selected()
        slot_from = ref[2] if ref and ref[0] == "slot" and ref[1] is None else None
        self.dialog = BookingDialog(self.desk, self.current, slot_from, self)
        self.dialog.accepted.connect(self._after_change)
        self.dialog.open()

    def open_card(self) -> None:
        if self.current is None:
            return
        ref = self.selected()
        if ref is None:
            return
        if ref[0] == "card":
            card = next(c for c in self.current.cards if c.id == ref[1])
            self._card_dialog(None, card)
            return
        if ref[1] is None:
            self.book()
            return
        booking = self._booking(ref[1])
        card = next((c for c in self.current.cards if c.booking_id == booking.id), None)
        if card is None and booking.status in ("cancelled", "no_show"):
            show_error(self, f"Запись в состоянии «{booking.status_label}»: карточку по ней не заполнить.",
                       "Личный приём")
            return
        self._card_dialog(booking, card)

    def walk_in(self) -> None:
        if self.current is not None:
            self._card_dialog(None, None)

    def _card_dialog(self, booking, card) -> None:
        from .card_dialog import ReceptionCardDialog

        self.dialog = ReceptionCardDialog(self.desk, self.current, booking, card, self)
        self.dialog.accepted.connect(self._after_change)
        self.dialog.open()

    def _booking_action(self, call) -> None:
        ref = self.selected()
        if self.current is None or ref is None or ref[0] != "slot" or ref[1] is None:
            show_error(self, "Выберите запись посетителя в списке.", "Личный приём")
            return
        try:
            call(ref[1])
        except DomainError as exc:
            show_error(self, str(exc), "Личный приём")
            return
        self._after_change()

    def move_booking(self) -> None:
        ref = self.selected()
        if self.current is None or ref is None or ref[0] != "slot" or ref[1] is None:
            show_error(self, "Выберите запись посетителя в списке.", "Личный приём")
            return
        booking = self._booking(ref[1])
        if booking is None or booking.status != "booked":
            show_error(self, "Перенести можно только действующую запись.", "Личный приём")
            return
        from .move_booking import MoveBookingDialog

        self.dialog = MoveBookingDialog(self.desk, booking, self.current.entry, self)
        self.dialog.accepted.connect(self._after_change)
        self.dialog.open()

    def no_show(self) -> None:
        self._booking_action(self.desk.reception.mark_no_show)

    def cancel_booking(self, reason: str | None = None) -> None:
        def call(booking_id):
            why = reason
            if why is None:
                why, ok = QInputDialog.getText(self, "Отмена записи", "Причина отмены (необязательно):")
                if not ok:
                    return
            self.desk.reception.cancel_booking(booking_id, why)

        self._booking_action(call)

    # -- printing and the schedule ---------------------------------------------------------------
    def open_schedule(self) -> None:
        if self.desk is None:
            return
        from .schedule_editor import ScheduleEditor

        self.dialog = ScheduleEditor(self.desk, self)
        self.dialog.finished.connect(lambda _r: self.refresh(keep=self.current.entry.key if self.current else None))
        self.dialog.open()

    def schedule_document(self, span: str, day: date | None = None):
        from appealdesk.reception.printing import month_period, quarter_period

        day = day or self.start or self.desk.today()
        start, end = (month_period(day.year, day.month) if span == "month"
                      else quarter_period(day.year, (day.month - 1) // 3 + 1))
        return self.desk.papers.schedule(start, end)

    def schedule_dialog(self, span: str = "month"):
        """«Печать графика»: the month or quarter chosen, then printed or saved as PDF."""
        if self.desk is None:
            return None
        from .schedule_print import SchedulePrintDialog

        self.dialog = SchedulePrintDialog(self.desk, self, span)
        self.dialog.open()
        return self.dialog

    def print_schedule(self, span: str):
        if self.desk is None:
            return None
        from .printing import preview

        doc = self.schedule_document(span)
        self.preview_dialog = preview(self.desk, doc, self, doc.title.capitalize())
        return self.preview_dialog

    def print_visitors(self):
        if self.current is None:
            return None
        from .printing import preview

        doc = self.desk.papers.visitors(self.current.entry.key)
        self.preview_dialog = preview(self.desk, doc, self, f"Список посетителей {self.current.entry.day:%d.%m.%Y}")
        return self.preview_dialog
