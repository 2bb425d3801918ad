"""Registration numbers and the search index of one appeal: the parts of a registration that the card,
the import and the demo share."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.numbering import NumberPattern
from ..errors import DomainError
from ..storage import search_index
from ..storage.models import Appeal, Official, Settlement
from .appeal_rules import SERIES_INFO, SERIES_MESSAGE, Known
from .context import ServiceContext
from .office_settings import OfficeSettings


def pattern_for(settings: OfficeSettings, series: str) -> NumberPattern:
    if series == SERIES_MESSAGE:
        return NumberPattern(settings.message_number_pattern)
    if series == SERIES_INFO:
        return NumberPattern(settings.info_request_number_pattern)
    return NumberPattern(settings.number_pattern)


class Numberer:
    """Hands out registration numbers within one unit of work: ``{seq}`` restarts each year per series."""

    def __init__(self, session: Session, settings: OfficeSettings, *, preload: bool = False):
        self._session = session
        self._settings = settings
        self._next: dict[tuple[str, int], int] = {}
        self._taken: set[str] = set()
        # many numbers at once (import, demo): read the numbers in use once instead of a query per number
        self._existing: set[str] | None = (
            set(session.scalars(select(Appeal.reg_number))) if preload else None
        )

    def _seed(self, series: str, year: int) -> int:
        key = (series, year)
        if key not in self._next:
            top = self._session.scalar(
                select(func.max(Appeal.reg_seq)).where(Appeal.reg_series == series, Appeal.reg_year == year)
            )
            self._next[key] = (top or 0) + 1
        return self._next[key]

    def assign(self, series: str, year: int) -> tuple[str, int]:
        pattern = pattern_for(self._settings, series)
        seq = self._seed(series, year)
        while True:
            number = pattern.format(seq, year)
            seq += 1
            if number not in self._taken and not self._exists(number):
                break
        self._next[(series, year)] = seq
        self._taken.add(number)
        return number, seq - 1

    def claim(self, number: str, series: str, year: int) -> int | None:
        """Take a number given by hand (or by an imported journal); returns its sequence if it follows the
        pattern, so that later numbers continue after it. A number already used is refused."""
        number = number.strip()
        if number in self._taken or self._exists(number):
            raise DomainError(f"Регистрационный номер «{number}» уже занят")
        self._taken.add(number)
        seq = pattern_for(self._settings, series).parse(number, year)
        if seq is not None:
            nxt = self._seed(series, year)
            self._next[(series, year)] = max(nxt, seq + 1)
        return seq

    def _exists(self, number: str) -> bool:
        if self._existing is not None:
            return number in self._existing
        return self._session.scalar(select(Appeal.id).where(Appeal.reg_number == number)) is not None


def known(session: Session, ctx: ServiceContext) -> Known:
    return Known(
        vocabulary=ctx.vocabulary(),
        question_codes=ctx.question_codes(),
        official_ids=set(session.scalars(select(Official.id))),
        settlement_ids=set(session.scalars(select(Settlement.id))),
    )


def search_parts(appeal: Appeal, applicant_address: str | None, org: str | None = None) -> list[str | None]:
    return [appeal.reg_number, appeal.applicant_name, org, applicant_address, appeal.summary, appeal.answer_text]


def reindex(session: Session, appeal: Appeal, applicant_address: str | None, *, fresh: bool = False) -> None:
    w, s = search_index.document(search_parts(appeal, applicant_address))
    search_index.index_appeals(session, [(appeal.id, w, s)], fresh=fresh)
