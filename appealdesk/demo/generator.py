"""Realistic demo data for a rural settlement's appeals office: ``make_demo(desk, appeals)``.

Two years (the year before and the current one up to today), denser on working days and in the seasons
of each topic; a pool of applicants of a settlement of a few thousand people (many write again and
again); the forms, sources, kinds and results in the proportions the published reports show; late
answers, extensions, forwardings, checks, satisfaction, repeated and collective appeals, summaries and
answers composed from templates per topic; recent appeals still in progress (some overdue, some due
soon) so that the deadline screens have something to show.

Everything goes through the service layer: settings, settlements and officials through the services,
the appeals through ``BulkRegistrar`` (the same rules and deadline engine as the card) in one unit of
work. The same seed (and the same "today") gives the same data.

The generator is a set of functions, one per kind of data (``setup_office``, ``make_settlements``,
``make_officials``, ``make_applicants``, ``registration_days``, ``make_appeals``), so that later parts
(reception schedules, reception cards) can be added beside them.
"""

from __future__ import annotations

import random
import time as _time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..domain.calendar import WorkCalendar
from ..domain.codes import MERITS_RESULTS
from ..domain.law import FZ547_IN_FORCE, TERMINATION_MIN_ANSWERS, ground_result
from ..services.appeal_rows import deadlines_for
from ..services.appeal_rules import series_of
from ..services.bulk import BulkExtension, BulkExtra, BulkForwarding, BulkRegistrar
from ..services.context import ServiceContext
from ..services.registry import pattern_for
from ..services.values import AppealInput, ApplicantInput, OfficialInput, QuestionInput
from ..storage.models import Appeal
from . import names, places
from . import topics as T

if TYPE_CHECKING:
    from ..services import AppealDesk

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    """What ``make_demo`` wrote. Counts of appeals unless named otherwise."""

    appeals: int
    questions: int
    applicants: int  # the pool the appeals were drawn from
    settlements: int
    officials: int
    by_year: tuple[tuple[int, int], ...]  # (year, appeals registered in it)
    closed: int
    in_progress: int
    overdue: int  # open with the deadline in force before today
    extended: int
    forwarded: int  # with at least one forwarding
    late_answers: int  # answered after the deadline in force
    repeated: int
    collective: int
    anonymous: int
    left_without_answer: int  # with a ground of 59-FZ art. 11
    messages: int
    info_requests: int
    seconds: float


# -- proportions ------------------------------------------------------------------------------------
FORMS_BEFORE = (("written", 40), ("electronic", 20), ("personal_reception", 20), ("phone", 14),
                ("visiting_reception", 6))
FORMS_NOW = (("written", 35), ("electronic", 28), ("personal_reception", 18), ("phone", 13),
             ("visiting_reception", 6))
SOURCES = (("direct", 840), ("region", 90), ("president", 15), ("other_body", 55))
KINDS = (("statement", 852), ("complaint", 70), ("proposal", 40), ("info_request", 16), ("message", 22))
QUESTION_COUNTS = ((1, 74), (2, 20), (3, 6))
RESULTS = {
    "statement": (("explained", 56), ("measures_taken", 18), ("supported", 9), ("not_supported", 7),
                  ("answered", 5)),
    "complaint": (("explained", 48), ("measures_taken", 15), ("supported", 8), ("not_supported", 24),
                  ("answered", 5)),
    "proposal": (("supported", 30), ("explained", 44), ("not_supported", 20), ("measures_taken", 6)),
    "info_request": (("answered", 75), ("explained", 25)),
    "message": (("answered", 45), ("explained", 30), ("measures_taken", 25)),
}
ANSWER_METHODS = {
    "written": (("post", 70), ("handed", 30)),
    "electronic": (("epgu", 60), ("email", 40)),
    "personal_reception": (("oral", 35), ("post", 45), ("handed", 20)),
    "visiting_reception": (("oral", 40), ("post", 50), ("handed", 10)),
    "phone": (("oral", 55), ("post", 45)),
}
SATISFACTION = {
    "measures_taken": (("satisfied", 80), ("partly_satisfied", 15), ("not_satisfied", 5)),
    "supported": (("satisfied", 70), ("partly_satisfied", 22), ("not_satisfied", 8)),
    "explained": (("satisfied", 50), ("partly_satisfied", 32), ("not_satisfied", 18)),
    "answered": (("satisfied", 60), ("partly_satisfied", 30), ("not_satisfied", 10)),
    "not_supported": (("satisfied", 12), ("partly_satisfied", 25), ("not_satisfied", 63)),
}
SOCIAL = (("Пенсионер", 45), ("Ветеран труда", 12), ("Многодетная семья", 8),
          ("Инвалид по общему заболеванию", 8), ("Рабочий", 8), ("Служащий", 7), ("Безработный", 5),
          ("Домохозяйка", 4), ("Предприниматель", 2), ("Фермер", 1))
