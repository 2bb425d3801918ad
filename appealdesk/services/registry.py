"""Registration numbers and the search index of one appeal: the parts of a registration that the card,
the import and the demo share."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.numbering import NumberPattern
from ..errors import DomainError
from ..storage import search_index
from ..storage.models import Appeal, Official, RegCounter, Settlement
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
    """Hands out registration numbers within one unit of work: ``{seq}`` restarts each year per series.

    The last number of each series and year is kept in ``reg_counters``; its row is locked by the
    registering transaction (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the transaction began with
    ``BEGIN IMMEDIATE`` and holds the write lock), so numbers are unique and gap-free however many
    workstations register at once, and a registration that fails leaves no hole."""

    def __init__(self, session: Session, settings: OfficeSettings, *, preload: bool = False):
        self._session = session
        self._settings = settings
        self._counters: dict[tuple[str, int], RegCounter] = {}
        self._taken: set[str] = set()
        # many numbers at once (import, demo): read the numbers in use once instead of a query per number
        self._existing: set[str] | None = (
            set(session.scalars(select(Appeal.reg_number))) if preload else None
        )

    def _counter(self, series: str, year: int) -> RegCounter:
        key = (series, year)
        row = self._counters.get(key)
        if row is None:
            s = self._session
            row = s.scalar(
                select(RegCounter).where(RegCounter.series == series, RegCounter.year == year).with_for_update()
            )
            if row is None:  # the first number of a year: start after any numbered by hand or imported
                top = s.scalar(
                    select(func.max(Appeal.reg_seq)).where(Appeal.reg_series == series, Appeal.reg_year == year)
                )
                row = RegCounter(series=series, year=year, last_seq=top or 0)
                s.add(row)
                s.flush()
            self._counters[key] = row
        return row

    def assign(self, series: str, year: int) -> tuple[str, int]:
        pattern = pattern_for(self._settings, series)
        counter = self._counter(series, year)
        seq = counter.last_seq + 1
        while True:
            number = pattern.format(seq, year)
            if number not in self._taken and not self._exists(number):
                break
            seq += 1
        counter.last_seq = seq
        self._taken.add(number)
        return number, seq

    def claim(self, number: str, series: str, year: int) -> int | None:
        """Take a number given by hand (or by an imported journal); returns its sequence if it follows the
        pattern, so that later numbers continue after it. A number already used is refused."""
        number = number.strip()
        if number in self._taken or self._exists(number):
            raise DomainError(f"Регистрационный номер «{number}» уже занят")
        self._taken.add(number)
        seq = pattern_for(self._settings, series).parse(number, year)
        if seq is not None:
            counter = self._counter(series, year)
            counter.last_seq = max(counter.last_seq, seq)
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
