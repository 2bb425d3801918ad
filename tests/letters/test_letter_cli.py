"""``appealdesk-cli letter``: every kind from the command line, the DOCX (and PDF) read back, the number and
the notice recorded in the database; a bad request refused in Russian with exit code 1."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

from docx import Document

from appealdesk.cli.main import main
from appealdesk.letters.kinds import CODES
from appealdesk.services import AppealDesk
from appealdesk.services.values import ExtensionInput, ForwardingInput, OfficialInput
from tests.services.helpers import appeal


def _office(location):
    desk = AppealDesk.open(location)
    desk.settings.save(replace(desk.settings.get(), organisation="Администрация Сосновского сельского поселения",
                               head_position="Глава поселения", head_name="Петров Пётр Петрович"))
    ex = desk.reference.save_official(OfficialInput("Иванова Мария Сергеевна", "Специалист", phone="2-11-23"))
    return desk, ex


def _args(code: str, today: date) -> list[str]:
    return {
        "answer": ["--text", "Отопление восстановлено.\\nРаботы выполнены."],
        "interim_answer": ["--final-date", f"{today + timedelta(days=10):%d.%m.%Y}"],
        "already_published": ["--url", "https://sosnovka.ru/otvet"],
        "correspondence_end": ["--decision-date", f"{today:%d.%m.%Y}", "--text", "от 01.06.2026 № исх. 40/26"],
        "reception_invitation": ["--reception-date", f"{today + timedelta(days=5):%d.%m.%Y}", "--reception-time",
                                 "10:00", "--reception-place", "каб. 2"],
        "info_answer": ["--text", "Сведения прилагаются."],
        "info_delay_notice": ["--text", "Сведения запрошены в архиве"],
    }.get(code, [])


def test_every_kind_from_the_command_line(db_location, tmp_path, capsys):
    desk, ex = _office(db_location)
    today = desk.today()
    registered = today - timedelta(days=3)
    numbers = {}
    try:
        for code in CODES:
            kind = "info_request" if code.startswith("info_") else "statement"
            card = desk.appeals.register(appeal(registered_on=registered, executor_id=ex.id, kind=kind))
            if code in ("forwarding_notice", "cover_letter"):
                desk.appeals.forward(card.id, ForwardingInput("Прокуратура района", forwarded_on=today))
            if code in ("extension_notice", "info_delay_notice"):
                desk.appeals.extend(card.id, ExtensionInput(10, "Запрос документов", "Глава", extended_on=today))
            numbers[code] = card.reg_number
    finally:
        desk.close()
    for n, code in enumerate(CODES, start=1):
        out = tmp_path / f"{code}.docx"
        pdf = ["--pdf"] if code in ("answer", "forwarding_notice") else []
        assert main(["--db", str(db_location), "letter", "--number", numbers[code], "--kind", code, "--out",
                     str(out), *pdf, *_args(code, today)]) == 0, capsys.readouterr().err
        err = capsys.readouterr().err
        assert f"исх. {n}/{today:%y}" in err
        doc = Document(io.BytesIO(out.read_bytes()))
        text = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows
                                                                   for c in r.cells)
        assert numbers[code] in text and f"исх. {n}/{today:%y}" in text
        if pdf:
            assert out.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"
    desk = AppealDesk.open(db_location)
    try:
        card = desk.appeals.by_number(numbers["forwarding_notice"])
        assert card.forwardings[0].notice_on == today
        assert desk.appeals.by_number(numbers["extension_notice"]).extension.notice_on == today
        assert desk.appeals.by_number(numbers["answer"]).answer_number == f"исх. 1/{today:%y}"
        assert len(desk.letters.list(card.id)) == 1
    finally:
        desk.close()


def test_a_refused_letter_exits_1_in_russian(db_location, tmp_path, capsys):
    desk, ex = _office(db_location)
    card = desk.appeals.register(appeal(registered_on=desk.today(), executor_id=ex.id))
    desk.close()
    out = tmp_path / "x.docx"
    assert main(["--db", str(db_location), "letter", "--number", card.reg_number, "--kind", "forwarding_notice",
                 "--out", str(out)]) == 1
    assert "не переадресовывалось" in capsys.readouterr().err and not out.exists()
    assert main(["--db", str(db_location), "letter", "--number", card.reg_number, "--list-kinds"]) == 0
    listed = capsys.readouterr().out
    assert "interim_answer" in listed and "нельзя: обращение не переадресовывалось" in listed
