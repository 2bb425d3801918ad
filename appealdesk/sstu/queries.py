"""The rows of an upload, read in a few queries whatever the number of appeals (a month of a large
district: four thousand appeals)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session

from ..storage.models import (
    Appeal,
    Applicant,
    Attachment,
    AttachmentContent,
    Extension,
    Forwarding,
    Letter,
    Question,
    SstuBatch,
    SstuUpload,
)
from .build import AnswerFile, AppealRow, QuestionRow

EXCLUDED_KINDS = ("message", "info_request")  # not 59-ФЗ appeals: ПОС and social networks, 8-ФЗ requests
ANSWER_LETTERS = ("answer", "interim_answer")
CHUNK = 500


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def excluded_count(s: Session, date_from: date, date_to: date) -> dict[str, int]:
    rows = s.execute(
        select(Appeal.kind, func.count()).where(
            Appeal.deleted == false(), Appeal.registered_on.between(date_from, date_to),
            Appeal.kind.in_(EXCLUDED_KINDS),
        ).group_by(Appeal.kind)
    )
    return {k: n for k, n in rows}


def period_ids(s: Session, date_from: date, date_to: date) -> list[int]:
    return list(s.scalars(
        select(Appeal.id).where(Appeal.deleted == false(), Appeal.registered_on.between(date_from, date_to),
                                Appeal.kind.not_in(EXCLUDED_KINDS)).order_by(Appeal.registered_on, Appeal.id)
    ))


def uploaded(s: Session, ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """``{appeal_id: (version, digest)}`` of the appeals uploaded before."""
    out: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(list(ids)):
        for aid, version, dig in s.execute(
            select(SstuUpload.appeal_id, SstuUpload.version, SstuUpload.digest).where(SstuUpload.appeal_id.in_(chunk))
        ):
            out[aid] = (version, dig)
    return out


def versions(s: Session, ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for chunk in _chunks(ids):
        out.update({aid: v for aid, v in s.execute(select(Appeal.id, Appeal.version).where(Appeal.id.in_(chunk)))})
    return out


def changed_before(s: Session, date_from: date) -> list[int]:
    """Appeals of earlier periods, uploaded before, that were changed since (by their version)."""
    return list(s.scalars(
        select(Appeal.id).join(SstuUpload, SstuUpload.appeal_id == Appeal.id)
        .where(Appeal.deleted == false(), Appeal.registered_on < date_from, Appeal.version != SstuUpload.version,
               Appeal.kind.not_in(EXCLUDED_KINDS))
        .order_by(Appeal.registered_on, Appeal.id)
    ))


def rows(s: Session, ids: list[int]) -> list[AppealRow]:
    """The upload's rows of ``ids``, in that order."""
    if not ids:
        return []
    base: dict[int, tuple] = {}
    questions: dict[int, list[QuestionRow]] = defaultdict(list)
    forwarding: dict[int, tuple] = {}
    extended: set[int] = set()
    answers: dict[int, AnswerFile] = {}
    for chunk in _chunks(ids):
        for r in s.execute(
            select(Appeal.id, Appeal.reg_number, Appeal.version, Appeal.received_on, Appeal.registered_on,
                   Appeal.source, Appeal.form, Appeal.cover_letter, Appeal.applicant_name, Applicant.address,
                   Applicant.email, Applicant.type, Applicant.org_name, Appeal.answer_on, Appeal.closed_on)
            .outerjoin(Applicant, Applicant.id == Appeal.applicant_id).where(Appeal.id.in_(chunk))
        ):
            base[r.id] = r
        for aid, code, result in s.execute(
            select(Question.appeal_id, Question.classifier_code, Question.result)
            .where(Question.appeal_id.in_(chunk)).order_by(Question.appeal_id, Question.position)
        ):
            questions[aid].append(QuestionRow(code, result))
        for aid, to_body, on, number in s.execute(
            select(Forwarding.appeal_id, Forwarding.to_body, Forwarding.forwarded_on, Forwarding.outgoing_number)
            .where(Forwarding.appeal_id.in_(chunk)).order_by(Forwarding.appeal_id, Forwarding.id)
        ):
            forwarding[aid] = (to_body, on, number or "")  # the latest wins
        extended.update(s.scalars(select(Extension.appeal_id).where(Extension.appeal_id.in_(chunk))))
        answers.update(_answer_files(s, chunk))
    out = []
    for aid in ids:
        r = base.get(aid)
        if r is None:
            continue
        fw = forwarding.get(aid, ("", None, ""))
        out.append(AppealRow(
            id=r.id, reg_number=r.reg_number, version=r.version or 1, received_on=r.received_on,
            registered_on=r.registered_on, source=r.source, form=r.form, cover_letter=r.cover_letter,
            name=r.applicant_name if r.applicant_name != "Анонимное" else "", address=r.address or "",
            email=r.email or "", extended=aid in extended, answer_on=r.answer_on or r.closed_on,
            questions=tuple(questions.get(aid, ())), to_body=fw[0], forwarded_on=fw[1], forwarding_number=fw[2],
            answer=answers.get(aid),
        ))
    return out


