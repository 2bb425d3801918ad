"""The figures of a report: plain frozen values the writers (JSON, PDF, XLSX) and the wizard's preview read.

``Report.sections`` holds the sections of ``exchange_formats.md`` section 2 in the contract's order: a
section is either one ``Figure`` (``appeals``, ``questions``, ``repeated``, ``collective``, ``overdue``)
or an ordered ``{key: Figure}``. Everything else (labels, the quarter cross tables, the largest topics,
the messages, the personal receptions) is for the documents people read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .periods import Period
from .reception import ReceptionReport


@dataclass(frozen=True)
class Figure:
    """One counter: the current period's figure and, with a comparison, the previous one."""

    current: int
    previous: int | None = None

    @property
    def delta(self) -> int | None:
        return None if self.previous is None else self.current - self.previous

    @property
    def percent(self) -> float | None:
        """``round((current - previous) / previous * 100, 1)``; None without a comparison or when the
        previous figure is 0."""
        if not self.previous:
            return None
        return round((self.current - self.previous) / self.previous * 100, 1)

    def as_dict(self) -> dict[str, int | float | None]:
        return {"current": self.current, "previous": self.previous, "delta": self.delta, "percent": self.percent}


Section = Figure | dict[str, Figure]

# The contract's sections, in its order, and whether each is one counter or a group of counters.
CONTRACT_SECTIONS: tuple[tuple[str, bool], ...] = (
    ("appeals", False),
    ("questions", False),
    ("by_quarter", True),
    ("by_form", True),
    ("by_source", True),
    ("by_kind", True),
    ("by_section", True),
    ("by_thematic", True),
    ("by_settlement", True),
    ("results", True),
    ("checks", True),
    ("repeated", False),
    ("collective", False),
    ("overdue", False),
    ("satisfaction", True),
)


@dataclass(frozen=True)
class CrossTab:
    """Appeals by quarter (columns) and a vocabulary (rows), current and previous: the seeds' «166/163»."""

    title: str
    quarters: tuple[int, ...]
    rows: tuple[tuple[str, str], ...]  # (code, label)
    current: dict[tuple[str, int], int]  # (code, quarter) -> appeals
    previous: dict[tuple[str, int], int] | None


@dataclass(frozen=True)
class TopItem:
    """One of the largest topics: a тематика (``0005.0005``) or a вопрос (full code)."""

    code: str
    name: str
    figure: Figure


@dataclass(frozen=True)
class MessageFigures:
    """ПОС and social-media messages (kind ``message``): not 59-FZ appeals, reported separately."""

    appeals: Figure  # everything registered, messages included (the contract's ``appeals``)
    messages: Figure  # of which messages
    by_source: dict[str, Figure]  # messages by source
    results: dict[str, Figure]  # questions of messages by result (``in_progress`` at the period's end)
    overdue: Figure  # questions of messages answered late (24 hours) or overdue at the period's end

    @property
    def appeals_without_messages(self) -> Figure:
        prev = None if self.appeals.previous is None else self.appeals.previous - (self.messages.previous or 0)
        return Figure(self.appeals.current - self.messages.current, prev)


@dataclass(frozen=True)
class Report:
    period: Period
    previous: Period | None
    organisation: str
    sections: dict[str, Section]
    labels: dict[str, dict[str, str]]  # section -> key -> Russian label
    crosstabs: tuple[CrossTab, ...] = ()
    top_thematics: tuple[TopItem, ...] = ()
    top_questions: tuple[TopItem, ...] = ()
    messages: MessageFigures | None = None
    reception: ReceptionReport | None = None
    as_of: date | None = None  # the day in_progress / overdue are counted on: the period's end, or today if earlier

    @property
    def state_date(self) -> date:
        return self.as_of or self.period.end

    @property
    def compare(self) -> bool:
        return self.previous is not None

    def figure(self, section: str, key: str | None = None) -> Figure:
        value = self.sections[section]
        if key is None:
            assert isinstance(value, Figure)
            return value
        assert isinstance(value, dict)
        return value.get(key) or Figure(0, 0 if self.compare else None)

    def label(self, section: str, key: str) -> str:
        return self.labels.get(section, {}).get(key, key)
