"""The paperwork on the desktop: «Письмо…» from the card (the notice recorded, the file attached and written
for Word), the letter's preview, Settings → «Шаблоны писем» (a template edited in Word loaded back after its
check), «Отчёты → Выгрузка в ССТУ.РФ…» (check, upload, remembered state), each dialog fitting 1366×728."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from PySide6.QtCore import QSize
from PySide6.QtGui import QDesktopServices

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import ForwardingInput

DEPT = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def no_word(monkeypatch, tmp_path):
    """Nothing is opened in another program; letters go to a folder of the test."""
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    from ui import prefs

    folder = tmp_path / "письма"
    folder.mkdir()
    prefs.put("letters_folder", str(folder))
    yield opened
    prefs.put("letters_folder", None)


def _forwarded(office):
    aid = office.journal.ids(JournalQuery())[0]
    return office.appeals.forward(aid, ForwardingInput("Прокуратура района", forwarded_on=date(2026, 11, 20)))


def test_a_notice_letter_from_the_card(qtbot, main_window, office, no_word):
    card = _forwarded(office)
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    dlg = window.letter()
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.current_kind() == "forwarding_notice"  # what the appeal's state calls for comes first
    assert "Срок письма: до" in dlg.term.text()
    saved = dlg.save()
    assert saved is not None and saved.path.exists() and saved.path.parent.name == "письма"
    assert no_word == [str(saved.path)]
    text = "\n".join(p.text for p in Document(io.BytesIO(saved.path.read_bytes())).paragraphs)
    assert "Прокуратура района" in text
    again = office.appeals.get(card.id)
    assert again.forwardings[0].notice_on == date(2026, 11, 20)
    assert window.card.forwardings[0].notice_on == date(2026, 11, 20)  # the card reloaded
    assert any(a.file_name.endswith(".docx") for a in office.attachments.list(card.id))


def test_the_letter_preview_and_a_refusal_in_the_dialog(qtbot, main_window, office, no_word):
    aid = office.journal.ids(JournalQuery())[0]
    main_window.open_card(aid)
    window = main_window.open_cards()[0]
    dlg = window.letter("interim_answer")
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.save() is None  # no date of the final answer: said at the field, nothing saved
    assert not office.letters.list(aid)
    dlg.final_on.set_date(date(2026, 12, 15))
    dlg.text.setPlainText("Заказаны материалы.")
    preview = dlg.preview()
    qtbot.waitUntil(preview.isVisible)
    assert preview.view.page_count() == 1 and "черновик" in preview.windowTitle()
    preview.reject()
    dlg.reject()


def test_a_template_edited_in_word_is_loaded_back(qtbot, office, monkeypatch, no_word):
    from ui.settings.dialog import SettingsDialog

    dlg = SettingsDialog(office)
    qtbot.addWidget(dlg)
    page = dlg.templates
    dlg.tabs.setCurrentWidget(page)
    row = next(i for i, t in enumerate(page.infos) if t.kind == "answer")
    page.table.selectRow(row)
    path = page.open_in_word()
    assert path.exists() and no_word[-1] == str(path)
    doc = Document(str(path))
    doc.add_paragraph("Неверное поле {{ заявитль }}")
    doc.save(str(path))
    assert not page.load_changes()
    assert "неизвестное поле" in page.status.text() and "заявитль" in page.status.text()
    doc = Document(str(path))
    doc.paragraphs[-1].text = "С уважением к Вам, {{ организация }}"
    doc.save(str(path))
    assert page.load_changes()
    assert [t.edited for t in office.letters.templates() if t.kind == "answer"] == [True]
    assert "свой" in page.table.item(row, 1).text()
    page.restore()
    assert not any(t.edited for t in office.letters.templates())
    dlg.reject()


def test_the_sstu_dialog_checks_and_uploads(qtbot, main_window, office, tmp_path):
    office.settings.save(replace(office.settings.get(), sstu_department_id=DEPT))
    dlg = main_window.open_sstu()
    qtbot.waitUntil(dlg.isVisible)
    dlg.date_from.set_date(date(2026, 10, 1))
    dlg.date_to.set_date(date(2026, 10, 31))
    assert not dlg.config.isVisible()
    dlg.check()
    qtbot.waitUntil(lambda: "К выгрузке" in dlg.state.text(), timeout=10000)
    assert "Находится на рассмотрении" in dlg.statuses.item(0, 0).text() or dlg.statuses.rowCount() > 0
    assert dlg.problems.count() > 0  # the answered appeals have no answer file yet
    assert "нет файла ответа" in dlg.problems.item(0).text()
    with qtbot.waitSignal(dlg.uploaded, timeout=20000) as blocker:
        dlg.upload(tmp_path / "ССТУ октябрь.zip")
    result = blocker.args[0]
    assert result.files[0].exists() and result.problems_file is not None
    qtbot.waitUntil(lambda: "выгружено" in dlg.state.text())
    dlg.done_box.close()
    dlg.reject()


@pytest.mark.parametrize("size", [QSize(1366, 728), QSize(1280, 720)])
def test_the_new_dialogs_fit_a_small_screen(qtbot, main_window, office, no_word, size):
    from ui.print_preview import PrintPreview
    from ui.reports.sstu import SstuDialog
    from ui.settings.dialog import SettingsDialog

    card = _forwarded(office)
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    dialogs = [window.letter(), SstuDialog(office, main_window), SettingsDialog(office, main_window),
               PrintPreview("карточка", office.papers.pdf(office.papers.card(card.id)), "x.pdf", main_window)]
    for dlg in dialogs:
        hint = dlg.minimumSizeHint()
        assert hint.width() <= size.width() and hint.height() <= size.height() - 40, (type(dlg).__name__, hint)
        dlg.resize(min(dlg.width(), size.width()), min(dlg.height(), size.height() - 40))
        dlg.show()
        qtbot.waitExposed(dlg)
        for b in dlg.findChildren(type(window.save_button)):
            if b.isVisible():
                assert dlg.rect().contains(b.geometry().translated(b.mapTo(dlg, b.rect().topLeft()) - b.pos()).center())
        dlg.close()
