"""Turning an appeal row into the frozen card the screens show, and into the snapshot the audit compares."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..storage.models import Appeal, ClassifierEntry, Official, Settlement
from . import applicants as applicant_rules
from .context import ServiceContext
from .values import AppealCard, ExtensionView, ForwardingView, QuestionView


def _official_name(session: Session, official_id: int | None) -> str | None:
    if official_id is None:
        return None
    row = session.get(Official, official_id)
    return row.full_name if row else None


def _settlement_name(session: Session, settlement_id: int | None) -> str | None:
    if settlement_id is None:
        return None
    row = session.get(Settlement, settlement_id)
    return row.name if row else None


def card_of(session: Session, ctx: ServiceContext, a: Appeal) -> AppealCard:
    engine = ctx.engine()
    questions = []
    for q in a.questions:
        entry = session.get(ClassifierEntry, q.classifier_code)
        questions.append(
            QuestionView(
                id=q.id,
                position=q.position,
                code=q.classifier_code,
                name=entry.name if entry else "",
                section=q.section,
                executor_id=q.executor_id,
                executor=_official_name(session, q.executor_id),
                result=q.result,
                note=q.note,
            )
        )
    ext = a.extension
    extension = (
        ExtensionView(
            ext.days, ext.previous_deadline, ext.new_deadline, ext.reason, ext.extended_by, ext.extended_on,
            ext.notice_on,
        )
        if ext is not None
        else None
    )
    fw_limit = engine.forwarding_deadline(a.registered_on)
    forwardings = tuple(
        ForwardingView(f.id, f.to_body, f.forwarded_on, f.outgoing_number, f.notice_on, f.note, f.forwarded_on <= fw_limit)
        for f in a.forwardings
    )
    state = engine.state(a.deadline, a.status == "closed", a.extended_deadline is not None, ctx.today())
    return AppealCard(
        id=a.id,
        reg_number=a.reg_number,
        received_on=a.received_on,
        registered_on=a.registered_on,
        registered_late=engine.registered_late(a.received_on, a.registered_on),
        form=a.form,
        source=a.source,
        cover_letter=a.cover_letter,
        kind=a.kind,
        complaint_about=a.complaint_about,
        applicant=applicant_rules.view(session, a.applicant) if a.applicant is not None else None,
        is_anonymous=a.is_anonymous,
        is_collective=a.is_collective,
        signatures=a.signatures,
        settlement_id=a.settlement_id,
        settlement=_settlement_name(session, a.settlement_id),
        summary=a.summary,
        questions=tuple(questions),
        resolution=a.resolution,
        resolution_by_id=a.resolution_by_id,
        resolution_on=a.resolution_on,
        executor_id=a.executor_id,
        executor=_official_name(session, a.executor_id),
        on_control=a.on_control,
        commission=a.commission,
        on_site=a.on_site,
        with_author=a.with_author,
        legal_deadline=a.legal_deadline,
        control_deadline=a.control_deadline,
        extended_deadline=a.extended_deadline,
        deadline=a.deadline,
        deadline_state=str(state),
        extension=extension,
        forwardings=forwardings,
        answer_on=a.answer_on,
        answer_number=a.answer_number,
        answer_method=a.answer_method,
        answer_text=a.answer_text,
        satisfaction=a.satisfaction,
        no_answer_ground=a.no_answer_ground,
        is_repeated=a.is_repeated,
        previous_appeal_id=a.previous_appeal_id,
        previous_number=a.previous_number,
        status=a.status,
        closed_on=a.closed_on,
        version=a.version,
        created_at=a.created_at,
        created_by=a.created_by,
        updated_at=a.updated_at,
        updated_by=a.updated_by,
    )


def snapshot(session: Session, ctx: ServiceContext, a: Appeal) -> dict[str, object]:
    """The appeal's fields as a person reads them (labels, names), for the audit log's old/new values."""
    lab = ctx.label
    questions = "; ".join(
        f"{q.classifier_code}" + (f" ({lab('result', q.result)})" if q.result else "") for q in a.questions
    )
    return {
        "reg_number": a.reg_number,
        "received_on": a.received_on,
        "registered_on": a.registered_on,
        "form": lab("form", a.form),
        "source": lab("source", a.source),
        "cover_letter": a.cover_letter,
        "kind": lab("kind", a.kind),
        "complaint_about": a.complaint_about,
        "applicant": a.applicant_name,
        "is_collective": a.is_collective,
        "signatures": a.signatures,
        "settlement": _settlement_name(session, a.settlement_id),
        "summary": a.summary,
        "questions": questions,
        "resolution": a.resolution,
        "resolution_by": _official_name(session, a.resolution_by_id),
        "resolution_on": a.resolution_on,
        "executor": _official_name(session, a.executor_id),
        "on_control": a.on_control,
        "commission": a.commission,
        "on_site": a.on_site,
        "with_author": a.with_author,
        "legal_deadline": a.legal_deadline,
        "control_deadline": a.control_deadline,
        "extended_deadline": a.extended_deadline,
        "answer_on": a.answer_on,
        "answer_number": a.answer_number,
        "answer_method": lab("answer_method", a.answer_method),
        "answer_text": a.answer_text,
        "satisfaction": lab("satisfaction", a.satisfaction),
        "no_answer_ground": lab("no_answer_ground", a.no_answer_ground),
        "is_repeated": a.is_repeated,
        "previous_number": a.previous_number,
        "status": lab("status", a.status),
    }
