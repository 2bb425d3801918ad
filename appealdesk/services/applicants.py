"""Applicants: look-up as one types, de-duplication (``Фёдоров`` = ``ФЕДОРОВ``, initials), earlier appeals
and the suggestion of a repeated appeal."""

from __future__ import annotations

from datetime import date

from sqlalchemy import false, func, select, update
from sqlalchemy.orm import Session

from ..domain.names import address_key, display_name, name_key, query_tokens
from ..domain.roles import Permission as P
from ..errors import FieldError, NotFoundError, ValidationError
from ..storage.models import Appeal, Applicant, Question, Settlement
from . import audit
from .access import requires
from .context import ServiceContext
from .values import AppealBrief, ApplicantInput, ApplicantView

_HIGH = "\uffff"


def applicant_fields(data: ApplicantInput) -> dict[str, object]:
    def clean(v: str | None) -> str | None:
        v = " ".join(v.split()) if v else None
        return v or None

    return {
        "type": data.type or "person",
        "last_name": clean(data.last_name),
        "first_name": clean(data.first_name),
        "middle_name": clean(data.middle_name),
        "org_name": clean(data.org_name),
        "settlement_id": data.settlement_id,
        "address": clean(data.address),
        "phone": clean(data.phone),
        "email": clean(data.email),
        "social_category": clean(data.social_category),
    }


def validate_applicant(data: ApplicantInput) -> list[FieldError]:
    errors = []
    if data.type not in ("person", "organisation"):
        errors.append(FieldError("applicant.type", "Неизвестный тип заявителя"))
    if data.type == "organisation" and not (data.org_name or "").strip():
        errors.append(FieldError("applicant.org_name", "Укажите название организации"))
    if data.email and "@" not in data.email:
        errors.append(FieldError("applicant.email", f"Неверный адрес эл. почты «{data.email}»"))
    if data.phone and sum(ch.isdigit() for ch in data.phone) < 5:
        errors.append(FieldError("applicant.phone", f"В номере телефона «{data.phone}» слишком мало цифр"))
    return errors


def is_anonymous(data: ApplicantInput | None) -> bool:
    """59-FZ art. 11 p. 1: no surname (or organisation name) given."""
    if data is None:
        return True
    if data.type == "organisation":
        return not (data.org_name or "").strip()
    return not (data.last_name or "").strip()


def _apply_keys(row: Applicant) -> None:
    if row.type == "organisation":
        row.last_key = name_key(row.org_name)
        row.name_key = row.last_key
        row.display_name = row.org_name or ""
    else:
        row.last_key = name_key(row.last_name)
        row.name_key = name_key(row.last_name, row.first_name, row.middle_name)
        row.display_name = display_name(row.last_name, row.first_name, row.middle_name)
    row.address_key = address_key(row.address)


def find_same(session: Session, fields: dict[str, object]) -> Applicant | None:
    """An existing applicant who is the same person: same folded full name and same address (or one of the
    two has no address and the phone matches or is missing)."""
    probe = Applicant(**fields)
    _apply_keys(probe)
    if not probe.name_key:
        return None
    candidates = session.scalars(
        select(Applicant).where(Applicant.name_key == probe.name_key, Applicant.merged_into_id.is_(None))
    ).all()
    for c in candidates:
        if probe.address_key and c.address_key:
            if probe.address_key == c.address_key:
                return c
            continue
        if probe.phone and c.phone and probe.phone != c.phone:
            continue
        return c
    return None


def resolve(session: Session, ctx: ServiceContext, applicant_id: int | None, data: ApplicantInput | None) -> Applicant | None:
    """The applicant row for an appeal: the chosen one (updated with what was typed), an existing same
    person, or a new one. ``None`` for an anonymous appeal."""
    if applicant_id is not None:
        row = session.get(Applicant, applicant_id)
        if row is None:
            raise NotFoundError("Заявитель не найден (возможно, удалён)")
        while row.merged_into_id is not None:
            row = session.get(Applicant, row.merged_into_id)
        if data is not None:
            fields = applicant_fields(data)
            before = _dict(row)
            for k, v in fields.items():
                setattr(row, k, v)
            _apply_keys(row)
            changes = audit.diff(before, _dict(row))
            if changes:
                audit.record(session, ctx, "applicant", row.id, "update", changes)
        return row
    if is_anonymous(data):
        return None
    assert data is not None
    fields = applicant_fields(data)
    same = find_same(session, fields)
    if same is not None:
        # fill in what the existing record lacked; never erase what it had
        for k, v in fields.items():
            if v is not None and getattr(same, k) in (None, ""):
                setattr(same, k, v)
        _apply_keys(same)
        return same
    row = Applicant(**fields, created_at=ctx.now())
    _apply_keys(row)
    session.add(row)
    session.flush()
    audit.record(session, ctx, "applicant", row.id, "register", audit.diff({}, _dict(row)))
    return row


def _dict(row: Applicant) -> dict[str, object]:
    return {k: getattr(row, k) for k in applicant_fields(ApplicantInput())}


def view(session: Session, row: Applicant, count: int = 0) -> ApplicantView:
    settlement = session.get(Settlement, row.settlement_id) if row.settlement_id else None
    return ApplicantView(
        id=row.id,
        type=row.type,
        last_name=row.last_name,
        first_name=row.first_name,
        middle_name=row.middle_name,
        org_name=row.org_name,
        display_name=row.display_name,
        settlement_id=row.settlement_id,
        settlement=settlement.name if settlement else None,
        address=row.address,
        phone=row.phone,
        email=row.email,
        social_category=row.social_category,
        appeals_count=count,
    )


