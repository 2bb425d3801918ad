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


def test_print_preview_document_has_the_same_content(office):
    from appealdesk.card_print import card_html
    from ui.card.printing import document

    card = office.appeals.get(office.journal.ids(JournalQuery())[0])
    html = card_html(document(office, card))
    assert f"№ {card.reg_number}" in html
    assert "Краткое содержание" in html


def test_print_preview_opens_and_closes(qtbot, main_window, office):
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QApplication

    main_window.open_card(office.journal.ids(JournalQuery())[0])
    window = main_window.open_cards()[0]
    seen = []

    def close() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QPrintPreviewDialog):
            QTimer.singleShot(50, close)
            return
        seen.append(dlg.windowTitle())
        dlg.reject()

    QTimer.singleShot(50, close)
    window.print_preview()
    assert seen and seen[0].startswith("Предварительный просмотр — карточка №")
