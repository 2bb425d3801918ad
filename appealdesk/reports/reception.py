"""Personal-reception figures of a report, from whoever keeps the receptions.

The report does not know the reception tables: a *provider* does. A provider is a function
``provider(session, start, end) -> ReceptionFigures | None`` that counts the receptions held from
``start`` to ``end`` (both included) in the open read-only ``session``; None means "no reception data"
and the report then has no reception section at all.

The service layer passes the provider to ``build_report(reception_provider=...)``: the function
``reception_figures`` of ``appealdesk.reception.report``. Without one, the section is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

# the fields of a reception line, in the order of the table, with their Russian headings
FIELDS: tuple[tuple[str, str], ...] = (
    ("receptions", "Приёмов проведено"),
    ("visitors", "Принято граждан"),
    ("questions", "Поступило вопросов"),
    ("oral_answers", "Дан устный ответ"),
    ("written_appeals", "Принято письменных обращений"),
    ("no_shows", "Неявки по записи"),
)


@dataclass(frozen=True)
class ReceptionLine:
    """Receptions of one official of one kind (``reception_kind``: regular, visiting, national_day, video)."""

    official: str
    position: str
    kind: str
    receptions: int
    visitors: int
    questions: int
    oral_answers: int = 0
    written_appeals: int = 0
    no_shows: int = 0


@dataclass(frozen=True)
class ReceptionFigures:
    lines: tuple[ReceptionLine, ...]

    def total(self, name: str, kind: str | None = None) -> int:
        return sum(getattr(ln, name) for ln in self.lines if kind is None or ln.kind == kind)

    def kinds(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for ln in self.lines:
            seen.setdefault(ln.kind, None)
        return tuple(seen)


@dataclass(frozen=True)
class ReceptionReport:
    current: ReceptionFigures
    previous: ReceptionFigures | None


ReceptionProvider = Callable[[Session, date, date], ReceptionFigures | None]
