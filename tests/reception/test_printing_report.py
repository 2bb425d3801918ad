"""The printed schedule read back with pdftotext, the visitor list and card, the CLI, the report figures."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time

import pytest

from appealdesk.paper.model import text_of
from appealdesk.reception import BookingInput, CardInput, CardQuestionInput, ExceptionInput, VisitingInput
from appealdesk.reception.document import write_pdf
from appealdesk.reception.printing import (
    card_document,
    period_title,
    quarter_period,
    visitors_document,
)

HEAT = "0005.0005.0056.1156"
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (apt-get install poppler-utils)")


def _text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_period_titles():
    assert period_title(date(2026, 12, 1), date(2026, 12, 31)) == "на декабрь 2026 года"
    assert period_title(*quarter_period(2026, 4)) == "на IV квартал 2026 года"
    assert period_title(date(2026, 12, 3), date(2026, 12, 10)) == "с 03.12.2026 по 10.12.2026"


@needs_pdftotext
def test_schedule_pdf_december_2026(office, head, deputy, head_rule, village, tmp_path):
    office.reception.add_visiting(VisitingInput(head.id, date(2026, 12, 9), time(10), time(12), village.id,
                                                "Клуб, ул. Садовая, 3"))
    office.reception.save_exception(ExceptionInput(head.id, date(2026, 12, 21), date(2026, 12, 24), "vacation"))
    pdf = tmp_path / "schedule.pdf"
    office.reception.write_schedule_pdf(date(2026, 12, 1), date(2026, 12, 31), pdf)
    text = _text(pdf)
    assert "Администрация Ключевского сельсовета" in text
    assert "ГРАФИК ЛИЧНОГО ПРИЁМА ГРАЖДАН" in text and "на декабрь 2026 года" in text
    assert "Соколов Андрей" in text and "понедельник, четверг" in text and "14:00–17:00" in text
    for d in ("03.12", "07.12", "10.12", "14.12", "17.12", "28.12"):
        assert d in text
    assert "24.12," not in text and "31.12, " not in text  # vacation and the day off
    assert "31.12.2026 — нерабочий день" in text
    assert "21.12–24.12.2026 — отпуск" in text
    assert "каб. 1" in text and "Клуб, ул. Садовая, 3" in text and "д. Малиновка" in text
    assert "Общероссийский день приёма граждан" in text
    assert "14 декабря 2026 г. (понедельник) с 12:00 до 20:00" in text


@needs_pdftotext
def test_visitor_list_and_card_pdfs(office, head, head_rule, visitor, clock, tmp_path):
    key = f"rule:{head_rule.id}:2026-12-03"
    b = office.reception.book(key, BookingInput(time(14), applicant=visitor(), topic="Нет отопления"))
    clock["today"] = date(2026, 12, 3)
    card = office.reception.save_card(key, CardInput("Не работает отопление", (CardQuestionInput(HEAT),),
                                                     "written_answer", booking_id=b.id,
                                                     identity_document="паспорт 01 02 123456"))
    write_pdf(visitors_document(office.reception.day(key), "Администрация"), tmp_path / "v.pdf")
    text = _text(tmp_path / "v.pdf")
    assert "СПИСОК ПОСЕТИТЕЛЕЙ" in text and "Фёдоров Иван Ильич" in text and "14:00–14:20" in text
    doc = card_document(card, "Администрация")
    write_pdf(doc, tmp_path / "c.pdf")
    text = _text(tmp_path / "c.pdf")
    assert "КАРТОЧКА ЛИЧНОГО ПРИЁМА" in text and "паспорт 01 02 123456" in text and HEAT in text
    assert f"№ {card.appeal_number} от 03.12.2026, срок ответа 30.12.2026" in text
    assert "Фёдоров Иван Ильич" in text_of(doc)


@needs_pdftotext
def test_cli_schedule(db_location, tmp_path, head_rule, office):
    from appealdesk.cli.main import main

    office.close()
    out = tmp_path / "g.pdf"
    assert main(["schedule", "--db", str(db_location), "--from", "01.12.2026", "--to", "31.12.2026", "--out",
                 str(out)]) == 0
    assert "Соколов Андрей" in _text(out)
    assert main(["schedule", "--db", str(db_location), "--from", "31.12.2026", "--to", "01.12.2026", "--out",
                 str(out)]) == 1


def test_report_figures_and_section(office, head, head_rule, village, visitor, clock):
    from appealdesk.reports.document import build_document
    from appealdesk.reports.periods import Period

    assert office.reception.figures(date(2026, 1, 1), date(2026, 12, 31)) is None  # no receptions kept at all
    key = f"rule:{head_rule.id}:2026-12-03"
    b1 = office.reception.book(key, BookingInput(time(14), applicant=visitor()))
    b2 = office.reception.book(key, BookingInput(time(14, 20), applicant=visitor("Смирнова", "Анна", "Петровна")))
    vis = office.reception.add_visiting(VisitingInput(head.id, date(2026, 12, 9), time(10), time(12), village.id, "Клуб"))
    clock["today"] = date(2026, 12, 10)
    office.reception.save_card(key, CardInput("Отопление", (CardQuestionInput(HEAT), CardQuestionInput(
        "0003.0009.0097.0690")), "written_answer", booking_id=b1.id))
    office.reception.mark_no_show(b2.id)
    office.reception.save_card(vis.key, CardInput("Освещение", (CardQuestionInput(HEAT),), "oral_answer",
                                                  applicant=visitor("Кузнецов", "Олег", None), oral_consent=True,
                                                  answer_text="Разъяснено"))
    f = office.reception.figures(date(2026, 12, 1), date(2026, 12, 31))
    assert f.total("receptions") == 2 and f.total("visitors") == 2 and f.total("questions") == 3
    assert f.total("oral_answers") == 1 and f.total("written_appeals") == 1 and f.total("no_shows") == 1
    assert f.total("receptions", "visiting") == 1
    report = office.reports.build(Period(date(2026, 10, 1), date(2026, 12, 31)), compare=False)
    assert report.reception is not None
    sec = [s for s in build_document(report) if s.key == "reception"]
    rows = {r.values[0]: r.values[1:] for r in sec[0].tables[0].rows}
    assert rows["Проведено приёмов"][0] == 2
    assert rows["Принято граждан"][0] == 2
