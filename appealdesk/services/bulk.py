"""Registering many appeals in one unit of work: the journal import and the demo data.

The same rules as the card (``appeal_rules.validate``, the numbering, the deadline engine, applicant
de-duplication), but written with a handful of ``executemany`` statements instead of one ORM round trip
per appeal, so that 10 000 imported rows take seconds, not minutes. The ids of the new appeals and
applicants are known before they are written (``storage.ids``: from the sequences on PostgreSQL, so that
later registrations never collide with them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..domain.law import ground_result
from ..domain.names import address_key, display_name, name_key
from ..errors import DomainError, FieldError
from ..storage import search_index
from ..storage.ids import IdAllocator
from ..storage.models import Appeal, AppealAnswer, Applicant, AuditEntry, Extension, Forwarding, Question
from . import audit
from .appeal_rows import Person, person_of, question_rows, registration_row
from .appeal_rules import series_of, validate
from .applicants import applicant_fields, is_anonymous
from .context import ServiceContext
from .registry import Numberer, known


@dataclass(frozen=True)
class BulkExtension:
    days: int
    reason: str
    extended_by: str
    extended_on: date
    notice_on: date | None = None
    new_deadline: date | None = None  # as recorded (import); None = computed


@dataclass(frozen=True)
class BulkForwarding:
    to_body: str
    forwarded_on: date
    notice_on: date | None = None
    outgoing_number: str | None = None


@dataclass(frozen=True)
class BulkExtra:
    """What a journal row or the demo knows beyond the registration card."""

    legal_deadline: date | None = None  # None = computed
    control_deadline: date | None = None
    extension: BulkExtension | None = None
    forwardings: tuple[BulkForwarding, ...] = ()
    answer_on: date | None = None
    answer_number: str | None = None
    answer_method: str | None = None
    answer_text: str | None = None
    satisfaction: str | None = None
    no_answer_ground: str | None = None
    created_at: datetime | None = None
    results_close: bool = True  # close when every question has a result and there is an answer date


@dataclass
class _Buffers:
    applicants: list[dict] = field(default_factory=list)
    appeals: list[dict] = field(default_factory=list)
    questions: list[dict] = field(default_factory=list)
    extensions: list[dict] = field(default_factory=list)
    forwardings: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)
    docs: list[tuple[int, str, str]] = field(default_factory=list)
    audit: list[dict] = field(default_factory=list)


class BulkRegistrar:
    def __init__(self, session: Session, ctx: ServiceContext, *, action: str = "import", today: date | None = None):
        self._s = session
        self._ctx = ctx
        self._action = action
        self._today = today or ctx.today()
        self._known = known(session, ctx)
        self._engine = ctx.engine()
        self._numberer = Numberer(session, ctx.settings(), preload=True)
        self._appeal_ids = IdAllocator(session, Appeal.__table__)
        self._applicant_ids = IdAllocator(session, Applicant.__table__)
        self._people: dict[tuple[str, str], int] | None = None
        self._by_name: dict[str, int] = {}
        self._addresses: dict[int, str | None] = {}
        self._numbers: dict[str, int] = {}
        self._number_of: dict[int, str] = {}
        self._buf = _Buffers()
        self.count = 0

    # -- checking --------------------------------------------------------------------------------
    def check(self, data, extra: BulkExtra | None = None) -> list[FieldError]:
        """Every problem of one appeal, without writing anything."""
        errors = validate(data, self._known, self._today)
        extra = extra or BulkExtra()
        registered = data.registered_on or self._today
        if extra.answer_on and extra.answer_on < registered:
            errors.append(FieldError("answer_on", "Дата ответа раньше даты регистрации"))
        if extra.answer_on and extra.answer_on > self._today:
            errors.append(FieldError("answer_on", "Дата ответа не может быть позже сегодняшней"))
        if extra.extension is not None:
            limit = self._engine.max_extension_days(data.kind)
            if limit == 0:
                errors.append(FieldError("extended_deadline", "Срок ответа на сообщение (24 часа) не продлевается"))
            elif not 1 <= extra.extension.days <= limit:
                errors.append(FieldError("extended_deadline", f"Срок продлевается не более чем на {limit} дней"))
        vocab = self._known.vocabulary
        if extra.satisfaction and extra.satisfaction not in vocab.get("satisfaction", {}):
            errors.append(FieldError("satisfaction", f"Неизвестная оценка «{extra.satisfaction}»"))
        return errors

    def number_taken(self, number: str) -> bool:
        number = number.strip()
        return number in self._numbers or self._s.scalar(select(Appeal.id).where(Appeal.reg_number == number)) is not None

    def id_of_number(self, number: str) -> int | None:
        """The id of an appeal by number: one registered earlier in this batch or already in the database."""
        number = number.strip()
        if number in self._numbers:
            return self._numbers[number]
        return self._s.scalar(select(Appeal.id).where(Appeal.reg_number == number))

    # -- writing ---------------------------------------------------------------------------------
    def add(self, data, extra: BulkExtra | None = None) -> int:
        """Queue one appeal (already checked). Returns its id; ``flush`` writes the queue."""
        extra = extra or BulkExtra()
        ctx = self._ctx
        registered = data.registered_on or self._today
        series = series_of(data.kind)
        if data.reg_number:
            number = data.reg_number.strip()
            seq = self._numberer.claim(number, series, registered.year)
        else:
            number, seq = self._numberer.assign(series, registered.year)
        person = self._applicant(data)
        appeal_id = self._appeal_ids.next()
        self._numbers[number] = appeal_id
        self._number_of[appeal_id] = number
        ext = extra.extension
        row = registration_row(
            data, self._engine, registered, person, extension_days=ext.days if ext else None,
            legal=extra.legal_deadline, control=extra.control_deadline,
            extended=ext.new_deadline if ext else None,
        )
        legal, extended = row["legal_deadline"], row["extended_deadline"]
        results = [q.result for q in data.questions]
        if extra.no_answer_ground:
            fallback = ground_result(extra.no_answer_ground, bool(extra.forwardings))
            results = [r or fallback for r in results]
        all_done = bool(results) and all(results)
        closed = all_done and extra.results_close and (extra.answer_on is not None or bool(extra.forwardings))
        closed_on = None
        if closed:
            closed_on = extra.answer_on or max(f.forwarded_on for f in extra.forwardings)
        now = extra.created_at or ctx.now()
        self._buf.appeals.append(
            {
                "id": appeal_id, "reg_number": number, "reg_series": series, "reg_year": registered.year,
                "reg_seq": seq, "received_time": None, "registered_on": registered, **row,
                "answer_on": extra.answer_on, "answer_number": _clean(extra.answer_number),
                "answer_method": extra.answer_method, "answer_text": _clean(extra.answer_text),
                "satisfaction": extra.satisfaction, "previous_number": self._previous_number(data),
                "no_answer_ground": extra.no_answer_ground, "decision_by_id": None, "decision_on": None,
                "published_url": None, "call_on": None, "call_note": None,
                "status": "closed" if closed else "in_progress", "closed_on": closed_on, "deleted": False,
                "deleted_reason": None, "created_at": now, "created_by": ctx.user, "updated_at": now,
                "updated_by": ctx.user, "version": 1,
            }
        )
        for values in question_rows(data, results):
            self._buf.questions.append({"appeal_id": appeal_id, **values})
        if extra.answer_on is not None:
            self._buf.answers.append(
                {
                    "appeal_id": appeal_id, "kind": "final", "answer_on": extra.answer_on,
                    "number": _clean(extra.answer_number), "method": extra.answer_method,
                    "text": _clean(extra.answer_text), "final_due": None, "created_at": now, "created_by": ctx.user,
                }
            )
        if ext is not None:
            self._buf.extensions.append(
                {
                    "appeal_id": appeal_id, "days": ext.days, "previous_deadline": legal, "new_deadline": extended,
                    "reason": ext.reason, "extended_by": ext.extended_by, "extended_on": ext.extended_on,
                    "notice_on": ext.notice_on,
                }
            )
        for f in extra.forwardings:
            self._buf.forwardings.append(
                {
                    "appeal_id": appeal_id, "to_body": f.to_body, "forwarded_on": f.forwarded_on,
                    "outgoing_number": f.outgoing_number, "notice_on": f.notice_on, "note": None,
                }
            )
        words, stems = search_index.document(
            [number, row["applicant_name"], self._addresses.get(person.id or 0), data.summary, extra.answer_text]
        )
        self._buf.docs.append((appeal_id, words, stems))
        self._buf.audit.append(
            {
                "at": now, "user": ctx.user, "user_id": ctx.user_id, "entity": "appeal", "entity_id": appeal_id,
                "action": self._action,
                "changes": json.dumps([["reg_number", None, number]], ensure_ascii=False),
            }
        )
        if ext is not None and extended is not None:  # the history shows it as the card's extension does
            at = now if extra.created_at is None else max(now, datetime.combine(ext.extended_on, now.time()))
            self._buf.audit.append(
                {
                    "at": at, "user": ctx.user, "user_id": ctx.user_id, "entity": "appeal", "entity_id": appeal_id,
                    "action": "extend",
                    "changes": json.dumps(extension_changes(legal, extended, ext.reason, ext.notice_on),
                                          ensure_ascii=False),
                }
            )
        self.count += 1
        if len(self._buf.appeals) >= 5000:
            self.flush()
        return appeal_id

    def flush(self) -> None:
        b, s = self._buf, self._s
        if b.applicants:
            s.execute(insert(Applicant.__table__), b.applicants)
        if b.appeals:
            s.execute(insert(Appeal.__table__), b.appeals)
        if b.questions:
            s.execute(insert(Question.__table__), b.questions)
        if b.extensions:
            s.execute(insert(Extension.__table__), b.extensions)
        if b.forwardings:
            s.execute(insert(Forwarding.__table__), b.forwardings)
        if b.answers:
            s.execute(insert(AppealAnswer.__table__), b.answers)
        if b.docs:
            search_index.index_appeals(s, b.docs, fresh=True)
        if b.audit:
            s.execute(insert(AuditEntry.__table__), audit.chained(s, b.audit))
        self._buf = _Buffers()

    def _previous_number(self, data) -> str | None:
        if data.previous_appeal_id is None:
            return _clean(data.previous_number)
        if data.previous_appeal_id in self._number_of:
            return self._number_of[data.previous_appeal_id]
        return self._s.scalar(select(Appeal.reg_number).where(Appeal.id == data.previous_appeal_id))

    # -- applicants ------------------------------------------------------------------------------
    def _load_people(self) -> dict[tuple[str, str], int]:
        if self._people is None:
            self._people = {}
            for aid, nk, ak, addr in self._s.execute(
                select(Applicant.id, Applicant.name_key, Applicant.address_key, Applicant.address).where(
                    Applicant.merged_into_id.is_(None)
                )
            ):
                self._people.setdefault((nk, ak), aid)
                self._by_name.setdefault(nk, aid)
                self._addresses[aid] = addr
        return self._people

    def _applicant(self, data) -> Person:
        if data.applicant_id is not None:
            row = self._s.get(Applicant, data.applicant_id)
            if row is None:
                raise DomainError("Заявитель не найден")
            return person_of(row)
        if is_anonymous(data.applicant):
            return Person()
        fields = applicant_fields(data.applicant)
        if fields["type"] == "organisation":
            nk = name_key(fields["org_name"])
            shown = fields["org_name"] or ""
        else:
            nk = name_key(fields["last_name"], fields["first_name"], fields["middle_name"])
            shown = display_name(fields["last_name"], fields["first_name"], fields["middle_name"])
        ak = address_key(fields["address"])
        people = self._load_people()
        found = people.get((nk, ak)) or (self._by_name.get(nk) if not ak else None)
        person = Person(found, shown, fields["settlement_id"], True, fields["address"], fields["email"])
        if found is not None:
            return person
        aid = self._applicant_ids.next()
        people[(nk, ak)] = aid
        self._by_name.setdefault(nk, aid)
        self._addresses[aid] = fields["address"]
        last_key = name_key(fields["org_name"] if fields["type"] == "organisation" else fields["last_name"])
        self._buf.applicants.append(
            {
                "id": aid, **fields, "last_key": last_key, "name_key": nk, "address_key": ak,
                "display_name": shown, "merged_into_id": None, "created_at": self._ctx.now(),
            }
        )
        return Person(aid, shown, fields["settlement_id"], True, fields["address"], fields["email"])


def extension_changes(old: date, new: date, reason: str, notice_on: date | None) -> list[list[str | None]]:
    """The audit changes of an extension, as the card records them."""
    return [["extended_deadline", f"{old:%d.%m.%Y}", f"{new:%d.%m.%Y}"], ["reason", None, reason.strip()],
            ["notice_on", None, f"{notice_on:%d.%m.%Y}" if notice_on else None]]


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
