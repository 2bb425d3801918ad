"""THE row an appeal's input becomes: one pure function for the card (``appeals``) and the bulk path (the
journal import, the demo), so that an appeal registered by hand and one imported are stored alike.

    row = registration_row(data, engine, registered_on, person, extension_days=None)

Numbering, ids, the applicant's own row and the audit entries stay with the callers; everything derived
from the input (the applicant's name on the journal, art. 11 anonymity, the deadlines) is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.deadlines import DeadlineEngine
from ..domain.law import anonymity
from ..domain.names import name_key
from .values import AppealInput

ANONYMOUS_NAME = "Анонимное"


@dataclass(frozen=True)
class Person:
    """The applicant as the row needs them (None id: nobody named)."""

    id: int | None = None
    name: str = ""  # the display name
    settlement_id: int | None = None
    has_surname: bool = False
    address: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Deadlines:
    legal: date
    control: date
    extended: date | None
    in_force: date


def deadlines_for(
    engine: DeadlineEngine,
    registered_on: date,
    kind: str,
    received_on: date | None,
    extension_days: int | None = None,
) -> Deadlines:
    """The legal, control and extended deadlines an appeal gets from the engine."""
    legal = engine.legal_deadline(registered_on, kind, received_on)
    control = engine.control_deadline(legal, registered_on)
    extended = engine.extended_deadline(legal, extension_days) if extension_days else None
    return Deadlines(legal, min(control, extended or legal), extended, extended or legal)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def registration_row(
    data: AppealInput,
    engine: DeadlineEngine,
    registered_on: date,
    person: Person,
    *,
    extension_days: int | None = None,
    legal: date | None = None,
    control: date | None = None,
    extended: date | None = None,
) -> dict[str, object]:
    """The columns of ``appeals`` that ``data`` decides, for an appeal registered on ``registered_on``.

    ``legal`` and ``control`` are deadlines as recorded (an imported journal), None = computed;
    ``extended`` the extended deadline as recorded, None = computed from ``extension_days``."""
    received = data.received_on or registered_on
    terms = deadlines_for(engine, registered_on, data.kind, received, extension_days)
    legal_on = legal or terms.legal
    if control is None:
        control = terms.control if legal_on == terms.legal else min(terms.control, legal_on)
    extended = (extended or engine.extended_deadline(legal_on, extension_days)) if extension_days else None
    control = min(control, extended or legal_on)
    shown = person.name if person.id is not None else ANONYMOUS_NAME
    form = data.form
    channel = _clean(data.channel)
    return {
        "received_on": received,
        "form": form,
        "source": data.source or "direct",
        "kind": data.kind,
        "channel": channel,
        "cover_letter": _clean(data.cover_letter),
        "complaint_about": _clean(data.complaint_about),
        "applicant_id": person.id,
        "applicant_name": shown,
        "applicant_sort": name_key(shown),
        # art. 11 p. 1: no surname or no address to answer to (a written or electronic appeal)
        "is_anonymous": person.id is None or anonymity(form, channel, person.has_surname, person.address,
                                                       person.email) is not None,
        "is_collective": data.is_collective,
        "signatures": data.signatures,
        "settlement_id": data.settlement_id or person.settlement_id,
        "summary": data.summary.strip(),
        "topic_code": data.questions[0].code.strip() if data.questions else None,
        "resolution": _clean(data.resolution),
        "resolution_by_id": data.resolution_by_id,
        "resolution_on": data.resolution_on,
        "executor_id": data.executor_id,
        "on_control": data.on_control,
        "commission": data.commission,
        "on_site": data.on_site,
        "with_author": data.with_author,
        "crime_report": data.crime_report,
        "previous_appeal_id": data.previous_appeal_id,
        "is_repeated": data.is_repeated or data.previous_appeal_id is not None,
        "legal_deadline": legal_on,
        "control_deadline": control,
        "extended_deadline": extended,
        "deadline": extended or legal_on,
    }


def question_rows(data: AppealInput, results: list[str | None] | None = None) -> list[dict[str, object]]:
    """The ``questions`` columns of each question, in order (``results``: as the caller decided them)."""
    out = []
    for pos, q in enumerate(data.questions):
        code = q.code.strip()
        result = (results[pos] if results is not None else q.result) or None
        out.append({
            "position": pos, "classifier_code": code, "section": code[:4],
            "executor_id": q.executor_id if q.executor_id is not None else data.executor_id,
            "result": result, "note": q.note,
        })
    return out


def person_of(applicant) -> Person:
    """The ``Person`` of an applicant row (or of anything with its attributes); None: nobody named."""
    if applicant is None:
        return Person()
    surname = applicant.org_name if applicant.type == "organisation" else applicant.last_name
    return Person(applicant.id, applicant.display_name or "", applicant.settlement_id, bool((surname or "").strip()),
                  applicant.address, applicant.email)
