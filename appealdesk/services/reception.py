"""Personal reception (59-FZ art. 13): schedules, pre-registration, reception cards.

    desk.reception.save_rule(RuleInput(official_id, (1, 4), time(14), time(17), "каб. 1", date(2026, 1, 1)))
    schedule = desk.reception.schedule(date(2026, 12, 1), date(2026, 12, 31))
    booking = desk.reception.book(schedule.entries[0].key, BookingInput(time(14), applicant_id=7))
    card = desk.reception.save_card(schedule.entries[0].key, CardInput(..., outcome="written_answer"))

A reception is named by a ``key`` (see ``ScheduleEntry``): the receptions of a rule and the 12 December day
exist only as proposals until someone books or holds them; then a ``receptions`` row is made ("materialised").
Every change is audited; every refusal is a Russian domain error.
"""

from __future__ import annotations

import os
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.codes import MERITS_RESULTS
from ..domain.roles import Permission as P
from ..errors import DomainError, FieldError, NotFoundError, ValidationError
from ..reception import schedule as sched
from ..reception import store
from ..reception.convert import appeal_form
from ..reception.values import (
    BookingInput,
    BookingView,
    CardInput,
    CardView,
    ExceptionInput,
    ExceptionView,
    ReceptionDay,
    RuleInput,
    RuleView,
    Schedule,
    ScheduleEntry,
    Slot,
    VisitingInput,
)
from ..storage.models import Appeal, Applicant, Official, Settlement
from ..storage.models_reception import (
    Reception,
    ReceptionBooking,
    ReceptionCard,
    ReceptionCardQuestion,
    ReceptionException,
    ReceptionRule,
)
from . import applicants as applicant_rules
from . import audit
from .access import requires
from .appeals import register_in
from .context import ServiceContext
from .values import AppealInput, QuestionInput

