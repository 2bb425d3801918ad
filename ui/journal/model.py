"""The journal table model: every matching id in the order chosen (``journal.ids``), row data fetched
lazily in small blocks for the rows on screen (``journal.rows``), kept in a small cache.

Sorting and filtering happen in SQL: ``sort`` and ``set_query`` only change the query and reload the ids.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from appealdesk.domain.codes import DEADLINE_STATE_LABELS

from ..i18n import fmt_date
from .paging import BLOCK, MAX_BLOCKS


@dataclass(frozen=True)
class Column:
    key: str  # the service's sort key
    title: str
    width: int
    full: str = ""  # the header's tooltip where the title is short


COLUMNS: tuple[Column, ...] = (
    Column("reg_number", "Рег. номер", 95),
    Column("received_on", "Поступило", 85),
    Column("registered_on", "Дата рег.", 85, "Дата регистрации"),
    Column("applicant", "Заявитель", 210),
    Column("settlement", "Нас. пункт", 120, "Населённый пункт"),
    Column("form", "Форма", 80),
    Column("kind", "Вид", 95),
    Column("topic", "Тема", 240),
    Column("executor", "Исполнитель", 150),
    Column("legal_deadline", "Срок", 85, "Срок рассмотрения по закону (59-ФЗ)"),
    Column("control_deadline", "Контр. срок", 90, "Контрольный срок (внутренний)"),
    Column("state", "Состояние", 120),
    # shown while searching, in front (the view moves it there): where the row matched
    Column("matched", "Совпадение", 90),
)
MATCHED = len(COLUMNS) - 1
COLUMN_KEYS = tuple(c.key for c in COLUMNS)

STATE_LABELS = {state.value: label for state, label in DEADLINE_STATE_LABELS.items()}

# background and text colours of a row by its deadline state
STATE_COLOURS: dict[str, tuple[str | None, str | None]] = {
    "overdue": ("#f8d3d0", "#7a1010"),
    "due_today": ("#fde3bd", "#6b3b00"),
    "due_soon": ("#fdf5c4", None),
    "extended": ("#dde9fb", None),
    "closed": (None, "#6d6d6d"),
    "in_progress": (None, None),
}

# short labels where the column is narrow (the full one in the tooltip)
FORM_SHORT = {"written": "Письм.", "electronic": "Эл.", "personal_reception": "Личн. приём",
              "visiting_reception": "Выезд.", "phone": "Тел."}
KIND_SHORT = {"info_request": "Запрос (8-ФЗ)", "message": "Сообщение"}
MATCH_LABELS = {"surname": "фамилия", "number": "номер", "address": "адрес", "text": "текст"}
MATCH_TIPS = {"surname": "Слово поиска совпало с фамилией заявителя",
              "number": "Совпал регистрационный номер",
              "address": "Слово поиска совпало с адресом заявителя",
              "text": "Слова поиска найдены в содержании, ответе или имени заявителя"}
UNSORTED = ("matched",)  # columns the service does not sort by

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the JournalRow
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the appeal id (without fetching the row)


class JournalModel(QAbstractTableModel):
    """``journal``: the service (``ids``, ``rows``), or None while only the first screen read at start is
    shown (``show_page``, then ``attach``); ``label(group, code)``: vocabulary labels; ``topic_name(code)``:
    the classifier name, or None while the classifier is not loaded."""

    reloaded = Signal(int)  # the number of matching appeals
    completed = Signal()  # every id of the current query is known (after a progressive load)
    reordered = Signal()  # the rows are in the order asked for by ``sort``

    def __init__(self, journal, label: Callable[[str, str | None], str], topic_name=None, parent=None):
        super().__init__(parent)
        self._journal = journal
        self._label = label
        self._topic_name: Callable[[str], str | None] = topic_name or (lambda _c: None)
        from appealdesk.services.journal_values import JournalQuery

        self._query = JournalQuery()
        self._ids: tuple[int, ...] = ()
        self._total = 0  # rows of the query; more than len(_ids) while the ids load in the background
        self._generation = 0
        self._blocks: OrderedDict[int, dict[int, object]] = OrderedDict()
        self._brushes = {
            k: (QBrush(QColor(bg)) if bg else None, QBrush(QColor(fg)) if fg else None)
            for k, (bg, fg) in STATE_COLOURS.items()
        }
        self.fetches = 0  # number of row-block fetches (tests and benchmarks look at it)

    # -- the query -------------------------------------------------------------------------------
    @property
    def query(self):
        return self._query

    def set_query(self, query) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Fetch the ids again (after a change of query or of the data); row data is fetched on demand."""
        ids = self._journal.ids(self._query)
        self._generation += 1
        self.beginResetModel()
        self._ids = tuple(ids)
        self._total = len(self._ids)
        self._blocks.clear()
        self.endResetModel()
        self.reloaded.emit(len(self._ids))

    def load_progressive(self, query, page=None) -> None:
        """Show the first screen of ``query`` at once (one page and the count; ``page`` if it was fetched
        already), and fetch all its ids in a background thread; rows further down fill in when they arrive
        (a fraction of a second)."""
        if page is None:
            page = self._journal.page(query, 0, BLOCK)
        self.show_page(query, page)
        self._fetch_ids()

    def show_page(self, query, page) -> None:
        """Show ``page`` (the first rows of ``query`` and their total) without asking the service."""
        self._query = query
        self._generation += 1
        self.beginResetModel()
        self._ids = tuple(r.id for r in page.rows)
        self._total = page.total
        self._blocks.clear()
        if page.rows:
            self._blocks[0] = {r.id: r for r in page.rows}
        self.endResetModel()
        self.reloaded.emit(self._total)

    def attach(self, journal, label: Callable[[str, str | None], str]) -> None:
        """The service is ready (the model was showing a page read at start): fetch the remaining ids."""
        self._journal = journal
        self._label = label
        self._fetch_ids()

    def is_attached(self) -> bool:
        return self._journal is not None

    def _fetch_ids(self) -> None:
        if len(self._ids) >= self._total:
            self.completed.emit()
            return
        self._ask_ids(self._take_ids)

    def _ask_ids(self, take) -> None:
        """All ids of the current query, off the GUI thread; ``take(generation, ids)`` on it."""
        from .. import ops

        journal, query, generation = self._journal, self._query, self._generation
        ops.query(self, lambda: tuple(journal.ids(query))).success(lambda ids: take(generation, ids)).run()

    def is_complete(self) -> bool:
        return len(self._ids) == self._total

    def _take_ids(self, generation: int, ids: tuple[int, ...]) -> None:
        if generation != self._generation:
            return  # a newer query replaced it
        known = len(self._ids)
        if len(ids) == self._total and ids[:known] == self._ids:
            self._ids = ids
            first = self._blocks.get(0)
            if first is not None and len(first) < min(BLOCK, len(ids)):
                del self._blocks[0]  # a first screen shorter than a block: the whole block is fetched on need
            if self._total > known:
                self.dataChanged.emit(self.index(known, 0), self.index(self._total - 1, len(COLUMNS) - 1))
        else:  # the data changed in between: show what the database holds now
            self.beginResetModel()
            self._ids, self._total = ids, len(ids)
            self._blocks.clear()
            self.endResetModel()
            self.reloaded.emit(self._total)
        self.completed.emit()

    def refresh_rows(self) -> None:
        """Forget cached row data (an appeal was changed) without changing the ids."""
        self._blocks.clear()
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(COLUMNS) - 1))

    def set_topic_names(self, topic_name: Callable[[str], str | None]) -> None:
        self._topic_name = topic_name
        if self._total:
            col = COLUMN_KEYS.index("topic")
            self.dataChanged.emit(self.index(0, col), self.index(self._total - 1, col))

    def ids(self) -> tuple[int, ...]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, appeal_id: int) -> int | None:
        try:
            return self._ids.index(appeal_id)
        except ValueError:
            return None

    # -- lazy rows -------------------------------------------------------------------------------
    def journal_row(self, row: int):
        if not 0 <= row < len(self._ids):
            return None  # beyond the ids known so far: shown empty until they arrive
        block = row // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            if self._journal is None:
                return None  # only the first screen is known until the service is attached
            start = block * BLOCK
            chunk = self._ids[start : start + BLOCK]
            fetched = self._journal.rows(chunk, self._query.text)
            self.fetches += 1
            rows = {r.id: r for r in fetched}
            self._blocks[block] = rows
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        return rows.get(self._ids[row])

    # -- QAbstractTableModel ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(COLUMNS):
                return COLUMNS[section].full or COLUMNS[section].title
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._total or not 0 <= index.column() < len(COLUMNS):
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            ROW_ROLE,
        ):
            return None
        r = self.journal_row(index.row())
        if r is None:
            return None
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes.get(r.state, (None, None))[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._brushes.get(r.state, (None, None))[1]
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, key)
        return self._display(r, key)

    def _display(self, r, key: str) -> str:
        if key == "matched":
            return MATCH_LABELS.get(r.matched, "")
        if key == "topic":
            if not r.topic_code:
                return ""
            return self._topic_name(r.topic_code) or r.topic_code  # the code is in the tooltip
        if key == "form":
            return FORM_SHORT.get(r.form) or self._label(key, r.form)
        if key == "kind":
            return KIND_SHORT.get(r.kind) or self._label(key, r.kind)
        if key == "state":
            text = STATE_LABELS.get(r.state, r.state)
            if r.state == "extended":
                return f"{text} до {fmt_date(r.deadline)}"
            return text
        if key in ("form", "kind", "source"):
            return self._label(key, getattr(r, key))
        value = getattr(r, key, None)
        if isinstance(value, date):
            return fmt_date(value)
        if key == "executor" and not value:
            return "не назначен"
        return value or ""

    def _tooltip(self, r, key: str) -> str | None:
        if key == "matched":
            return MATCH_TIPS.get(r.matched)
        if key == "topic":
            name = self._topic_name(r.topic_code) if r.topic_code else None
            head = f"{r.topic_code} — {name}" if name else (r.topic_code or "")
            return f"{head}\n\n{r.summary}" if head else r.summary
        if key in ("form", "kind"):
            return self._label(key, getattr(r, key))
        if key == "state" and r.state == "closed":
            return "Закрыто: ответ дан по всем вопросам" + (f" ({fmt_date(r.answer_on)})" if r.answer_on else "")
        if key in ("applicant", "reg_number"):
            return r.summary
        if key in ("state", "legal_deadline", "control_deadline"):
            text = f"Срок: {fmt_date(r.deadline)}"
            if r.answer_on:
                text += f"\nОтвет: {fmt_date(r.answer_on)}"
            return text
        return self._display(r, key) or None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the service for the ids in the new order (an operation off the GUI thread); the table keeps the old
        order (and stays responsive) until they arrive, then rows move with the selection (``reordered``)."""
        if not 0 <= column < len(COLUMNS) or self._journal is None or COLUMNS[column].key in UNSORTED:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._query.sort == COLUMNS[column].key and self._query.descending == descending:
            return  # already in that order (the view asks again when sorting is turned on)
        self._query = replace(self._query, sort=COLUMNS[column].key, descending=descending)
        self._generation += 1
        self._ask_ids(self._take_sorted)

    def _take_sorted(self, generation: int, ids: tuple[int, ...]) -> None:
        if generation != self._generation:
            return  # a newer sort or query replaced it
        self._generation += 1  # a progressive load still running belongs to the old order
        if len(ids) != self._total or len(self._ids) != self._total or set(ids) != set(self._ids):
            self.beginResetModel()  # the data changed meanwhile, or not every id was known yet
            self._ids, self._blocks, self._total = ids, OrderedDict(), len(ids)
            self.endResetModel()
            self.reloaded.emit(len(ids))
            self.reordered.emit()
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._ids[i.row()] if 0 <= i.row() < len(self._ids) else None for i in old]
        self._ids = ids
        self._blocks.clear()
        pos = {aid: n for n, aid in enumerate(ids)}
        new = []
        for i, aid in zip(old, old_ids, strict=True):
            n = pos.get(aid) if aid is not None else None
            new.append(self.index(n, i.column()) if n is not None else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self.reordered.emit()
