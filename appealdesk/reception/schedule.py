"""The schedule of a period from the standing rules, the exceptions, the production calendar and the
receptions already held or booked. Pure functions on plain values: no database here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta

from ..domain.calendar import WorkCalendar, reception_day
from ..domain.codes import ReceptionKind
from .values import (
    EXCEPTION_LABELS,
    NATIONAL_FROM,
    NATIONAL_TO,
    ExceptionView,
    RuleView,
    ScheduleEntry,
)

CONSULTATIVE = ReceptionKind.CONSULTATIVE.value


def rule_key(rule_id: int, day: date) -> str:
    return f"rule:{rule_id}:{day.isoformat()}"


def national_key(year: int) -> str:
    return f"nd:{year}"


def week_of_month(day: date) -> int:
    """1 for the first Monday (Tuesday, ...) of the month, 2 for the second one, and so on."""
    return (day.day - 1) // 7 + 1


def days_between(start: date, end: date) -> Iterable[date]:
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def rule_occurrences(
    rule: RuleView, start: date, end: date, calendar: WorkCalendar, exceptions: Iterable[ExceptionView]
) -> tuple[list[ScheduleEntry], list[tuple[int, date, str]]]:
    """The receptions a rule gives from ``start`` to ``end``, and the rule days that have none (with why)."""
    entries: list[ScheduleEntry] = []
    skipped: list[tuple[int, date, str]] = []
    if not rule.active:
        return entries, skipped
    lo = max(start, rule.valid_from)
    hi = min(end, rule.valid_to) if rule.valid_to else end
    own = [e for e in exceptions if e.official_id == rule.official_id]
    for day in days_between(lo, hi):
        if day.isoweekday() not in rule.weekdays:
            continue
        if rule.month_weeks and week_of_month(day) not in rule.month_weeks:
            continue
        if not calendar.is_working(day) and rule.kind != CONSULTATIVE:  # consultations go on on days off
            name = calendar.holiday_name(day) or ""
            why = "нерабочий день" if not name or name.startswith("Выходной") else f"праздник: {name}"
            skipped.append((rule.id, day, why))
            continue
        time_from, time_to, place, note = rule.time_from, rule.time_to, rule.place, rule.note
        blocked = None
        for ex in own:
            if ex.date_from <= day <= ex.date_to:
                if ex.kind == "changed":
                    time_from = ex.time_from or time_from
                    time_to = ex.time_to or time_to
                    place = ex.place or place
                    note = ex.note or "изменены часы или место приёма"
                else:
                    blocked = EXCEPTION_LABELS.get(ex.kind, ex.kind) + (f": {ex.note}" if ex.note else "")
        if blocked:
            skipped.append((rule.id, day, blocked))
            continue
        entries.append(
            ScheduleEntry(
                key=rule_key(rule.id, day), reception_id=None, kind=rule.kind, day=day, time_from=time_from,
                time_to=time_to, official_id=rule.official_id, official=rule.official, position=rule.position,
                place=place, settlement=None, phone=rule.phone, pre_registration=rule.pre_registration,
                slot_minutes=rule.slot_minutes, rule_id=rule.id, note=note,
            )
        )
    return entries, skipped


def national_days(start: date, end: date, calendar: WorkCalendar, place: str, phone: str | None) -> list[ScheduleEntry]:
    """The all-Russian reception day of each year whose day falls in the period (12.12 or the next working
    day), 12:00-20:00, for all officials."""
    out = []
    for year in range(start.year, end.year + 1):
        day = reception_day(year, calendar)
        if start <= day <= end:
            moved = day != date(year, 12, 12)
            out.append(
                ScheduleEntry(
                    key=national_key(year), reception_id=None, kind="national_day", day=day,
                    time_from=NATIONAL_FROM, time_to=NATIONAL_TO, official_id=None, official="", position="",
                    place=place, settlement=None, phone=phone, pre_registration=False, slot_minutes=20,
                    note=("12 декабря — нерабочий день, приём переносится на ближайший рабочий день" if moved
                          else None),
                )
            )
    return out


def merge(
    virtual: Iterable[ScheduleEntry], materialised: Iterable[ScheduleEntry]
) -> tuple[ScheduleEntry, ...]:
    """Materialised receptions replace the proposals they came from; sorted by day, time and official."""
    real = list(materialised)
    taken = set()
    for e in real:
        if e.rule_id is not None:
            taken.add(rule_key(e.rule_id, e.day))
        if e.kind == "national_day":
            taken.add(national_key(e.day.year))
    out = real + [v for v in virtual if v.key not in taken]
    out.sort(key=lambda e: (e.day, e.time_from, e.official or "", e.key))
    return tuple(out)


def slot_times(time_from: time, time_to: time, minutes: int) -> list[tuple[time, time]]:
    """The slots of ``minutes`` that fit from ``time_from`` to ``time_to``."""
    out = []
    step = max(1, minutes)
    a = time_from.hour * 60 + time_from.minute
    end = time_to.hour * 60 + time_to.minute
    while a + step <= end:
        b = a + step
        out.append((time(a // 60, a % 60), time(b // 60, b % 60)))
        a = b
    return out


def overlaps(a_from: time, a_to: time, b_from: time, b_to: time) -> bool:
    return a_from < b_to and b_from < a_to


def official_conflict(entries: Iterable[ScheduleEntry], official_id: int, day: date, time_from: time,
                      time_to: time, skip_key: str | None = None, skip_id: int | None = None) -> ScheduleEntry | None:
    """The official's reception that day whose hours overlap ``time_from``-``time_to`` (not cancelled; the
    reception being edited left out): the printed schedule must never show one person in two places."""
    for e in entries:
        if e.official_id != official_id or e.day != day or e.status == "cancelled":
            continue
        if e.key == skip_key or (skip_id is not None and e.reception_id == skip_id):
            continue
        if overlaps(time_from, time_to, e.time_from, e.time_to):
            return e
    return None
