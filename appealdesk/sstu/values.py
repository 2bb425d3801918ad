"""What the ССТУ upload tells the dialog and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    appeal_id: int
    reg_number: str
    problems: tuple[str, ...]

    def text(self) -> str:
        return f"№ {self.reg_number}: " + "; ".join(self.problems)


@dataclass(frozen=True)
class SstuState:
    """The appeals of a period and where each stands against the uploads."""

    date_from: date
    date_to: date
    appeals: int  # 59-ФЗ appeals of the period
    uploaded: int  # «выгружено» and unchanged since
    changed: int  # «изменилось после выгрузки»
    not_uploaded: int  # «не выгружено»
    changed_earlier: int  # appeals of earlier periods changed since their upload (the next upload takes them)
    messages: int  # left out: ПОС and social networks
    info_requests: int  # left out: 8-ФЗ requests
    last_upload: datetime | None
    last_file: str
    configured: bool  # the body's ССТУ identifier is set


@dataclass(frozen=True)
class SstuCheck:
    """The records an upload would write, by status, and the ones it cannot send."""

    state: SstuState
    selected: int
    ready: int
    statuses: dict[str, int]  # question status -> questions
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class SstuResult:
    check: SstuCheck
    files: tuple[Path, ...]
    written: int  # requests written
    problems_file: Path | None
    made_at: datetime
