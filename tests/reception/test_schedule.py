"""The schedule from the rules: holidays, the 2026 transfers, exceptions, visiting receptions, 12 December."""

from __future__ import annotations

from datetime import date, time

import pytest

from appealdesk.errors import DomainError, ValidationError
from appealdesk.reception import ExceptionInput, RuleInput, VisitingInput
from appealdesk.reception.schedule import slot_times, week_of_month


def _days(schedule, official_id=None, kind=None):
    return [e.day for e in schedule.entries
            if (official_id is None or e.official_id == official_id) and (kind is None or e.kind == kind)]


def test_head_monday_thursday_december_2026(office, head, head_rule):
    s = office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    days = _days(s, head.id, "regular")
    # Mondays 7, 14, 21, 28; Thursdays 3, 10, 17, 24; Thursday 31.12.2026 is a day off (2026 transfer)
    assert days == [date(2026, 12, d) for d in (3, 7, 10, 14, 17, 21, 24, 28)]
    assert date(2026, 12, 31) not in days
    assert (head_rule.id, date(2026, 12, 31)) in [(r, d) for r, d, _ in s.skipped]
    e = next(e for e in s.entries if e.day == date(2026, 12, 3))
    assert (e.time_from, e.time_to, e.place) == (time(14), time(17), "с. Ключи, ул. Центральная, 1, каб. 1")
    assert e.reception_id is None and e.key == f"rule:{head_rule.id}:2026-12-03"


def test_national_reception_day_moves_to_monday_14_december_2026(office, head, head_rule):
    s = office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    nd = [e for e in s.entries if e.kind == "national_day"]
    assert len(nd) == 1
    assert nd[0].day == date(2026, 12, 14)
    assert (nd[0].time_from, nd[0].time_to) == (time(12), time(20))
    assert "ул. Центральная, 1" in nd[0].place
    # 2025: 12.12.2025 is a Friday, a working day
    assert [e.day for e in office.reception.schedule(date(2025, 12, 1), date(2025, 12, 31)).entries
            if e.kind == "national_day"] == [date(2025, 12, 12)]


def test_may_holidays_and_january_2026(office, head, head_rule):
    s = office.reception.schedule(date(2026, 1, 1), date(2026, 1, 31))
    days = _days(s, head.id)
    # 1-11 January are days off in 2026 (the holidays and the transfer of 3 January)
    assert days[0] == date(2026, 1, 12)
    assert all(office._ctx.engine().calendar.is_working(d) for d in days)
    may = _days(office.reception.schedule(date(2026, 5, 1), date(2026, 5, 31)), head.id)
    assert date(2026, 5, 11) not in may  # Monday 11 May 2026: the day off for Victory Day (Saturday 9 May)
    assert date(2026, 5, 4) in may


def test_exceptions_vacation_and_changed_hours(office, head, head_rule):
    office.reception.save_exception(ExceptionInput(head.id, date(2026, 12, 1), date(2026, 12, 8), "vacation"))
    office.reception.save_exception(ExceptionInput(head.id, date(2026, 12, 17), date(2026, 12, 17), "changed",
                                                   time_from=time(9), time_to=time(12), place="Дом культуры"))
    s = office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    days = _days(s, head.id, "regular")
    assert date(2026, 12, 3) not in days and date(2026, 12, 7) not in days
    assert days[0] == date(2026, 12, 10)
    changed = next(e for e in s.entries if e.day == date(2026, 12, 17))
    assert (changed.time_from, changed.place) == (time(9), "Дом культуры")
    assert any("отпуск" in why for _, d, why in s.skipped if d == date(2026, 12, 3))


def test_month_weeks_and_validity(office, deputy):
    office.reception.save_rule(RuleInput(deputy.id, (2,), time(10), time(12), "каб. 2", date(2026, 12, 10),
                                         valid_to=date(2026, 12, 31), month_weeks=(1, 3)))
    days = _days(office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31)), deputy.id)
    assert days == [date(2026, 12, 15)]  # the 1st Tuesday (1.12) is before valid_from
    assert week_of_month(date(2026, 12, 15)) == 3


def test_visiting_reception_listed_and_checked(office, head, village):
    e = office.reception.add_visiting(VisitingInput(head.id, date(2026, 12, 9), time(10), time(12), village.id,
                                                    "Клуб д. Малиновка"))
    s = office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    v = [x for x in s.entries if x.kind == "visiting"]
    assert [(x.day, x.settlement, x.place) for x in v] == [(date(2026, 12, 9), "д. Малиновка", "Клуб д. Малиновка")]
    assert v[0].reception_id == e.reception_id
    with pytest.raises(ValidationError, match="нерабочий"):
        office.reception.add_visiting(VisitingInput(head.id, date(2026, 12, 12), time(10), time(12), village.id, "Клуб"))
    with pytest.raises(ValidationError):
        office.reception.add_visiting(VisitingInput(head.id, date(2026, 12, 9), time(12), time(10), None, ""))


def test_rule_validation_in_russian(office, head):
    with pytest.raises(ValidationError) as err:
        office.reception.save_rule(RuleInput(head.id, (), time(17), time(14), " ", date(2026, 1, 1)))
    fields = {e.field for e in err.value.errors}
    assert {"weekdays", "time_to", "place"} <= fields


def test_materialised_receptions_replace_proposals(office, head, head_rule):
    key = f"rule:{head_rule.id}:2026-12-03"
    held = office.reception.hold(key)
    assert held.reception_id is not None
    s = office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    same_day = [e for e in s.entries if e.day == date(2026, 12, 3)]
    assert len(same_day) == 1 and same_day[0].reception_id == held.reception_id
    assert office.reception.hold(key).reception_id == held.reception_id  # idempotent
    with pytest.raises(DomainError, match="приёма по этому графику нет"):
        office.reception.hold(f"rule:{head_rule.id}:2026-12-31")


def test_cancelled_reception_and_deleting_rules(office, head, head_rule):
    key = f"rule:{head_rule.id}:2026-12-07"
    with pytest.raises(ValidationError):
        office.reception.cancel_reception(key, " ")
    e = office.reception.cancel_reception(key, "Глава на сессии районного Совета")
    assert e.status == "cancelled"
    office.reception.delete_rule(head_rule.id)  # used by a reception: only switched off
    rules = office.reception.rules()
    assert len(rules) == 1 and not rules[0].active
    s = office.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    assert [x.day for x in s.entries if x.official_id == head.id] == [date(2026, 12, 7)]  # the cancelled one
    actions = [(r.entity, r.action) for r in office.audit.recent(20)]
    assert ("reception", "cancel") in actions and ("reception_rule", "update") in actions


def test_slots():
    assert slot_times(time(14), time(15), 20) == [(time(14), time(14, 20)), (time(14, 20), time(14, 40)),
                                                  (time(14, 40), time(15))]
    assert slot_times(time(14), time(14, 50), 20)[-1] == (time(14, 20), time(14, 40))
