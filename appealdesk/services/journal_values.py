"""The journal's plain values: its query, its rows and pages, vocabulary labels. Kept apart from
``values`` so that the start-up reader (``first_screen``) imports only what it needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class JournalRow:
    id: int
    reg_number: str
    received_on: date
    registered_on: date
    applicant: str
    settlement: str | None
    form: str
    source: str
    kind: str
    topic_code: str | None
    executor: str | None
    legal_deadline: date
    control_deadline: date
    deadline: date
    extended: bool
    status: str
    state: str
    answer_on: date | None
    summary: str
    matched: str = ""  # where a search found it: surname | number | address | text ("" without a search)


@dataclass(frozen=True)
class JournalPage:
    rows: tuple[JournalRow, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class JournalQuery:
    """The journal's search, filters and sort. Every field is optional; ``text`` is searched in full text."""

    text: str = ""
    state: str | None = None  # in_progress | overdue | due_today | due_soon | extended | closed | open
    date_from: date | None = None  # registration date
    date_to: date | None = None
    form: str | None = None
    source: str | None = None
    kind: str | None = None
    executor_id: int | None = None
    settlement_id: int | None = None
    section: str | None = None  # a classifier section ("0003") or any code prefix
    applicant_id: int | None = None
    repeated: bool | None = None
    collective: bool | None = None
    sort: str = "registered_on"
    descending: bool = True


def vocabulary_label(vocabulary: dict[str, dict[str, str]], group: str, code: str | None) -> str:
    """The label of ``code`` in a vocabulary ``{group: {code: label}}``; the code itself if unknown."""
    if not code:
        return ""
    return vocabulary.get(group, {}).get(code, code)
