"""Receptions as the seeds and the law hold them: consultative receptions on days off (Gubkin), one official
never in two places, the all-Russian reception day (a live queue with an identity document, every official
present receives, video with consent, the invitation within 7 working days), art. 13 p. 6. The head
receives on Monday and Thursday 14:00-17:00; today is Fri 20.11.2026 unless set otherwise."""

from __future__ import annotations

from datetime import date, time

import pytest

from appealdesk.errors import ValidationError
from appealdesk.reception import CardInput, CardQuestionInput, RuleInput, VisitingInput
from appealdesk.services.values import AnswerInput, AppealInput, QuestionInput

from .conftest import HEAT, ROADS

D = date.fromisoformat


def fields(exc) -> set[str]:
    return {e.field for e in exc.value.errors}


def card(visitor, **kw):
    base = dict(summary="Не работает отопление", questions=(CardQuestionInput(HEAT),), outcome="oral_answer",
                oral_consent=True, answer_text="Разъяснено, когда восстановят подачу тепла", applicant=visitor())
    base.update(kw)
    return CardInput(**base)


# -- consultative receptions on days off (the Gubkin note) ------------------------------------------------
def test_a_consultative_reception_on_a_saturday(office, deputy, village):
    saturday = D("2026-11-28")
    with pytest.raises(ValidationError) as err:
        office.reception.add_visiting(VisitingInput(deputy.id, saturday, time(10), time(13), village.id, "Клуб"))
    assert fields(err) == {"day"}
    entry = office.reception.add_visiting(VisitingInput(deputy.id, saturday, time(10), time(13), village.id, "Клуб",
                                                        kind="consultative"))
    assert entry.kind == "consultative" and entry.kind_label == "Консультативный приём"


def test_a_consultative_rule_gives_saturdays(office, deputy):
    office.reception.save_rule(RuleInput(deputy.id, (6,), time(10), time(12), "Администрация, каб. 2",
                                         D("2026-11-01"), kind="consultative"))
    days = [e.day for e in office.reception.schedule(D("2026-11-23"), D("2026-12-13")).entries
            if e.kind == "consultative"]
    assert days == [D("2026-11-28"), D("2026-12-05"), D("2026-12-12")]


# -- one official, one place ------------------------------------------------------------------------------
def test_a_visiting_reception_overlapping_the_heads_regular_one_is_refused(office, head, deputy, head_rule, village):
    monday = D("2026-11-23")
    with pytest.raises(ValidationError) as err:
        office.reception.add_visiting(VisitingInput(head.id, monday, time(16), time(18), village.id, "Клуб"))
    assert "часы пересекаются" in str(err.value) and "14:00–17:00" in str(err.value)
    morning = office.reception.add_visiting(VisitingInput(head.id, monday, time(10), time(12), village.id, "Клуб"))
    assert morning.day == monday
    # the deputy may receive at the same hours; the head's own reception may be moved within its hours
    office.reception.add_visiting(VisitingInput(deputy.id, monday, time(16), time(18), village.id, "Клуб"))
    office.reception.add_visiting(VisitingInput(head.id, monday, time(9), time(12), village.id, "Клуб"),
                                  morning.reception_id)
    with pytest.raises(ValidationError):  # nor two visiting receptions at once
        office.reception.add_visiting(VisitingInput(head.id, monday, time(11), time(13), village.id, "Школа"))


# -- the all-Russian reception day: 12.12.2026 is a Saturday, so Mon 14.12.2026 ------------------------------
@pytest.fixture
def on_the_day(office, clock, head):
    clock["today"] = D("2026-12-14")
    return office


def test_the_reception_day_needs_an_identity_document_and_the_official_who_received(on_the_day, deputy, visitor):
    office = on_the_day
    with pytest.raises(ValidationError) as err:
        office.reception.save_card("nd:2026", card(visitor))
    assert fields(err) == {"identity_document", "official_id"}
    saved = office.reception.save_card("nd:2026", card(visitor, identity_document="паспорт 01 02 123456",
                                                       official_id=deputy.id))
    assert saved.official == "Белова Ирина Юрьевна" and saved.reception_kind == "national_day"
    figures = office.reception.figures(D("2026-12-01"), D("2026-12-31"))
    by_official = {(ln.official, ln.kind): ln for ln in figures.lines}
    assert by_official[("Белова Ирина Юрьевна", "national_day")].visitors == 1  # not the head's


def test_a_video_connection_needs_consent(on_the_day, head, visitor):
    with pytest.raises(ValidationError) as err:
        on_the_day.reception.save_card("nd:2026", card(visitor, identity_document="паспорт", official_id=head.id,
                                                       video_body="Министерство ЖКХ края"))
    assert fields(err) == {"video_consent"}
    saved = on_the_day.reception.save_card("nd:2026", card(visitor, identity_document="паспорт", official_id=head.id,
                                                           video_body="Министерство ЖКХ края", video_consent=True))
    assert saved.video_body == "Министерство ЖКХ края" and saved.video_consent


def test_one_not_received_is_invited_within_7_working_days(on_the_day, head, visitor):
    """Mon 14.12.2026 + 7 working days = Wed 23.12.2026."""
    base = dict(identity_document="паспорт", official_id=head.id, outcome="invited", oral_consent=False,
                answer_text=None)
    with pytest.raises(ValidationError) as err:
        on_the_day.reception.save_card("nd:2026", card(visitor, **base, invited_on=D("2026-12-24")))
    assert "по 23.12.2026" in str(err.value)
    saved = on_the_day.reception.save_card("nd:2026", card(visitor, **base, invited_on=D("2026-12-23")))
    assert saved.invited_on == D("2026-12-23") and saved.appeal_id is None


# -- art. 13 p. 6 ------------------------------------------------------------------------------------------
def test_a_further_conversation_refused_only_on_a_question_answered_on_the_merits(office, head, head_rule, visitor,
                                                                                   clock):
    earlier = office.appeals.register(AppealInput(
        form="written", kind="statement", summary="Нет тепла", questions=(QuestionInput(HEAT),),
        registered_on=D("2026-10-01"), applicant=visitor()))
    other = office.appeals.register(AppealInput(
        form="written", kind="statement", summary="Яма на дороге", questions=(QuestionInput(ROADS),),
        registered_on=D("2026-10-01"), applicant=visitor()))
    office.appeals.answer(other.id, AnswerInput(D("2026-10-20"), {other.questions[0].id: "explained"}))
    key = f"rule:{head_rule.id}:2026-11-19"  # Thursday
    refuse = dict(outcome="refused_answered", oral_consent=False, answer_text=None,
                  applicant_id=earlier.applicant.id, applicant=None)
    with pytest.raises(ValidationError) as err:  # which appeal?
        office.reception.save_card(key, card(visitor, **refuse))
    assert fields(err) == {"earlier_appeal_id"}
    with pytest.raises(ValidationError, match="не давался"):  # not answered yet
        office.reception.save_card(key, card(visitor, **refuse, earlier_appeal_id=earlier.id))
    with pytest.raises(ValidationError, match="не давался"):  # answered, but on another question
        office.reception.save_card(key, card(visitor, **refuse, earlier_appeal_id=other.id))
    office.appeals.answer(earlier.id, AnswerInput(D("2026-10-20"), {earlier.questions[0].id: "explained"}))
    saved = office.reception.save_card(key, card(visitor, **refuse, earlier_appeal_id=earlier.id))
    assert saved.earlier_appeal_number == earlier.reg_number and saved.outcome == "refused_answered"
