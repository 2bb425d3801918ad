"""The reception figures of the report wizard (``appealdesk.reports.reception`` finds this provider).

Receptions held by official and kind, visitors received (cards), questions, oral answers, written appeals
(cards that registered an appeal) and no-shows. None when the office keeps no receptions at all, so that
the report then has no reception section.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..reports.reception import ReceptionFigures, ReceptionLine
from ..storage.models import Official
from ..storage.models_reception import Reception, ReceptionBooking, ReceptionCard, ReceptionCardQuestion

ALL_OFFICIALS = "Все должностные лица"


def reception_figures(session: Session, start: date, end: date) -> ReceptionFigures | None:
    if session.scalar(select(Reception.id).limit(1)) is None:
        return None
    in_period = (Reception.day >= start, Reception.day <= end)
    names = {i: (n, p or "") for i, n, p in session.execute(select(Official.id, Official.full_name, Official.position))}
    acc: dict[tuple[int | None, str], dict[str, int]] = {}

    def bucket(official_id, kind) -> dict[str, int]:
        return acc.setdefault((official_id, kind), {"receptions": 0, "visitors": 0, "questions": 0,
                                                    "oral_answers": 0, "written_appeals": 0, "no_shows": 0})

    held = session.execute(
        select(Reception.official_id, Reception.kind, func.count()).where(*in_period, Reception.status == "held")
        .group_by(Reception.official_id, Reception.kind)
    )
    for oid, kind, n in held:
        bucket(oid, kind)["receptions"] += n
    # a visitor is counted for the official who received him (on the reception day: any official present)
    who = func.coalesce(ReceptionCard.official_id, Reception.official_id)
    cards = session.execute(
        select(who, Reception.kind, func.count(ReceptionCard.id),
               func.sum(case((ReceptionCard.outcome == "oral_answer", 1), else_=0)),
               func.count(ReceptionCard.appeal_id))
        .join(Reception, Reception.id == ReceptionCard.reception_id).where(*in_period)
        .group_by(who, Reception.kind)
    )
    for oid, kind, n, oral, written in cards:
        b = bucket(oid, kind)
        b["visitors"] += n
        b["oral_answers"] += int(oral or 0)
        b["written_appeals"] += written
    questions = session.execute(
        select(who, Reception.kind, func.count(ReceptionCardQuestion.id))
        .join(ReceptionCard, ReceptionCard.id == ReceptionCardQuestion.card_id)
        .join(Reception, Reception.id == ReceptionCard.reception_id).where(*in_period)
        .group_by(who, Reception.kind)
    )
    for oid, kind, n in questions:
        bucket(oid, kind)["questions"] += n
    no_shows = session.execute(
        select(Reception.official_id, Reception.kind, func.count(ReceptionBooking.id))
        .join(Reception, Reception.id == ReceptionBooking.reception_id)
        .where(*in_period, ReceptionBooking.status == "no_show")
        .group_by(Reception.official_id, Reception.kind)
    )
    for oid, kind, n in no_shows:
        bucket(oid, kind)["no_shows"] += n
    lines = []
    for (oid, kind), f in acc.items():
        name, position = names.get(oid, (ALL_OFFICIALS, "")) if oid else (ALL_OFFICIALS, "")
        lines.append(ReceptionLine(official=name, position=position, kind=kind, **f))
    lines.sort(key=lambda ln: (ln.official, ln.kind))
    return ReceptionFigures(tuple(lines))
