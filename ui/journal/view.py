"""The journal section: the search box (searches as one types), the filters, the table."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .model import COLUMN_KEYS, COLUMNS, MATCHED, JournalModel

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

    from .filters import FilterPanel

VISUAL_ORDER = ("matched", "reg_number", "registered_on", "applicant", "topic", "executor", "legal_deadline",
                "state", "received_on", "settlement", "form", "kind", "control_deadline")
MAX_WIDTH = {"applicant": 230, "topic": 230, "executor": 180, "settlement": 160, "state": 170,
             "matched": 90}  # a column sized to its content stops here (the tooltip has the rest)
SEARCH_DELAY_MS = 150  # while one types on, the search waits for a pause this long
MIN_TEXT = 2  # shorter text matches nearly everything: not searched

EMPTY_DB = "Обращений пока нет.\nЧтобы зарегистрировать первое, нажмите «Новое обращение» (Ctrl+N)."
EMPTY_FOUND = "Ничего не найдено.\nИзмените текст поиска или сбросьте фильтры."
LOADING = "Открываю базу данных…"


class JournalTable(QTableView):
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setSortingEnabled(False)  # turned on once a model is set (sorting asks the service)
        self.verticalHeader().hide()
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setStretchLastSection(True)
        hh.setSectionsMovable(True)
        self.setTabKeyNavigation(False)
        self.doubleClicked.connect(self._open_index)
        self.overlay = QLabel(self.viewport())
        self.overlay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.overlay.setWordWrap(True)
        self.overlay.setStyleSheet("color: #666; font-size: 11pt;")
        self.overlay.hide()

    def set_overlay(self, text: str | None) -> None:
        if text:
            self.overlay.setText(text)
            self.overlay.show()
            self._place_overlay()
        else:
            self.overlay.hide()

    def _place_overlay(self) -> None:
        r = self.viewport().rect()
        self.overlay.setGeometry(r.adjusted(20, 20, -20, -20))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_overlay()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        appeal_id = self.model().id_at(index.row())
        if appeal_id is not None:
            self.open_requested.emit(appeal_id)

    def current_id(self) -> int | None:
        idx = self.currentIndex()
        model = self.model()
        return model.id_at(idx.row()) if idx.isValid() and model is not None else None


class JournalPanel(QWidget):
    open_requested = Signal(int)
    searched = Signal(float)  # seconds from the search firing to the table updated (benchmarks)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = None
        self.model: JournalModel | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Поиск: номер, заявитель, адрес, содержание… (Ctrl+F)")
        # its clear button (an icon to load) once the window is up: it shows only when something is typed
        QTimer.singleShot(0, lambda: self.search.setClearButtonEnabled(True))
        self.search.installEventFilter(self)
        self.filter_toggle = QToolButton()
        self.filter_toggle.setText("Фильтры")
        self.filter_toggle.setCheckable(True)
        from .. import prefs

        self.filter_toggle.setChecked(bool(prefs.get("journal_filters_shown", False)))
        self.filter_toggle.setToolTip("Показать или скрыть фильтры (Ctrl+Shift+F)")
        self.count = QLabel("")
        self.count.setMinimumWidth(140)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel("&Найти:")
        search_label.setBuddy(self.search)
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.filter_toggle)
        top.addWidget(self.count)
        # the filters are built when first needed (the database attached, or the button pressed): the
        # window with the journal's first rows comes up sooner without them
        self._filters: FilterPanel | None = None
        self.filter_toggle.toggled.connect(lambda on: self.filters.setVisible(on))
        self.filter_toggle.toggled.connect(lambda on: prefs.put("journal_filters_shown", on))
        self.table = JournalTable()
        self.table.open_requested.connect(self.open_requested)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self._legend())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self._last_search = 0.0
        self.search.textEdited.connect(self._typed)
        self.setEnabled(False)

    def _legend(self) -> QWidget:
        """What the colours of the rows mean (the guide's «Цвета строк» says more: F1)."""
        from ..widgets.flow import FlowLayout
        from .model import STATE_COLOURS

        box = QWidget()
        flow = FlowLayout(box, h_spacing=12)
        flow.setContentsMargins(2, 2, 2, 2)
        for state, text in (("overdue", "просрочено"), ("due_today", "срок сегодня"), ("due_soon", "срок скоро"),
                            ("extended", "продлено"), ("closed", "закрыто (ответ дан)")):
            bg, fg = STATE_COLOURS[state]
            label = QLabel(f" {text} ")
            label.setStyleSheet(f"background:{bg or 'palette(base)'}; color:{fg or 'palette(text)'};"
                                "border:1px solid #c8c8c8; padding:0 4px;")
            flow.addWidget(label)
        box.setToolTip("Цвета строк журнала: F1 — подробнее")
        return box

    @property
    def filters(self) -> FilterPanel:
        if self._filters is None:
            from .filters import FilterPanel

            f = FilterPanel()
            f.setVisible(self.filter_toggle.isChecked())
            f.setEnabled(self.desk is not None)
            f.changed.connect(self._count_filters)
            f.changed.connect(self.apply_search)
            self.layout().insertWidget(1, f)
            self._filters = f
        return self._filters

    def _count_filters(self) -> None:
        n = self.filters.active_count()
        self.filter_toggle.setText(f"Фильтры ({n})" if n else "Фильтры")

    def fit_columns(self) -> None:
        """Columns as wide as the rows on the first screen need (within limits), the «Совпадение» column
        only while searching."""
        model = self.model
        if model is None:
            return
        hh = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        rows = range(min(model.rowCount(), 32))  # what a screen shows
        for n, col in enumerate(COLUMNS):
            widest = max((fm.horizontalAdvance(model.index(r, n).data() or "") for r in rows), default=0)
            head = hh.fontMetrics().horizontalAdvance(col.title) + 28
            self.table.setColumnWidth(n, max(head, min(widest + 16, MAX_WIDTH.get(col.key, 160))))
        self.table.setColumnHidden(MATCHED, not (model.query.text if model.query else ""))

    # -- life ------------------------------------------------------------------------------------
    def show_loading(self) -> None:
        self.table.set_overlay(LOADING)

    def detach(self) -> None:
        self.desk = None
        self.table.setSortingEnabled(False)
        self.table.setModel(None)
        self.model = None
        self.setEnabled(False)
        self.count.setText("")
        self.table.set_overlay("База данных не открыта.")

    def preview(self, screen) -> None:
        """Show the first screen read at start (``FirstScreen``) while the service layer loads: the rows
        can be looked at and selected; searching, sorting and filtering wait for ``set_desk``."""
        if self.desk is not None:
            return
        from appealdesk.services.journal_values import JournalQuery

        self._new_model(JournalModel(None, screen.label, screen.topic_name, parent=self))
        self.model.show_page(JournalQuery(), screen.page)
        self.fit_columns()
        if self._filters is not None:
            self._filters.setEnabled(False)
        self.setEnabled(True)
        if self.model.rowCount():
            self.table.selectRow(0)

    def set_desk(self, desk: AppealDesk, page=None) -> None:
        self.desk = desk
        self.filters.setEnabled(True)
        self.setEnabled(True)
        if self.model is not None and not self.model.is_attached():  # the first screen is already shown
            self.model.attach(desk.journal, desk.reference.label)
            self.table.setSortingEnabled(True)
            if self.search_text():
                self.apply_search()  # typed while the database was opening
            return
        self._new_model(JournalModel(desk.journal, desk.reference.label, parent=self))
        self.table.setSortingEnabled(True)
        self.model.load_progressive(self.model.query, page)
        self.fit_columns()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _new_model(self, model: JournalModel) -> None:
        self.model = model
        model.reloaded.connect(self._reloaded)
        self.table.setModel(model)
        hh = self.table.horizontalHeader()
        fm = hh.fontMetrics()
        for n, col in enumerate(COLUMNS):
            self.table.setColumnWidth(n, max(col.width, fm.horizontalAdvance(col.title) + 28))
        hh.setSortIndicator(COLUMNS.index(next(c for c in COLUMNS if c.key == "registered_on")),
                            Qt.SortOrder.DescendingOrder)
        # what a clerk looks at first on a 1366-px screen: who, about what, who answers, by when, how it
        # stands; then the rest («Совпадение» in front while searching)
        for place, key in enumerate(VISUAL_ORDER):
            logical = COLUMN_KEYS.index(key)
            if hh.visualIndex(logical) != place:
                hh.moveSection(hh.visualIndex(logical), place)
        self.table.setColumnHidden(MATCHED, True)

    def populate_filters(self) -> None:
        if self.desk is not None:
            self.filters.populate(self.desk)

    def set_topics_ready(self) -> None:
        """The classifier is loaded: show topic names and fill the section filter."""
        if self.desk is None or self.model is None:
            return
        ref = self.desk.reference

        def name(code: str) -> str | None:
            item = ref.classifier_item(code)
            return item.name if item else None

        self.model.set_topic_names(name)
        self.fit_columns()
        self.filters.set_sections(ref.classifier_children(None))

    # -- search and filters ----------------------------------------------------------------------
    def search_text(self) -> str:
        text = self.search.text().strip()
        return text if len(text) >= MIN_TEXT else ""

    def query(self):
        if self.model is None:
            return None
        return self.filters.apply(replace(self.model.query, text=self.search_text()))

    def _typed(self, _text: str) -> None:
        """The first key after a pause searches at once; while one types on, wait for a pause."""
        if not self._timer.isActive() and time.monotonic() - self._last_search >= SEARCH_DELAY_MS / 1000:
            self.apply_search()
        else:
            self._timer.start()

    def apply_search(self) -> None:
        if self.model is None or self.desk is None:
            return  # the text stays in the box and is searched once the database is open
        self._timer.stop()
        started = time.perf_counter()
        keep = self.table.current_id()
        query = self.query()
        if query != self.model.query or not self.model.is_complete():
            self.model.load_progressive(query)
        self._select(keep)
        self.searched.emit(time.perf_counter() - started)
        self._last_search = time.monotonic()

    def refresh(self, select_id: int | None = None) -> None:
        """Read the journal again (the data changed): its first screen at once, the other ids off the GUI
        thread; the selection stays on its appeal (or moves to ``select_id``) once that row is known."""
        if self.model is None or not self.model.is_attached():
            return
        keep = select_id if select_id is not None else self.table.current_id()
        self.model.load_progressive(self.model.query)
        if keep is None or self.model.row_of(keep) is not None or self.model.is_complete():
            self._select(keep)
            return

        def known() -> None:
            self.model.completed.disconnect(known)
            self._select(keep)

        self.model.completed.connect(known)

    def _select(self, appeal_id: int | None) -> None:
        if self.model is None or self.model.rowCount() == 0:
            return
        row = self.model.row_of(appeal_id) if appeal_id is not None else None
        self.table.selectRow(row if row is not None else 0)
        self.table.scrollTo(self.model.index(row if row is not None else 0, 0))

    def show_state(self, state: str) -> None:
        self.filter_toggle.setChecked(True)
        self.filters.set_state(state)

    def show_executor(self, official_id: int) -> None:
        """«Мои обращения»: the filter by the executor (the appeal's or a question's)."""
        self.filter_toggle.setChecked(True)
        self.filters.executor.set_value(official_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _reloaded(self, n: int) -> None:
        text = self.model.query.text if self.model is not None else ""  # what the rows shown were searched by
        self.table.setColumnHidden(MATCHED, not text)  # «Совпадение»: only while searching
        filtered = bool(text) or (self._filters is not None and self._filters.is_active())
        typed = self.search.text().strip()
        if n == 0:
            self.table.set_overlay(EMPTY_FOUND if filtered else EMPTY_DB)
        else:
            self.table.set_overlay(None)
        number = f"{n:,}".replace(",", "\u00a0")
        if typed and not text:
            self.count.setText(f"Всего: {number} (поиск — от {MIN_TEXT} символов)")
        else:
            self.count.setText(f"Найдено: {number}" if filtered else f"Всего: {number}")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # from the search box, ↓ and Enter go to the table
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.apply_search()
                self.table.setFocus()
                if self.model is not None and self.model.rowCount() and not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_search()
                return True
        return super().eventFilter(obj, event)