MONTHS = (0.8, 0.85, 0.95, 1.1, 1.2, 1.15, 1.1, 1.05, 1.0, 1.0, 0.95, 0.85)  # all topics together
LATE_SHARE = 0.035
EXTENSION_SHARE = 0.03
ANONYMOUS_SHARE = 0.012  # of written appeals
NO_ANSWER_SHARE = 0.006  # other grounds of art. 11
COLLECTIVE_SHARE = 0.025
REPEAT_SHARE = 0.12  # of appeals by someone who wrote within the last year


class _Table:
    """Values with weights, drawn from by one ``random()`` and a binary search (faster than ``choices``)."""

    __slots__ = ("cum", "total", "values")

    def __init__(self, values: Sequence, weights: Sequence[float]):
        self.values = tuple(values)
        self.cum = tuple(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect_right(self.cum, rng.random() * self.total)]


def _table(pairs) -> _Table:
    return _Table([v for v, _ in pairs], [w for _, w in pairs])


def _pick(rng: random.Random, table: _Table):
    return table.pick(rng)


# -- the office -------------------------------------------------------------------------------------
HEAD = ("Соколов Андрей Викторович", "Глава Берёзовского сельского поселения")
DEPUTY = ("Кравченко Ольга Николаевна", "Заместитель главы поселения")
SPECIALISTS = (
    (T.ROADS, "Гусев Павел Сергеевич", "Специалист по благоустройству и дорожной деятельности"),
    (T.UTILITIES, "Мельникова Татьяна Ивановна", "Ведущий специалист по вопросам ЖКХ"),
    (T.LAND, "Орлова Наталья Викторовна", "Специалист по земельным и имущественным отношениям"),
    (T.HOUSING, "Захарова Елена Петровна", "Специалист по социальным и жилищным вопросам"),
    (T.SAFETY, "Ерёмин Сергей Александрович", "Специалист по ГО, ЧС и пожарной безопасности"),
    (T.GENERAL, "Белова Ирина Юрьевна", "Специалист по работе с обращениями граждан"),
)


@dataclass(frozen=True)
class Staff:
    head_id: int
    head_short: str
    deputy_id: int
    deputy_short: str
    by_area: dict[str, tuple[int, str]]  # area -> (official id, "Гусев П. С.")

    @property
    def count(self) -> int:
        return 2 + len(self.by_area)


def setup_office(desk: AppealDesk) -> None:
    """The office settings: organisation, its address, the head."""
    current = desk.settings.get()
    desk.settings.save(
        replace(
            current,
            organisation=places.ORGANISATION,
            organisation_address=places.ORGANISATION_ADDRESS,
            head_position=HEAD[1],
            head_name=HEAD[0],
        )
    )


def make_head_the_admin(desk: AppealDesk, head_id: int) -> None:
    """A database without users gets the demo's head as its only user (an administrator without a
    password, so the program signs in by itself)."""
    from ..services.users import UserInput

    if desk.current_user is not None and desk.current_user.id is None:  # no users yet: the setup
        head = next(o for o in desk.reference.officials(include_inactive=True) if o.id == head_id)
        desk.users.add(UserInput("admin", head.full_name, "admin", position=head.position, official_id=head_id))


def make_settlements(desk: AppealDesk) -> list[int]:
    """The villages of the settlement; their ids in the order of ``places.VILLAGES``."""
    return [desk.reference.add_settlement(v.name).id for v in places.VILLAGES]


def _short_of(full_name: str) -> str:
    last, first, middle = full_name.split()
    return names.short(last, first, middle)


def make_officials(desk: AppealDesk) -> Staff:
    """The head, the deputy and a specialist per area (all executors); reused if already there."""
    existing = {o.full_name: o.id for o in desk.reference.officials(include_inactive=True)}
    phone = f"8 ({places.PHONE_CODE}) 2-1"

    def ensure(full_name: str, position: str, n: int, is_head: bool = False) -> int:
        if full_name in existing:
            return existing[full_name]
        view = desk.reference.save_official(
            OfficialInput(full_name=full_name, position=position, department=places.ORGANISATION,
                          phone=f"{phone}{n}-{30 + n}", is_executor=True, is_head=is_head)
        )
        return view.id

    head_id = ensure(*HEAD, 0, is_head=True)
    deputy_id = ensure(*DEPUTY, 1)
    by_area = {
        area: (ensure(full, position, 2 + i), _short_of(full))
        for i, (area, full, position) in enumerate(SPECIALISTS)
    }
    return Staff(head_id, _short_of(HEAD[0]), deputy_id, _short_of(DEPUTY[0]), by_area)