class ApplicantService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def search(self, query: str, limit: int = 20) -> tuple[ApplicantView, ...]:
        """Applicants whose name starts as typed: ``федоров``, ``Фёдоров И.И.``, ``ФЕДОРОВ ив``."""
        tokens = query_tokens(query)
        if not tokens:
            return ()
        first, rest = tokens[0], tokens[1:]
        with self._ctx.read() as s:
            rows = s.scalars(
                select(Applicant)
                .where(
                    Applicant.last_key >= first,
                    Applicant.last_key < first + _HIGH,
                    Applicant.merged_into_id.is_(None),
                )
                .order_by(Applicant.last_key, Applicant.name_key)
                .limit(limit * 10 if rest else limit)
            ).all()
            out = []
            for r in rows:
                parts = r.name_key.split(" ")[1:] if r.type == "person" else r.name_key.split(" ")
                if r.type == "person" and not all(
                    i < len(parts) and parts[i].startswith(t) for i, t in enumerate(rest)
                ):
                    continue
                out.append(r)
                if len(out) >= limit:
                    break
            counts = dict(
                s.execute(
                    select(Appeal.applicant_id, func.count())
                    .where(Appeal.applicant_id.in_([r.id for r in out]), Appeal.deleted == false())
                    .group_by(Appeal.applicant_id)
                ).all()
            )
            return tuple(view(s, r, counts.get(r.id, 0)) for r in out)

    @requires(P.READ)
    def get(self, applicant_id: int) -> ApplicantView:
        with self._ctx.read() as s:
            row = s.get(Applicant, applicant_id)
            if row is None:
                raise NotFoundError("Заявитель не найден")
            count = s.scalar(
                select(func.count()).where(Appeal.applicant_id == row.id, Appeal.deleted == false())
            )
            return view(s, row, count or 0)

    @requires(P.READ)
    def find_duplicates(self, data: ApplicantInput) -> tuple[ApplicantView, ...]:
        """Existing applicants with the same folded name (any address): offered before creating a new one."""
        fields = applicant_fields(data)
        probe = Applicant(**fields)
        _apply_keys(probe)
        if not probe.name_key:
            return ()
        with self._ctx.read() as s:
            rows = s.scalars(
                select(Applicant).where(Applicant.name_key == probe.name_key, Applicant.merged_into_id.is_(None))
            ).all()
            return tuple(view(s, r) for r in rows)

    @requires(P.READ)
    def appeals_of(self, applicant_id: int, limit: int = 50) -> tuple[AppealBrief, ...]:
        with self._ctx.read() as s:
            return _briefs(
                s,
                select(Appeal)
                .where(Appeal.applicant_id == applicant_id, Appeal.deleted == false())
                .order_by(Appeal.registered_on.desc(), Appeal.id.desc())
                .limit(limit),
            )

    @requires(P.READ)
    def suggest_repeated(
        self, applicant_id: int, codes: tuple[str, ...], before: date | None = None, exclude_id: int | None = None
    ) -> tuple[AppealBrief, ...]:
        """Earlier appeals of the same applicant on the same topic (same тема, the first three levels of a
        code), newest first: the candidates for "repeated"."""
        topics = {".".join(c.split(".")[:3]) for c in codes if c}
        if not topics:
            return ()
        with self._ctx.read() as s:
            stmt = select(Appeal).where(Appeal.applicant_id == applicant_id, Appeal.deleted == false())
            if before is not None:
                stmt = stmt.where(Appeal.registered_on <= before)
            if exclude_id is not None:
                stmt = stmt.where(Appeal.id != exclude_id)
            topic_match = select(Question.appeal_id).where(
                func.substr(Question.classifier_code, 1, 14).in_(topics)
            )
            stmt = stmt.where(Appeal.id.in_(topic_match)).order_by(Appeal.registered_on.desc()).limit(10)
            return _briefs(s, stmt)

    @requires(P.APPLICANTS)
    def merge(self, keep_id: int, merge_id: int) -> ApplicantView:
        """Two records of one person: the appeals of ``merge_id`` move to ``keep_id``; the merged record stays
        (marked) so the history keeps its trace."""
        if keep_id == merge_id:
            raise ValidationError([FieldError("applicant", "Нельзя объединить заявителя с самим собой")])
        with self._ctx.uow() as s:
            keep, other = s.get(Applicant, keep_id), s.get(Applicant, merge_id)
            if keep is None or other is None:
                raise NotFoundError("Заявитель не найден")
            moved = s.execute(
                update(Appeal).where(Appeal.applicant_id == merge_id).values(applicant_id=keep_id)
            ).rowcount
            other.merged_into_id = keep_id
            audit.record(
                s, self._ctx, "applicant", keep_id, "merge",
                [("applicant", other.display_name, keep.display_name), ("appeals", None, str(moved))],
            )
            s.flush()
            return view(s, keep)


def _briefs(session: Session, stmt) -> tuple[AppealBrief, ...]:
    appeals = session.scalars(stmt).all()
    codes: dict[int, list[str]] = {}
    if appeals:
        for aid, code in session.execute(
            select(Question.appeal_id, Question.classifier_code)
            .where(Question.appeal_id.in_([a.id for a in appeals]))
            .order_by(Question.appeal_id, Question.position)
        ):
            codes.setdefault(aid, []).append(code)
    return tuple(
        AppealBrief(a.id, a.reg_number, a.registered_on, a.summary, tuple(codes.get(a.id, [])), a.status)
        for a in appeals
    )
