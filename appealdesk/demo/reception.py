"""Demo data of the personal reception: the officials' schedules, a vacation, visiting receptions in the
villages, the 12 December day, past receptions with reception cards (the demo's appeals received at a
reception are linked to their cards) and the visitors booked for the coming receptions."""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..errors import DomainError
from ..reception import BookingInput, ExceptionInput, RuleInput, VisitingInput
from ..reception.schedule import slot_times
from ..services.context import ServiceContext
from ..storage.models import Appeal, Question
from ..storage.models_reception import Reception, ReceptionBooking, ReceptionCard, ReceptionCardQuestion
from . import places

if TYPE_CHECKING:
    from ..services import AppealDesk

OUTSIDE = ("Разъяснено право обратиться в Пенсионный фонд (отделение СФР по району)",
           "Рекомендовано обратиться в районную администрацию, отдел образования",
           "Рекомендовано обратиться в управляющую компанию «ЖилСервис»")
ORAL = ("Разъяснён порядок и сроки работ", "Разъяснён порядок получения справки", "Дана консультация по вопросу")
DOCS = ("паспорт", "паспорт", "паспорт", "водительское удостоверение")


def make_reception_demo(desk: AppealDesk, ctx: ServiceContext, rng: random.Random, head_id: int, deputy_id: int,
                        settlement_ids: list[int], year: int) -> int:
    """Returns the number of reception cards written. Does nothing when schedules already exist."""
    svc = desk.reception
    if svc.rules():
        return 0
    today = ctx.today()
    calendar = ctx.engine().calendar
    address = places.ORGANISATION_ADDRESS
    place = address[address.find("с. "):] if "с. " in address else "здание администрации"
    start = date(year - 1, 1, 1)
    head_phone = f"8 ({places.PHONE_CODE}) 2-10-30"
    svc.save_rule(RuleInput(head_id, (1, 4), time(14), time(17), f"{place}, кабинет главы", start, phone=head_phone,
                            pre_registration=False, slot_minutes=20))
    svc.save_rule(RuleInput(deputy_id, (2,), time(10), time(12), f"{place}, каб. 2", start,
                            phone=f"8 ({places.PHONE_CODE}) 2-11-31", pre_registration=True, slot_minutes=15))
    july = date(year, 7, 6)
    svc.save_exception(ExceptionInput(head_id, july, july + timedelta(days=13), "vacation",
                                      note="ежегодный отпуск"))
    # a visiting reception in a village each month (the first working Wednesday after the 10th)
    villages = settlement_ids[1:] or settlement_ids
    month = date(year - 1, 1, 1)
    n = 0
    while month <= date(year, 12, 1):
        day = month + timedelta(days=9)
        while day.isoweekday() != 3 or not calendar.is_working(day):
            day += timedelta(days=1)
        sid = villages[n % len(villages)]
        svc.add_visiting(VisitingInput(head_id, day, time(10), time(12), sid, "сельский клуб",
                                       phone=head_phone, note="выездной приём главы"))
        n += 1
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    cards = _past_cards(ctx, rng, head_id, today)
    _future_bookings(desk, ctx, rng, today)
    return cards


