"""Reading the reception tables into plain values (inside an open session)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..storage.models import Appeal, Applicant, ClassifierEntry, Official, Settlement
from ..storage.models_reception import (
    Reception,
    ReceptionBooking,
    ReceptionCard,
    ReceptionCardQuestion,
    ReceptionException,
    ReceptionRule,
)
from .values import (
    BookingView,
    CardQuestionView,
    CardView,
    ExceptionView,
    RuleView,
    ScheduleEntry,
)

ACTIVE_BOOKING = ("booked", "received")


def _ints(text: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in (text or "").split(",") if p.strip().isdigit())


def ints_text(values: tuple[int, ...]) -> str | None:
    return ",".join(str(v) for v in sorted(set(values))) or None


def official_names(s: Session) -> dict[int, tuple[str, str]]:
    return {i: (n, p or "") for i, n, p in s.execute(select(Official.id, Official.full_name, Official.position))}


def rule_view(r: ReceptionRule, names: dict[int, tuple[str, str]]) -> RuleView:
    name, position = names.get(r.official_id, ("", ""))
    return RuleView(
        id=r.id, official_id=r.official_id, official=name, position=position, kind=r.kind,
        weekdays=_ints(r.weekdays), month_weeks=_ints(r.month_weeks), time_from=r.time_from, time_to=r.time_to,
        place=r.place or "", phone=r.phone, pre_registration=bool(r.pre_registration),
        slot_minutes=r.slot_minutes or 15, priority_note=r.priority_note, valid_from=r.valid_from,
        valid_to=r.valid_to, note=r.note, active=bool(r.active),
    )


def exception_view(e: ReceptionException, names: dict[int, tuple[str, str]]) -> ExceptionView:
    return ExceptionView(
        id=e.id, official_id=e.official_id, official=names.get(e.official_id, ("", ""))[0], date_from=e.date_from,
        date_to=e.date_to, kind=e.kind, time_from=e.time_from, time_to=e.time_to, place=e.place, note=e.note,
    )


def rules(s: Session, start: date | None = None, end: date | None = None, official_id: int | None = None):
    q = select(ReceptionRule)
    if end is not None:
        q = q.where(ReceptionRule.valid_from <= end)
    if start is not None:
        q = q.where((ReceptionRule.valid_to.is_(None)) | (ReceptionRule.valid_to >= start))
    if official_id is not None:
        q = q.where(ReceptionRule.official_id == official_id)
    names = official_names(s)
    rows = s.scalars(q.order_by(ReceptionRule.official_id, ReceptionRule.id)).all()
    return tuple(rule_view(r, names) for r in rows)


def exceptions(s: Session, start: date | None = None, end: date | None = None, official_id: int | None = None):
    q = select(ReceptionException)
    if end is not None:
        q = q.where(ReceptionException.date_from <= end)
    if start is not None:
        q = q.where(ReceptionException.date_to >= start)
    if official_id is not None:
        q = q.where(ReceptionException.official_id == official_id)
    names = official_names(s)
    rows = s.scalars(q.order_by(ReceptionException.date_from, ReceptionException.id)).all()
    return tuple(exception_view(e, names) for e in rows)


def entry_of(s: Session, r: Reception, names: dict[int, tuple[str, str]] | None = None,
             booked: int | None = None) -> ScheduleEntry:
    names = names if names is not None else official_names(s)
    name, position = names.get(r.official_id, ("", "")) if r.official_id else ("", "")
    settlement = s.get(Settlement, r.settlement_id).name if r.settlement_id else None
    if booked is None:
        booked = s.scalar(
            select(func.count()).select_from(ReceptionBooking).where(
                ReceptionBooking.reception_id == r.id, ReceptionBooking.status.in_(ACTIVE_BOOKING)
            )
        ) or 0
    return ScheduleEntry(
        key=f"r:{r.id}", reception_id=r.id, kind=r.kind, day=r.day, time_from=r.time_from, time_to=r.time_to,
        official_id=r.official_id, official=name, position=position, place=r.place or "", settlement=settlement,
        phone=r.phone, pre_registration=bool(r.pre_registration), slot_minutes=r.slot_minutes or 15,
        status=r.status, rule_id=r.rule_id, note=r.note, booked=booked,
    )


def receptions(s: Session, start: date, end: date) -> tuple[ScheduleEntry, ...]:
    names = official_names(s)
    rows = s.scalars(select(Reception).where(Reception.day >= start, Reception.day <= end)).all()
    counts = dict(
        s.execute(
            select(ReceptionBooking.reception_id, func.count())
            .join(Reception, Reception.id == ReceptionBooking.reception_id)
            .where(Reception.day >= start, Reception.day <= end, ReceptionBooking.status.in_(ACTIVE_BOOKING))
            .group_by(ReceptionBooking.reception_id)
        ).all()
    )
    return tuple(entry_of(s, r, names, counts.get(r.id, 0)) for r in rows)


def booking_view(s: Session, b: ReceptionBooking) -> BookingView:
    a = s.get(Applicant, b.applicant_id)
    card_id = s.scalar(select(ReceptionCard.id).where(ReceptionCard.booking_id == b.id))
    return BookingView(
        id=b.id, reception_id=b.reception_id, slot_from=b.slot_from, slot_to=b.slot_to, applicant_id=b.applicant_id,
        applicant=a.display_name if a else "", applicant_phone=a.phone if a else None, topic=b.topic,
        priority_category=b.priority_category, phone=b.phone, status=b.status, status_note=b.status_note,
        card_id=card_id,
    )


def card_view(s: Session, c: ReceptionCard) -> CardView:
    r = s.get(Reception, c.reception_id)
    name, position = ("", "")
    official_id = c.official_id or r.official_id  # who received the visitor, else the reception's official
    if official_id:
        o = s.get(Official, official_id)
        name, position = o.full_name, o.position or ""
    a = s.get(Applicant, c.applicant_id) if c.applicant_id else None
    qs = s.execute(
        select(ReceptionCardQuestion.classifier_code, ClassifierEntry.name, ReceptionCardQuestion.note)
        .join(ClassifierEntry, ClassifierEntry.code == ReceptionCardQuestion.classifier_code)
        .where(ReceptionCardQuestion.card_id == c.id)
        .order_by(ReceptionCardQuestion.position)
    ).all()
    appeal = s.get(Appeal, c.appeal_id) if c.appeal_id else None
    earlier = s.get(Appeal, c.earlier_appeal_id) if c.earlier_appeal_id else None
    return CardView(
        id=c.id, reception_id=r.id, day=r.day, reception_kind=r.kind, official=name, position=position,
        place=r.place or "", booking_id=c.booking_id, applicant_id=c.applicant_id,
        applicant=a.display_name if a else "", applicant_address=a.address if a else None, visited_at=c.visited_at,
        walk_in=bool(c.walk_in), identity_document=c.identity_document, social_category=c.social_category,
        summary=c.summary or "", questions=tuple(CardQuestionView(code, qname, note) for code, qname, note in qs),
        outcome=c.outcome, oral_consent=bool(c.oral_consent), answer_text=c.answer_text, referred_to=c.referred_to,
        appeal_id=c.appeal_id, appeal_number=appeal.reg_number if appeal else None,
        appeal_deadline=appeal.deadline if appeal else None,
        official_id=official_id, video_body=c.video_body, video_consent=bool(c.video_consent),
        invited_on=c.invited_on, earlier_appeal_id=c.earlier_appeal_id,
        earlier_appeal_number=earlier.reg_number if earlier else None,
    )


def load_reception(s: Session, reception_id: int) -> Reception:
    r = s.get(Reception, reception_id)
    if r is None:
        raise NotFoundError("Приём не найден")
    return r
