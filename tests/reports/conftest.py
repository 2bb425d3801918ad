"""Fixtures of the report tests: a small office with hand-built appeals in 2025 and 2026 whose every
figure is known, and offscreen Qt for the wizard (a test fails on an unexpected Qt warning)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import
os.environ.setdefault("APPEALDESK_HOME", tempfile.mkdtemp(prefix="appealdesk-reports-home-"))

from dataclasses import dataclass, replace
from datetime import date

import pytest

from appealdesk.services import AppealDesk
from appealdesk.services.values import (
    AnswerInput,
    AppealInput,
    ApplicantInput,
    ForwardingInput,
    QuestionInput,
)

TODAY = date(2026, 11, 20)
C1, C2, C3 = "0003.0009.0097.0690", "0005.0005.0056.1148", "0003.0009.0099.0742.0110"

IGNORED_QT_MESSAGES = ("This plugin does not support", "QFont::setPointSizeF: Point size <= 0")


@dataclass(frozen=True)
class Office:
    path: object  # the template database: a file, or a URL on PostgreSQL
    ids: dict  # name -> appeal id


FIRST_NAMES = {"A1": "Анна", "A2": "Борис", "A3": "Вера", "A4": "Глеб", "A5": "Дарья", "A7": "Егор", "A8": "Жанна",
               "B1": "Зоя", "B2": "Иван", "C1": "Кира"}


def _register(desk, name, ids, *, reg, kind="statement", form="written", source="direct", codes=(C1,),
              anonymous=False, **kw):
    settlement_id = kw.pop("settlement_id", None)
    applicant = None if anonymous else ApplicantInput(
        last_name="Петров" if name != "A1" else "Петрова", first_name=FIRST_NAMES[name],
        settlement_id=settlement_id, address=f"ул. Мира, д. {len(ids) + 1}")
    card = desk.appeals.register(AppealInput(
        form=form, kind=kind, source=source, summary=f"Обращение {name}", registered_on=reg, received_on=reg,
        questions=tuple(QuestionInput(c) for c in codes), applicant=applicant, settlement_id=settlement_id, **kw,
    ))
    ids[name] = card.id
    return card


def _answer(desk, card, on, results, **kw):
    return desk.appeals.answer(card.id, AnswerInput(answer_on=on, results=dict(zip(
        [q.id for q in card.questions], results, strict=True)), **kw))


def build_office(desk) -> dict:
    """The appeals whose figures tests/reports/test_contract.py checks (period: 1st half of 2026)."""
    desk.settings.save(replace(desk.settings.get(), organisation="Администрация Ключевского сельсовета",
                               head_position="Глава сельсовета", head_name="Соколов А. В."))
    s1 = desk.reference.add_settlement("с. Ключи")
    s2 = desk.reference.add_settlement("д. Малиновка")
    ids: dict = {}
    # A1: two questions, answered in time (measures taken + explained), on control, satisfied
    a1 = _register(desk, "A1", ids, reg=date(2026, 1, 15), codes=(C1, C2), on_control=True, settlement_id=s1.id)
    _answer(desk, a1, date(2026, 1, 25), ["measures_taken", "explained"], satisfaction="satisfied")
    # A2: complaint from the region, answered after its deadline (overdue), by commission
    a2 = _register(desk, "A2", ids, reg=date(2026, 2, 10), kind="complaint", form="electronic", source="region",
                   codes=(C3,), commission=True, settlement_id=s2.id, cover_letter="№ 1 от 09.02.2026")
    _answer(desk, a2, date(2026, 4, 1), ["not_supported"])
    # A3: registered late in June, not answered, deadline after the period: in progress, not overdue
    _register(desk, "A3", ids, reg=date(2026, 6, 20), kind="proposal", form="phone", settlement_id=s1.id)
    # A4: not answered, deadline (04.06) before the period's end: in progress and overdue
    _register(desk, "A4", ids, reg=date(2026, 5, 5), settlement_id=s1.id)
    # A5: answered after the period's end, in time: in progress at the end, not overdue
    a5 = _register(desk, "A5", ids, reg=date(2026, 6, 10), codes=(C2,), settlement_id=s2.id)
    _answer(desk, a5, date(2026, 7, 5), ["explained"])
    # A6: a ПОС message answered the same day
    a6 = _register(desk, "A6", ids, reg=date(2026, 3, 1), kind="message", form="electronic",
                   source="feedback_platform", codes=(C1,), anonymous=True)
    _answer(desk, a6, date(2026, 3, 1), ["supported"])
    # A7: deleted: counted nowhere
    a7 = _register(desk, "A7", ids, reg=date(2026, 3, 3), settlement_id=s1.id)
    desk.appeals.delete(a7.id, "Зарегистрировано ошибочно")
    # A8: repeated and collective, forwarded within 7 days
    a8 = _register(desk, "A8", ids, reg=date(2026, 4, 10), is_repeated=True, previous_number="1-ОГ/25",
                   is_collective=True, signatures=5, settlement_id=s1.id)
    desk.appeals.forward(a8.id, ForwardingInput(to_body="Министерство строительства", forwarded_on=date(2026, 4, 12)))
    # the same half of 2025
    b1 = _register(desk, "B1", ids, reg=date(2025, 2, 1), settlement_id=s1.id)
    _answer(desk, b1, date(2025, 2, 10), ["explained"])
    b2 = _register(desk, "B2", ids, reg=date(2025, 3, 1), kind="complaint", settlement_id=s1.id)
    _answer(desk, b2, date(2025, 3, 20), ["supported"])
    # outside both periods
    _register(desk, "C1", ids, reg=date(2026, 8, 1), settlement_id=s1.id)
    return ids


@pytest.fixture(scope="session")
def office_template(databases):
    ids: dict = {}

    def build(location) -> None:
        desk = AppealDesk.open(location, today=lambda: TODAY)
        ids.update(build_office(desk))
        desk.close()

    return Office(databases.template("reports_office", build), ids)


@pytest.fixture
def office(fresh, office_template):
    desk = AppealDesk.open(fresh.copy(office_template.path, "office"),
                           today=lambda: TODAY)
    desk.ids = office_template.ids
    yield desk
    desk.close()


@pytest.fixture
def office_path(fresh, office_template):
    """The office's database for the command line (``--db``): a file path, or a URL on PostgreSQL."""
    return fresh.copy(office_template.path, "office_cli")


@pytest.fixture
def qt_warnings_fail(qtlog):
    """Like tests/ui: an unexpected Qt warning fails the test (used by the wizard tests)."""
    from PySide6.QtCore import QtMsgType

    yield
    bad = [
        r.message
        for r in qtlog.records
        if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(r.message.startswith(p) for p in IGNORED_QT_MESSAGES)
    ]
    if bad:
        pytest.fail("Unexpected Qt warnings:\n" + "\n".join(bad), pytrace=False)
