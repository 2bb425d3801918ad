"""Printing the registration card: a PDF through the bundled Cyrillic font, with the card's text."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput


def _pdf_text(path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                              text=True).stdout
    pypdf = pytest.importorskip("pypdf", reason="needs pdftotext (poppler-utils) or pypdf (the test extra)")
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)


def test_card_prints_to_pdf_with_cyrillic(qtbot, main_window, office, tmp_path):
    card = office.appeals.register(AppealInput(
        form="written", kind="complaint", summary="Жалоба на ямы на дороге и на отсутствие освещения",
        questions=(QuestionInput("0003.0009.0099.0742.0110"), QuestionInput("0003.0009.0097.0690")),
        applicant=ApplicantInput(last_name="Ёлкина", first_name="Дарья", address="ул. Школьная, д. 9"),
        complaint_about="МУП «Дорожник»",
    ))
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    assert window.registration.questions.model.rowCount() == 2
    path = tmp_path / "card.pdf"
    assert window.save_pdf(str(path))
    assert path.read_bytes().startswith(b"%PDF")
    text = " ".join(_pdf_text(path).split())
    assert f"Регистрационная карточка обращения № {card.reg_number}" in text
    assert "Администрация Ключевского сельсовета" in text
    assert "Ёлкина Дарья" in text
    assert "Жалоба на ямы на дороге" in text
    assert "0003.0009.0099.0742.0110" in text and "Уличное освещение" in text
    assert "на рассмотрении" in text


def test_print_preview_shows_the_pdf_it_prints_and_saves(qtbot, main_window, office, tmp_path, monkeypatch):
    """The card's preview draws the very PDF of ``desk.papers``: its pages, «Печать…» onto a printer and
    «Сохранить в PDF…» writing those bytes."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog

    from appealdesk.paper.model import text_of

    card = office.appeals.get(office.journal.ids(JournalQuery())[0])
    assert f"№ {card.reg_number}" in text_of(office.papers.card(card.id))
    main_window.open_card(card.id)
    window = main_window.open_cards()[0]
    dlg = window.print_preview()
    qtbot.waitUntil(dlg.isVisible)
    assert dlg.windowTitle().startswith("Предварительный просмотр — карточка №")
    assert dlg.view.page_count() == 1 and dlg.count.text() == "Страниц: 1"
    page = dlg.view._pages[0]
    qtbot.waitUntil(lambda: page.pixmap is not None)
    assert not page.pixmap.toImage().isNull()
    target = tmp_path / "карточка.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    assert dlg.save_pdf() == target
    assert target.read_bytes() == dlg.view.pdf and "Краткое содержание" in _pdf_text(target)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dlg.view.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000
    dlg.reject()
