"""The journal's first screen at start: read before the core is loaded and shown as the window appears;
the service takes over the same model when the database is open, and what the clerk did meanwhile (typed a
search, opened a row) is carried out then."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from appealdesk.services.first_screen import read_first_screen
from ui.journal.model import FORM_SHORT, JournalModel
from ui.main_window import MainWindow
from ui.startup import Opening

from ..conftest import TODAY
from .keys import press, type_text

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1280, 800)
    with qtbot.waitSignal(w.first_painted, timeout=5000):
        w.show()
    return w


def test_first_screen_then_the_service_on_the_same_model(qtbot, office_db, office):
    screen = read_first_screen(office_db, 10, today=lambda: TODAY)
    w = _window(qtbot)
    with qtbot.waitSignal(w.journal_filled, timeout=1000):
        w.show_first_screen(screen)
    model = w.journal.model
    assert w.desk is None and not model.is_attached()
    assert model.rowCount() == 40  # the total is known; the rows beyond the first screen come with the service
    assert model.data(model.index(0, 0)) == screen.page.rows[0].reg_number
    form = screen.page.rows[0].form  # a short label in the cell, the full one in the tooltip
    assert model.data(model.index(0, 5)) == FORM_SHORT[form]
    assert model.data(model.index(0, 5), Qt.ItemDataRole.ToolTipRole) == office.reference.label("form", form)
    first = screen.page.rows[0]
    topic = office.reference.classifier_item(first.topic_code).name
    assert model.data(model.index(0, 7)) == topic  # names before the classifier loads; the code in the tooltip
    assert model.data(model.index(0, 7), Qt.ItemDataRole.ToolTipRole).startswith(f"{first.topic_code} — {topic}")
    assert model.data(model.index(25, 0)) is None
    assert w.journal.count.text() == "Всего: 40"
    assert not w.journal.table.overlay.isVisible()
    assert not w.journal.filters.isEnabled() and not w.act_reports.isEnabled()
    assert w.act_new.isEnabled() and w.act_find.isEnabled()  # they wait for the database if need be

    # meanwhile the clerk types a search and opens a row: both wait for the database
    wanted = screen.page.rows[1].id
    w.journal.search.setFocus()
    type_text(w.journal.search, "отоплени")
    assert model.rowCount() == 40 and model.query.text == ""
    w.journal.table.setFocus()
    w.journal.table.selectRow(1)
    press(w.journal.table, Qt.Key.Key_Return)
    assert w.open_cards() == []

    with qtbot.assertNotEmitted(w.journal_filled):
        w.attach(office)
    assert w.journal.model is model and model.is_attached()
    assert model.query.text == "отоплени"
    qtbot.waitUntil(lambda: model.is_complete() and model.rowCount() == 10, timeout=3000)  # 10 of 40 match
    assert list(w.cards) == [wanted]
    for card in w.open_cards():
        card.close()


def test_rows_beyond_the_first_screen_arrive_when_the_service_is_attached(qtbot, office_db, office):
    screen = read_first_screen(office_db, 10, today=lambda: TODAY)
    w = _window(qtbot)
    w.show_first_screen(screen)
    w.attach(office)
    model = w.journal.model
    qtbot.waitUntil(model.is_complete, timeout=3000)
    expected = office.journal.page(model.query, 0, 40).rows
    assert [model.data(model.index(n, 0)) for n in range(40)] == [r.reg_number for r in expected]


def test_a_first_screen_model_passes_qtmodeltester(qtmodeltester, office_db):
    screen = read_first_screen(office_db, 10, today=lambda: TODAY)
    model = JournalModel(None, screen.label)
    from appealdesk.services.journal_values import JournalQuery

    model.show_page(JournalQuery(), screen.page)
    qtmodeltester.check(model, force_py=True)
    model.sort(0)  # sorting waits for the service
    assert model.query.sort == "registered_on"


def test_the_full_open_waits_until_the_first_screen_is_shown(office_db):
    gate = threading.Event()
    opening = Opening(str(office_db), gate)
    screen = opening.first_screen.result(timeout=10)
    assert screen is not None and screen.page.total == 40
    assert opening.at_gate.wait(10)  # the core waits: the window is being painted
    assert not opening.future.done()
    gate.set()
    opened = opening.future.result(timeout=30)
    try:
        assert opened.page is screen.page  # the first screen is not read twice
    finally:
        opened.desk.close()


def test_without_a_first_screen_the_open_does_not_wait(tmp_path):
    opening = Opening(str(tmp_path / "new.sqlite3"), threading.Event())  # a new file: nothing to read yet
    assert opening.first_screen.result(timeout=10) is None
    opened = opening.future.result(timeout=30)
    try:
        assert opened.page.total == 0
    finally:
        opened.desk.close()


def test_the_window_is_built_without_the_core_heavy_packages():
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['x', '-platform', 'offscreen'])\n"
        "from ui.main_window import MainWindow\n"
        "w = MainWindow()\n"
        "w.show()\n"
        "app.processEvents()\n"
        "print(sorted(m for m in ('sqlalchemy', 'holidays', 'reportlab', 'openpyxl') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_ctrl_n_while_the_database_opens_opens_a_new_card_then(qtbot, office_db, office):
    w = _window(qtbot)
    w.show_first_screen(read_first_screen(office_db, 10, today=lambda: TODAY))
    w.act_new.trigger()
    assert w.open_cards() == [] and "Открываю базу данных" in w.statusBar().currentMessage()
    w.attach(office)
    cards = w.open_cards()
    assert len(cards) == 1 and cards[0].card is None  # a new, unsaved appeal
    cards[0].close()
