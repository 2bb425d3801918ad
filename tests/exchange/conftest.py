"""Fixtures of the journal exchange tests: databases with a fixed "today", journals written cell by cell,
a fingerprint of every table to prove that a refused import wrote nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from appealdesk.exchange.journal_columns import COLUMNS
from appealdesk.services import AppealDesk
from appealdesk.services.values import (
    AnswerInput,
    AppealInput,
    ApplicantInput,
    ExtensionInput,
    OfficialInput,
    QuestionInput,
)

TODAY = date(2026, 11, 20)
HEADERS = [c.header for c in COLUMNS]


@pytest.fixture
def make_desk(fresh, template_db) -> Callable[[str], AppealDesk]:
    """Desks on fresh copies of the migrated template (a file on SQLite, a database on PostgreSQL)."""
    opened: list[AppealDesk] = []

    def make(name: str = "main") -> AppealDesk:
        desk = AppealDesk.open(fresh.copy(template_db, name), today=lambda: TODAY)
        opened.append(desk)
        return desk

    yield make
    for desk in opened:
        desk.close()


@pytest.fixture
def desk(make_desk) -> AppealDesk:
    return make_desk("main")


@pytest.fixture
def codes(desk) -> list[str]:
    """Classifier codes a question may have (level 4 and deeper), the first twenty."""
    with desk._ctx.read() as s:
        return list(s.scalars(text("SELECT code FROM classifier WHERE level >= 4 ORDER BY code LIMIT 20")))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(name="write_journal")
def _write_journal_fixture():
    return write_journal


@pytest.fixture(name="read_journal")
def _read_journal_fixture():
    return read_journal


@pytest.fixture(name="fingerprint")
def _fingerprint_fixture():
    return fingerprint


@pytest.fixture(name="populate")
def _populate_fixture():
    return populate


def write_journal(path: Path, rows: Sequence[Sequence[object] | dict], headers: Sequence[str] | None = None) -> Path:
    """A journal as an office would keep it: ``rows`` are lists in the order of ``headers`` or dicts by
    header (missing headers are empty cells)."""
    from openpyxl import Workbook

    headers = list(headers if headers is not None else HEADERS)
    wb = Workbook()
    ws = wb.active
    ws.title = "Журнал"
    ws.append(headers)
    for row in rows:
        if isinstance(row, dict):
            unknown = set(row) - set(headers)
            assert not unknown, unknown
            ws.append([row.get(h) for h in headers])
        else:
            ws.append(list(row))
    wb.save(path)
    return path


def read_journal(path: Path) -> tuple[list[str], list[dict[str, object]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    headers = list(rows[0])
    return headers, [dict(zip(headers, r, strict=True)) for r in rows[1:]]


def fingerprint(desk: AppealDesk) -> dict[str, tuple[int, str]]:
    """``{table: (rows, sha256 of every row)}`` of every table of the database, the search index too."""
    out = {}
    with desk._db.engine.connect() as con:
        tables = sorted(inspect(con).get_table_names())
        for table in tables:
            rows = con.execute(text(f'SELECT * FROM "{table}"')).all()
            digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
            out[table] = (len(rows), digest)
    return out


# -- a database with one appeal of every kind the journal must carry ------------------------------------
def populate(desk: AppealDesk, codes: list[str]) -> dict[str, int]:
    """Register appeals through the service layer: returns ``{name: id}``."""
    ref = desk.reference
    head = ref.save_official(OfficialInput(full_name="Сидорова Анна Петровна", is_head=True))
    spec = ref.save_official(OfficialInput(full_name="Фёдоров Илья Ильич"))
    village = ref.add_settlement("с. Берёзовка")
    town = ref.add_settlement("д. Ключи")
    reg = desk.appeals.register
    ids: dict[str, int] = {}

    ids["simple"] = reg(
        AppealInput(
            form="written", kind="statement", summary="Прошу отремонтировать дорогу по ул. Лесной",
            questions=(QuestionInput(codes[0]),), registered_on=date(2026, 10, 1), received_on=date(2026, 9, 30),
            applicant=ApplicantInput(
                last_name="Петров", first_name="Пётр", middle_name="Петрович", settlement_id=village.id,
                address="ул. Лесная, д. 5, кв. 2", phone="+7 900 123-45-67", email="petrov@example.ru",
                social_category="Пенсионер",
            ),
            executor_id=spec.id, resolution="Фёдорову И.И.: рассмотреть, подготовить ответ",
        )
    ).id
    two = reg(
        AppealInput(
            form="personal_reception", kind="complaint", summary="Жалоба на уличное освещение и вывоз мусора",
            questions=(QuestionInput(codes[1]), QuestionInput(codes[2])), registered_on=date(2026, 9, 1),
            applicant=ApplicantInput(last_name="Иванова", first_name="Мария", settlement_id=town.id),
            executor_id=head.id, on_control=True, commission=True, on_site=True, with_author=True,
        )
    )
    desk.appeals.answer(
        two.id,
        AnswerInput(
            answer_on=date(2026, 9, 25), answer_number="01-12/345",
            results={two.questions[0].id: "supported", two.questions[1].id: "explained"}, satisfaction="satisfied",
        ),
    )
    ids["two_questions_closed"] = two.id
    ids["anonymous"] = reg(
        AppealInput(
            form="electronic", kind="proposal", summary="Предлагаю установить детскую площадку",
            questions=(QuestionInput(codes[3]),), registered_on=date(2026, 11, 2), settlement_id=village.id,
        )
    ).id
    ids["organisation"] = reg(
        AppealInput(
            form="written", kind="statement", source="other_body", cover_letter="№ 7-15/2026 от 02.10.2026",
            summary="ТСЖ просит провести проверку управляющей компании", questions=(QuestionInput(codes[4]),),
            registered_on=date(2026, 10, 5),
            applicant=ApplicantInput(type="organisation", org_name="ТСЖ «Берёзка»", address="ул. Мира, 1",
                                     phone="8 (38452) 2-11-11", settlement_id=town.id),
        )
    ).id
    ids["collective"] = reg(
        AppealInput(
            form="written", kind="statement", summary="Коллективное обращение жителей о ремонте моста",
            questions=(QuestionInput(codes[5]),), registered_on=date(2026, 10, 20), is_collective=True,
            signatures=37, applicant=ApplicantInput(last_name="Кузнецов", first_name="Олег", settlement_id=town.id),
        )
    ).id
    ext = reg(
        AppealInput(
            form="written", kind="statement", summary="Просьба о выделении дров",
            questions=(QuestionInput(codes[6]),), registered_on=date(2026, 10, 26),
            applicant=ApplicantInput(last_name="Смирнов", first_name="Алексей", middle_name="Юрьевич"),
            executor_id=spec.id,
        )
    )
    desk.appeals.extend(ext.id, ExtensionInput(days=30, reason="Запрос в район", extended_by="Сидорова А.П.",
                                               extended_on=date(2026, 11, 16)))
    ids["extended"] = ext.id
    ids["repeated"] = reg(
        AppealInput(
            form="written", kind="complaint", summary="Повторно: дорога по ул. Лесной не отремонтирована",
            questions=(QuestionInput(codes[0]),), registered_on=date(2026, 11, 10),
            applicant=ApplicantInput(last_name="Петров", first_name="Пётр", middle_name="Петрович",
                                     settlement_id=village.id, address="ул. Лесная, д. 5, кв. 2"),
            is_repeated=True, previous_appeal_id=ids["simple"],
        )
    ).id
    ids["repeated_unknown"] = reg(
        AppealInput(
            form="phone", kind="statement", summary="Звонок: повторно о воде", questions=(QuestionInput(codes[7]),),
            registered_on=date(2026, 11, 11), applicant=ApplicantInput(last_name="Орлова"),
            is_repeated=True, previous_number="112-ОГ/25",
        )
    ).id
    ids["info_request"] = reg(
        AppealInput(
            form="electronic", kind="info_request", source="region", cover_letter="АКО № 01-02/77",
            summary="=Запрос информации о бюджете\nна 2027 год", questions=(QuestionInput(codes[8]),),
            registered_on=date(2026, 11, 12),
            applicant=ApplicantInput(last_name="Белов", first_name="Ян", email="belov@example.ru"),
        )
    ).id
    ids["message"] = reg(
        AppealInput(
            form="electronic", kind="message", source="social_media", summary="Не горит фонарь у школы",
            questions=(QuestionInput(codes[9]),), registered_on=date(2026, 11, 18),
        )
    ).id
    partial = reg(
        AppealInput(
            form="visiting_reception", kind="statement", summary="Два вопроса, ответ на один",
            questions=(QuestionInput(codes[10]), QuestionInput(codes[11])), registered_on=date(2026, 11, 3),
            applicant=ApplicantInput(last_name="Ёлкин", first_name="Семён"), executor_id=spec.id,
        )
    )
    desk.appeals.answer(
        partial.id,
        AnswerInput(answer_on=date(2026, 11, 13), results={partial.questions[0].id: "measures_taken"}, close=False),
    )
    ids["partial"] = partial.id
    return ids
