"""A registration journal (XLSX, the exchange contract's layout) whose 2019 and 2020 appeals reproduce the
published figures of ``seeds/novokuznetsk_report_2020.txt``.

Reproduced exactly (seed → our unit):

- appeals by quarter: 2019 166, 257, 394, 312; 2020 163, 431, 421, 258 (totals 1129 / 1273: +144, +12,8 %);
- by kind: proposal 58 / 65, statement 615 / 687, complaint 456 / 521;
- questions: 2601 / 1434 (−1167, −44,9 %);
- 2020 appeals by quarter and source (directly 113/338/275/178, other bodies 9/34/43/19, the regional
  administration 41/59/103/61); 2019 by source in total (774 / 66 / 289: the seed's 2019 quarter cells do
  not add up to its quarter totals, so 2019's third and fourth quarters are balanced on "directly");
- checks (questions): on control 1033 / 910, by commission 193 / 67, on site 291 / 99, with the author 241 / 83;
- results (questions): supported (measures taken inside) 331 / 129, explained 1680 / 1082, not supported
  86 / 13, in progress at the period's end 327 / 60 (the seed's rows do not add up to its question totals:
  the rest are forwarded, 177 / 150);
- satisfaction 2020: satisfied 534, partly 356, not satisfied 156;
- questions by form (the appeal's form): written 375 / 909, personal reception 106 / 678, phone 401 / 733,
  electronic 552 / 281 (1434 / 2601), and 2020 by quarter and form: written 122, 84, 101, 68; reception 49,
  41, 5, 11; phone 41, 146, 162, 52; electronic 32, 169, 213, 138 (244, 440, 481, 269 questions a quarter);
- messages apart (2020): 170 through Инцидент Менеджмент and 60 to the administration's accounts in social
  networks (230 from social networks, explained or measures taken within the day), 144 through «Кузбасс
  онлайн» (the feedback platform): 32 solved (measures taken), 10 rejected, 97 explained, 5 in work.

Besides: seven 2020 appeals answered late (overdue 7 / 0), and 30 of the 60 questions in progress at the end
of 2020 have an answer dated January 2021 (in progress *as of* 31.12.2020).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

CODES = ("0003.0009.0097.0690", "0005.0005.0056.1148", "0003.0009.0099.0742.0110")
SETTLEMENTS = ("п. Елань", "с. Сосновка", "п. Казанково", "с. Атаманово", "п. Металлургов")
FORMS = ("written", "personal_reception", "phone", "electronic")

HEADERS = (
    "Рег. номер", "Дата регистрации", "Форма поступления", "Источник", "Сопроводительное письмо", "Вид обращения",
    "Фамилия", "Имя", "Населённый пункт", "Содержание", "Вопросы", "Результаты", "Дата ответа", "На контроле",
    "Комиссионно", "С выездом на место", "С участием автора", "Удовлетворённость",
)

EXPECTED = {
    "quarters": {2019: (166, 257, 394, 312), 2020: (163, 431, 421, 258)},
    "kinds": {2019: {"proposal": 58, "statement": 615, "complaint": 456},
              2020: {"proposal": 65, "statement": 687, "complaint": 521}},
    "appeals": {2019: 1129, 2020: 1273},
    "questions": {2019: 2601, 2020: 1434},
    "sources": {2019: {"direct": 774, "other_body": 66, "region": 289},
                2020: {"direct": 904, "other_body": 105, "region": 264}},
    "sources_by_quarter_2020": {"direct": (113, 338, 275, 178), "other_body": (9, 34, 43, 19),
                                "region": (41, 59, 103, 61)},
    "checks": {2019: {"on_control": 1033, "commission": 193, "on_site": 291, "with_author": 241},
               2020: {"on_control": 910, "commission": 67, "on_site": 99, "with_author": 83}},
    "results": {2019: {"supported": 331, "measures_taken": 100, "explained": 1680, "not_supported": 86,
                       "forwarded": 177, "in_progress": 327},
                2020: {"supported": 129, "measures_taken": 50, "explained": 1082, "not_supported": 13,
                       "forwarded": 150, "in_progress": 60}},
    "satisfaction": {2019: {}, 2020: {"satisfied": 534, "partly_satisfied": 356, "not_satisfied": 156}},
    "overdue": {2019: 0, 2020: 7},
    "questions_by_form": {2019: {"written": 909, "personal_reception": 678, "phone": 733, "electronic": 281},
                          2020: {"written": 375, "personal_reception": 106, "phone": 401, "electronic": 552}},
    "questions_by_quarter_form_2020": {"written": (122, 84, 101, 68), "personal_reception": (49, 41, 5, 11),
                                       "phone": (41, 146, 162, 52), "electronic": (32, 169, 213, 138)},
    "messages": {"social_media": 230, "feedback_platform": 144},
    "messages_results": {"measures_taken": 32 + 30, "not_supported": 10, "explained": 97 + 200, "in_progress": 5},
}
# 2019: 343 appeals of three questions and 786 of two, by form (3a + 2b = the published questions)
FORMS_2019 = {"written": (303, 0), "personal_reception": (38, 282), "phone": (1, 365), "electronic": (1, 139)}


@dataclass
class _Appeal:
    registered: date
    source: str = "direct"
    form: str = "written"
    kind: str = "statement"
    questions: int = 1
    results: list[str] = field(default_factory=list)  # empty: no result
    answer_on: date | None = None
    flags: set[str] = field(default_factory=set)
    satisfaction: str | None = None


def _spread(start: date, end: date, n: int) -> list[date]:
    days = (end - start).days + 1
    return [start + timedelta(days=i * days // n) for i in range(n)]


def _quarter_dates(year: int, counts: tuple[int, ...], december_tail: int) -> list[date]:
    """Registration dates, quarter by quarter; the last ``december_tail`` appeals of the year fall on
    2-27 December (their deadline, after 30 days, is not before 31 December)."""
    bounds = ((date(year, 1, 1), date(year, 3, 31)), (date(year, 4, 1), date(year, 6, 30)),
              (date(year, 7, 1), date(year, 9, 30)), (date(year, 10, 1), date(year, 12, 31)))
    out: list[date] = []
    for q, ((start, end), n) in enumerate(zip(bounds, counts, strict=True), start=1):
        if q < 4:
            out += _spread(start, end, n)
        else:
            out += _spread(start, date(year, 11, 30), n - december_tail)
            out += _spread(date(year, 12, 2), date(year, 12, 27), december_tail)
    return out


def _deal(rng: random.Random, counts: dict[str, int]) -> list[str]:
    items = [k for k, n in counts.items() for _ in range(n)]
    rng.shuffle(items)
    return items


def _year(year: int) -> list[_Appeal]:
    rng = random.Random(year)
    quarters = EXPECTED["quarters"][year]
    n = sum(quarters)
    # in progress at the year's end: 2019 — 109 appeals of 3 questions without a result; 2020 — 60 appeals of
    # one question, 30 without a result and 30 answered in January 2021
    tail = 109 if year == 2019 else 60
    dates = _quarter_dates(year, quarters, tail)
    appeals = [_Appeal(d) for d in dates]
    body, ending = appeals[: n - tail], appeals[n - tail :]

    # sources
    if year == 2020:
        i = 0
        for q, count in enumerate(quarters):
            block = appeals[i : i + count]
            labels = [s for s, per_q in EXPECTED["sources_by_quarter_2020"].items() for _ in range(per_q[q])]
            assert len(labels) == count
            for a, s in zip(block, labels, strict=True):
                a.source = s
            i += count
    else:
        per_q = {"direct": (109, 140, 289, 236), "other_body": (2, 25, 30, 9), "region": (55, 92, 75, 67)}
        i = 0
        for q, count in enumerate(quarters):
            labels = [s for s, v in per_q.items() for _ in range(v[q])]
            assert len(labels) == count
            for a, s in zip(appeals[i : i + count], labels, strict=True):
                a.source = s
            i += count

    for a, k in zip(appeals, _deal(rng, EXPECTED["kinds"][year]), strict=True):
        a.kind = k

    results = dict(EXPECTED["results"][year])
    answered_counts = {
        "measures_taken": results["measures_taken"],
        "supported": results["supported"] - results["measures_taken"],
        "explained": results["explained"],
        "not_supported": results["not_supported"],
        "forwarded": results["forwarded"],
    }
    checks = EXPECTED["checks"][year]
    if year == 2019:
        # 343 appeals of three questions (the 109 of December among them), the other 786 of two
        threes = set(range(len(body) - 234, len(body)))
        for j, a in enumerate(body):
            a.questions = 3 if j in threes else 2
        for a in ending:
            a.questions = 3
        # on control: every three-question appeal (1029) and two of two questions (4) = 1033
        for a in appeals:
            if a.questions == 3:
                a.flags.add("on_control")
        twos = [a for a in body if a.questions == 2]
        for a in twos[:2]:
            a.flags.add("on_control")
        three = next(a for a in body if a.questions == 3)
        for flag, count_twos in (("commission", 95), ("on_site", 144), ("with_author", 119)):
            three.flags.add(flag)  # 3 questions + 2 × count_twos
            for a in twos[2 : 2 + count_twos]:
                a.flags.add(flag)
    else:
        # 161 appeals of two questions among the answered ones (81, 9, 60, 11 a quarter: the published questions
        # by quarter), all on control (322) + 588 of one = 910
        quarter_of = [(a.registered.month - 1) // 3 for a in appeals]
        in_body = {id(a) for a in body}
        for q, twos in enumerate((81, 9, 60, 11)):
            # the two-question appeals of a quarter: its latest answered ones after the 1st month (the late
            # answers are taken from the first months)
            pool = [a for a, qa in zip(appeals, quarter_of, strict=True)
                    if qa == q and id(a) in in_body and a.registered.month % 3 != 1]
            for a in pool[-twos:]:
                a.questions = 2
                a.flags.add("on_control")
        ones = [a for a in body if a.questions == 1]
        for a in ones[:588]:
            a.flags.add("on_control")
        start = 0
        for flag in ("commission", "on_site", "with_author"):
            for a in ones[start : start + checks[flag]]:
                a.flags.add(flag)
            start += checks[flag]
    assert sum(a.questions for a in appeals) == EXPECTED["questions"][year]
    _deal_forms(rng, year, appeals)

    deal = _deal(rng, answered_counts)
    assert len(deal) == sum(a.questions for a in body)
    pos = 0
    for a in body:
        a.results = deal[pos : pos + a.questions]
        pos += a.questions
        a.answer_on = min(a.registered + timedelta(days=10), date(year, 12, 31))
    if year == 2020:
        for a in ending[30:]:  # answered, but in January 2021: still in progress on 31.12.2020
            a.results = ["explained"]
            a.answer_on = date(2021, 1, 15)
        # seven answers after the deadline (30 days): one-question appeals of the first three quarters
        late = [a for a in body if a.questions == 1 and a.registered.month <= 8][:7]
        for a in late:
            a.answer_on = a.registered + timedelta(days=45)
        sat = _deal(rng, EXPECTED["satisfaction"][2020])
        for a, s in zip(body, sat, strict=False):
            a.satisfaction = s
    return appeals


def _slots(rng: random.Random, appeals: list[_Appeal], per_form: dict[str, tuple[int, int]],
           sizes: tuple[int, int]) -> None:
    """Give ``appeals`` forms: ``per_form[form] = (appeals of sizes[0] questions, of sizes[1])``."""
    for size, index in ((sizes[0], 0), (sizes[1], 1)):
        group = [a for a in appeals if a.questions == size]
        labels = [f for f, counts in per_form.items() for _ in range(counts[index])]
        assert len(labels) == len(group), (size, len(labels), len(group))
        rng.shuffle(labels)
        for a, f in zip(group, labels, strict=True):
            a.form = f


def _deal_forms(rng: random.Random, year: int, appeals: list[_Appeal]) -> None:
    """Forms such that the questions by form are the published ones."""
    if year == 2019:
        _slots(rng, appeals, FORMS_2019, (3, 2))
        return
    per_quarter = EXPECTED["questions_by_quarter_form_2020"]
    for q in range(4):
        block = [a for a in appeals if (a.registered.month - 1) // 3 == q]
        twos = sum(1 for a in block if a.questions == 2)
        left, counts = twos, {}
        for form in FORMS:  # greedy: as many two-question appeals of a form as its questions allow
            n = per_quarter[form][q]
            t = min(left, n // 2)
            counts[form] = (t, n - 2 * t)
            left -= t
        assert left == 0
        _slots(rng, block, {f: (t, o) for f, (t, o) in counts.items()}, (2, 1))


def _messages_2020() -> list[tuple]:
    """The 374 messages of 2020: (registered, source, result or None)."""
    out = []
    social = _spread(date(2020, 1, 9), date(2020, 12, 25), EXPECTED["messages"]["social_media"])
    for i, d in enumerate(social):
        out.append((d, "social_media", "measures_taken" if i % 7 == 0 and i < 7 * 30 else "explained"))
    results = ["measures_taken"] * 32 + ["not_supported"] * 10 + ["explained"] * 97 + [None] * 5
    platform = _spread(date(2020, 8, 3), date(2020, 12, 28), EXPECTED["messages"]["feedback_platform"])
    for d, r in zip(platform, results, strict=True):
        out.append((d, "feedback_platform", r))
    return out


def build_journal(path: Path) -> Path:
    """Write the journal of 2019 and 2020 to ``path``."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Журнал"
    ws.append(HEADERS)
    yes = "да"
    for year in (2019, 2020):
        for i, a in enumerate(_year(year)):
            codes = CODES[: a.questions] if a.questions > 1 else (CODES[i % len(CODES)],)
            cover = "" if a.source == "direct" else f"№ {i + 1} от {a.registered:%d.%m.%Y}"
            ws.append((
                "",
                a.registered,
                a.form,
                a.source,
                cover,
                a.kind,
                "Кузнецов" if i % 2 else "Смирнова",
                "Иван" if i % 2 else "Анна",
                SETTLEMENTS[i % len(SETTLEMENTS)],
                f"Обращение № {i + 1} за {year} год",
                "; ".join(codes),
                "; ".join(a.results),
                a.answer_on if a.results else None,
                yes if "on_control" in a.flags else "",
                yes if "commission" in a.flags else "",
                yes if "on_site" in a.flags else "",
                yes if "with_author" in a.flags else "",
                a.satisfaction or "",
            ))
    for i, (d, source, result) in enumerate(_messages_2020()):
        ws.append((
            "", d, "electronic", source, "", "message", "Попова" if i % 2 else "Лебедев", "Ольга" if i % 2 else "Пётр",
            SETTLEMENTS[i % len(SETTLEMENTS)], f"Сообщение № {i + 1} в соцсетях или на платформе", CODES[i % 2],
            result or "", d if result else None, "", "", "", "", "",
        ))
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "DD.MM.YYYY"
    for row in ws.iter_rows(min_row=2, min_col=13, max_col=13):
        row[0].number_format = "DD.MM.YYYY"
    wb.save(path)
    return path