def _answer_files(s: Session, ids: list[int]) -> dict[int, AnswerFile]:
    """The answer file of each appeal: the newest answer letter (its PDF, else its DOCX) or the newest
    attachment whose name begins with «Ответ» (a scan of the signed answer), whichever is newer."""
    found: dict[int, tuple] = {}
    for aid, pdf_id, docx_id, made_at in s.execute(
        select(Letter.appeal_id, Letter.pdf_id, Letter.docx_id, Letter.made_at)
        .where(Letter.appeal_id.in_(ids), Letter.kind == "answer").order_by(Letter.id)
    ):
        att = pdf_id or docx_id
        if att is not None:
            found[aid] = (made_at, att)
    named = s.execute(
        select(Attachment.appeal_id, Attachment.id, Attachment.added_at)
        .where(Attachment.appeal_id.in_(ids), Attachment.deleted == false(),
               or_(Attachment.file_name.like("Ответ%"), Attachment.file_name.like("ответ%"),
                   Attachment.file_name.like("ОТВЕТ%")), Attachment.sha256.is_not(None))
        .order_by(Attachment.id)
    )
    for aid, att_id, added_at in named:
        if aid not in found or added_at >= found[aid][0]:
            found[aid] = (added_at, att_id)
    if not found:
        return {}
    att_ids = [v[1] for v in found.values()]
    meta = {}
    for chunk in _chunks(att_ids):
        for att_id, name, size, sha in s.execute(
            select(Attachment.id, Attachment.file_name, Attachment.size, Attachment.sha256)
            .where(Attachment.id.in_(chunk), Attachment.deleted == false())
        ):
            meta[att_id] = AnswerFile(att_id, name, size or 0, sha or "")
    return {aid: meta[att] for aid, (_t, att) in found.items() if att in meta}


def contents(s: Session, attachment_ids: list[int]) -> Iterator[tuple[int, bytes]]:
    for chunk in _chunks(attachment_ids):
        for att_id, data in s.execute(
            select(AttachmentContent.attachment_id, AttachmentContent.data)
            .where(AttachmentContent.attachment_id.in_(chunk))
        ):
            yield att_id, bytes(data)


def not_uploaded_count(s: Session, date_from: date, date_to: date) -> int:
    return s.scalar(
        select(func.count()).select_from(Appeal)
        .outerjoin(SstuUpload, SstuUpload.appeal_id == Appeal.id)
        .where(Appeal.deleted == false(), Appeal.registered_on.between(date_from, date_to),
               Appeal.kind.not_in(EXCLUDED_KINDS), SstuUpload.appeal_id.is_(None))
    ) or 0


def last_batch(s: Session) -> SstuBatch | None:
    return s.scalar(select(SstuBatch).order_by(SstuBatch.id.desc()).limit(1))