# -- applicants -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Person:
    """One member of the applicant pool: the input the card would get, and what the texts need."""

    data: ApplicantInput
    village: int  # index into places.VILLAGES
    street: str
    house: int
    female: bool | None  # None: an organisation
    salutation: str


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.85:
        return (f"+7 (9{rng.randrange(10, 100)}) {rng.randrange(100, 1000)}-{rng.randrange(10, 100)}-"
                f"{rng.randrange(10, 100)}")
    return f"8 ({places.PHONE_CODE}) 2-{rng.randrange(10, 100)}-{rng.randrange(10, 100)}"


def make_applicants(rng: random.Random, count: int, settlement_ids: Sequence[int]) -> tuple[list[Person], list[float]]:
    """A pool of ``count`` applicants living in the villages (by population) and their activity weights
    (a few write very often, most once or twice)."""
    villages = places.VILLAGES
    village_table = _Table(range(len(villages)), [v.population for v in villages])
    social = _table(SOCIAL)
    orgs = list(places.ORGANISATIONS)
    rng.shuffle(orgs)
    n_orgs = min(len(orgs), count // 50)
    people: list[Person] = []
    seen: set[tuple[str, str]] = set()
    while len(people) < count:
        vi = _pick(rng, village_table)
        village = villages[vi]
        street = rng.choice(village.streets)
        house = rng.randint(1, 60 if village.flats else 35)
        address = f"{village.name}, ул. {street}, д. {house}"
        if village.flats and rng.random() < 0.35:
            address += f", кв. {rng.randint(1, 24)}"
        if len(people) < n_orgs:
            org = orgs[len(people)]
            data = ApplicantInput(type="organisation", org_name=org, settlement_id=settlement_ids[vi],
                                  address=address, phone=_phone(rng))
            people.append(Person(data, vi, street, house, None, "Уважаемый руководитель!"))
            continue
        last, first, middle, female = names.person(rng)
        key = (f"{last} {first} {middle}", address)
        if key in seen:
            continue
        seen.add(key)
        email = None
        if rng.random() < 0.18:
            domain = rng.choice(("mail.ru", "yandex.ru", "bk.ru", "gmail.com", "inbox.ru"))
            email = f"{names.latin(last)}.{names.latin(first)[0]}{rng.randrange(1, 99)}@{domain}"
        data = ApplicantInput(
            last_name=last, first_name=first, middle_name=middle, settlement_id=settlement_ids[vi],
            address=address, phone=_phone(rng) if rng.random() < 0.8 else None, email=email,
            social_category=_pick(rng, social) if rng.random() < 0.35 else None,
        )
        people.append(Person(data, vi, street, house, female, names.address_form(female, first, middle)))
    weights = [1.0 / (rank + 3) ** 0.8 for rank in range(count)]
    rng.shuffle(weights)
    return people, weights


# -- registration dates -----------------------------------------------------------------------------
def registration_days(
    rng: random.Random, count: int, first: date, last: date, calendar: WorkCalendar,
    year_factor: dict[int, float],
) -> list[date]:
    """``count`` registration dates in ``[first, last]``, sorted: working days get nearly all of them,
    with the monthly rhythm of the published reports and a per-year volume factor."""
    days, weights = [], []
    day = first
    while day <= last:
        w = MONTHS[day.month - 1] * year_factor.get(day.year, 1.0)
        days.append(day)
        weights.append(w if calendar.is_working(day) else w * 0.03)
        day += timedelta(days=1)
    return sorted(rng.choices(days, cum_weights=list(accumulate(weights)), k=count))


# -- appeals ----------------------------------------------------------------------------------------
class _Numbers:
    """Mirrors the registrar's numbering (one more per series and year) so that a repeated appeal can name
    the number of the earlier one. Only used on a database that had no appeals."""

    def __init__(self, settings):
        self._settings = settings
        self._next: dict[tuple[str, int], int] = {}
        self._patterns: dict[str, object] = {}

    def take(self, series: str, year: int) -> str:
        seq = self._next.get((series, year), 1)
        self._next[(series, year)] = seq + 1
        pattern = self._patterns.get(series)
        if pattern is None:
            pattern = self._patterns[series] = pattern_for(self._settings, series)
        return pattern.format(seq, year)


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


@dataclass
class _Tally:
    appeals: int = 0
    questions: int = 0
    closed: int = 0
    overdue: int = 0
    extended: int = 0
    forwarded: int = 0
    late: int = 0
    repeated: int = 0
    collective: int = 0
    anonymous: int = 0
    no_answer: int = 0
    messages: int = 0
    info_requests: int = 0


class _AppealMaker:
    """Composes one appeal after another (in registration order) and keeps what later ones refer to."""

    def __init__(self, rng, engine, today, staff, settlement_ids, people, weights, year_now, numbers):
        self.rng = rng
        self.engine = engine
        self.cal: WorkCalendar = engine.calendar
        self.today = today
        self.staff = staff
        self.settlement_ids = settlement_ids
        self.people = people
        self.people_table = _Table(range(len(people)), weights)
        self.year_now = year_now
        self.numbers: _Numbers | None = numbers
        self.forms = {year_now - 1: _table(FORMS_BEFORE), year_now: _table(FORMS_NOW)}
        self.sources = _table(SOURCES)
        self.kinds = _table(KINDS)
        self.qcounts = _table(QUESTION_COUNTS)
        self.results = {k: _table(v) for k, v in RESULTS.items()}
        self.methods = {k: _table(v) for k, v in ANSWER_METHODS.items()}
        self.satisfaction = {k: _table(v) for k, v in SATISFACTION.items()}
        # the topics' weights by month: Zipf by rank times the topic's season
        self.topic_tables = [
            _Table(T.TOPICS, [T.SEASONS[t.season][m] / (rank + 1) for rank, t in enumerate(T.TOPICS)])
            for m in range(12)
        ]
        self.collective_topics = {t.code for t in T.TOPICS if t.area in (T.ROADS, T.UTILITIES, T.SAFETY)}
        # person -> (code, id, number, registered, closed) of the last appeal
        self.last_by_person: dict[int, tuple[str, int, str | None, date, date | None]] = {}
        self.answer_seq: dict[int, int] = {}
        # (person, code) -> answers on the merits given to that person on that question (art. 11 p. 5)
        self.merits: dict[tuple[int, str], int] = {}
        self.channels = random.Random(8)  # apart from ``rng``: the rest of the demo stays as it was
        self.tally = _Tally()

    # -- pieces ----------------------------------------------------------------------------------
    def _topics(self, month: int, count: int, first: T.Topic | None = None) -> list[T.Topic]:
        chosen = [first] if first else []
        table = self.topic_tables[month - 1]
        while len(chosen) < count:
            t = table.pick(self.rng)
            if t not in chosen:
                chosen.append(t)
        return chosen

    def _working_on_or_before(self, day: date, floor: date) -> date:
        if not self.cal.is_working(day):
            day = self.cal.previous_working(day)
        return max(day, floor)

    def _answer_day(self, registered: date, deadline: date, late: bool, extended_on: date | None) -> date:
        rng = self.rng
        if late:
            return self.cal.next_working(deadline + timedelta(days=rng.randint(1, 18)))
        if extended_on is not None:  # extended: answered in the extra time
            span = max((deadline - extended_on).days, 0)
            return self._working_on_or_before(extended_on + timedelta(days=rng.randint(0, span)), extended_on)
        span = max((deadline - registered).days, 1)
        u = rng.random()
        if u < 0.30:
            delay = rng.randint(1, min(12, span))
        elif u < 0.72:
            delay = rng.randint(min(13, span), min(25, span))
        else:
            delay = rng.randint(min(26, span), span)
        return self._working_on_or_before(registered + timedelta(days=delay), registered)

    def _cover_letter(self, source: str, received: date) -> str | None:
        rng = self.rng
        sent = received - timedelta(days=rng.randint(2, 10))
        if source == "region":
            return (f"{places.REGIONAL_GOVERNMENT}, письмо от {sent:%d.%m.%Y} № 01-{rng.randint(10, 40)}/"
                    f"{rng.randint(1000, 99999)}")
        if source == "president":
            return (f"{places.PRESIDENT_ADMINISTRATION}, письмо от {sent:%d.%m.%Y} "
                    f"№ А26-{rng.randint(1, 99):02d}-{rng.randint(10_000_000, 99_999_999)}")
        if source == "other_body":
            return f"{rng.choice(places.OTHER_BODIES)}, письмо от {sent:%d.%m.%Y} № {rng.randint(1, 999)}"
        return None

    # -- one appeal ------------------------------------------------------------------------------
    def make(self, registered: date, stuck: bool) -> tuple[AppealInput, BulkExtra, dict]:
        """One appeal registered on ``registered``; ``stuck``: left without an answer (see
        ``_pending_indices``)."""
        rng, today, cal = self.rng, self.today, self.cal
        year = registered.year
        kind = _pick(rng, self.kinds)
        if stuck and kind == "message":
            kind = "statement"
        pi = self.people_table.pick(rng)
        person = self.people[pi]
        village = places.VILLAGES[person.village]

        # form and source
        if kind == "message":
            form, source = "electronic", ("feedback_platform" if rng.random() < 0.7 else "social_media")
        elif kind == "info_request":
            form, source = ("electronic" if rng.random() < 0.6 else "written"), "direct"
        else:
            source = _pick(rng, self.sources)
            if source == "direct":
                form = _pick(rng, self.forms[year])
            else:
                form = "electronic" if rng.random() < 0.45 else "written"
        anonymous = (form == "written" and kind in ("statement", "complaint") and not stuck
                     and rng.random() < ANONYMOUS_SHARE)

        # repeated: the same person again on the same question
        previous = self.last_by_person.get(pi)
        repeated = (
            not anonymous and kind not in ("message", "info_request") and previous is not None
            and previous[4] is not None and previous[4] < registered
            and (registered - previous[3]).days <= 365 and rng.random() < REPEAT_SHARE
        )
        if repeated and rng.random() < 0.35:
            kind = "complaint"

        # questions
        if kind == "info_request":
            code, text = rng.choice(T.INFO_REQUESTS)
            topics = [T.BY_CODE.get(code) or T.TOPICS[0]]
            texts = [text]
            codes = [code]
        else:
            count = 1 if kind == "message" else _pick(rng, self.qcounts)
            first = T.BY_CODE[previous[0]] if repeated else None
            topics = self._topics(registered.month, count, first)
            if kind in ("complaint", "proposal") and topics[0].code == T.THANKS:
                topics[0] = next(t for t in T.TOPICS if t not in topics)
            codes = [t.code for t in topics]
            texts = []
            for i, t in enumerate(topics):
                if i == 0 and kind == "complaint":
                    texts.append(rng.choice(t.complaints) if t.complaints else
                                 "Жалоба на бездействие администрации по вопросу {issue} в {place}: ранее "
                                 "{appealed}, меры не приняты.")
                elif i == 0 and kind == "proposal":
                    texts.append(rng.choice(t.proposals) if t.proposals else
                                 "Предлагаю рассмотреть на сходе граждан вопрос {issue} в {place}.")
                else:
                    texts.append(rng.choice(t.statements))
        street = person.street if rng.random() < 0.7 else rng.choice(village.streets)
        collective = (
            not anonymous and person.female is not None and kind in ("statement", "complaint")
            and codes[0] in self.collective_topics and rng.random() < COLLECTIVE_SHARE / 0.55
        )
        fields = {
            **T.BODIES, "place": village.name, "street": street, "street_dat": places.dative(street),
            "house": person.house if street == person.street else rng.randint(1, 40), "year": year,
            "next_year": year + 1, "issue": topics[0].issue,
            "appealed": "обращались" if collective else ("обращалась" if person.female else "обращался"),
        }
        parts = []
        for i, text in enumerate(texts):
            sentence = text.format(**fields)
            if i > 0:
                sentence = "Также п" + sentence[1:] if sentence.startswith("Прошу") else sentence
            parts.append(sentence)
        summary = " ".join(parts)
        signatures = None
        if collective:
            signatures = min(int(rng.paretovariate(1.2) * 4) + 2, 300)
            summary = summary.replace("Прошу", "Просим").replace("прошу", "просим")
            summary = (f"Коллективное обращение жителей ул. {fields['street_dat']} {village.name} "
                       f"({signatures} {_plural(signatures, 'подпись', 'подписи', 'подписей')}). {summary}")
        previous_id = previous_number = None
        if repeated:
            previous_id, previous_number = previous[1], previous[2]
            ref = f" № {previous_number}" if previous_number else ""
            summary = f"Повторное обращение (ранее{ref} от {previous[3]:%d.%m.%Y}). {summary}"

        # dates and deadlines
        if kind == "message" or form in ("personal_reception", "visiting_reception", "phone"):
            received = registered
        else:
            u = rng.random()
            back = 0 if u < 0.62 else 1 if u < 0.87 else 2 if u < 0.97 else rng.randint(3, 6)
            received = registered - timedelta(days=back)
        extension = None
        ext_days = None
        ext_limit = self.engine.max_extension_days(kind)
        if not stuck and ext_limit and rng.random() < EXTENSION_SHARE:
            legal = self.engine.legal_deadline(registered, kind, received)
            on = self._working_on_or_before(legal - timedelta(days=rng.randint(1, 6)), registered)
            if on <= today and (on - registered).days >= 5:
                ext_days = ext_limit if rng.random() < 0.8 else rng.randint(10, ext_limit)
                notice = on + timedelta(days=rng.randint(0, 2))
                extension = BulkExtension(
                    days=ext_days, reason=rng.choice(T.EXTENSION_REASONS), extended_by=self.staff.head_short,
                    extended_on=on, notice_on=notice if notice <= today else None,
                )
        terms = deadlines_for(self.engine, registered, kind, received, ext_days)
        deadline = terms.in_force

        # resolution and executors
        executor_id, executor_short = self.staff.by_area[topics[0].area]
        resolution = resolution_by = resolution_on = None
        if not (registered == today and rng.random() < 0.5):
            by_head = rng.random() < 0.75
            resolution_by = self.staff.head_id if by_head else self.staff.deputy_id
            resolution_on = registered if rng.random() < 0.7 else min(cal.next_working(registered + timedelta(days=1)), today)
            resolution = rng.choice((
                f"{executor_short}: рассмотреть, подготовить ответ заявителю в установленный срок.",
                f"{executor_short}: рассмотреть, принять меры, ответ — на подпись.",
                f"{executor_short}: проверить с выездом на место, доложить.",
                f"{executor_short}: рассмотреть в установленном порядке.",
            ))
        else:
            executor_id = None

        # outcome: forwarding, answer, results
        results: list[str | None] = [None] * len(codes)
        forwardings: tuple[BulkForwarding, ...] = ()
        ground = None
        answer_on = None
        late = False
        if anonymous:
            if rng.random() < 0.2:  # reports of a violation go to the prosecutor (59-FZ art. 11 p. 1)
                forwardings = self._forward(registered, "Прокуратура Ключевского района")
            if forwardings:
                results = ["forwarded"] * len(codes)
            else:
                ground = "anonymous"
        elif not stuck and kind != "message" and resolution is not None:
            chosen = [i for i, t in enumerate(topics) if rng.random() < t.forward_share * 0.6]
            if chosen:
                body = topics[chosen[0]].forward_to
                if kind == "complaint" and body == topics[chosen[0]].complaint_about:
                    body = places.HOUSING_INSPECTION
                forwardings = self._forward(registered, body)
                if forwardings:
                    for i in chosen:
                        results[i] = "forwarded"
            if form in ("written", "electronic") and rng.random() < NO_ANSWER_SHARE / 0.6:
                ground = rng.choice(("obscene", "unclear", "unclear", "court_decision")
                                    + (("unreadable",) if form == "written" else ())
                                    + (("correspondence_terminated",) * 3 if repeated and self.merits.get(
                                        (pi, codes[0]), 0) >= TERMINATION_MIN_ANSWERS else ()))
        if extension is not None and (all(results) or ground):
            # forwarded as a whole or left without an answer: closed long before an extension
            extension = None
            terms = deadlines_for(self.engine, registered, kind, received, None)
            deadline = terms.in_force
        if not stuck and (ground or any(r is None for r in results)) and resolution is not None:
            if kind == "message":
                u = rng.random()
                answer_on = received + timedelta(days=0 if u < 0.6 else 1 if u < 0.97 else rng.randint(2, 3))
            elif ground:
                answer_on = self._working_on_or_before(registered + timedelta(days=rng.randint(3, 15)), registered)
            else:
                late = rng.random() < LATE_SHARE
                answer_on = self._answer_day(registered, deadline, late, extension.extended_on if extension else None)
            if answer_on > today:
                answer_on = None
        if answer_on is not None:
            table = self.results[kind]
            for i, t in enumerate(topics):
                if results[i] is None:
                    if ground:
                        results[i] = ground_result(ground)
                    elif t.code == T.THANKS:
                        results[i] = "answered"
                    else:
                        results[i] = _pick(rng, table)
        closed = all(results) and (answer_on is not None or bool(forwardings))

        # the answer
        answer_text = answer_number = method = satisfaction = None
        if answer_on is not None:
            seq = self.answer_seq.get(answer_on.year, 0) + 1
            self.answer_seq[answer_on.year] = seq
            answer_number = f"01-12/{seq}"
            answer_text = self._answer_text(person if not anonymous else None, topics, results, fields,
                                            forwardings, ground)
            if ground == "anonymous":
                answer_number = None
            elif kind == "message":
                method = "epgu"
            else:
                method = _pick(rng, self.methods[form])
            best = next((r for r in results if r in self.satisfaction), None)
            if best and not ground and kind != "message" and person.female is not None and rng.random() < 0.35:
                satisfaction = _pick(rng, self.satisfaction[best])
        elif forwardings and closed:
            answer_text = (f"{'' if anonymous else person.salutation + ' '}Ваше обращение направлено по "
                           f"компетенции в {places.accusative(forwardings[0].to_body)}.")

        # checks
        area = topics[0].area
        on_control = (kind == "complaint" or repeated or source in ("region", "president")
                      or rng.random() < 0.15) and resolution is not None
        commission = rng.random() < (0.15 if area in (T.LAND, T.HOUSING) else 0.02)
        on_site = rng.random() < (0.2 if area in (T.ROADS, T.LAND, T.SAFETY) else 0.05)
        with_author = rng.random() < (0.3 if form in ("personal_reception", "visiting_reception")
                                      else 0.4 if on_site else 0.04)

        data = AppealInput(
            form=form, kind=kind, summary=summary,
            questions=tuple(QuestionInput(code=c, result=r) for c, r in zip(codes, results, strict=True)),
            source=source, registered_on=registered, received_on=received,
            cover_letter=self._cover_letter(source, received),
            complaint_about=topics[0].complaint_about if kind == "complaint" else None,
            applicant=None if anonymous else person.data,
            is_collective=collective, signatures=signatures,
            settlement_id=self.settlement_ids[person.village] if anonymous else None,
            resolution=resolution, resolution_by_id=resolution_by, resolution_on=resolution_on,
            executor_id=executor_id, on_control=on_control, commission=commission, on_site=on_site,
            with_author=with_author, is_repeated=repeated, previous_appeal_id=previous_id,
            previous_number=previous_number, channel=self._channel(form, source, kind, registered),
        )
        extra = BulkExtra(
            extension=extension, forwardings=forwardings, answer_on=answer_on, answer_number=answer_number,
            answer_method=method, answer_text=answer_text, satisfaction=satisfaction, no_answer_ground=ground,
            created_at=datetime.combine(registered, time(8 + rng.randrange(9), rng.randrange(60))),
        )
        # what later appeals and the summary need
        t = self.tally
        t.appeals += 1
        t.questions += len(codes)
        t.closed += closed
        t.overdue += (not closed) and deadline < today
        t.extended += extension is not None
        t.forwarded += bool(forwardings)
        t.late += answer_on is not None and answer_on > deadline
        t.repeated += repeated
        t.collective += collective
        t.anonymous += anonymous
        t.no_answer += ground is not None
        t.messages += kind == "message"
        t.info_requests += kind == "info_request"
        closed_on = (answer_on or max(f.forwarded_on for f in forwardings)) if closed else None
        merits = answer_on is not None and any(r in MERITS_RESULTS for r in results)
        meta = {"person": None if anonymous else pi, "code": codes[0], "kind": kind, "closed_on": closed_on,
                "merits": merits}
        return data, extra, meta

    def remember(self, meta: dict, appeal_id: int, number: str | None, registered: date) -> None:
        if meta["person"] is not None and meta["kind"] not in ("message", "info_request") and meta["code"] != T.THANKS:
            self.last_by_person[meta["person"]] = (meta["code"], appeal_id, number, registered, meta["closed_on"])
            if meta["merits"]:  # art. 11 p. 5 counts the answers on the merits to the same question
                key = (meta["person"], meta["code"])
                self.merits[key] = self.merits.get(key, 0) + 1

    def _channel(self, form: str, source: str, kind: str, registered: date) -> str | None:
        """How an electronic appeal arrived: ЕПГУ through ПОС; else mostly ЕПГУ or the site, and before
        547-FZ (30.03.2025) now and then a plain e-mail."""
        if form != "electronic" or kind == "message":
            return None
        if source == "feedback_platform":
            return "epgu"
        u = self.channels.random()
        if registered < FZ547_IN_FORCE and u < 0.2:
            return "email"
        return "epgu" if u < 0.6 else "site" if u < 0.9 else "own_is"

    def _forward(self, registered: date, body: str) -> tuple[BulkForwarding, ...]:
        rng = self.rng
        limit = self.engine.forwarding_deadline(registered)
        on = min(self._working_on_or_before(registered + timedelta(days=rng.randint(0, 5)), registered), limit)
        if on > self.today:
            return ()
        notice = on + timedelta(days=rng.randint(0, 1))
        return (BulkForwarding(to_body=body, forwarded_on=on, notice_on=notice if notice <= self.today else None,
                               outgoing_number=f"01-11/{rng.randint(100, 9999)}"),)

    def _answer_text(self, person: Person | None, topics, results, fields, forwardings, ground) -> str:
        if ground:
            return {
                "anonymous": "Обращение не содержит фамилии и почтового адреса заявителя; ответ не даётся "
                             "(ч. 1 ст. 11 Федерального закона № 59-ФЗ).",
                "obscene": "Обращение содержит оскорбительные выражения; оставлено без ответа по существу "
                           "поставленных вопросов (ч. 3 ст. 11 Федерального закона № 59-ФЗ).",
                "unreadable": "Текст обращения не поддаётся прочтению (ч. 4 ст. 11 Федерального закона № 59-ФЗ).",
                "unclear": "Текст обращения не позволяет определить суть предложения, заявления или жалобы "
                           "(ч. 4.1 ст. 11 Федерального закона № 59-ФЗ).",
                "court_decision": "В обращении обжалуется судебное решение; разъяснён порядок обжалования "
                                  "(ч. 2 ст. 11 Федерального закона № 59-ФЗ).",
                "correspondence_terminated": "Переписка с заявителем по данному вопросу прекращена: "
                                             "в обращении нет новых доводов (ч. 5 ст. 11 Федерального закона "
                                             "№ 59-ФЗ).",
            }[ground]
        out = [person.salutation] if person is not None else []
        out.append(f"Ваше обращение по вопросу {topics[0].issue} рассмотрено.")
        for t, r in zip(topics, results, strict=True):
            if r == "measures_taken":
                out.append(t.done)
            elif r == "supported":
                out.append(t.plan)
            elif r == "not_supported":
                out.append(t.refuse)
            elif r == "forwarded":
                body = forwardings[0].to_body if forwardings else t.forward_to
                out.append(f"Вопрос {t.issue} направлен по компетенции в {places.accusative(body)}.")
            else:
                out.append(t.explain)
        return " ".join(out).format(**fields)


def _pending_indices(rng: random.Random, days: Sequence[date], today: date, appeals: int, engine) -> set[int]:
    """Appeals left without an answer, so that the deadline screens are never empty: some well past
    their deadline (overdue), some due today or in the next working days."""
    overdue = [i for i, d in enumerate(days) if 31 <= (today - d).days <= 75]
    soon = engine.due_soon_until(today)
    due = [
        i for i, d in enumerate(days)
        if 20 <= (today - d).days <= 31 and today <= engine.legal_deadline(d, "statement", d) <= soon
    ]
    chosen = rng.sample(overdue, min(len(overdue), max(3, appeals // 2500)))
    chosen += rng.sample(due, min(len(due), max(2, appeals // 1500)))
    return set(chosen)


def make_appeals(
    ctx: ServiceContext, rng: random.Random, count: int, staff: Staff, settlement_ids: Sequence[int], people: list[Person],
    weights: list[float], days: Sequence[date], progress: Progress | None = None,
) -> _Tally:
    """Register ``count`` appeals on the given (sorted) registration dates in one unit of work."""
    today = ctx.today()
    engine = ctx.engine()
    pending = _pending_indices(rng, days, today, count, engine)
    year_now = days[-1].year if days else today.year
    with ctx.uow() as s:
        fresh = (s.scalar(select(func.count()).select_from(Appeal)) or 0) == 0
        maker = _AppealMaker(rng, engine, today, staff, settlement_ids, people, weights, year_now,
                             _Numbers(ctx.settings()) if fresh else None)
        registrar = BulkRegistrar(s, ctx, action="register", today=today)
        step = max(1, count // 100)
        for i, registered in enumerate(days):
            data, extra, meta = maker.make(registered, i in pending)
            appeal_id = registrar.add(data, extra)
            number = maker.numbers.take(series_of(data.kind), registered.year) if maker.numbers else None
            maker.remember(meta, appeal_id, number, registered)
            if progress is not None and (i + 1) % step == 0:
                progress(i + 1, count)
        registrar.flush()
    if progress is not None and (count == 0 or count % step):
        progress(count, count)
    return maker.tally


# -- the whole demo ---------------------------------------------------------------------------------
def make_demo(desk: AppealDesk, ctx: ServiceContext, appeals: int, seed: int = 1, year: int | None = None,
              progress: Progress | None = None) -> DemoSummary:
    """Fill ``desk`` (its context ``ctx``: ``desk.demo.make`` calls this) with a realistic demo: the office,
    villages, officials (the head signs in as the administrator when the database has no users yet) and
    ``appeals`` appeals over the
    years ``year - 1`` and ``year`` (by default the current one), never after today.

    ``progress(done, total)`` is called as the appeals are composed. Deterministic for a given ``seed``
    and "today".
    """
    started = _time.perf_counter()
    today = ctx.today()
    year = year or today.year
    if year > today.year:
        raise ValueError(f"the demo year {year} is after today ({today:%d.%m.%Y})")
    if appeals < 0:
        raise ValueError("the number of appeals cannot be negative")
    rng = random.Random(seed)
    setup_office(desk)
    settlement_ids = make_settlements(desk)
    staff = make_officials(desk)
    make_head_the_admin(desk, staff.head_id)
    pool = min(max(20, round(appeals * 0.4)), 5000)
    people, weights = make_applicants(rng, pool, settlement_ids)
    first, last = date(year - 1, 1, 1), min(date(year, 12, 31), today)
    # the two years differ a little, so that a comparison with last year shows +/-
    change = rng.choice((-1, 1)) * rng.uniform(0.05, 0.14)
    days = registration_days(rng, appeals, first, last, ctx.engine().calendar,
                             {year - 1: 1.0, year: 1.0 + change})
    tally = make_appeals(ctx, rng, appeals, staff, settlement_ids, people, weights, days, progress)
    from .promises import make_promises  # secondary control: promises of some answers

    make_promises(ctx, seed)
    from .reception import make_reception_demo

    make_reception_demo(desk, ctx, random.Random(seed + 1000), staff.head_id, staff.deputy_id, settlement_ids,
                        year)
    by_year: dict[int, int] = {}
    for d in days:
        by_year[d.year] = by_year.get(d.year, 0) + 1
    return DemoSummary(
        appeals=tally.appeals, questions=tally.questions, applicants=len(people),
        settlements=len(settlement_ids), officials=staff.count, by_year=tuple(sorted(by_year.items())),
        closed=tally.closed, in_progress=tally.appeals - tally.closed, overdue=tally.overdue,
        extended=tally.extended, forwarded=tally.forwarded, late_answers=tally.late, repeated=tally.repeated,
        collective=tally.collective, anonymous=tally.anonymous, left_without_answer=tally.no_answer,
        messages=tally.messages, info_requests=tally.info_requests,
        seconds=round(_time.perf_counter() - started, 2),
    )
