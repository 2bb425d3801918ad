"""The journal: the lazy table model under qtmodeltester, sorting by the service, filters and search through
the UI (the search box searches as one types)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from appealdesk.services.journal_values import JournalQuery
from ui.journal.model import BLOCK, COLUMN_KEYS, ID_ROLE, ROW_ROLE, JournalModel

from .keys import press, type_text


def test_model_passes_qtmodeltester(qtmodeltester, office):
    model = JournalModel(office.journal, office.reference.label)
    model.reload()
    assert model.rowCount() == 40
    qtmodeltester.check(model, force_py=True)


def test_model_fetches_rows_lazily_in_blocks(office):
    calls = []

    class Spy:
        def ids(self, q):
            return office.journal.ids(q)

        def rows(self, ids, text=""):
            calls.append(len(ids))
            return office.journal.rows(ids, text)

    model = JournalModel(Spy(), office.reference.label)
    model.reload()
    assert calls == []  # nothing fetched before a row is shown
    assert model.index(0, 0).data() == office.journal.page(JournalQuery(), 0, 1).rows[0].reg_number
    assert model.index(5, 3).data()  # same block: no new fetch
    assert calls == [min(BLOCK, 40)]
    assert model.index(0, 0).data(ID_ROLE) == model.ids()[0]


def test_states_are_coloured(office):
    model = JournalModel(office.journal, office.reference.label)
    model.reload()
    states = {}
    for r in range(model.rowCount()):
        row = model.index(r, 0).data(ROW_ROLE)
        states[row.state] = model.index(r, 0)
    assert "closed" in states and "overdue" in states
    assert states["overdue"].data(Qt.ItemDataRole.BackgroundRole) is not None
    assert states["closed"].data(Qt.ItemDataRole.ForegroundRole) is not None
    state_col = COLUMN_KEYS.index("state")
    assert states["overdue"].siblingAtColumn(state_col).data() == "Просрочено"


def test_sort_by_clicking_a_column_asks_the_service(qtbot, main_window, office):
    table = main_window.journal.table
    col = COLUMN_KEYS.index("applicant")
    model = main_window.journal.model
    table.selectRow(5)
    chosen = model.id_at(5)
    with qtbot.waitSignal(model.reordered, timeout=3000):  # the ids come from a background thread
        table.horizontalHeader().setSortIndicator(col, Qt.SortOrder.AscendingOrder)
        assert model.query.sort == "applicant" and not model.query.descending
    names = [model.index(r, col).data() for r in range(model.rowCount())]
    assert names[0].startswith("Кузнецов") and names[-1].startswith("Фёдоров")
    assert table.current_id() == chosen and model.row_of(chosen) == table.currentIndex().row()  # moved along


def test_a_newer_sort_wins_over_a_slower_older_one(qtbot, main_window, office):
    model = main_window.journal.model
    header = main_window.journal.table.horizontalHeader()
    with qtbot.waitSignal(model.reordered, timeout=3000):
        header.setSortIndicator(COLUMN_KEYS.index("applicant"), Qt.SortOrder.AscendingOrder)
        header.setSortIndicator(COLUMN_KEYS.index("reg_number"), Qt.SortOrder.AscendingOrder)
    from ui import ops

    qtbot.waitUntil(lambda: ops.in_flight() == 0, timeout=3000)  # the older answer too has come, and was dropped
    expected = office.journal.ids(model.query)
    assert model.query.sort == "reg_number" and model.ids() == expected


def test_search_as_one_types(qtbot, main_window, office):
    panel = main_window.journal
    panel.search.setFocus()
    type_text(panel.search, "отоплени")
    expected = office.journal.count(JournalQuery(text="отоплени"))
    assert 0 < expected < 40
    qtbot.waitUntil(lambda: panel.model.rowCount() == expected, timeout=3000)
    assert panel.count.text().startswith("Найдено:")
    # Enter goes to the table, Enter there opens the card of the selected appeal
    press(panel.search, Qt.Key.Key_Return)
    press(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(main_window.open_cards()) == 1, timeout=3000)
    card = main_window.open_cards()[0]
    assert "отопления" in card.card.summary


def test_search_with_no_result_shows_empty_state(qtbot, main_window):
    panel = main_window.journal
    type_text(panel.search, "абракадабра")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=3000)
    assert panel.table.overlay.isVisible()
    assert panel.table.overlay.text().startswith("Ничего не найдено")


def test_filters_through_the_ui(qtbot, main_window, office):
    panel = main_window.journal
    f = panel.filters
    f.kind.set_value("complaint")
    assert panel.model.rowCount() == office.journal.count(JournalQuery(kind="complaint")) == 10
    f.state.set_value("closed")
    assert panel.model.rowCount() == office.journal.count(JournalQuery(kind="complaint", state="closed"))
    f.kind.set_value(None)
    executor = next(i for i in range(f.executor.count()) if f.executor.itemText(i).startswith("Гусев"))
    f.executor.setCurrentIndex(executor)
    assert panel.model.rowCount() == office.journal.count(
        JournalQuery(state="closed", executor_id=f.executor.value()))
    f.date_from.set_date(None)
    f.reset()
    assert panel.model.rowCount() == 40
    assert panel.count.text() == "Всего: 40"


def test_status_bar_counts_and_click_filters(qtbot, main_window, office):
    counts = office.deadlines.counts()
    qtbot.waitUntil(lambda: main_window.counts.counts is not None, timeout=3000)
    assert f"Просрочено: {counts.overdue}" in main_window.counts.overdue.text()
    assert f"На рассмотрении: {counts.in_progress}" in main_window.counts.in_progress.text()
    main_window.counts.overdue.linkActivated.emit("#")
    assert main_window.journal.model.rowCount() == counts.overdue


def test_a_search_shows_where_each_row_matched(qtbot, main_window):
    from ui.journal.model import MATCHED

    panel = main_window.journal
    panel.search.setFocus()
    type_text(panel.search, "фёдоров")
    panel.apply_search()
    table, model = panel.table, panel.model
    qtbot.waitUntil(lambda: model.is_complete() and model.rowCount() > 0, timeout=3000)
    assert not table.isColumnHidden(MATCHED)
    assert table.horizontalHeader().visualIndex(MATCHED) == 0  # in front, beside the number
    assert model.index(0, MATCHED).data() == "фамилия"
    assert model.index(0, MATCHED).data(Qt.ItemDataRole.ToolTipRole).startswith("Слово поиска совпало с фамилией")
    panel.search.clear()
    panel.apply_search()
    assert table.isColumnHidden(MATCHED)


def test_the_filter_button_counts_the_filters_on(qtbot, main_window):
    panel = main_window.journal
    panel.filters.kind.set_value("complaint")
    panel.filters.state.set_value("overdue")
    assert panel.filter_toggle.text() == "Фильтры (2)"
    panel.filters.reset()
    assert panel.filter_toggle.text() == "Фильтры"
