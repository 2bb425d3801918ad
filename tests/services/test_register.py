"""Registration: numbering, deadlines, validation, applicants, editing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appealdesk.domain.numbering import NumberPattern
from appealdesk.errors import ConflictError, DomainError, ValidationError
from appealdesk.services.values import ApplicantInput, QuestionInput

from .helpers import HEAT, HOUSING, appeal, executor


def test_register_assigns_number_and_deadlines(desk):
    card = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    assert card.reg_number == "1-ОГ/26"
    # 02.11.2026 + 30 = 02.12.2026, a Wednesday
    assert card.legal_deadline == date(2026, 12, 2)
    assert card.control_deadline == card.legal_deadline
    assert card.deadline == card.legal_deadline
    assert card.status == "in_progress"
    assert card.questions[0].code == HEAT and card.questions[0].name == "Перебои в теплоснабжении"
    second = desk.appeals.register(appeal(registered_on=date(2026, 11, 3)))
    assert second.reg_number == "2-ОГ/26"


def test_numbers_restart_each_year_and_series_are_apart(desk):
    a = desk.appeals.register(appeal(registered_on=date(2025, 12, 30)))
    b = desk.appeals.register(appeal(registered_on=date(2026, 1, 12)))
    m = desk.appeals.register(appeal(registered_on=date(2026, 1, 12), kind="message", source="feedback_platform",
                                          form="electronic"))
    assert (a.reg_number, b.reg_number, m.reg_number) == ("1-ОГ/25", "1-ОГ/26", "1-С/26")
    # a message is answered within 24 hours, not 30 days
    assert m.legal_deadline == date(2026, 1, 13)


def test_deadline_on_a_day_off_moves_to_the_preceding_working_day(desk):
    # 01.12.2025 + 30 = 31.12.2025, a day off in 2025 (transfer from 05.01) -> 30.12.2025
    card = desk.appeals.register(appeal(registered_on=date(2025, 12, 1)))
    assert card.legal_deadline == date(2025, 12, 30)


def test_control_offset_setting(desk):
    desk.settings.save(replace(desk.settings.get(), control_offset_days=7))
    card = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    assert card.legal_deadline == date(2026, 12, 2)
    assert card.control_deadline == date(2026, 11, 25)


def test_next_working_day_rule(desk):
    desk.settings.save(replace(desk.settings.get(), non_working_rule="next"))
    card = desk.appeals.register(appeal(registered_on=date(2025, 12, 1)))
    assert card.legal_deadline == date(2026, 1, 12)


def test_custom_number_pattern(desk):
    desk.settings.save(replace(desk.settings.get(), number_pattern="ОГ-{yyyy}/{seq:04}"))
    card = desk.appeals.register(appeal())
    assert card.reg_number == "ОГ-2026/0001"


def test_bad_pattern_is_refused_in_russian(desk):
    with pytest.raises(ValidationError) as err:
        desk.settings.save(replace(desk.settings.get(), number_pattern="{seq}-ОГ"))
    assert "год" in str(err.value)


def test_validation_lists_every_problem(desk):
    bad = appeal(codes=("9999.9999.9999.9999", "0005"), summary=" ", form="fax", registered_on=date(2026, 12, 1))
    with pytest.raises(ValidationError) as err:
        desk.appeals.register(bad)
    fields = {e.field for e in err.value.errors}
    assert {"form", "summary", "registered_on", "questions.1", "questions.2"} <= fields
    assert all(any("а" <= ch <= "я" for ch in e.message.lower()) for e in err.value.errors)
    assert desk.journal.count(desk_query()) == 0


def desk_query(**kw):
    from appealdesk.services.journal_values import JournalQuery

    return JournalQuery(**kw)


def test_manual_number_is_unique_and_continues_the_sequence(desk):
    desk.appeals.register(appeal(reg_number="15-ОГ/26"))
    with pytest.raises(DomainError, match="уже занят"):
        desk.appeals.register(appeal(reg_number="15-ОГ/26"))
    assert desk.appeals.register(appeal()).reg_number == "16-ОГ/26"


def test_anonymous_and_collective(desk):
    card = desk.appeals.register(appeal(last_name=None, is_collective=True, signatures=12))
    assert card.is_anonymous and card.applicant is None
    assert card.is_collective and card.signatures == 12
    with pytest.raises(ValidationError, match="подписей"):
        desk.appeals.register(appeal(is_collective=True, signatures=1))
    with pytest.raises(ValidationError, match="слишком велико"):  # never an OverflowError from the driver
        desk.appeals.register(appeal(is_collective=True, signatures=10**30))


def test_same_person_is_not_duplicated(desk):
    a = desk.appeals.register(appeal())
    b = desk.appeals.register(
        appeal(applicant=ApplicantInput(last_name="ФЕДОРОВ", first_name="иван", middle_name="ИВАНОВИЧ", address="ул. Ленина 5"))
    )
    assert a.applicant.id == b.applicant.id
    other = desk.appeals.register(appeal(address="ул. Садовая, 1"))
    assert other.applicant.id != a.applicant.id


def test_update_records_changes_and_checks_version(desk):
    ex = executor(desk)
    card = desk.appeals.register(appeal())
    data = replace(card.to_input(), summary="Нет отопления третий день", executor_id=ex.id,
                   questions=(*card.to_input().questions, QuestionInput(HOUSING)))
    updated = desk.appeals.update(card.id, data, expected_version=card.version)
    assert updated.summary == "Нет отопления третий день"
    assert [q.code for q in updated.questions] == [HEAT, HOUSING]
    assert updated.questions[1].executor_id == ex.id
    history = desk.audit.history("appeal", card.id)
    assert [h.action for h in history] == ["register", "update"]
    changed = {c[0]: c for c in history[-1].changes}
    assert changed["summary"][1:] == ("Не работает отопление в доме по ул. Ленина", "Нет отопления третий день")
    assert changed["executor"][2] == "Петров Пётр Петрович"
    with pytest.raises(ConflictError):
        desk.appeals.update(card.id, data, expected_version=card.version)


def test_changing_registration_date_recomputes_deadlines(desk):
    card = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    moved = desk.appeals.update(card.id, replace(card.to_input(), registered_on=date(2026, 11, 9)))
    assert moved.legal_deadline == date(2026, 12, 9)


def test_late_registration_is_flagged(desk):
    card = desk.appeals.register(appeal(received_on=date(2026, 11, 2), registered_on=date(2026, 11, 9)))
    assert card.registered_late
    assert not desk.appeals.register(appeal(received_on=date(2026, 11, 2), registered_on=date(2026, 11, 3))).registered_late


@settings(max_examples=200, deadline=None)
@given(seq=st.integers(1, 99999), year=st.integers(2000, 2099), pattern=st.sampled_from(
    ["{seq}-ОГ/{yy}", "ОГ-{yyyy}/{seq:04}", "{yy}-{seq}", "№{seq:06}/{yyyy}"]))
def test_number_pattern_round_trip(seq, year, pattern):
    p = NumberPattern(pattern)
    assert p.parse(p.format(seq, year), year) == seq
