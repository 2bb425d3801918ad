"""The figures of a report: plain frozen values the writers (JSON, PDF, XLSX) and the wizard's preview read.

``Report.sections`` holds the sections of ``exchange_formats.md`` section 2 (and 2.1, version 2) in the
contract's order: a section is one ``Figure`` (``appeals``, ``questions``, ``repeated``, ``collective``,
``overdue``, ``messages``, ``oral``), an ordered ``{key: Figure}``, or (``by_quarter_form_questions``)
``{quarter: {form: Figure}}``. ``Report.shares`` are the per cents of version 2. Everything else (labels,
the quarter cross tables, the largest topics, the messages apart, the personal receptions, the
organisations of a district roll-up) is for the documents people read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


Section = Figure | dict[str, Figure] | dict[str, dict[str, Figure]]

FORMAT_VERSION = 2

# The contract's sections, in its order, and whether each is one counter or a group of counters
# (version 1, then the additions of version 2; ``by_quarter_form_questions`` is a group of groups).
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
    ("messages", False),
    ("questions_by_form", True),
    ("oral", False),
    ("by_quarter_form_questions", True),
)
NESTED_SECTIONS = frozenset({"by_quarter_form_questions"})
# ``shares``: per cent of the period's total (current period), of questions for results, of appeals else
SHARE_SECTIONS = ("results", "by_form", "by_kind")


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
    """ПОС and social-media messages (kind ``message``): not 59-FZ appeals, counted apart from them."""

    messages: Figure
    by_source: dict[str, Figure]  # messages by source
    results: dict[str, Figure]  # questions of messages by result (``in_progress`` at the period's end)
    overdue: Figure  # questions of messages answered late or overdue at the period's end


@dataclass(frozen=True)
class Organisation:
    """Who made the report: the name, ОКТМО and ИНН from the office's settings (None: not set)."""

    name: str
    oktmo: str | None = None
    inn: str | None = None


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
    state_on: date | None = None  # the day in_progress / overdue are counted on: the period's end, or today if earlier
    made_on: date | None = None  # the day the report was made (the contract's ``as_of``)
    oktmo: str | None = None
    inn: str | None = None
    shares: dict[str, dict[str, float | None]] = field(default_factory=dict)
    # a district roll-up: the organisations summed, name -> their contract sections (JSON values)
    by_organisation: dict[str, dict] | None = None
    organisations: tuple[Organisation, ...] = ()
    message_hours: int = 24  # the answer term of a message (the office's setting): the documents name it

    @property
    def state_date(self) -> date:
        return self.state_on or self.period.end

    @property
    def period_complete(self) -> bool:
        """False when the period ends after the day the report was made (then the comparison is cut the same
        way, and the documents say the period is not over)."""
        return self.made_on is None or self.period.end <= self.made_on

    def current_label(self) -> str:
        """The heading of the period's column: «2026», or «2026 (по 04.12)» when the period is not over."""
        if self.period_complete:
            return self.period.column_label()
        return f"{self.period.column_label()} (по {self.made_on:%d.%m})"

    def previous_label(self) -> str:
        assert self.previous is not None
        if self.period_complete:
            return self.previous.column_label()
        return f"{self.previous.start.year} (по {self.previous.end:%d.%m})" if (
            self.previous.start.year == self.previous.end.year) else self.previous.column_label()

    @property
    def compare(self) -> bool:
        return self.previous is not None

    def figure(self, section: str, key: str | None = None) -> Figure:
        value = self.sections.get(section, Figure(0, 0 if self.compare else None))
        if key is None:
            assert isinstance(value, Figure)
            return value
        assert isinstance(value, dict)
        return value.get(key) or Figure(0, 0 if self.compare else None)

    def label(self, section: str, key: str) -> str:
        return self.labels.get(section, {}).get(key, key)
