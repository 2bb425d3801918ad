"""Pre-registration conflicts, no-shows, reception cards and their conversion into registered appeals."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from appealdesk.errors import DomainError, ValidationError
from appealdesk.reception import BookingInput, CardInput, CardQuestionInput, RuleInput, VisitingInput

HEAT = "0005.0005.0056.1156"
ROADS = "0003.0009.0097.0690"


def test_a_slot_holds_one_visitor_and_a_visitor_one_slot(office, head, deputy, head_rule, visitor):
    key = f"rule:{head_rule.id}:2026-12-03"
    b = office.reception.book(key, BookingInput(time(14), applicant=visitor(), topic="Отопление"))
    assert (b.slot_from, b.slot_to, b.status, b.applicant) == (time(14), time(14, 20), "booked", "Фёдоров Иван Ильич")
    with pytest.raises(DomainError, match="уже занято"):
        office.reception.book(key, BookingInput(time(14), applicant=visitor("Смирнова", "Анна", "Петровна")))
    with pytest.raises(DomainError, match="уже записан"):
        office.reception.book(key, BookingInput(time(15), applicant_id=b.applicant_id))
    with pytest.raises(ValidationError, match="не совпадает"):
        office.reception.book(key, BookingInput(time(14, 5), applicant=visitor("Смирнова", "Анна", "Петровна")))
    # the deputy receives the same afternoon: the same visitor can't be in both at overlapping times
    office.reception.save_rule(RuleInput(deputy.id, (4,), time(14, 10), time(16), "каб. 2", date(2026, 1, 1),
                                         slot_minutes=30))
    dkey = next(e.key for e in office.reception.schedule(date(2026, 12, 3), date(2026, 12, 3)).entries
                if e.official_id == deputy.id)
    with pytest.raises(DomainError, match="пересекается"):
        office.reception.book(dkey, BookingInput(time(14, 10), applicant_id=b.applicant_id))
    later = office.reception.book(dkey, BookingInput(time(14, 40), applicant_id=b.applicant_id))
    assert later.status == "booked"
    # a cancelled booking frees its slot
    office.reception.cancel_booking(b.id, "Позвонил, не сможет прийти")
    again = office.reception.book(key, BookingInput(time(14), applicant=visitor("Смирнова", "Анна", "Петровна")))
    day = office.reception.day(key)
    assert day.slots[0].booking.id == again.id
    assert [x.status for x in day.bookings] == ["cancelled", "booked"]
    assert day.entry.booked == 1


def test_booking_refusals(office, head, head_rule, visitor, clock):
    with pytest.raises(DomainError, match="уже прошёл"):
        office.reception.book(f"rule:{head_rule.id}:2026-11-19", BookingInput(time(14), applicant=visitor()))
    with pytest.raises(ValidationError, match="посетителя"):
        office.reception.book(f"rule:{head_rule.id}:2026-12-03", BookingInput(time(14)))
    key = f"rule:{head_rule.id}:2026-12-07"
    b = office.reception.book(key, BookingInput(time(14), applicant=visitor()))
    with pytest.raises(DomainError, match="ещё не наступил"):
        office.reception.mark_no_show(b.id)
    office.reception.cancel_reception(key, "Командировка")
    assert office.reception.day(key).bookings[0].status == "cancelled"
    with pytest.raises(DomainError, match="отменён"):
        office.reception.book(key, BookingInput(time(14, 20), applicant=visitor("Смирнова", "Анна", "Петровна")))


def test_no_show(office, head, head_rule, visitor, clock):
    key = f"rule:{head_rule.id}:2026-12-03"
    b = office.reception.book(key, BookingInput(time(14, 20), applicant=visitor()))
    clock["today"] = date(2026, 12, 3)
    assert office.reception.mark_no_show(b.id).status == "no_show"
    with pytest.raises(DomainError, match="не явился"):
        office.reception.cancel_booking(b.id)


def test_written_answer_card_becomes_a_registered_appeal(office, head, head_rule, visitor, clock):
    key = f"rule:{head_rule.id}:2026-12-03"
    b = office.reception.book(key, BookingInput(time(14), applicant=visitor(), topic="Нет отопления"))
    clock["today"] = date(2026, 12, 3)
    card = office.reception.save_card(key, CardInput(
        summary="Не работает отопление в доме по ул. Мира, 1", questions=(CardQuestionInput(HEAT),),
        outcome="written_answer", booking_id=b.id, identity_document="паспорт 01 02 123456",
        social_category="пенсионер",
    ))
    assert card.appeal_id is not None and card.appeal_number
    appeal = office.appeals.get(card.appeal_id)
    assert appeal.form == "personal_reception"
    assert appeal.registered_on == date(2026, 12, 3)
    # 3.12 + 30 days = 2.01.2027, a holiday: the deadline moves to the preceding working day (31.12 is off too)
    assert appeal.legal_deadline == office._ctx.engine().calendar.previous_working(date(2027, 1, 2))
    assert appeal.legal_deadline == date(2026, 12, 30)
    assert [q.code for q in appeal.questions] == [HEAT]
    assert appeal.applicant.display_name == "Фёдоров Иван Ильич"
    day = office.reception.day(key)
    assert day.entry.status == "held"
    assert day.bookings[0].status == "received" and day.bookings[0].card_id == card.id
    assert day.cards[0].social_category == "пенсионер"
    # the card cannot later say "oral answer": the appeal is registered
    with pytest.raises(DomainError, match="уже зарегистрировано"):
        office.reception.save_card(key, CardInput("x", (CardQuestionInput(HEAT),), "oral_answer", booking_id=b.id,
                                                  oral_consent=True, answer_text="y"), card_id=card.id)
    assert ("reception_card", "register") in [(r.entity, r.action) for r in office.audit.recent(20)]


def test_deadline_of_an_ordinary_day(office, head, head_rule, visitor, clock):
    key = f"rule:{head_rule.id}:2026-11-02"  # Monday 2.11.2026 (4.11 is the holiday, not 2.11)
    clock["today"] = date(2026, 11, 2)
    card = office.reception.save_card(key, CardInput("Ремонт дороги по ул. Лесной", (CardQuestionInput(ROADS),),
                                                     "written_answer", applicant=visitor()))
    appeal = office.appeals.get(card.appeal_id)
    assert appeal.legal_deadline == date(2026, 11, 2) + timedelta(days=30)  # 2.12.2026, a Wednesday


def test_visiting_reception_gives_visiting_form(office, head, village, visitor, clock):
    clock["today"] = date(2026, 12, 9)
    e = office.reception.add_visiting(VisitingInput(head.id, date(2026, 12, 9), time(10), time(12), village.id, "Клуб"))
    card = office.reception.save_card(e.key, CardInput("Уличное освещение", (CardQuestionInput(ROADS),),
                                                       "written_answer", applicant=visitor()))
    appeal = office.appeals.get(card.appeal_id)
    assert appeal.form == "visiting_reception"
    assert appeal.settlement == "д. Малиновка"


def test_card_rules_and_rollback(office, head, head_rule, visitor, clock):
    key = f"rule:{head_rule.id}:2026-12-03"
    with pytest.raises(DomainError, match="ещё не наступил"):
        office.reception.save_card(key, CardInput("x", (CardQuestionInput(HEAT),), "written_answer",
                                                  applicant=visitor()))
    clock["today"] = date(2026, 12, 3)
    with pytest.raises(ValidationError) as err:
        office.reception.save_card(key, CardInput(" ", (), "oral_answer", applicant=visitor()))
    assert {"summary", "questions", "oral_consent", "answer_text"} <= {e.field for e in err.value.errors}
    with pytest.raises(ValidationError, match="куда"):
        office.reception.save_card(key, CardInput("Пенсия", (CardQuestionInput(HEAT),), "outside_competence",
                                                  applicant=visitor()))
    # an appeal kind the registration refuses: the card is not saved either
    with pytest.raises(ValidationError):
        office.reception.save_card(key, CardInput("Жалоба", (CardQuestionInput(HEAT),), "written_answer",
                                                  applicant=visitor(), appeal_kind="petition"))
    assert office.reception.day(key).cards == ()
    assert office.reception.entry(key).reception_id is None  # the materialised row was rolled back as well
    oral = office.reception.save_card(key, CardInput(
        "Когда дадут отопление", (CardQuestionInput(HEAT),), "oral_answer", applicant=visitor(), oral_consent=True,
        answer_text="Разъяснён график подключения", visited_at=time(15, 5)))
    assert oral.appeal_id is None and oral.walk_in and oral.outcome_label.startswith("Дан устный")
    handed = office.reception.save_card(key, CardInput(
        "Письменное заявление о ремонте", (CardQuestionInput(ROADS),), "appeal_handed",
        applicant=visitor("Смирнова", "Анна", "Петровна")))
    assert office.appeals.get(handed.appeal_id).form == "written"


def test_national_day_is_a_live_queue_and_holding_materialises_it(office, head, visitor):
    with pytest.raises(DomainError, match="живой очереди"):
        office.reception.book("nd:2026", BookingInput(time(12), applicant=visitor()))
    held = office.reception.hold("nd:2026")
    entry = office.reception.entry("nd:2026")
    assert entry.reception_id == held.reception_id and entry.day == date(2026, 12, 14)
    assert entry.official_id == head.id
