"""The "Календарь сроков" section: month, week and agenda views over one set of filters."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..widgets.combos import ValueCombo
from ..widgets.flow import FlowLayout, labelled
from .grid import STATE_BG, CalendarGrid
from .items import ItemsTable

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь")
MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")
ALL = "— все —"
MODES = ("month", "week", "agenda")


def _month_shift(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


class CalendarPanel(QWidget):
    open_requested = Signal(int)  # appeal id: the main window opens its card
    loaded = Signal(float)  # seconds a month (or week) took to load, for the benchmark

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = None
        self.mode = "month"
        self.year, self.month = date.today().year, date.today().month
        self.selected: date | None = None
        self.counts = None
        # -- navigation
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip("Предыдущий месяц (PgUp)")
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip("Следующий месяц (PgDown)")
        self.today_button = QPushButton("Сегодня")
        self.today_button.setAutoDefault(False)
        self.title = QLabel()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setMinimumWidth(self.title.fontMetrics().horizontalAdvance("Неделя 28.12.2026 — 03.01.2027") + 20)
        self.mode_buttons = QButtonGroup(self)
        modes = QHBoxLayout()
        modes.setSpacing(0)
        for i, (mode, text) in enumerate((("month", "&Месяц"), ("week", "Н&еделя"), ("agenda", "&Список"))):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setAutoDefault(False)
            b.setProperty("mode", mode)
            self.mode_buttons.addButton(b, i)
            modes.addWidget(b)
        self.mode_buttons.button(0).setChecked(True)
        # -- filters
        self.executor = ValueCombo((), ALL)
        self.section = ValueCombo((), ALL)
        self.form = ValueCombo((), ALL)
        self.section.setMaximumWidth(320)
        self.executor.setMinimumContentsLength(16)
        # the month and the view on the left, the filters after them: one flow that wraps on a small screen
        nav = QWidget()
        nl = QHBoxLayout(nav)
        nl.setContentsMargins(0, 0, 0, 0)
        nl.addWidget(self.prev_button)
        nl.addWidget(self.next_button)
        nl.addWidget(self.today_button)
        nl.addSpacing(8)
        nl.addWidget(self.title)
        mode_box = QWidget()
        mode_box.setLayout(modes)
        modes.setContentsMargins(0, 0, 0, 0)
        top_box = QWidget()
        top = FlowLayout(top_box, h_spacing=14)
        top.addWidget(nav)
        top.addWidget(mode_box)
        for text, w in (("&Исполнитель:", self.executor), ("Р&аздел:", self.section), ("&Форма:", self.form)):
            top.addWidget(labelled(text, w))
        # -- legend
        legend_box = QWidget()
        legend = FlowLayout(legend_box, h_spacing=12)
        for state, text in (("overdue", "просрочено"), ("due_today", "срок сегодня"), ("due_soon", "срок скоро"),
                            ("extended", "продлено"), (None, "выходной или праздник")):
            sw = QLabel("    ")
            sw.setStyleSheet(f"background:{STATE_BG[state] if state else '#eeeeee'}; border:1px solid #aaa;")
            item = QWidget()
            il = QHBoxLayout(item)
            il.setContentsMargins(0, 0, 0, 0)
            il.addWidget(sw)
            il.addWidget(QLabel(text))
            if state is None:
                item.setToolTip("Выходные и праздничные дни по производственному календарю (с переносами)")
            legend.addWidget(item)
        self.summary = QLabel()
        legend.addWidget(self.summary)
        # -- views
        self.grid = CalendarGrid()
        self.list_title = QLabel()
        self.items = ItemsTable()
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.list_title)
        ll.addWidget(self.items)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.grid)
        self.split.addWidget(lower)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(top_box)
        lay.addWidget(legend_box)
        lay.addWidget(self.split, 1)
        # -- wiring
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.mode_buttons.idClicked.connect(lambda i: self.set_mode(MODES[i]))
        for c in (self.executor, self.section, self.form):
            c.currentIndexChanged.connect(self.reload)
        self.grid.day_selected.connect(self._day_selected)
        self.grid.day_activated.connect(self._day_activated)
        self.items.open_requested.connect(self.open_requested)
        self.setEnabled(False)

    # -- the desk --------------------------------------------------------------------------------
    def set_desk(self, desk: AppealDesk) -> None:
        self.desk = desk
        self.setEnabled(desk is not None)
        if desk is None:
            return
        today = desk.today()
        self.year, self.month, self.selected = today.year, today.month, today
        self.populate_filters()
        self.reload()

    def populate_filters(self) -> None:
        desk = self.desk
        if desk is None:
            return
        keep = (self.executor.value(), self.section.value(), self.form.value())
        for c in (self.executor, self.section, self.form):
            c.blockSignals(True)
        self.executor.set_items((o.id, o.full_name) for o in desk.reference.officials(executors_only=True))
        self.section.set_items((c.code, f"{c.code} {c.name}") for c in desk.reference.classifier_children(None))
        self.form.set_items((v.code, v.label) for v in desk.reference.vocabulary("form"))
        for c, v in zip((self.executor, self.section, self.form), keep, strict=True):
            c.set_value(v)
            c.blockSignals(False)

    def filter(self):
        from appealdesk.control.values import ControlFilter

        return ControlFilter(executor_id=self.executor.value(), section=self.section.value(), form=self.form.value())

    # -- navigation ------------------------------------------------------------------------------
    def step(self, by: int) -> None:
        if self.mode == "week" and self.selected is not None:
            self.selected += timedelta(days=7 * by)
            self.year, self.month = self.selected.year, self.selected.month
        else:
            self.year, self.month = _month_shift(self.year, self.month, by)
            if self.selected is not None:
                self.selected = self._clamp(self.selected.day)
        self.reload()

    def _clamp(self, day: int) -> date:
        nxt = _month_shift(self.year, self.month, 1)
        last = (date(nxt[0], nxt[1], 1) - timedelta(days=1)).day
        return date(self.year, self.month, min(day, last))

    def go_today(self) -> None:
        if self.desk is None:
            return
        today = self.desk.today()
        self.year, self.month, self.selected = today.year, today.month, today
        self.reload()

    def show_month(self, year: int, month: int, day: int = 1) -> None:
        self.year, self.month = year, month
        self.selected = self._clamp(day)
        self.reload()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons.button(MODES.index(mode)).setChecked(True)
        tips = ("Предыдущая неделя", "Следующая неделя") if mode == "week" else ("Предыдущий месяц",
                                                                                "Следующий месяц")
        self.prev_button.setToolTip(tips[0])
        self.next_button.setToolTip(tips[1])
        self.reload()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_PageUp:
            self.step(-1)
        elif event.key() == Qt.Key.Key_PageDown:
            self.step(1)
        else:
            super().keyPressEvent(event)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """One query for the counts, then the grid paints from them; the list below is the selected day's."""
        if self.desk is None:
            return
        started = time.perf_counter()
        from ..errors import show_error

        try:
            self.counts = self.desk.control.month(self.year, self.month, self.filter())
        except Exception as exc:  # a database problem: say it, keep the old picture
            show_error(self, str(exc), "Календарь сроков")
            return
        weeks = 1 if self.mode == "week" else 6
        self.grid.setVisible(self.mode != "agenda")
        self.grid.set_counts(self.counts, self.selected, weeks)
        self._title()
        self._summary()
        self._fill_list()
        self.loaded.emit(time.perf_counter() - started)

    def _title(self) -> None:
        if self.mode == "week" and self.selected is not None:
            mon = self.selected - timedelta(days=self.selected.weekday())
            self.title.setText(f"Неделя {mon:%d.%m} — {mon + timedelta(days=6):%d.%m.%Y}")
        else:
            self.title.setText(f"{MONTHS[self.month - 1].capitalize()} {self.year}")

    def _summary(self) -> None:
        days = self.counts.in_month()
        legal = sum(d.legal for d in days)
        control = sum(d.control for d in days)
        prom = sum(d.promises for d in days)
        off = sum(1 for d in days if not d.working)
        parts = [f"за месяц: сроков {legal}"]
        if control:
            parts.append(f"контрольных {control}")
        if prom:
            parts.append(f"обещаний {prom}")
        parts.append(f"рабочих дней {len(days) - off}")
        self.summary.setText(", ".join(parts))

    def _fill_list(self) -> None:
        f = self.filter()
        if self.mode == "agenda":
            first = date(self.year, self.month, 1)
            nxt = _month_shift(self.year, self.month, 1)
            last = date(nxt[0], nxt[1], 1) - timedelta(days=1)
            items = self.desk.control.items(first, last, f)
            self.list_title.setText(f"<b>{MONTHS[self.month - 1].capitalize()} {self.year}: все сроки по дням</b> "
                                    f"— {len(items)}. Enter — открыть карточку.")
        elif self.mode == "week" and self.selected is not None:
            mon = self.selected - timedelta(days=self.selected.weekday())
            items = self.desk.control.items(mon, mon + timedelta(days=6), f)
            self.list_title.setText(f"<b>Сроки недели {mon:%d.%m} — {mon + timedelta(days=6):%d.%m.%Y}</b> — "
                                    f"{len(items)}. Enter — открыть карточку.")
        elif self.selected is not None:
            items = self.desk.control.day(self.selected, f)
            d = self.selected
            self.list_title.setText(f"<b>{d.day} {MONTHS_GEN[d.month - 1]} {d.year}</b>: "
                                    + (f"сроков — {len(items)}. Enter — открыть карточку." if items
                                       else "сроков нет."))
        else:
            items = ()
            self.list_title.setText("Выберите день.")
        self.items.set_items(items)

    def _day_selected(self, day: date) -> None:
        self.selected = day
        if (day.year, day.month) != (self.year, self.month) and self.mode == "month":
            self.year, self.month = day.year, day.month
            self.reload()
            return
        if self.mode == "week" and self.counts is not None and self.counts.get(day) is None:
            self.year, self.month = day.year, day.month
            self.reload()
            return
        if self.mode == "week":
            self.grid.update()
            self._title()
        self._fill_list()

    def _day_activated(self, day: date) -> None:
        self._day_selected(day)
        if self.items.model_.rowCount():
            self.items.setFocus()
