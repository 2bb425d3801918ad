"""Turning an appeal row into the frozen card the screens show, and into the snapshot the audit compares."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import law
from ..domain.codes import Kind
from ..domain.deadlines import DeadlineEngine
from ..storage.models import Appeal, AppealAnswer, ClassifierEntry, DocumentRequest, Official, Settlement
from . import applicants as applicant_rules
from .context import ServiceContext
from .values import AnswerView, AppealCard, DocumentRequestView, ExtensionView, ForwardingView, QuestionView


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
    today = ctx.today()
    state = engine.state(a.deadline, a.status == "closed", a.extended_deadline is not None, today)
    applicant = a.applicant
    who = law.anonymity(a.form, a.channel, bool(applicant is not None and (
        applicant.org_name if applicant.type == "organisation" else applicant.last_name)),
        applicant.address if applicant else None, applicant.email if applicant else None)
    answers = tuple(
        AnswerView(r.id, r.kind, r.answer_on, r.number, r.method, r.text, r.final_due, r.created_by)
        for r in session.scalars(select(AppealAnswer).where(AppealAnswer.appeal_id == a.id)
                                 .order_by(AppealAnswer.answer_on, AppealAnswer.id))
    )
    requests = tuple(
        request_view(r, a.reg_number, engine.window(today))
        for r in session.scalars(select(DocumentRequest).where(DocumentRequest.appeal_id == a.id)
                                 .order_by(DocumentRequest.request_on, DocumentRequest.id))
    )
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
        channel=a.channel,
        crime_report=bool(a.crime_report),
        decision_by_id=a.decision_by_id,
        decision_by=_official_name(session, a.decision_by_id),
        decision_on=a.decision_on,
        published_url=a.published_url,
        call_on=a.call_on,
        call_note=a.call_note,
        answers=answers,
        document_requests=requests,
        anonymity=who,
        warnings=tuple(warnings_of(a, engine, who, applicant.email if applicant else None, today)),
    )


def warnings_of(a: Appeal, engine: DeadlineEngine, who: str | None, email: str | None, today: date) -> list[str]:
    """What the law asks the clerk to look at on this appeal, in Russian (the card shows them)."""
    out: list[str] = []
    if who is not None and a.no_answer_ground is None and a.status != "closed":
        out.append(law.ANONYMITY_TEXT[who])
    if a.crime_report and who is not None and not a.forwardings and a.status != "closed":
        out.append("Анонимное обращение со сведениями о противоправном деянии направляется в государственный орган "
                   "по компетенции (ч.1 ст.11 59-ФЗ).")
    out += law.electronic_warnings(a.registered_on, a.form, a.kind, a.channel, email)
    lost = engine.squeezed_days(a.registered_on, a.kind, a.legal_deadline)
    if lost and a.status != "closed":
        days = engine.rules.info_request_days if a.kind == Kind.INFO_REQUEST else engine.rules.consideration_days
        text = law.squeezed_text(lost, days, a.legal_deadline, a.registered_on)
        if text:
            out.append(text)
    late = law.notice_late(a.no_answer_ground, a.answer_on, engine.seven_day_notice(a.registered_on))
    if late:
        out.append(late)
    ext = a.extension
    if ext is not None and a.kind == Kind.INFO_REQUEST:
        term = engine.info_delay_notice_deadline(a.registered_on)
        if ext.notice_on is None and today > term:
            out.append(f"Уведомление об отсрочке ответа на запрос не записано, а срок его истёк {term:%d.%m.%Y} "
                       "(7 дней со дня регистрации, ст.18 8-ФЗ).")
        elif ext.notice_on is not None and ext.notice_on > term:
            out.append(f"Уведомление об отсрочке направлено {ext.notice_on:%d.%m.%Y}, позже 7 дней со дня "
                       f"регистрации (срок {term:%d.%m.%Y}, ст.18 8-ФЗ).")
    return out


def request_view(r: DocumentRequest, reg_number: str | None, window) -> DocumentRequestView:
    if r.answered_on is not None:
        state = "answered_late" if r.answered_on > r.due_on else "answered"
    else:
        state = window.urgency(r.due_on) or "open"
    return DocumentRequestView(
        r.id, r.appeal_id, reg_number, r.direction, r.body, r.request_on, r.number, r.subject, r.due_on,
        r.answered_on, r.answer_number, state,
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
        "channel": lab("channel", a.channel),
        "crime_report": bool(a.crime_report),
        "decision_by": _official_name(session, a.decision_by_id),
        "decision_on": a.decision_on,
        "published_url": a.published_url,
        "call_on": a.call_on,
        "call_note": a.call_note,
    }
