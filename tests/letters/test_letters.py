"""Letters from the templates: every kind made, numbered from the outgoing series without gaps, attached to
the appeal, read back with python-docx; notices recorded through the service; the terms; the office's own
template used by the next letter; every bad input refused in Russian with nothing saved."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from appealdesk.errors import DomainError, ValidationError
from appealdesk.letters.kinds import CODES
from appealdesk.letters.render import TemplateProblem
from appealdesk.letters.values import LetterInput
from appealdesk.services.values import AnswerInput, ApplicantInput, ExtensionInput, ForwardingInput

from .conftest import register

TODAY = date(2026, 11, 20)


def text_of(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def _needs(desk, office, code):
    """An appeal this kind of letter can be made for, and the input."""
    if code in ("forwarding_notice", "cover_letter"):
        card = register(desk, office, registered_on=date(2026, 11, 16))
        card = desk.appeals.forward(card.id, ForwardingInput("Прокуратура Сосновского района",
                                                             forwarded_on=date(2026, 11, 18)))
        return card, LetterInput(code)
    if code in ("info_answer", "info_delay_notice"):
        card = register(desk, office, kind="info_request", registered_on=date(2026, 11, 16))
        if code == "info_delay_notice":
            card = desk.appeals.extend(card.id, ExtensionInput(10, "Сведения запрошены в архиве района", "Глава",
                                                               extended_on=date(2026, 11, 19)))
        return card, LetterInput(code, text="Сведения о вывозе мусора приводятся в приложении.")
    card = register(desk, office, registered_on=date(2026, 11, 16))
    extra = {}
    if code == "extension_notice":
        card = desk.appeals.extend(card.id, ExtensionInput(20, "Запрошены документы в МУП «Теплосеть»", "Глава",
                                                           extended_on=date(2026, 11, 19)))
    elif code == "answer":
        extra = {"text": "Отопление восстановлено 10.11.2026.\nРаботы выполнены МУП «Теплосеть»."}
    elif code == "interim_answer":
        extra = {"final_on": date(2026, 12, 10), "text": "Заказаны материалы для ремонта."}
    elif code == "already_published":
        extra = {"url": "https://sosnovka.ru/otvety/otoplenie"}
    elif code == "correspondence_end":
        extra = {"decision_on": date(2026, 11, 19), "text": "от 01.06.2026 № исх. 40/26; от 01.09.2026 № исх. 77/26"}
    elif code == "reception_invitation":
        extra = {"reception_on": date(2026, 11, 26), "reception_at": "10:00",
                 "reception_place": "с. Сосновка, ул. Центральная, д. 1, каб. 2"}
    return card, LetterInput(code, **extra)


def test_every_kind_is_made_numbered_attached_and_read_back(desk, office):
    numbers = []
    for code in CODES:
        card, data = _needs(desk, office, code)
        saved = desk.letters.save(card.id, data)
        letter = saved.letter
        numbers.append(letter.number)
        text = text_of(saved.docx)
        assert letter.number in text and card.reg_number in text, code
        assert "Администрация Сосновского сельского поселения" in text
        assert "П.П. Петров" in text and "Глава Сосновского сельского поселения" in text
        assert "Иванова Мария Сергеевна" in text and "2-11-23" in text
        assert "{{" not in text and "{%" not in text, code
        if code == "cover_letter":
            assert "Прокуратура Сосновского района" in text and "Фёдорова Ивана Ивановича" in text
        else:
            assert "Фёдорову И.И." in text and "Уважаемый Иван Иванович!" in text, code
        files = desk.attachments.list(card.id)
        assert next(f.file_name for f in files if f.id == letter.docx_id).endswith(".docx")
        _name, content = desk.attachments.content(letter.docx_id)
        assert content == saved.docx
        history = desk.audit.history("appeal", card.id)
        assert history[-1].action == "letter" and letter.number in history[-1].changes[0][2]
        assert desk.letters.list(card.id)[-1].number == letter.number
    assert numbers == [f"исх. {n}/26" for n in range(1, len(CODES) + 1)]  # one series, no gaps


def test_notices_are_recorded_and_the_today_lines_clear(desk, office, forwarded, extended):
    assert {i.appeal_id for i in desk.control.today_items("forwarding")} == {forwarded.id}
    assert {i.appeal_id for i in desk.control.today_items("extension_notice")} == {extended.id}
    desk.letters.save(forwarded.id, LetterInput("forwarding_notice"))
    desk.letters.save(extended.id, LetterInput("extension_notice"))
    assert desk.appeals.get(forwarded.id).forwardings[0].notice_on == TODAY
    assert desk.appeals.get(extended.id).extension.notice_on == TODAY
    assert desk.control.today_items("forwarding") == ()
    assert desk.control.today_items("extension_notice") == ()
    cover = desk.letters.save(forwarded.id, LetterInput("cover_letter")).letter
    assert desk.appeals.get(forwarded.id).forwardings[0].outgoing_number == cover.number


def test_the_answer_letter_gives_the_appeal_its_answer_number(desk, office):
    card = register(desk, office)
    card = desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), {card.questions[0].id: "supported"},
                                                   text="Отопление восстановлено."))
    kinds = desk.letters.kinds(card.id)
    assert kinds[0].code == "answer" and kinds[0].suggested
    letter = desk.letters.save(card.id, LetterInput("answer")).letter
    got = desk.appeals.get(card.id)
    assert got.answer_number == letter.number and got.answer_on == date(2026, 11, 19)
    assert "Отопление восстановлено." in text_of(desk.letters.save(card.id, LetterInput("answer")).docx)


def test_a_late_notice_is_made_with_a_warning_and_counted(desk, office):
    card = register(desk, office, registered_on=date(2026, 11, 2))
    card = desk.appeals.forward(card.id, ForwardingInput("Прокуратура", forwarded_on=date(2026, 11, 6)))
    draft = desk.letters.draft(card.id, LetterInput("forwarding_notice"))
    assert draft.late and draft.term_on == date(2026, 11, 9)
    assert "Срок этого письма истёк 09.11.2026" in draft.warnings[0]
    letter = desk.letters.save(card.id, LetterInput("forwarding_notice")).letter
    assert letter.late and letter.term_on == date(2026, 11, 9)
    d = desk.control.discipline(date(2026, 11, 1), date(2026, 11, 30))
    assert d.total.late_letters == 1


def test_the_office_template_edited_in_word_is_used_by_the_next_letter(desk, office, forwarded):
    doc = Document(io.BytesIO(desk.letters.template("forwarding_notice")))
    doc.add_paragraph("Справки по телефону {{ организация_телефон }}, обращение № {{ рег_номер }}.")
    doc.paragraphs[0].insert_paragraph_before("ОФИЦИАЛЬНЫЙ БЛАНК")
    buf = io.BytesIO()
    doc.save(buf)
    info = desk.letters.save_template("forwarding_notice", buf.getvalue())
    assert info.edited
    assert [t.edited for t in desk.letters.templates() if t.kind == "forwarding_notice"] == [True]
    text = text_of(desk.letters.save(forwarded.id, LetterInput("forwarding_notice")).docx)
    assert "ОФИЦИАЛЬНЫЙ БЛАНК" in text
    assert f"Справки по телефону 8 (48535) 2-11-22, обращение № {forwarded.reg_number}." in text
    desk.letters.restore_default("forwarding_notice")
    assert "ОФИЦИАЛЬНЫЙ БЛАНК" not in text_of(desk.letters.template("forwarding_notice"))


def test_bad_templates_are_refused_with_the_field_named(desk, office, tmp_path):
    doc = Document(io.BytesIO(desk.letters.template("answer")))
    doc.add_paragraph("Номер: {{ рег_нмоер }} и {{ заявитель }}")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(TemplateProblem) as exc:
        desk.letters.save_template("answer", buf.getvalue())
    assert "«{{ рег_нмоер }}»" in str(exc.value) and "неизвестное поле" in str(exc.value)
    not_docx = tmp_path / "шаблон.docx"
    not_docx.write_bytes(b"%PDF-1.4 not a word file")
    with pytest.raises(TemplateProblem, match="не документ Word"):
        desk.letters.save_template("answer", not_docx)
    doc = Document()
    doc.add_paragraph("{{ рег_номер }")
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(TemplateProblem, match="ошибка в разметке полей"):
        desk.letters.save_template("answer", buf.getvalue())
    assert not any(t.edited for t in desk.letters.templates())


def _nothing_saved(desk, card_id):
    assert desk.letters.list(card_id) == ()
    assert desk.attachments.list(card_id) == ()


def test_a_missing_signatory_is_said_and_nothing_is_saved(desk, office, forwarded):
    desk.settings.save(replace(desk.settings.get(), head_name=""))
    with pytest.raises(ValidationError, match="Не указан подписант письма"):
        desk.letters.save(forwarded.id, LetterInput("forwarding_notice"))
    _nothing_saved(desk, forwarded.id)
    assert desk.appeals.get(forwarded.id).forwardings[0].notice_on is None


def test_an_appeal_without_an_address_is_said_before_the_letter_is_made(desk, office):
    card = register(desk, office, applicant=ApplicantInput(last_name="Сидоров", first_name="Олег"))
    with pytest.raises(ValidationError, match="не указан ни почтовый адрес, ни адрес электронной почты"):
        desk.letters.draft(card.id, LetterInput("interim_answer", final_on=date(2026, 12, 1)))
    with pytest.raises(ValidationError):
        desk.letters.save(card.id, LetterInput("interim_answer", final_on=date(2026, 12, 1)))
    _nothing_saved(desk, card.id)
    anonymous = register(desk, office, last_name=None)
    choice = {c.code: c for c in desk.letters.kinds(anonymous.id)}["answer"]
    assert not choice.available and "анонимное" in choice.why_not
    with pytest.raises(DomainError, match="анонимное"):
        desk.letters.save(anonymous.id, LetterInput("answer", text="…"))


def test_a_letter_needs_what_its_kind_needs(desk, office):
    card = register(desk, office)
    with pytest.raises(DomainError, match="не переадресовывалось"):
        desk.letters.save(card.id, LetterInput("forwarding_notice"))
    with pytest.raises(ValidationError, match="дату окончательного ответа"):
        desk.letters.save(card.id, LetterInput("interim_answer"))
    with pytest.raises(ValidationError, match="текст ответа"):
        desk.letters.save(card.id, LetterInput("answer"))
    _nothing_saved(desk, card.id)


def test_the_pdf_is_attached_beside_the_docx(desk, office, forwarded):
    from pypdf import PdfReader

    saved = desk.letters.save(forwarded.id, LetterInput("forwarding_notice", pdf=True))
    _name, pdf = desk.attachments.content(saved.letter.pdf_id)
    assert pdf[:5] == b"%PDF-"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert saved.letter.number in text and "Фёдорову И.И." in text
    assert desk.letters.pdf(saved.letter.id) == pdf


def test_the_file_written_beside_is_the_saved_letter(desk, office, forwarded, tmp_path):
    out = tmp_path / "письмо.docx"
    saved = desk.letters.save(forwarded.id, LetterInput("forwarding_notice"), out=out)
    assert out.read_bytes() == saved.docx
    with pytest.raises(DomainError, match="не существует"):
        desk.letters.save(forwarded.id, LetterInput("cover_letter"), out=tmp_path / "нет" / "x.docx")
    assert len(desk.letters.list(forwarded.id)) == 1
