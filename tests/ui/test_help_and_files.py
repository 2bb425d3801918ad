"""F1 opens the guide at the section of the screen; «О программе» names the folders; file dialogs start in
Documents and remember the last folder per kind; the schedule's month picker and «Сохранить в PDF»; every
menu action shows its shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from ui import files
from ui.help import markdown, section_for, show_help

from .keys import press


def test_the_guide_renders_with_every_section_the_screens_ask_for():
    from appealdesk.paths import resources_dir
    from ui.help import SECTIONS

    source = (resources_dir() / "help" / "guide.md").read_text(encoding="utf-8")
    anchors = {a for _level, _title, a in markdown.headings(source)}
    wanted = set(SECTIONS.values()) | {"journal", "reception", "calendar", "today", "register", "deadlines",
                                       "colours", "december", "reports", "letters", "backups", "server",
                                       "glossary"}
    assert wanted <= anchors, wanted - anchors
    html = markdown.to_html(source)
    assert '<a name="glossary"></a>' in html and "<table" in html and "<b>F1</b>" in html
    for word in ("ПОС", "раб. дн.", "{seq}", "Письм."):  # the abbreviations the screens use are explained
        assert word in html
    assert markdown.inline("a <b> *c* `d`") == "a &lt;b&gt; <i>c</i> <code>d</code>"


@pytest.mark.parametrize("index, section", [(0, "journal"), (1, "reception"), (2, "calendar")])
def test_f1_opens_the_section_of_the_main_screen(qtbot, main_window, index, section):
    main_window.show_section(index)
    focus = main_window.sections.currentWidget()
    focus.setFocus()
    press(focus, Qt.Key.Key_F1)
    from ui import help as help_

    window = help_._window
    qtbot.waitUntil(window.isVisible, timeout=3000)
    assert window.section == section
    top = window.anchor_position(section)
    assert top is not None and (top == 0 or window.scroll_position() > 0)
    window.close()


def test_f1_in_the_card_and_in_a_dialog(qtbot, main_window):
    main_window.open_card(None)
    card = main_window._new_cards[-1]
    assert section_for(card.registration.applicant.last_name) == "register"
    main_window.open_reports()
    assert section_for(main_window._report_wizard) == "reports"
    window = show_help("glossary")
    assert window.section == "glossary"
    window.close()
    main_window._report_wizard.close()


def test_about_names_the_version_and_the_folders(qtbot, main_window):
    from ui.help.about import AboutDialog

    dlg = AboutDialog(main_window.desk, main_window)
    qtbot.addWidget(dlg)
    import appealdesk

    texts = " ".join(w.text() for w in dlg.findChildren(type(dlg.findChild(__import__("PySide6.QtWidgets").QtWidgets.QLabel))))
    assert appealdesk.__version__ in texts and "logs" in texts
    assert str(dlg.backups) in texts


def test_file_dialogs_start_in_documents_then_remember_the_folder(qtbot, tmp_path, monkeypatch):
    seen = []
    chosen = tmp_path / "отчёты" / "журнал.xlsx"
    chosen.parent.mkdir()

    def fake(parent, title, start, flt):
        seen.append(start)
        return str(chosen.with_suffix("")), flt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    monkeypatch.setattr(files, "documents", lambda: tmp_path)
    first = files.save_file(None, "test-kind", "Экспорт", "журнал.xlsx", files.XLSX_FILTER)
    assert Path(seen[0]) == tmp_path / "журнал.xlsx"
    assert first == str(chosen)  # the suffix added
    files.save_file(None, "test-kind", "Экспорт", "другой.xlsx", files.XLSX_FILTER)
    assert Path(seen[1]) == chosen.parent / "другой.xlsx"  # the last folder of this kind
    files.save_file(None, "other-kind", "Экспорт", "x.pdf", files.PDF_FILTER)
    assert Path(seen[2]) == tmp_path / "x.pdf"


def test_the_schedule_has_a_month_picker_and_saves_a_pdf(qtbot, main_window, office, tmp_path):
    from datetime import date, time

    from appealdesk.reception import RuleInput

    head = next(o for o in office.reference.officials() if o.is_head)
    office.reception.save_rule(RuleInput(head.id, (1, 4), time(10), time(12), "каб. 1", date(2026, 1, 1)))
    main_window.act_reception_print.trigger()
    dlg = main_window.reception.dialog
    qtbot.waitUntil(dlg.isVisible, timeout=3000)
    assert dlg.period() == (date(2026, 12, 1), date(2026, 12, 31))  # from the 20th on: the next month
    dlg.month.setCurrentIndex(0)
    dlg.year.setValue(2027)
    assert dlg.period_text.text() == "с 01.01.2027 по 31.01.2027"
    assert dlg.file_name() == "График приёма январь 2027.pdf"
    out = tmp_path / "график.pdf"
    assert dlg.save_pdf(str(out))
    assert out.read_bytes().startswith(b"%PDF")
    dlg.by_quarter.setChecked(True)
    dlg.quarter.setCurrentIndex(0)
    assert dlg.period() == (date(2027, 1, 1), date(2027, 3, 31))
    dlg.close()


def test_every_menu_action_shows_a_shortcut(main_window):
    missing = []
    for menu_action in main_window.menuBar().actions():
        menu = menu_action.menu()
        for a in menu.actions():
            if a.isSeparator() or a.menu() is not None:
                continue
            if a.shortcut().isEmpty() and "\t" not in a.text():
                missing.append(f"{menu.title()} → {a.text()}")
    assert missing == []


def test_overdue_list_dates_are_wide_enough_and_it_prints_landscape(office, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import date

    from appealdesk.reports.periods import Period

    path = tmp_path / "просроченные.xlsx"
    office.reports.write_list("overdue", Period(date(2026, 1, 1), date(2026, 12, 31)), "xlsx", path)
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[3]]
    for title in ("Дата рег.", "Срок"):
        letter = openpyxl.utils.get_column_letter(header.index(title) + 1)
        assert ws.column_dimensions[letter].width >= 11  # never «###»
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    summary = header.index("Содержание") + 1
    assert ws.cell(4, summary).alignment.wrap_text


def test_the_help_window_is_usable_beside_a_modal_dialog(qtbot, main_window):
    from PySide6.QtWidgets import QDialog

    dlg = QDialog(main_window)
    dlg.setModal(True)
    dlg.show()
    QApplication.processEvents()
    window = show_help("start")
    assert window.parentWidget() is dlg  # a child of the modal dialog: not blocked by it
    window.close()
    dlg.close()
