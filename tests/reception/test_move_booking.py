"""Moving a booking: to another time of the same reception or to another day, under the checks of a new
booking; the move is audited and leaves the old time free."""

from __future__ import annotations

from datetime import date, time

import pytest

from appealdesk.errors import DomainError, ValidationError
from appealdesk.reception import BookingInput


def test_move_to_another_day_frees_the_old_time(office, head, head_rule, visitor):
    dec3, dec7 = f"rule:{head_rule.id}:2026-12-03", f"rule:{head_rule.id}:2026-12-07"
    b = office.reception.book(dec3, BookingInput(time(14), applicant=visitor(), topic="Отопление"))
    moved = office.reception.move_booking(b.id, dec7, time(15))
    assert moved.id == b.id and (moved.slot_from, moved.slot_to, moved.status) == (time(15), time(15, 20), "booked")
    assert moved.topic == "Отопление" and moved.applicant == b.applicant
    assert office.reception.day(dec3).bookings == ()
    assert office.reception.day(dec7).bookings[0].id == b.id
    other = office.reception.book(dec3, BookingInput(time(14), applicant=visitor("Смирнова", "Анна", "Петровна")))
    assert other.status == "booked"  # the old time is free again
    history = office.audit.history("reception_booking", b.id)
    assert [h.action for h in history][-1] == "move"
    place = "с. Ключи, ул. Центральная, 1, каб. 1"
    assert history[-1].changes[0][1:] == (f"03.12.2026 14:00–14:20, {place}", f"07.12.2026 15:00–15:20, {place}")


def test_move_within_the_same_reception(office, head, head_rule, visitor):
    key = f"rule:{head_rule.id}:2026-12-03"
    b = office.reception.book(key, BookingInput(time(14), applicant=visitor()))
    busy = office.reception.book(key, BookingInput(time(14, 40), applicant=visitor("Смирнова", "Анна", "Петровна")))
    with pytest.raises(DomainError, match="уже занято"):
        office.reception.move_booking(b.id, key, time(14, 40))
    moved = office.reception.move_booking(b.id, key, time(14, 20))  # its own old time does not block it
    assert moved.slot_from == time(14, 20)
    assert office.reception.move_booking(b.id, key, time(14, 20)) == moved  # to where it is: nothing changes
    slots = {s.slot_from: s.booking.id if s.booking else None for s in office.reception.day(key).slots}
    assert slots[time(14)] is None and slots[time(14, 20)] == b.id and slots[time(14, 40)] == busy.id


def test_move_refusals(office, head, head_rule, visitor, clock):
    dec3, dec7 = f"rule:{head_rule.id}:2026-12-03", f"rule:{head_rule.id}:2026-12-07"
    b = office.reception.book(dec3, BookingInput(time(14), applicant=visitor()))
    with pytest.raises(ValidationError, match="не совпадает"):
        office.reception.move_booking(b.id, dec7, time(14, 5))
    with pytest.raises(DomainError, match="уже прошёл"):
        office.reception.move_booking(b.id, f"rule:{head_rule.id}:2026-11-19", time(14))
    office.reception.cancel_reception(dec7, "Командировка")
    with pytest.raises(DomainError, match="отменён"):
        office.reception.move_booking(b.id, dec7, time(14))
    assert office.reception.day(dec3).bookings[0].slot_from == time(14)  # refused moves change nothing
    clock["today"] = date(2026, 12, 3)
    office.reception.mark_no_show(b.id)
    with pytest.raises(DomainError, match="перенести её нельзя"):
        office.reception.move_booking(b.id, f"rule:{head_rule.id}:2026-12-10", time(14))