def _past_cards(ctx: ServiceContext, rng: random.Random, head_id: int, today: date) -> int:
    """A card for every demo appeal received at a reception (linked to it), plus oral-answer visitors and
    some no-shows, on the reception days of the schedule."""
    written = 0
    with ctx.read() as s:
        appeals = s.execute(
            select(Appeal.id, Appeal.registered_on, Appeal.form, Appeal.applicant_id, Appeal.summary,
                   Appeal.settlement_id)
            .where(Appeal.form.in_(("personal_reception", "visiting_reception")), Appeal.applicant_id.is_not(None),
                   Appeal.registered_on <= today, Appeal.registered_on >= today - timedelta(days=400))
            .order_by(Appeal.registered_on, Appeal.id)
        ).all()
        codes = {}
        for aid, code in s.execute(select(Question.appeal_id, Question.classifier_code).order_by(Question.position)):
            codes.setdefault(aid, []).append(code)
        people = [a for (a,) in s.execute(select(Appeal.applicant_id).where(Appeal.applicant_id.is_not(None))
                                          .distinct().limit(300))]
    by_day: dict[tuple[date, str], list] = {}
    for row in appeals:
        by_day.setdefault((row.registered_on, row.form), []).append(row)
    with ctx.uow() as s:
        now = ctx.now()
        for (day, form), rows in sorted(by_day.items()):
            kind = "visiting" if form == "visiting_reception" else "regular"
            rec = s.scalar(select(Reception).where(Reception.day == day, Reception.kind == kind))
            if rec is None:
                rec = Reception(kind=kind, official_id=head_id, day=day, time_from=time(14), time_to=time(17),
                                place="кабинет главы" if kind == "regular" else "сельский клуб",
                                settlement_id=rows[0].settlement_id if kind == "visiting" else None,
                                slot_minutes=20, status="held", created_at=now)
                s.add(rec)
                s.flush()
            rec.status = "held"
            slots = slot_times(rec.time_from, rec.time_to, rec.slot_minutes)
            visitors = [(r, "written_answer") for r in rows]
            for _ in range(rng.choice((0, 1, 1, 2))):
                visitors.append((None, rng.choice(("oral_answer", "oral_answer", "outside_competence"))))
            for i, (r, outcome) in enumerate(visitors[: len(slots)]):
                slot = slots[i]
                applicant_id = r.applicant_id if r is not None else rng.choice(people) if people else None
                if applicant_id is None:
                    continue
                booked = rng.random() < 0.5
                booking = None
                if booked:
                    booking = ReceptionBooking(reception_id=rec.id, slot_from=slot[0], slot_to=slot[1],
                                               applicant_id=applicant_id, status="received", created_at=now,
                                               created_by=ctx.user)
                    s.add(booking)
                    s.flush()
                card = ReceptionCard(
                    reception_id=rec.id, booking_id=booking.id if booking else None, applicant_id=applicant_id,
                    visited_at=slot[0], walk_in=not booked, identity_document=rng.choice(DOCS),
                    summary=r.summary if r is not None else "Устная консультация по вопросу заявителя",
                    outcome=outcome, oral_consent=outcome == "oral_answer",
                    answer_text=rng.choice(ORAL) if outcome == "oral_answer" else None,
                    referred_to=rng.choice(OUTSIDE) if outcome == "outside_competence" else None,
                    appeal_id=r.id if r is not None else None, created_at=now, created_by=ctx.user, updated_at=now,
                )
                s.add(card)
                s.flush()
                qcodes = codes.get(r.id, []) if r is not None else []
                if not qcodes:
                    qcodes = [rng.choice([c for cs in codes.values() for c in cs] or ["0005.0005.0056.1156"])]
                for pos, code in enumerate(qcodes):
                    s.add(ReceptionCardQuestion(card_id=card.id, position=pos, classifier_code=code))
                written += 1
            if len(visitors) < len(slots) and rng.random() < 0.3 and people:
                slot = slots[len(visitors)]
                s.add(ReceptionBooking(reception_id=rec.id, slot_from=slot[0], slot_to=slot[1],
                                       applicant_id=rng.choice(people), status="no_show", created_at=now,
                                       created_by=ctx.user))
    return written


def _future_bookings(desk: AppealDesk, ctx: ServiceContext, rng: random.Random, today: date) -> None:
    """A few visitors booked for the coming receptions, so that the reception day screen has something."""
    svc = desk.reception
    with ctx.read() as s:
        people = [a for (a,) in s.execute(select(Appeal.applicant_id).where(Appeal.applicant_id.is_not(None))
                                          .distinct().limit(60))]
    if not people:
        return
    coming = [e for e in svc.schedule(today, today + timedelta(days=14)).entries
              if e.kind != "national_day" and e.status == "planned"][:4]
    topics = ("Ремонт дороги", "Уличное освещение", "Вывоз мусора", "Справка о составе семьи", "Водоснабжение")
    for e in coming:
        slots = slot_times(e.time_from, e.time_to, e.slot_minutes)
        for slot in rng.sample(slots, min(len(slots), rng.randint(1, 3))):
            try:
                svc.book(e.key, BookingInput(slot[0], applicant_id=rng.choice(people), topic=rng.choice(topics)))
            except DomainError:  # a rule refused (the same person twice): the demo simply skips it
                continue