RULE_KINDS = ("regular", "video", "consultative")
EXCEPTION_KINDS = ("vacation", "sick_leave", "cancelled", "changed")
OUTCOMES = ("oral_answer", "written_answer", "outside_competence", "appeal_handed", "invited", "refused_answered")
NATIONAL_DAY = "national_day"
CREATES_APPEAL = ("written_answer", "appeal_handed")


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _t(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def _active_booking(s: Session, booking_id: int, verb: str) -> ReceptionBooking:
    """A booking still in force ("booked"); ``verb`` says what the refused change was."""
    b = s.get(ReceptionBooking, booking_id)
    if b is None:
        raise NotFoundError("Запись на приём не найдена")
    if b.status != "booked":
        raise DomainError(f"Запись уже в состоянии «{_booking_label(b.status)}»: {verb} её нельзя")
    return b


class ReceptionService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # -- rules -----------------------------------------------------------------------------------
    @requires(P.READ)
    def rules(self, official_id: int | None = None) -> tuple[RuleView, ...]:
        with self._ctx.read() as s:
            return store.rules(s, official_id=official_id)

    @requires(P.SCHEDULE)
    def save_rule(self, data: RuleInput, rule_id: int | None = None) -> RuleView:
        ctx = self._ctx
        with ctx.uow() as s:
            errors = []
            if s.get(Official, data.official_id) is None:
                errors.append(FieldError("official_id", "Выберите должностное лицо"))
            if not data.weekdays or any(not 1 <= d <= 7 for d in data.weekdays):
                errors.append(FieldError("weekdays", "Отметьте хотя бы один день недели"))
            if any(not 1 <= w <= 5 for w in data.month_weeks):
                errors.append(FieldError("month_weeks", "Неделя месяца — число от 1 до 5"))
            errors += _hours_errors(data.time_from, data.time_to, data.slot_minutes)
            if not data.place.strip():
                errors.append(FieldError("place", "Укажите место приёма"))
            if data.valid_to and data.valid_to < data.valid_from:
                errors.append(FieldError("valid_to", "Дата окончания раньше даты начала"))
            if data.kind not in RULE_KINDS:
                errors.append(FieldError("kind", "Неизвестный вид приёма"))
            if errors:
                raise ValidationError(errors)
            names = store.official_names(s)
            if rule_id is None:
                row = ReceptionRule()
                before: dict[str, object] = {}
            else:
                row = s.get(ReceptionRule, rule_id)
                if row is None:
                    raise NotFoundError("Правило графика не найдено")
                before = _rule_dict(store.rule_view(row, names))
            row.official_id, row.kind = data.official_id, data.kind
            row.weekdays = store.ints_text(data.weekdays)
            row.month_weeks = store.ints_text(data.month_weeks)
            row.time_from, row.time_to, row.place = data.time_from, data.time_to, data.place.strip()
            row.phone, row.pre_registration = _clean(data.phone), data.pre_registration
            row.slot_minutes, row.priority_note = data.slot_minutes, _clean(data.priority_note)
            row.valid_from, row.valid_to, row.note, row.active = data.valid_from, data.valid_to, _clean(data.note), data.active
            if rule_id is None:
                s.add(row)
            s.flush()
            view = store.rule_view(row, names)
            audit.record(s, ctx, "reception_rule", row.id, "register" if rule_id is None else "update",
                         audit.diff(before, _rule_dict(view)))
            return view

    @requires(P.SCHEDULE)
    def delete_rule(self, rule_id: int) -> None:
        """Removes a rule; one whose receptions were booked or held is only switched off (kept for history)."""
        ctx = self._ctx
        with ctx.uow() as s:
            row = s.get(ReceptionRule, rule_id)
            if row is None:
                raise NotFoundError("Правило графика не найдено")
            used = s.scalar(select(Reception.id).where(Reception.rule_id == rule_id).limit(1))
            if used is not None:
                row.active = False
                audit.record(s, ctx, "reception_rule", rule_id, "update", [("active", "да", "нет")])
            else:
                s.delete(row)
                audit.record(s, ctx, "reception_rule", rule_id, "delete", [])

    # -- exceptions ------------------------------------------------------------------------------
    @requires(P.READ)
    def exceptions(self, official_id: int | None = None, start: date | None = None,
                   end: date | None = None) -> tuple[ExceptionView, ...]:
        with self._ctx.read() as s:
            return store.exceptions(s, start, end, official_id)

    @requires(P.SCHEDULE)
    def save_exception(self, data: ExceptionInput, exception_id: int | None = None) -> ExceptionView:
        ctx = self._ctx
        with ctx.uow() as s:
            errors = []
            if s.get(Official, data.official_id) is None:
                errors.append(FieldError("official_id", "Выберите должностное лицо"))
            if data.date_to < data.date_from:
                errors.append(FieldError("date_to", "Дата окончания раньше даты начала"))
            if data.kind not in EXCEPTION_KINDS:
                errors.append(FieldError("kind", "Неизвестный вид исключения"))
            if data.kind == "changed":
                if not (data.time_from or data.time_to or _clean(data.place)):
                    errors.append(FieldError("time_from", "Укажите новые часы или новое место приёма"))
                if data.time_from and data.time_to and data.time_from >= data.time_to:
                    errors.append(FieldError("time_to", "Время окончания должно быть позже начала"))
            if errors:
                raise ValidationError(errors)
            names = store.official_names(s)
            if exception_id is None:
                row, before = ReceptionException(), {}
            else:
                row = s.get(ReceptionException, exception_id)
                if row is None:
                    raise NotFoundError("Исключение из графика не найдено")
                before = _exc_dict(store.exception_view(row, names))
            row.official_id, row.date_from, row.date_to, row.kind = (data.official_id, data.date_from,
                                                                     data.date_to, data.kind)
            changed = data.kind == "changed"
            row.time_from = data.time_from if changed else None
            row.time_to = data.time_to if changed else None
            row.place = _clean(data.place) if changed else None
            row.note = _clean(data.note)
            if exception_id is None:
                s.add(row)
            s.flush()
            view = store.exception_view(row, names)
            audit.record(s, ctx, "reception_exception", row.id, "register" if exception_id is None else "update",
                         audit.diff(before, _exc_dict(view)))
            return view

    @requires(P.SCHEDULE)
    def delete_exception(self, exception_id: int) -> None:
        ctx = self._ctx
        with ctx.uow() as s:
            row = s.get(ReceptionException, exception_id)
            if row is None:
                raise NotFoundError("Исключение из графика не найдено")
            before = _exc_dict(store.exception_view(row, store.official_names(s)))
            s.delete(row)
            audit.record(s, ctx, "reception_exception", exception_id, "delete", audit.diff(before, {}))

    # -- visiting and one-off receptions ---------------------------------------------------------
    @requires(P.SCHEDULE)
    def add_visiting(self, data: VisitingInput, reception_id: int | None = None) -> ScheduleEntry:
        ctx = self._ctx
        with ctx.uow() as s:
            errors = []
            if s.get(Official, data.official_id) is None:
                errors.append(FieldError("official_id", "Выберите должностное лицо"))
            if data.settlement_id is not None and s.get(Settlement, data.settlement_id) is None:
                errors.append(FieldError("settlement_id", "Населённый пункт не найден"))
            if data.kind == "visiting" and data.settlement_id is None:
                errors.append(FieldError("settlement_id", "Укажите населённый пункт выездного приёма"))
            if not data.place.strip():
                errors.append(FieldError("place", "Укажите место приёма"))
            errors += _hours_errors(data.time_from, data.time_to, data.slot_minutes)
            if not ctx.engine().calendar.is_working(data.day) and data.kind != sched.CONSULTATIVE:
                errors.append(FieldError("day", f"{_d(data.day)} — нерабочий день: выберите рабочий (в выходной "
                                                "проводится только консультативный приём)"))
            if errors:
                raise ValidationError(errors)
            other = sched.official_conflict(self._day_entries(s, data.day), data.official_id, data.day,
                                            data.time_from, data.time_to, skip_id=reception_id)
            if other is not None:
                raise ValidationError([FieldError("time_from", (
                    f"{other.official} в этот день уже ведёт {other.kind_label.lower()} {other.hours} "
                    f"({other.place}): часы пересекаются. Выберите другое время или отмените тот приём."))])
            if reception_id is None:
                row = Reception(created_at=ctx.now(), status="planned")
                before: dict[str, object] = {}
            else:
                row = store.load_reception(s, reception_id)
                before = _entry_dict(store.entry_of(s, row))
            row.kind, row.official_id, row.day = data.kind, data.official_id, data.day
            row.time_from, row.time_to, row.place = data.time_from, data.time_to, data.place.strip()
            row.settlement_id, row.phone = data.settlement_id, _clean(data.phone)
            row.pre_registration, row.slot_minutes, row.note = data.pre_registration, data.slot_minutes, _clean(data.note)
            if reception_id is None:
                s.add(row)
            s.flush()
            if reception_id is not None:
                self._check_bookings_fit(s, row)
            entry = store.entry_of(s, row)
            audit.record(s, ctx, "reception", row.id, "register" if reception_id is None else "update",
                         audit.diff(before, _entry_dict(entry)))
            return entry

    @requires(P.SCHEDULE)
    def cancel_reception(self, key: str, reason: str) -> ScheduleEntry:
        """Cancels a reception (its bookings are cancelled too, with the reason)."""
        ctx = self._ctx
        if not reason.strip():
            raise ValidationError([FieldError("reason", "Укажите причину отмены приёма")])
        with ctx.uow() as s:
            row = self._materialise(s, key)
            if row.status == "held":
                raise DomainError("Приём уже проведён: отменить его нельзя")
            row.status, row.note = "cancelled", reason.strip()
            for b in s.scalars(select(ReceptionBooking).where(ReceptionBooking.reception_id == row.id,
                                                              ReceptionBooking.status == "booked")):
                b.status, b.status_note = "cancelled", f"приём отменён: {reason.strip()}"
                audit.record(s, ctx, "reception_booking", b.id, "cancel", [("status", "booked", "cancelled")])
            audit.record(s, ctx, "reception", row.id, "cancel", [("status", None, "отменён"),
                                                                   ("reason", None, reason.strip())])
            s.flush()
            return store.entry_of(s, row)

    # -- the schedule ----------------------------------------------------------------------------
    @requires(P.READ)
    def schedule(self, start: date, end: date) -> Schedule:
        """Every reception from ``start`` to ``end``: the rules' days (minus non-working days and the
        exceptions), the visiting receptions, the 12 December day, materialised or not."""
        if end < start:
            raise ValidationError([FieldError("end", "Конец периода раньше начала")])
        calendar = self._ctx.engine().calendar
        with self._ctx.read() as s:
            rules = store.rules(s, start, end)
            excs = store.exceptions(s, start, end)
            virtual, skipped = [], []
            for rule in rules:
                got, miss = sched.rule_occurrences(rule, start, end, calendar, excs)
                virtual += got
                skipped += miss
            place, phone = self._national_place(s)
            virtual += sched.national_days(start, end, calendar, place, phone)
            entries = sched.merge(virtual, store.receptions(s, start, end))
            return Schedule(start, end, entries, tuple(r for r in rules if r.active), excs, tuple(skipped))

    @requires(P.PRINT)
    def write_schedule_pdf(self, start: date, end: date, path: str | os.PathLike):
        """The schedule of the period as an A4 PDF; returns the paper (``paper.model.Document``) written."""
        from ..reception.printing import schedule_document, write_pdf

        st = self._ctx.settings()
        doc = schedule_document(self.schedule(start, end), st.organisation, st.organisation_address)
        write_pdf(doc, path)
        return doc

    @requires(P.READ)
    def entry(self, key: str) -> ScheduleEntry:
        with self._ctx.read() as s:
            row = self._find(s, key)
            if row is not None:
                return store.entry_of(s, row)
        return self._proposed(key)

    @requires(P.RECEPTION)
    def hold(self, key: str) -> ScheduleEntry:
        """Make a proposed reception a real one (done by booking and by the first card as well)."""
        with self._ctx.uow() as s:
            return store.entry_of(s, self._materialise(s, key))

    @requires(P.READ)
    def day(self, key: str) -> ReceptionDay:
        """A reception with its slots, bookings and cards (the reception day screen)."""
        with self._ctx.read() as s:
            row = self._find(s, key)
            if row is None:
                entry = self._proposed(key)
                slots = tuple(Slot(a, b, None) for a, b in sched.slot_times(entry.time_from, entry.time_to,
                                                                              entry.slot_minutes))
                return ReceptionDay(entry, slots, (), ())
            entry = store.entry_of(s, row)
            bookings = tuple(
                store.booking_view(s, b)
                for b in s.scalars(select(ReceptionBooking).where(ReceptionBooking.reception_id == row.id)
                                   .order_by(ReceptionBooking.slot_from, ReceptionBooking.id))
            )
            active = [b for b in bookings if b.status in store.ACTIVE_BOOKING or b.status == "no_show"]
            slots = []
            for a, b in sched.slot_times(row.time_from, row.time_to, row.slot_minutes or 15):
                held = next((x for x in active if sched.overlaps(a, b, x.slot_from, x.slot_to)), None)
                slots.append(Slot(a, b, held))
            cards = tuple(
                store.card_view(s, c)
                for c in s.scalars(select(ReceptionCard).where(ReceptionCard.reception_id == row.id)
                                   .order_by(ReceptionCard.visited_at, ReceptionCard.id))
            )
            return ReceptionDay(entry, tuple(slots), bookings, cards)

    # -- pre-registration ------------------------------------------------------------------------
    @requires(P.RECEPTION)
    def book(self, key: str, data: BookingInput) -> BookingView:
        ctx = self._ctx
        with ctx.uow() as s:
            row = self._materialise(s, key)
            self._bookable(row)
            applicant = self._applicant(s, data.applicant_id, data.applicant)
            if applicant is None:
                raise ValidationError([FieldError("applicant", "Укажите посетителя: фамилию или выберите из базы")])
            slot_to = self._free_slot(s, row, data.slot_from, applicant)
            booking = ReceptionBooking(
                reception_id=row.id, slot_from=data.slot_from, slot_to=slot_to, applicant_id=applicant.id,
                topic=_clean(data.topic), priority_category=_clean(data.priority_category),
                phone=_clean(data.phone) or applicant.phone, status="booked", created_at=ctx.now(),
                created_by=ctx.user,
            )
            s.add(booking)
            s.flush()
            audit.record(s, ctx, "reception_booking", booking.id, "register", [
                ("reception", None, f"{_d(row.day)} {_t(row.time_from)}, {row.place}"),
                ("slot", None, f"{_t(data.slot_from)}–{_t(slot_to)}"),
                ("applicant", None, applicant.display_name),
                ("topic", None, booking.topic), ("priority_category", None, booking.priority_category),
            ])
            return store.booking_view(s, booking)

    @requires(P.RECEPTION)
    def move_booking(self, booking_id: int, key: str, slot_from: time) -> BookingView:
        """Move a booking to another time of the same reception or to another reception (the visitor asked
        to come another day), under the same checks as a new booking."""
        ctx = self._ctx
        with ctx.uow() as s:
            b = _active_booking(s, booking_id, "перенести")
            old = s.get(Reception, b.reception_id)
            row = self._materialise(s, key)
            if row.id == old.id and slot_from == b.slot_from:
                return store.booking_view(s, b)
            applicant = s.get(Applicant, b.applicant_id)
            slot_to = self._free_slot(s, row, slot_from, applicant, moving=b.id)
            before = f"{_d(old.day)} {_t(b.slot_from)}–{_t(b.slot_to)}, {old.place}"
            b.reception_id, b.slot_from, b.slot_to = row.id, slot_from, slot_to
            audit.record(s, ctx, "reception_booking", b.id, "move", [
                ("slot", before, f"{_d(row.day)} {_t(slot_from)}–{_t(slot_to)}, {row.place}"),
            ])
            s.flush()
            return store.booking_view(s, b)

    def _bookable(self, row: Reception) -> None:
        if row.kind == NATIONAL_DAY:
            raise DomainError("В общероссийский день приёма граждан приём ведётся в порядке живой очереди при "
                              "предъявлении документа, удостоверяющего личность: предварительной записи нет")
        if row.status == "cancelled":
            raise DomainError(f"Приём {_d(row.day)} отменён: записать на него нельзя")
        if row.day < self._ctx.today():
            raise DomainError(f"Приём {_d(row.day)} уже прошёл: записать на него нельзя")

    def _free_slot(self, s: Session, row: Reception, slot_from: time, applicant: Applicant,
                   moving: int | None = None) -> time:
        """The end of the slot starting at ``slot_from`` of reception ``row`` if ``applicant`` may take it;
        ``moving``: the booking being moved (it does not collide with itself)."""
        self._bookable(row)
        slots = dict(sched.slot_times(row.time_from, row.time_to, row.slot_minutes or 15))
        if slot_from not in slots:
            raise ValidationError([FieldError(
                "slot_from", f"Время {_t(slot_from)} не совпадает с началом ни одного интервала записи "
                             f"({_t(row.time_from)}–{_t(row.time_to)}, по {row.slot_minutes} мин.)")])
        slot_to = slots[slot_from]
        others = s.scalars(
            select(ReceptionBooking).where(ReceptionBooking.reception_id == row.id,
                                           ReceptionBooking.status.in_(store.ACTIVE_BOOKING),
                                           ReceptionBooking.id != (moving or 0))
        ).all()
        for b in others:
            if b.applicant_id == applicant.id:
                raise DomainError(f"{applicant.display_name} уже записан(а) на этот приём на {_t(b.slot_from)}")
            if sched.overlaps(slot_from, slot_to, b.slot_from, b.slot_to):
                other = s.get(Applicant, b.applicant_id)
                raise DomainError(f"Время {_t(b.slot_from)}–{_t(b.slot_to)} уже занято: записан(а) "
                                  f"{other.display_name if other else 'другой посетитель'}")
        theirs = s.execute(
            select(ReceptionBooking, Reception)
            .join(Reception, Reception.id == ReceptionBooking.reception_id)
            .where(ReceptionBooking.applicant_id == applicant.id, Reception.day == row.day,
                   Reception.id != row.id, ReceptionBooking.status.in_(store.ACTIVE_BOOKING),
                   ReceptionBooking.id != (moving or 0))
        ).all()
        for b, r in theirs:
            if sched.overlaps(slot_from, slot_to, b.slot_from, b.slot_to):
                raise DomainError(
                    f"{applicant.display_name} уже записан(а) на {_d(r.day)} {_t(b.slot_from)}–{_t(b.slot_to)} "
                    f"на другой приём ({r.place}): время пересекается"
                )
        return slot_to

    @requires(P.RECEPTION)
    def cancel_booking(self, booking_id: int, reason: str | None = None) -> BookingView:
        return self._set_booking(booking_id, "cancelled", reason, "cancel")

    @requires(P.RECEPTION)
    def mark_no_show(self, booking_id: int) -> BookingView:
        return self._set_booking(booking_id, "no_show", None, "no_show")

    def _set_booking(self, booking_id: int, status: str, note: str | None, action: str) -> BookingView:
        ctx = self._ctx
        with ctx.uow() as s:
            b = _active_booking(s, booking_id, "изменить")
            r = s.get(Reception, b.reception_id)
            if status == "no_show" and r.day > ctx.today():
                raise DomainError(f"Приём {_d(r.day)} ещё не наступил: отметить неявку нельзя")
            old = b.status
            b.status, b.status_note = status, _clean(note)
            audit.record(s, ctx, "reception_booking", b.id, action,
                         [("status", old, status), ("reason", None, _clean(note))])
            s.flush()
            return store.booking_view(s, b)

    # -- reception cards -------------------------------------------------------------------------
    @requires(P.READ)
    def card(self, card_id: int) -> CardView:
        with self._ctx.read() as s:
            row = s.get(ReceptionCard, card_id)
            if row is None:
                raise NotFoundError("Карточка личного приёма не найдена")
            return store.card_view(s, row)

    @requires(P.RECEPTION)
    def save_card(self, key: str, data: CardInput, card_id: int | None = None) -> CardView:
        """Save the reception card; a written answer (or a handed-in written appeal) registers an appeal
        with its own 30-day deadline, linked to the card, in the same transaction."""
        ctx = self._ctx
        with ctx.uow() as s:
            row = self._materialise(s, key)
            if row.status == "cancelled":
                raise DomainError(f"Приём {_d(row.day)} отменён")
            if row.day > ctx.today():
                raise DomainError(f"Приём {_d(row.day)} ещё не наступил: карточку заполняют в день приёма")
            card = None
            if card_id is not None:
                card = s.get(ReceptionCard, card_id)
                if card is None or card.reception_id != row.id:
                    raise NotFoundError("Карточка личного приёма не найдена")
            booking = None
            if data.booking_id is not None:
                booking = s.get(ReceptionBooking, data.booking_id)
                if booking is None or booking.reception_id != row.id:
                    raise NotFoundError("Запись на приём не найдена")
                if booking.status in ("cancelled", "no_show"):
                    raise DomainError(f"Запись в состоянии «{_booking_label(booking.status)}»: карточку по ней "
                                      "не заполнить")
                other = s.scalar(select(ReceptionCard.id).where(ReceptionCard.booking_id == booking.id))
                if other is not None and other != card_id:
                    raise DomainError("По этой записи карточка уже заполнена")
            errors = self._card_errors(data) + self._day_errors(s, row, data)
            applicant_id = data.applicant_id if data.applicant_id is not None else (
                booking.applicant_id if booking is not None else None)
            if not errors:
                applicant = self._applicant(s, applicant_id, data.applicant)
                if applicant is None:
                    errors.append(FieldError("applicant", "Укажите гражданина, пришедшего на приём"))
                elif data.outcome == "refused_answered":
                    errors += _earlier_answer_errors(s, data, applicant.id)
            if errors:
                raise ValidationError(errors)
            if card is not None and card.appeal_id is not None and data.outcome not in CREATES_APPEAL:
                number = s.get(Appeal, card.appeal_id).reg_number
                raise DomainError(f"По карточке уже зарегистрировано обращение № {number}: "
                                  "результат приёма изменить нельзя")
            now = ctx.now()
            before = _card_dict(store.card_view(s, card)) if card is not None else {}
            if card is None:
                card = ReceptionCard(reception_id=row.id, created_at=now, created_by=ctx.user)
                s.add(card)
            card.booking_id = booking.id if booking is not None else None
            card.walk_in = booking is None
            card.applicant_id = applicant.id
            card.visited_at = data.visited_at or (booking.slot_from if booking is not None else None)
            card.identity_document = _clean(data.identity_document)
            card.social_category = _clean(data.social_category) or applicant.social_category
            card.summary = data.summary.strip()
            card.outcome = data.outcome
            card.oral_consent = data.oral_consent if data.outcome == "oral_answer" else False
            card.answer_text = _clean(data.answer_text) if data.outcome in ("oral_answer", "outside_competence") else None
            card.referred_to = _clean(data.referred_to) if data.outcome == "outside_competence" else None
            card.official_id = data.official_id or (row.official_id if row.kind != NATIONAL_DAY else None)
            card.video_body = _clean(data.video_body)
            card.video_consent = bool(card.video_body) and data.video_consent
            card.invited_on = data.invited_on if data.outcome == "invited" else None
            card.earlier_appeal_id = data.earlier_appeal_id if data.outcome == "refused_answered" else None
            card.updated_at = now
            s.flush()
            for q in s.scalars(select(ReceptionCardQuestion).where(ReceptionCardQuestion.card_id == card.id)):
                s.delete(q)
            s.flush()
            for pos, q in enumerate(data.questions):
                s.add(ReceptionCardQuestion(card_id=card.id, position=pos, classifier_code=q.code.strip(),
                                            note=_clean(q.note)))
            if booking is not None:
                booking.status = "received"
            old_status = row.status
            row.status = "held"
            if old_status != "held":
                audit.record(s, ctx, "reception", row.id, "update", [("status", old_status, "held")])
            s.flush()
            if data.outcome in CREATES_APPEAL and card.appeal_id is None:
                appeal = register_in(s, ctx, AppealInput(
                    form=appeal_form(row.kind, data.outcome), kind=data.appeal_kind, summary=card.summary,
                    questions=tuple(QuestionInput(q.code.strip(), note=_clean(q.note)) for q in data.questions),
                    source="direct", registered_on=row.day, received_on=row.day, applicant_id=applicant.id,
                    settlement_id=row.settlement_id or applicant.settlement_id, executor_id=data.executor_id,
                ))
                card.appeal_id = appeal.id
                s.flush()
            view = store.card_view(s, card)
            audit.record(s, ctx, "reception_card", card.id, "register" if not before else "update",
                         audit.diff(before, _card_dict(view)))
            return view

    @requires(P.READ)
    def cards(self, start: date, end: date) -> tuple[CardView, ...]:
        with self._ctx.read() as s:
            rows = s.scalars(select(ReceptionCard).join(Reception, Reception.id == ReceptionCard.reception_id)
                             .where(Reception.day >= start, Reception.day <= end)
                             .order_by(Reception.day, ReceptionCard.visited_at, ReceptionCard.id)).all()
            return tuple(store.card_view(s, c) for c in rows)

    # -- figures ---------------------------------------------------------------------------------
    @requires(P.REPORT)
    def figures(self, start: date, end: date):
        """The report figures of the period (``ReceptionFigures``), None when no reception was ever kept."""
        from ..reception.report import reception_figures

        with self._ctx.read() as s:
            return reception_figures(s, start, end)

    # -- helpers ---------------------------------------------------------------------------------
    def _card_errors(self, data: CardInput) -> list[FieldError]:
        errors = []
        if not data.summary.strip():
            errors.append(FieldError("summary", "Запишите содержание обращения"))
        if not data.questions:
            errors.append(FieldError("questions", "Укажите хотя бы один вопрос по классификатору"))
        codes = self._ctx.question_codes()
        for q in data.questions:
            if q.code.strip() not in codes:
                errors.append(FieldError("questions", f"Код «{q.code}» не найден в классификаторе (нужен вопрос)"))
        if data.outcome not in OUTCOMES:
            errors.append(FieldError("outcome", "Укажите результат приёма"))
        if data.outcome == "oral_answer":
            if not data.oral_consent:
                errors.append(FieldError("oral_consent", "Устный ответ даётся только с согласия гражданина: "
                                                         "отметьте согласие или выберите письменный ответ"))
            if not _clean(data.answer_text):
                errors.append(FieldError("answer_text", "Запишите содержание устного ответа"))
        if data.outcome == "outside_competence" and not _clean(data.referred_to):
            errors.append(FieldError("referred_to", "Укажите, куда гражданину следует обратиться"))
        return errors

    def _day_errors(self, s: Session, row: Reception, data: CardInput) -> list[FieldError]:
        """The reception's own rules: on the all-Russian reception day the visitor shows an identity document
        and is received by any official present; one who could not be received is invited to a personal
        reception within 7 working days; a video connection to the competent body needs his consent."""
        errors = []
        national = row.kind == NATIONAL_DAY
        if national and not _clean(data.identity_document):
            errors.append(FieldError("identity_document", "В общероссийский день приёма гражданин предъявляет "
                                                          "документ, удостоверяющий личность: укажите его"))
        if data.official_id is not None and s.get(Official, data.official_id) is None:
            errors.append(FieldError("official_id", "Должностное лицо не найдено"))
        if national and data.official_id is None:
            errors.append(FieldError("official_id", "Укажите, кто из должностных лиц принял гражданина"))
        if _clean(data.video_body) and not data.video_consent:
            errors.append(FieldError("video_consent", "Связь с компетентным органом в режиме видеосвязи — только с "
                                                      "согласия гражданина: отметьте согласие"))
        if data.outcome == "invited":
            limit = self._ctx.engine().reception_invite_deadline(row.day)
            if not national:
                errors.append(FieldError("outcome", "Приглашение на приём в течение 7 рабочих дней — для тех, кого "
                                                    "не успели принять в общероссийский день приёма"))
            elif data.invited_on is None:
                errors.append(FieldError("invited_on", "Укажите день, на который гражданин приглашён"))
            elif not row.day < data.invited_on <= limit:
                errors.append(FieldError("invited_on", f"Пригласить нужно в течение 7 рабочих дней после дня приёма: "
                                                       f"с {row.day:%d.%m.%Y} по {limit:%d.%m.%Y}"))
        if data.outcome == "refused_answered" and data.earlier_appeal_id is None:
            errors.append(FieldError("earlier_appeal_id", "Укажите обращение, на которое гражданину уже дан ответ по "
                                                          "существу (ч. 6 ст. 13 59-ФЗ)"))
        return errors

    def _applicant(self, s: Session, applicant_id: int | None, data) -> Applicant | None:
        if applicant_id is None and data is not None:
            problems = applicant_rules.validate_applicant(data)
            if problems and not applicant_rules.is_anonymous(data):
                raise ValidationError([FieldError(f"applicant.{p.field}", p.message) for p in problems])
        return applicant_rules.resolve(s, self._ctx, applicant_id, data)

    def _day_entries(self, s: Session, day: date) -> tuple[ScheduleEntry, ...]:
        """Every reception of ``day`` (the rules' proposals and the receptions made), in session ``s``."""
        calendar = self._ctx.engine().calendar
        virtual: list[ScheduleEntry] = []
        excs = store.exceptions(s, day, day)
        for rule in store.rules(s, day, day):
            virtual += sched.rule_occurrences(rule, day, day, calendar, excs)[0]
        return sched.merge(virtual, store.receptions(s, day, day))

    def _national_place(self, s: Session) -> tuple[str, str | None]:
        st = self._ctx.settings()
        head = s.scalar(select(Official).where(Official.is_head.is_(True), Official.active.is_(True)).limit(1))
        rule_place = s.scalar(select(ReceptionRule.place).where(ReceptionRule.official_id == head.id,
                                                                ReceptionRule.active.is_(True)).limit(1)) if head else None
        place = rule_place or st.organisation_address.strip() or "Здание администрации"
        return place, head.phone if head else None

    def _find(self, s: Session, key: str) -> Reception | None:
        kind, rest = _parse(key)
        if kind == "r":
            return store.load_reception(s, int(rest[0]))
        if kind == "rule":
            return s.scalar(select(Reception).where(Reception.rule_id == int(rest[0]),
                                                    Reception.day == date.fromisoformat(rest[1])))
        return s.scalar(select(Reception).where(Reception.kind == "national_day",
                                                Reception.day >= date(int(rest[0]), 1, 1),
                                                Reception.day <= date(int(rest[0]), 12, 31)).limit(1))

    def _proposed(self, key: str) -> ScheduleEntry:
        kind, rest = _parse(key)
        if kind == "r":
            raise NotFoundError("Приём не найден")
        if kind == "rule":
            day = date.fromisoformat(rest[1])
        else:
            day = date(int(rest[0]), 12, 1)
            found = [e for e in self.schedule(day, date(day.year, 12, 31)).entries if e.key == key]
            if found:
                return found[0]
            raise NotFoundError("День приёма не найден")
        found = [e for e in self.schedule(day, day).entries if e.key == key]
        if not found:
            raise DomainError(f"{_d(day)} приёма по этому графику нет (нерабочий день, отпуск или график изменён)")
        return found[0]

    def _materialise(self, s: Session, key: str) -> Reception:
        row = self._find(s, key)
        if row is not None:
            return row
        entry = self._proposed(key)
        official_id = entry.official_id
        if entry.kind == "national_day":
            head = s.scalar(select(Official.id).where(Official.is_head.is_(True)).limit(1))
            official_id = head
        row = Reception(
            kind=entry.kind, official_id=official_id, rule_id=entry.rule_id, day=entry.day,
            time_from=entry.time_from, time_to=entry.time_to, place=entry.place, phone=entry.phone,
            pre_registration=entry.pre_registration, slot_minutes=entry.slot_minutes, status="planned",
            note=entry.note, created_at=self._ctx.now(),
        )
        s.add(row)
        s.flush()
        audit.record(s, self._ctx, "reception", row.id, "register", audit.diff({}, _entry_dict(store.entry_of(s, row))))
        return row

    def _check_bookings_fit(self, s: Session, row: Reception) -> None:
        for b in s.scalars(select(ReceptionBooking).where(ReceptionBooking.reception_id == row.id,
                                                          ReceptionBooking.status.in_(store.ACTIVE_BOOKING))):
            if b.slot_from < row.time_from or b.slot_to > row.time_to:
                raise DomainError(f"Записанный на {_t(b.slot_from)} посетитель не попадает в новые часы приёма: "
                                  "сначала перенесите или отмените запись")


def _earlier_answer_errors(s: Session, data: CardInput, applicant_id: int) -> list[FieldError]:
    """59-FZ art. 13 p. 6: a further conversation is refused only on a question the same citizen was answered
    on the merits before."""
    earlier = s.get(Appeal, data.earlier_appeal_id)
    if earlier is None or earlier.deleted:
        return [FieldError("earlier_appeal_id", "Обращение не найдено")]
    if earlier.applicant_id != applicant_id:
        return [FieldError("earlier_appeal_id", f"Обращение № {earlier.reg_number} подано другим заявителем")]
    codes = {q.code.strip() for q in data.questions}
    answered = [q for q in earlier.questions if q.classifier_code in codes and q.result in MERITS_RESULTS]
    if earlier.answer_on is None or not answered:
        return [FieldError("earlier_appeal_id", f"По обращению № {earlier.reg_number} ответ по существу на эти "
                                                "вопросы не давался: отказать в дальнейшем рассмотрении нельзя "
                                                "(ч. 6 ст. 13 59-ФЗ)")]
    return []


def _parse(key: str) -> tuple[str, list[str]]:
    parts = (key or "").split(":")
    try:
        if parts[0] == "r" and len(parts) == 2:
            int(parts[1])
            return "r", parts[1:]
        if parts[0] == "rule" and len(parts) == 3:
            int(parts[1])
            date.fromisoformat(parts[2])
            return "rule", parts[1:]
        if parts[0] == "nd" and len(parts) == 2:
            int(parts[1])
            return "nd", parts[1:]
    except ValueError:
        pass
    raise NotFoundError("Приём не найден")


def _hours_errors(time_from: time, time_to: time, slot_minutes: int) -> list[FieldError]:
    errors = []
    if time_from >= time_to:
        errors.append(FieldError("time_to", "Время окончания приёма должно быть позже начала"))
    if not 5 <= slot_minutes <= 240:
        errors.append(FieldError("slot_minutes", "Длительность интервала записи — от 5 до 240 минут"))
    return errors


def _booking_label(status: str) -> str:
    from ..reception.values import BOOKING_LABELS

    return BOOKING_LABELS.get(status, status)


def _rule_dict(v: RuleView) -> dict[str, object]:
    return {"official": v.official, "days": v.days_text, "hours": f"{_t(v.time_from)}–{_t(v.time_to)}",
            "place": v.place, "phone": v.phone, "pre_registration": v.pre_registration, "slot_minutes": v.slot_minutes,
            "valid_from": v.valid_from, "valid_to": v.valid_to, "kind": v.kind, "active": v.active, "note": v.note}


def _exc_dict(v: ExceptionView) -> dict[str, object]:
    return {"official": v.official, "date_from": v.date_from, "date_to": v.date_to, "kind": v.kind,
            "hours": f"{_t(v.time_from)}–{_t(v.time_to)}" if v.time_from or v.time_to else None, "place": v.place,
            "note": v.note}


def _entry_dict(e: ScheduleEntry) -> dict[str, object]:
    return {"kind": e.kind, "official": e.official or None, "day": e.day, "hours": e.hours, "place": e.place,
            "settlement": e.settlement, "status": e.status}


def _card_dict(v: CardView) -> dict[str, object]:
    return {"applicant": v.applicant, "visited_at": _t(v.visited_at), "identity_document": v.identity_document,
            "social_category": v.social_category, "summary": v.summary,
            "questions": ", ".join(q.code for q in v.questions), "outcome": v.outcome,
            "oral_consent": v.oral_consent, "answer_text": v.answer_text, "referred_to": v.referred_to,
            "appeal": v.appeal_number, "official": v.official, "video_body": v.video_body,
            "video_consent": v.video_consent, "invited_on": v.invited_on, "earlier_appeal": v.earlier_appeal_number}
