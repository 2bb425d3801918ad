"""The figures of a report, counted in SQL: two grouped queries per period, no loop over appeals.

    report = build_report(desk, Period(date(2020, 1, 1), date(2020, 12, 31)), compare=True)

Per period (the report's and, with ``compare``, the same dates a year earlier) two grouped queries:

1. appeals grouped by registration month, form, source, kind, repeated, collective, satisfaction and
   settlement: the appeal units (quarters, forms, sources, kinds, settlements, repeated, collective,
   satisfaction, oral appeals, the quarter cross tables, the messages);
2. questions (joined to their appeal) grouped by classifier code, state at the end of the period (its
   result, or ``in_progress``), overdue or not, the four check flags of the appeal, message or not, and the
   appeal's registration month and form: the question units (sections, тематики, the largest topics,
   results, checks, overdue, questions by form and by quarter and form).

Python then adds up the groups (a few thousand rows at most). Deleted appeals are left out.

Version 2 of the contract (section 2.1): messages (kind ``message``: ПОС, social networks) are not 59-FZ
appeals; every section but ``by_kind.message`` and ``messages`` leaves them out. A period that is not over
on the day the report is made (``today``) is compared with the same days of the year before: 1 January -
4 December 2026 with 1 January - 4 December 2025.

Definitions (``exchange_formats.md`` section 2), all *as of the end of the period* (of today when the
period ends in the future: a deadline that has not come yet is not overdue):

- a question is answered by the end of the period when it has a result and its answer date is on or
  before the period's last day; the answer date is the appeal's ``answer_on`` (else its ``closed_on``),
  and for a forwarded question the date of the first forwarding;
- ``in_progress``: every other question (no result, or the answer is dated after the period, or has no
  date); the other results count the answered questions, ``measures_taken`` also inside ``supported``;
- ``overdue``: an answered question whose answer date is after the deadline in force (``deadline``: the
  legal or the extended one), or an unanswered one whose deadline is before the period's last day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, extract, false, func, literal, select
from sqlalchemy.orm import Session

from ..domain.codes import Check, Form, Kind, Result, Satisfaction, Source
from ..domain.law import ORAL_FORMS
from ..errors import DomainError
from ..storage.models import Appeal, ClassifierEntry, Forwarding, Question, Settlement
from .model import CONTRACT_SECTIONS, CrossTab, Figure, MessageFigures, Report, TopItem
from .periods import Period
from .reception import ReceptionProvider, ReceptionReport

Progress = Callable[[int, int], object]

NO_SETTLEMENT = "Не указан"
QUARTER_LABELS = {"1": "1 квартал", "2": "2 квартал", "3": "3 квартал", "4": "4 квартал"}
CHECK_LABELS = {
    "on_control": "Поставлено на контроль",
    "commission": "Рассмотрено комиссионно",
    "on_site": "Рассмотрено с выездом на место",
    "with_author": "Рассмотрено с участием автора",
}
CHECKS = tuple(c.value for c in Check)
MESSAGE = Kind.MESSAGE.value

_A = Appeal.__table__
_Q = Question.__table__
_S = Settlement.__table__
_F = Forwarding.__table__
_C = ClassifierEntry.__table__


# -- the raw counts of one period --------------------------------------------------------------------
@dataclass
class _Raw:
    # (month, form, source, kind, repeated, collective, satisfaction) -> appeals (messages included)
    appeals: dict[tuple, int] = field(default_factory=dict)
    # (settlement name, is message) -> appeals
    settlements: dict[tuple[str, bool], int] = field(default_factory=dict)
    # (classifier code, is message) -> questions
    codes: dict[tuple[str, bool], int] = field(default_factory=dict)
    # (state, overdue, on_control, commission, on_site, with_author, is message) -> questions
    states: dict[tuple, int] = field(default_factory=dict)
    # (month, form, is message) -> questions
    forms: dict[tuple[int, str, bool], int] = field(default_factory=dict)

    def appeals_by(self, pick: Callable[[tuple], object], where: Callable[[tuple], bool] | None = None) -> dict:
        out: dict = defaultdict(int)
        for key, n in self.appeals.items():
            if where is None or where(key):
                out[pick(key)] += n
        return out

    def states_by(self, pick: Callable[[tuple], object], where: Callable[[tuple], bool] | None = None) -> dict:
        out: dict = defaultdict(int)
        for key, n in self.states.items():
            if where is None or where(key):
                out[pick(key)] += n
        return out


def _appeal(k: tuple) -> bool:
    """An appeal key of a 59-FZ appeal or an 8-FZ request, not a message."""
    return k[3] != MESSAGE


def _message(k: tuple) -> bool:
    return k[3] == MESSAGE


def _in_period(period: Period):
    return and_(_A.c.deleted == false(), _A.c.registered_on >= period.start, _A.c.registered_on <= period.end)


def _count_appeals(s: Session, period: Period, settlement_names: dict[int, str]) -> tuple[dict, dict]:
    """Query 1: appeals by month, form, source, kind, repeated, collective, satisfaction and settlement."""
    month = extract("month", _A.c.registered_on).label("month")
    cols = (month, _A.c.form, _A.c.source, _A.c.kind, _A.c.is_repeated, _A.c.is_collective, _A.c.satisfaction,
            _A.c.settlement_id)
    stmt = select(*cols, func.count()).where(_in_period(period)).group_by(*cols)
    appeals: dict[tuple, int] = defaultdict(int)
    settlements: dict[tuple[str, bool], int] = defaultdict(int)
    for r in s.execute(stmt):
        n = r[8]
        appeals[(int(r[0]), r[1], r[2], r[3], bool(r[4]), bool(r[5]), r[6])] += n
        name = settlement_names.get(r[7], NO_SETTLEMENT) if r[7] is not None else NO_SETTLEMENT
        settlements[(name, r[3] == MESSAGE)] += n
    return dict(appeals), dict(settlements)


def _is_message():
    return case((_A.c.kind == MESSAGE, 1), else_=0)


def answer_date_expr():
    """The date a question was answered: the first forwarding for a forwarded question, else the appeal's
    answer date, else the date it was closed."""
    first_forwarding = (
        select(func.min(_F.c.forwarded_on)).where(_F.c.appeal_id == _A.c.id).correlate(_A).scalar_subquery()
    )
    return case(
        (_Q.c.result == Result.FORWARDED.value, func.coalesce(first_forwarding, _A.c.answer_on, _A.c.closed_on)),
        else_=func.coalesce(_A.c.answer_on, _A.c.closed_on),
    )


def state_exprs(end: date):
    """``(state, overdue)`` of a question as of ``end`` (see the module's docstring)."""
    done_on = answer_date_expr()
    answered = and_(_Q.c.result.is_not(None), done_on.is_not(None), done_on <= end)
    state = case((answered, _Q.c.result), else_=literal(Result.IN_PROGRESS.value))
    overdue = case(
        (answered, case((done_on > _A.c.deadline, 1), else_=0)),
        else_=case((_A.c.deadline < end, 1), else_=0),
    )
    return state, overdue


def _count_questions(s: Session, period: Period, as_of: date) -> tuple[dict, dict, dict]:
    """Query 2: questions by classifier code, state as of ``as_of``, overdue, the check flags of their
    appeal, message or not, the appeal's registration month and form."""
    state, overdue = state_exprs(as_of)
    state, overdue = state.label("state"), overdue.label("overdue")
    is_msg = _is_message().label("is_msg")
    month = extract("month", _A.c.registered_on).label("month")
    flags = (_A.c.on_control, _A.c.commission, _A.c.on_site, _A.c.with_author)
    cols = (_Q.c.classifier_code, state, overdue, *flags, is_msg, month, _A.c.form)
    stmt = (
        select(*cols, func.count())
        .select_from(_Q.join(_A, _A.c.id == _Q.c.appeal_id))
        .where(_in_period(period))
        .group_by(*cols)
    )
    codes: dict[tuple[str, bool], int] = defaultdict(int)
    states: dict[tuple, int] = defaultdict(int)
    forms: dict[tuple[int, str, bool], int] = defaultdict(int)
    for r in s.execute(stmt):
        n, msg = r[10], bool(r[7])
        codes[(r[0], msg)] += n
        states[(r[1], bool(r[2]), bool(r[3]), bool(r[4]), bool(r[5]), bool(r[6]), msg)] += n
        forms[(int(r[8]), r[9], msg)] += n
    return dict(codes), dict(states), dict(forms)


_STEPS_PER_PERIOD = 2


def _count_period(s: Session, period: Period, as_of: date, settlement_names: dict[int, str],
                  tick: Callable[[], None]) -> _Raw:
    raw = _Raw()
    raw.appeals, raw.settlements = _count_appeals(s, period, settlement_names)
    tick()
    raw.codes, raw.states, raw.forms = _count_questions(s, period, as_of)
    tick()
    return raw


# -- assembling the figures ----------------------------------------------------------------------------
def _ordered_keys(fixed: Iterable[str], *more: Iterable[str]) -> list[str]:
    out: dict[str, None] = {}
    for k in fixed:
        out.setdefault(k, None)
    for group in more:
        for k in group:
            if k is not None:
                out.setdefault(k, None)
    return list(out)


def _quarter(month: int) -> str:
    return str((month - 1) // 3 + 1)


class _Builder:
    def __init__(self, cur: _Raw, prev: _Raw | None):
        self.cur, self.prev = cur, prev

    def fig(self, pick_cur: Callable[[_Raw], int]) -> Figure:
        return Figure(pick_cur(self.cur), None if self.prev is None else pick_cur(self.prev))

    def group(self, keys: Iterable[str], counts: Callable[[_Raw], dict]) -> dict[str, Figure]:
        c = counts(self.cur)
        p = counts(self.prev) if self.prev is not None else None
        return {k: Figure(c.get(k, 0), None if p is None else p.get(k, 0)) for k in keys}

    def raws(self) -> tuple[_Raw, ...]:
        return (self.cur,) if self.prev is None else (self.cur, self.prev)


def comparison_period(period: Period, today: date) -> Period:
    """The period a report of ``period`` made on ``today`` is compared with: the same dates of the year
    before; while the period is not over, only its days up to ``today`` (4 December 2026 -> 1 January -
    4 December 2025, not the whole of 2025)."""
    previous = period.previous_year()
    if period.end <= today:
        return previous
    if today < period.start:
        raise DomainError(f"Период с {period.start:%d.%m.%Y} ещё не начался: отчёт за него составить нельзя")
    return Period(previous.start, period.previous_year_day(today))


def build_report(
    s: Session,
    period: Period,
    *,
    today: date,
    vocab: dict[str, dict[str, str]],
    organisation: str,
    compare: bool = True,
    top_n: int = 10,
    reception_provider: ReceptionProvider | None = None,
    progress: Progress | None = None,
    oktmo: str | None = None,
    inn: str | None = None,
    message_hours: int = 24,
) -> Report:
    """Count the report of ``period`` (registration dates, both ends included) made on ``today``, with
    the same period of the previous year when ``compare`` (cut on the same day while the period is not
    over). ``top_n``: how many of the largest тематики and вопросы to name. ``progress(done, total)`` is
    called after each query."""
    previous = comparison_period(period, today) if compare else None
    provider = reception_provider
    total = _STEPS_PER_PERIOD * (2 if compare else 1) + 1
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    state_on = min(period.end, today)
    settlement_names = {i: name for i, name in s.execute(select(_S.c.id, _S.c.name))}
    cur = _count_period(s, period, state_on, settlement_names, tick)
    prev = (_count_period(s, previous, min(previous.end, today), settlement_names, tick)
            if previous is not None else None)
    b = _Builder(cur, prev)
    used_codes = {code for raw in b.raws() for code, _ in raw.codes}
    names = _classifier_names(s, used_codes)
    reception = _reception(s, provider, period, previous)
    tick()

    sections, labels = _contract_sections(b, period, vocab, names)
    crosstabs = _crosstabs(b, period, vocab)
    top_thematics, top_questions = _top(b, names, top_n)
    messages = _messages(b, vocab)
    return Report(
        period=period,
        previous=previous,
        organisation=organisation,
        sections=sections,
        labels=labels,
        crosstabs=crosstabs,
        top_thematics=top_thematics,
        top_questions=top_questions,
        messages=messages,
        reception=reception,
        state_on=state_on,
        made_on=today,
        oktmo=oktmo or None,
        inn=inn or None,
        shares=shares_of(sections),
        message_hours=message_hours,
    )


def _classifier_names(s: Session, used: set[str]) -> dict[str, str]:
    """Names of the sections (all of them), and of the тематики and codes that occur."""
    wanted = set(used) | {c[:9] for c in used if len(c) >= 9} | {c[:4] for c in used}
    out = {code: name for code, name in s.execute(select(_C.c.code, _C.c.name).where(_C.c.level == 1))}
    wanted -= set(out)
    chunk = sorted(wanted)
    for i in range(0, len(chunk), 500):
        part = chunk[i : i + 500]
        out.update({code: name for code, name in s.execute(select(_C.c.code, _C.c.name).where(_C.c.code.in_(part)))})
    return out


def _reception(s: Session, provider, period: Period, previous: Period | None) -> ReceptionReport | None:
    if provider is None:
        return None
    current = provider(s, period.start, period.end)
    if current is None:
        return None
    before = provider(s, previous.start, previous.end) if previous is not None else None
    return ReceptionReport(current, before)


def _labels(vocab: dict[str, dict[str, str]], group: str, keys: Iterable[str]) -> dict[str, str]:
    known = vocab.get(group, {})
    return {k: known.get(k, k) for k in keys}


def _contract_sections(b: _Builder, period: Period, vocab, names: dict[str, str]):
    raws = b.raws()
    sections: dict[str, object] = {}
    labels: dict[str, dict[str, str]] = {}

    def appeal_keys(index: int) -> set:
        return {k[index] for raw in raws for k in raw.appeals if _appeal(k)}

    sections["appeals"] = b.fig(lambda r: sum(n for k, n in r.appeals.items() if _appeal(k)))
    sections["questions"] = b.fig(lambda r: sum(n for (_c, msg), n in r.codes.items() if not msg))

    quarters = [str(q) for q in period.quarters()]
    sections["by_quarter"] = b.group(quarters, lambda r: r.appeals_by(lambda k: _quarter(k[0]), _appeal))
    labels["by_quarter"] = {q: QUARTER_LABELS[q] for q in quarters}

    for name, group, enum, index in (("by_form", "form", Form, 1), ("by_source", "source", Source, 2)):
        keys = _ordered_keys((e.value for e in enum), vocab.get(group, {}), sorted(appeal_keys(index)))
        sections[name] = b.group(keys, lambda r, i=index: r.appeals_by(lambda k, i=i: k[i], _appeal))
        labels[name] = _labels(vocab, group, keys)
    # by kind: every kind, ``message`` too (it equals ``messages``)
    kind_keys = _ordered_keys((e.value for e in Kind), vocab.get("kind", {}),
                              sorted({k[3] for raw in raws for k in raw.appeals}))
    sections["by_kind"] = b.group(kind_keys, lambda r: r.appeals_by(lambda k: k[3]))
    labels["by_kind"] = _labels(vocab, "kind", kind_keys)

    section_keys = sorted({c for c in names if len(c) == 4} | {c[:4] for raw in raws for c, _ in raw.codes})
    sections["by_section"] = b.group(section_keys, lambda r: _sum_codes(r, lambda c: c[:4]))
    labels["by_section"] = {k: names.get(k, k) for k in section_keys}

    thematic_keys = sorted({c[:9] for raw in raws for c, msg in raw.codes if len(c) >= 9 and not msg})
    sections["by_thematic"] = b.group(thematic_keys, lambda r: _sum_codes(r, lambda c: c[:9]))
    labels["by_thematic"] = {k: names.get(k, k) for k in thematic_keys}

    settlement_keys = sorted({n for raw in raws for (n, msg) in raw.settlements if not msg},
                             key=lambda n: (n == NO_SETTLEMENT, n))
    sections["by_settlement"] = b.group(
        settlement_keys, lambda r: {n: c for (n, msg), c in r.settlements.items() if not msg})
    labels["by_settlement"] = {k: k for k in settlement_keys}

    result_keys = _ordered_keys(
        (e.value for e in Result), vocab.get("result", {}), sorted({k[0] for raw in raws for k in raw.states})
    )
    sections["results"] = b.group(result_keys, lambda r: _result_counts(r, _not_message_question))
    labels["results"] = _labels(vocab, "result", result_keys)

    sections["checks"] = b.group(CHECKS, lambda r: {c: _sum_flag(r, i) for i, c in enumerate(CHECKS)})
    labels["checks"] = {c: CHECK_LABELS[c] for c in CHECKS}

    sections["repeated"] = b.fig(lambda r: r.appeals_by(lambda k: k[4], _appeal).get(True, 0))
    sections["collective"] = b.fig(lambda r: r.appeals_by(lambda k: k[5], _appeal).get(True, 0))
    sections["overdue"] = b.fig(lambda r: r.states_by(lambda k: k[1], _not_message_question).get(True, 0))

    sat_keys = _ordered_keys((e.value for e in Satisfaction), vocab.get("satisfaction", {}),
                             sorted(k for k in appeal_keys(6) if k))
    sections["satisfaction"] = b.group(sat_keys, lambda r: r.appeals_by(lambda k: k[6], _appeal))
    labels["satisfaction"] = _labels(vocab, "satisfaction", sat_keys)

    # -- version 2 -----------------------------------------------------------------------------------
    sections["messages"] = b.fig(lambda r: sum(n for k, n in r.appeals.items() if _message(k)))
    form_keys = list(sections["by_form"])
    sections["questions_by_form"] = b.group(form_keys, lambda r: _question_forms(r))
    labels["questions_by_form"] = labels["by_form"]
    sections["oral"] = b.fig(lambda r: sum(n for k, n in r.appeals.items() if _appeal(k) and k[1] in ORAL_FORMS))
    sections["by_quarter_form_questions"] = {
        q: b.group(form_keys, lambda r, q=q: _question_forms(r, q)) for q in quarters
    }

    assert [k for k, _ in CONTRACT_SECTIONS] == list(sections)
    labels["reception_kind"] = dict(vocab.get("reception_kind", {}))
    return sections, labels


def _not_message_question(k: tuple) -> bool:
    return not k[6]


def _question_forms(raw: _Raw, quarter: str | None = None) -> dict[str, int]:
    """Questions of the 59-FZ appeals by the appeal's form (in one quarter, or all)."""
    out: dict[str, int] = defaultdict(int)
    for (month, form, msg), n in raw.forms.items():
        if not msg and (quarter is None or _quarter(month) == quarter):
            out[form] += n
    return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def shares_of(sections: dict) -> dict[str, dict[str, float | None]]:
    """Version 2's ``shares``: per cent of the period's total, current period: ``results`` of the questions,
    ``by_form`` and ``by_kind`` of the appeals (messages are not appeals: ``by_kind`` has no ``message``)."""
    questions = sections["questions"].current
    appeals = sections["appeals"].current
    return {
        "results": {k: _share(f.current, questions) for k, f in sections["results"].items()},
        "by_form": {k: _share(f.current, appeals) for k, f in sections["by_form"].items()},
        "by_kind": {k: _share(f.current, appeals) for k, f in sections["by_kind"].items() if k != MESSAGE},
    }


def _sum_codes(raw: _Raw, key: Callable[[str], str], messages: bool = False) -> dict[str, int]:
    """Questions by ``key(code)``: of the 59-FZ appeals, or (``messages``) of the messages."""
    out: dict[str, int] = defaultdict(int)
    for (code, is_msg), n in raw.codes.items():
        if is_msg == messages:
            out[key(code)] += n
    return out


def _sum_flag(raw: _Raw, index: int) -> int:
    return sum(n for k, n in raw.states.items() if k[2 + index] and not k[6])


def _result_counts(raw: _Raw, where: Callable[[tuple], bool] | None = None) -> dict[str, int]:
    out = dict(raw.states_by(lambda k: k[0], where))
    # "поддержано, в т.ч. меры приняты": measures_taken counts inside supported too
    out[Result.SUPPORTED.value] = out.get(Result.SUPPORTED.value, 0) + out.get(Result.MEASURES_TAKEN.value, 0)
    return out


def _crosstabs(b: _Builder, period: Period, vocab) -> tuple[CrossTab, ...]:
    quarters = period.quarters()
    out = []
    for title, group, enum, index in (
        ("Обращения по кварталам и источникам поступления", "source", Source, 2),
        ("Обращения по кварталам и формам поступления", "form", Form, 1),
    ):
        def cells(raw: _Raw, i: int = index) -> dict[tuple[str, int], int]:
            return dict(raw.appeals_by(lambda key, i=i: (key[i], int(_quarter(key[0]))), _appeal))

        cur = cells(b.cur)
        prev = cells(b.prev) if b.prev is not None else None
        present = {code for code, _ in cur} | ({code for code, _ in prev} if prev else set())
        keys = [k for k in _ordered_keys((e.value for e in enum), vocab.get(group, {}), sorted(present)) if k in present]
        out.append(CrossTab(title, quarters, tuple((k, vocab.get(group, {}).get(k, k)) for k in keys), cur, prev))
    return tuple(out)


def question_crosstab(report: Report) -> CrossTab | None:
    """Questions by quarter and form (the Novokuznetsk 2020 table «122 / 49 / 41 / 32»), from the report's
    ``by_quarter_form_questions``: what the documents draw, for a report counted here or summed."""
    by_q = report.sections.get("by_quarter_form_questions")
    if not by_q:
        return None
    quarters = tuple(int(q) for q in by_q)
    forms = list(next(iter(by_q.values())))
    cur = {(f, int(q)): by_q[q][f].current for q in by_q for f in forms}
    prev = ({(f, int(q)): by_q[q][f].previous or 0 for q in by_q for f in forms} if report.compare else None)
    present = [f for f in forms if any(cur[(f, q)] for q in quarters) or (prev and any(prev[(f, q)] for q in quarters))]
    rows = tuple((f, report.label("by_form", f)) for f in present)
    return CrossTab("Вопросы по кварталам и формам поступления", quarters, rows, cur, prev)


def _top(b: _Builder, names: dict[str, str], n: int) -> tuple[tuple[TopItem, ...], tuple[TopItem, ...]]:
    if n <= 0:
        return (), ()

    def items(key: Callable[[str], str | None]) -> tuple[TopItem, ...]:
        cur: dict[str, int] = defaultdict(int)
        prev: dict[str, int] = defaultdict(int)
        for (code, msg), cnt in b.cur.codes.items():
            k = key(code)
            if k and not msg:
                cur[k] += cnt
        if b.prev is not None:
            for (code, msg), cnt in b.prev.codes.items():
                k = key(code)
                if k and not msg:
                    prev[k] += cnt
        ranked = sorted(cur.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return tuple(
            TopItem(code, names.get(code, code), Figure(cnt, None if b.prev is None else prev.get(code, 0)))
            for code, cnt in ranked
        )

    return items(lambda c: c[:9] if len(c) >= 9 else None), items(lambda c: c)


def _messages(b: _Builder, vocab) -> MessageFigures:
    def is_msg_question(k: tuple) -> bool:
        return k[6]

    source_keys = _ordered_keys((Source.FEEDBACK_PLATFORM.value, Source.SOCIAL_MEDIA.value),
                                sorted({k[2] for raw in b.raws() for k in raw.appeals if _message(k)}))
    result_keys = _ordered_keys(e.value for e in Result)
    return MessageFigures(
        messages=b.fig(lambda r: sum(n for k, n in r.appeals.items() if _message(k))),
        by_source=b.group(source_keys, lambda r: r.appeals_by(lambda k: k[2], _message)),
        results=b.group(result_keys, lambda r: _result_counts(r, is_msg_question)),
        overdue=b.fig(lambda r: sum(n for k, n in r.states.items() if k[6] and k[1])),
    )
