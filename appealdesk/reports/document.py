"""The layout of the report for people, shared by the PDF, the XLSX and the wizard's preview: a list of
sections, each with an automatic sentence, tables in the seeds' layout (current, previous, +/-, %), charts
and the narrative the user typed. The writers only draw what this module decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.codes import Kind, Result
from ..domain.law import ORAL_FORMS
from .model import CrossTab, Figure, Report, TopItem
from .numbers import (
    APPEALS,
    MESSAGES,
    NBSP,
    QUESTIONS,
    count_phrase,
    fmt_decimal,
    fmt_delta,
    fmt_int,
    fmt_percent,
    plural,
)
from .reception import FIELDS as RECEPTION_FIELDS

SECTION_TITLES: dict[str, str] = {
    "totals": "Общие сведения",
    "by_organisation": "Свод по организациям",
    "by_quarter": "Поступление обращений по кварталам",
    "by_form": "Формы поступления обращений",
    "by_source": "Источники поступления обращений",
    "by_kind": "Виды обращений",
    "topics": "Тематика вопросов",
    "by_settlement": "Обращения по населённым пунктам",
    "results": "Результаты рассмотрения вопросов",
    "checks": "Формы рассмотрения вопросов",
    "special": "Повторные и коллективные обращения, нарушение сроков",
    "satisfaction": "Удовлетворённость заявителей результатами рассмотрения",
    "messages": "Сообщения через платформу обратной связи и социальные сети",
    "reception": "Личный приём граждан",
}
ALL_SECTIONS: tuple[str, ...] = tuple(SECTION_TITLES)

# column kinds; SHARE: a (count, per cent of the total) pair printed «126 (43,0 %)» as the Kavkazsky note does
TEXT, CODE, INT, DELTA, PERCENT, PAIR, SHARE = "text", "code", "int", "delta", "percent", "pair", "share"
# row styles
NORMAL, TOTAL, SUB = "normal", "total", "sub"


@dataclass(frozen=True)
class ReportOptions:
    """What the user chose in the wizard (or on the command line)."""

    sections: tuple[str, ...] = ALL_SECTIONS
    narratives: dict[str, str] = field(default_factory=dict)  # section -> text typed by the user
    signatory_position: str = ""
    signatory_name: str = ""
    title: str = "Справка"
    subtitle: str = "о работе с обращениями граждан"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str  # TEXT, CODE, INT, DELTA, PERCENT, PAIR (a (previous, current) pair of ints)
    width: float = 1.0  # relative width in the PDF


@dataclass(frozen=True)
class Row:
    values: tuple
    style: str = NORMAL


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str = ""
    wide: bool = False  # drawn on a landscape page


@dataclass(frozen=True)
class Chart:
    key: str
    kind: str  # "bar" (categories × series) or "pie" (one series)
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class DocSection:
    key: str
    title: str
    intro: tuple[str, ...]
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]
    narrative: str


def format_cell(value, kind: str) -> str:
    if kind in (TEXT, CODE):
        return "" if value is None else str(value)
    if kind == INT:
        return fmt_int(value)
    if kind == DELTA:
        return fmt_delta(value)
    if kind == PERCENT:
        return fmt_percent(value)
    if kind == PAIR:
        prev, cur = value
        return fmt_int(cur) if prev is None else f"{fmt_int(prev)}/{fmt_int(cur)}"
    if kind == SHARE:
        count, share = value
        return fmt_int(count) if share is None else f"{fmt_int(count)} ({fmt_decimal(share)}{NBSP}%)"
    return str(value)


# -- building blocks ----------------------------------------------------------------------------------
def _cmp_columns(report: Report, first: str = "Показатель", code: bool = False, code_width: float = 0.9,
                 shares: bool = False) -> tuple[Column, ...]:
    cols = [Column("Код", CODE, code_width)] if code else []
    cols.append(Column(first, TEXT, 4.5 - code_width if code else 4.2))
    cols.append(Column(report.current_label(), SHARE if shares else INT, 1.5 if shares else 1.0))
    if report.previous is not None:
        cols += [Column(report.previous_label(), INT, 1.0), Column("+/-", DELTA, 0.9), Column("%", PERCENT, 0.9)]
    return tuple(cols)


def _cmp_values(report: Report, f: Figure, share: float | bool | None = False) -> tuple:
    """The cells of one figure; ``share`` (a per cent, or None) makes the current cell a SHARE pair."""
    current = f.current if share is False else (f.current, share)
    if report.previous is None:
        return (current,)
    return (current, f.previous, f.delta, f.percent)


def _cmp_table(
    report: Report, key: str, title: str, rows: Sequence[tuple], *, first: str = "Показатель", code: bool = False,
    note: str = "", code_width: float = 0.9, shares: dict[str, float | None] | None = None,
) -> Table:
    """``rows``: ``(label, Figure, style)`` or with ``code``: ``(code, label, Figure, style)``; with ``shares``
    a row may end with its share key (``(label, Figure, style, key)``) and the current column shows
    «count (share %)»."""
    out = []
    for r in rows:
        share: float | bool | None = False
        if shares is not None:
            key_of = r[-1] if len(r) == (5 if code else 4) else None
            share = shares.get(key_of) if key_of is not None else None
            r = r[:4] if code else r[:3]
        if code:
            c, label, f, style = r
            out.append(Row((c, label, *_cmp_values(report, f, share)), style))
        else:
            label, f, style = r
            out.append(Row((label, *_cmp_values(report, f, share)), style))
    return Table(key, title, _cmp_columns(report, first, code, code_width, shares is not None), tuple(out), note)


def _share_of(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def _sum(figs: Sequence[Figure], compare: bool) -> Figure:
    return Figure(sum(f.current for f in figs), sum(f.previous or 0 for f in figs) if compare else None)


def _group_rows(report: Report, section: str, *, skip_empty: bool = False, total: str | None = "Итого",
                keys: bool = False) -> list[tuple]:
    """One row per key of ``section`` and the total; ``keys``: each row ends with its key (for shares)."""
    group = report.sections[section]
    assert isinstance(group, dict)
    rows = []
    for k, f in group.items():
        if skip_empty and f.current == 0 and not f.previous:
            continue
        rows.append((report.label(section, k), f, NORMAL, k) if keys else (report.label(section, k), f, NORMAL))
    if total:
        rows.append((total, _sum(list(group.values()), report.compare), TOTAL))
    return rows


def _change_phrase(f: Figure, forms: tuple[str, str, str], than: str) -> str:
    if f.previous is None:
        return ""
    if f.delta == 0:
        return f", столько же, сколько {than}"
    more = "больше" if f.delta > 0 else "меньше"
    pct = f" ({fmt_percent(f.percent)} %)" if f.percent is not None else ""
    return f", что на {count_phrase(abs(f.delta), forms)} {more}, чем {than}{pct}"


def _lower_first(text: str) -> str:
    """«Коммунальное хозяйство» → «коммунальное хозяйство»; abbreviations («ЖКХ») stay."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _chart_labels(labels: Sequence[str], limit: int = 38) -> tuple[str, ...]:
    return tuple(x if len(x) <= limit else x[: limit - 1].rstrip() + "…" for x in labels)


# -- the sections -------------------------------------------------------------------------------------
def _period_words(report: Report) -> str:
    phrase = report.period.phrase()
    if not report.period_complete:
        phrase += f" (по состоянию на {report.made_on:%d.%m.%Y})"
    return phrase


def _previous_words(report: Report) -> str:
    if report.previous is None:
        return ""
    if report.period_complete:
        return report.previous.phrase()
    return f"за тот же период {report.previous.start.year} года"


def _totals(report: Report) -> tuple[tuple[str, ...], tuple[Table, ...], tuple[Chart, ...]]:
    a, q, m = report.figure("appeals"), report.figure("questions"), report.figure("messages")
    than = _previous_words(report)
    phrase = _period_words(report)
    s1 = f"{phrase[0].upper()}{phrase[1:]} поступило {count_phrase(a.current, APPEALS)}"
    s1 += _change_phrase(a, APPEALS, than) + "."
    s2 = f"В обращениях {plural(q.current, 'содержится', 'содержатся', 'содержится')} {count_phrase(q.current, QUESTIONS)}"
    s2 += (f" ({than} — {fmt_int(q.previous)})" if q.previous is not None else "") + "."
    intro = [s1, s2]
    if m.current or m.previous:
        intro.append(f"Кроме того, через платформу обратной связи и социальные сети поступило "
                     f"{count_phrase(m.current, MESSAGES)}: это не обращения по Федеральному закону № 59-ФЗ, они "
                     "учтены отдельно (раздел «Сообщения») и в число обращений не входят.")
    rows = [("Количество обращений", a, NORMAL), ("Количество вопросов в обращениях", q, NORMAL)]
    if m.current or m.previous:
        rows.append(("Сообщения ПОС и социальных сетей (учтены отдельно)", m, NORMAL))
    table = _cmp_table(report, "totals", "Количество обращений и вопросов", rows)
    return tuple(intro), (table,), ()


def _crosstab_table(report: Report, ct: CrossTab, key: str) -> Table:
    compare = ct.previous is not None
    cols = [Column("Показатель", TEXT, 3.4)]
    cols += [Column(f"{q} квартал", PAIR, 1.1) for q in ct.quarters]
    cols.append(Column("Итого", PAIR, 1.1))
    if compare:
        cols += [Column("+/-", DELTA, 0.8), Column("%", PERCENT, 0.8)]

    def line(label: str, codes: Sequence[str], style: str) -> Row:
        cells = []
        tot_c = tot_p = 0
        for q in ct.quarters:
            c = sum(ct.current.get((code, q), 0) for code in codes)
            p = sum(ct.previous.get((code, q), 0) for code in codes) if compare else None
            tot_c += c
            tot_p += p or 0
            cells.append((p, c))
        f = Figure(tot_c, tot_p if compare else None)
        cells.append((f.previous, f.current))
        if compare:
            cells += [f.delta, f.percent]
        return Row((label, *cells), style)

    codes = [c for c, _ in ct.rows]
    rows = [line("Всего", codes, TOTAL)] + [line(label, [code], NORMAL) for code, label in ct.rows]
    note = ""
    if compare:
        note = f"В ячейках: {report.previous_label()}/{report.current_label()}."
    return Table(key, ct.title, tuple(cols), tuple(rows), note, wide=compare)


def _by_quarter(report: Report):
    rows = _group_rows(report, "by_quarter", total="Итого")
    tables = [_cmp_table(report, "by_quarter", "Количество обращений по кварталам", rows, first="Квартал")]
    for i, ct in enumerate(report.crosstabs):
        tables.append(_crosstab_table(report, ct, f"by_quarter_{i + 1}"))
    by_q = report.sections["by_quarter"]
    series = [(report.current_label(), tuple(f.current for f in by_q.values()))]
    if report.compare:
        series.insert(0, (report.previous_label(), tuple(f.previous or 0 for f in by_q.values())))
    chart = Chart("by_quarter", "bar", "Обращения по кварталам", tuple(report.label("by_quarter", k) for k in by_q),
                  tuple(series))
    return (), tuple(tables), (chart,)


def _simple(report: Report, section: str, title: str, first: str):
    return (), (_cmp_table(report, section, title, _group_rows(report, section), first=first),), ()


def _form_rows(report: Report, section: str, shares: bool) -> list[tuple]:
    """Written and electronic, then «устные, всего» (the 2018 seed) with the oral forms under it, the total."""
    group = report.sections[section]
    assert isinstance(group, dict)
    written = [(report.label("by_form", k), f, NORMAL, k) for k, f in group.items() if k not in ORAL_FORMS]
    oral = [(ORAL_SUB_LABELS.get(k, report.label("by_form", k)), f, SUB, k) for k, f in group.items()
            if k in ORAL_FORMS]
    oral_total = _sum([r[1] for r in oral], report.compare)
    total = _sum(list(group.values()), report.compare)
    rows = [*written, ("Устные, всего", oral_total, NORMAL, "__oral"), *oral, ("Итого", total, TOTAL)]
    if not shares:
        return [r[:3] for r in rows]
    return rows


# the oral forms under «Устные, всего», as the 2018 seed writes them («из них: на личном приёме, по телефону»)
ORAL_SUB_LABELS = {"personal_reception": "из них на личном приёме", "visiting_reception": "на выездном приёме",
                   "phone": "по телефону"}


def _by_form(report: Report):
    appeals_shares = dict(report.shares.get("by_form", {}))
    a = report.figure("appeals")
    appeals_shares["__oral"] = _share_of(report.figure("oral").current, a.current)
    t1 = _cmp_table(report, "by_form", "Обращения по формам поступления", _form_rows(report, "by_form", True),
                    first="Форма поступления", shares=appeals_shares,
                    note="В скобках — доля от общего числа обращений.")
    q = report.figure("questions")
    q_shares = {k: _share_of(f.current, q.current) for k, f in report.sections["questions_by_form"].items()}
    oral_q = sum(f.current for k, f in report.sections["questions_by_form"].items() if k in ORAL_FORMS)
    q_shares["__oral"] = _share_of(oral_q, q.current)
    t2 = _cmp_table(report, "questions_by_form", "Вопросы по формам поступления обращений",
                    _form_rows(report, "questions_by_form", True), first="Форма поступления", shares=q_shares,
                    note="Вопросы считаются по форме обращения, в котором они поставлены.")
    tables = [t1, t2]
    from .aggregate import question_crosstab

    ct = question_crosstab(report)
    if ct is not None and ct.rows:
        tables.append(_crosstab_table(report, ct, "questions_by_quarter_form"))
    oral = report.figure("oral")
    intro = (f"Устных обращений (на личном приёме, на выездном приёме, по телефону) — {fmt_int(oral.current)}"
             + (f" ({fmt_decimal(_share_of(oral.current, a.current))}{NBSP}%)" if a.current else "") + ".",)
    return intro, tuple(tables), ()


def _by_kind(report: Report):
    group = report.sections["by_kind"]
    shares = report.shares.get("by_kind", {})
    rows: list[tuple] = [(report.label("by_kind", k), f, NORMAL, k) for k, f in group.items() if k != Kind.MESSAGE]
    rows.append(("Итого обращений", report.figure("appeals"), TOTAL))
    t1 = _cmp_table(report, "by_kind", "Обращения по видам", rows, first="Вид обращения", shares=shares,
                    note="В скобках — доля от общего числа обращений.")
    m = group.get(Kind.MESSAGE.value)
    tables = [t1]
    if m is not None and (m.current or m.previous):
        tables.append(_cmp_table(report, "by_kind_messages", "Сообщения (не обращения по 59-ФЗ, в итог не входят)",
                                 [(report.label("by_kind", Kind.MESSAGE.value), m, NORMAL)], first="Вид"))
    return (), tuple(tables), ()


def _topic_rows(report: Report, section: str, order_by_count: bool) -> list[tuple]:
    group = report.sections[section]
    assert isinstance(group, dict)
    items = list(group.items())
    if order_by_count:
        items.sort(key=lambda kv: (-kv[1].current, -(kv[1].previous or 0), kv[0]))
    return [(k, report.label(section, k), f, NORMAL) for k, f in items]


def _top_table(report: Report, key: str, title: str, items: Sequence[TopItem], what: str) -> Table:
    longest = max((len(t.code) for t in items), default=0)
    width = 0.9 if longest <= 9 else 1.9 if longest <= 19 else 2.4
    return _cmp_table(report, key, title, [(t.code, t.name, t.figure, NORMAL) for t in items], first=what, code=True,
                      code_width=width)


def _topics(report: Report):
    sec_rows = _topic_rows(report, "by_section", order_by_count=False)
    q = report.figure("questions")
    sec_rows.append(("", "Всего вопросов", q, TOTAL))
    tables = [
        _cmp_table(report, "by_section", "Вопросы по разделам классификатора", sec_rows, first="Раздел", code=True),
        _cmp_table(report, "by_thematic", "Вопросы по тематикам", _topic_rows(report, "by_thematic", True),
                   first="Тематика", code=True),
    ]
    if report.top_questions:
        tables.append(_top_table(report, "top_questions", f"Наиболее частые вопросы (первые {len(report.top_questions)})",
                                 report.top_questions, "Вопрос"))
    intro = ()
    if report.top_thematics:
        first = report.top_thematics[:4]
        parts = [f"{_lower_first(t.name)} — {fmt_int(t.figure.current)}" for t in first]
        intro = ("Больше всего вопросов по тематикам: " + "; ".join(parts) + ".",)
    sections = report.sections["by_section"]
    labels = _chart_labels([report.label("by_section", k) for k in sections])
    series = [(report.current_label(), tuple(f.current for f in sections.values()))]
    if report.compare:
        series.insert(0, (report.previous_label(), tuple(f.previous or 0 for f in sections.values())))
    chart = Chart("by_section", "bar", "Вопросы по разделам классификатора", labels, tuple(series))
    return intro, tuple(tables), (chart,)


def _by_settlement(report: Report):
    group = report.sections["by_settlement"]
    items = sorted(group.items(), key=lambda kv: (-kv[1].current, -(kv[1].previous or 0), kv[0]))
    rows = [(k, f, NORMAL) for k, f in items]
    rows.append(("Итого", _sum([f for _, f in items], report.compare), TOTAL))
    return (), (_cmp_table(report, "by_settlement", "Обращения по населённым пунктам", rows, first="Населённый пункт"),), ()


RESULT_ROWS = (
    (Result.SUPPORTED.value, "Поддержано", NORMAL),
    (Result.MEASURES_TAKEN.value, "в т.ч. меры приняты", SUB),
    (Result.EXPLAINED.value, None, NORMAL),
    (Result.NOT_SUPPORTED.value, None, NORMAL),
    (Result.FORWARDED.value, None, NORMAL),
    (Result.ANSWERED.value, None, NORMAL),
    (Result.LEFT_WITHOUT_ANSWER.value, None, NORMAL),
    (Result.RETURNED.value, None, NORMAL),
)
PIE_RESULTS = (*(k for k, _, style in RESULT_ROWS if style != SUB), Result.IN_PROGRESS.value)


def _results_rows(report: Report, results: dict[str, Figure]) -> list[tuple]:
    """Rows ``(label, Figure, style, key)``; the total ends without a key."""
    rows = []
    shown = set()
    zero = Figure(0, 0 if report.compare else None)
    for key, label, style in RESULT_ROWS:
        rows.append((label or report.label("results", key), results.get(key, zero), style, key))
        shown.add(key)
    for key, f in results.items():
        if key not in shown and key != Result.IN_PROGRESS.value:
            rows.append((report.label("results", key), f, NORMAL, key))
    ip = results.get(Result.IN_PROGRESS.value, zero)
    rows.append(("Находится на рассмотрении на конец периода", ip, NORMAL, Result.IN_PROGRESS.value))
    total = _sum([f for k, f in results.items() if k != Result.MEASURES_TAKEN.value], report.compare)
    rows.append(("Всего вопросов", total, TOTAL))
    return rows


def _results(report: Report):
    results = report.sections["results"]
    note = f"Результаты — по состоянию на {report.state_date:%d.%m.%Y}"
    if report.previous is not None:
        note += f" ({report.previous_label()} — по состоянию на {report.previous.end:%d.%m.%Y})"
    note += "; «поддержано» включает вопросы, по которым приняты меры."
    note += " В скобках — доля от общего числа вопросов."
    table = _cmp_table(report, "results", "Результаты рассмотрения вопросов", _results_rows(report, results),
                       first="Результат", note=note, shares=report.shares.get("results", {}))
    pie_keys = [k for k in PIE_RESULTS if results.get(k) and results[k].current > 0]
    chart = Chart(
        "results", "pie", f"Результаты рассмотрения вопросов, {report.current_label()}",
        tuple(report.label("results", k) if k != Result.SUPPORTED.value else "Поддержано" for k in pie_keys),
        (("Вопросы", tuple(results[k].current for k in pie_keys)),),
    )
    ip = results.get(Result.IN_PROGRESS.value)
    intro: tuple[str, ...] = ()
    supported = results.get(Result.SUPPORTED.value)
    share = report.shares.get("results", {}).get(Result.SUPPORTED.value)
    if supported is not None and supported.current:
        intro += (f"Положительно рассмотрено (поддержано) {count_phrase(supported.current, QUESTIONS)}"
                  + (f" ({fmt_decimal(share)}{NBSP}%)" if share is not None else "") + ".",)
    if ip is not None:
        intro += (f"По состоянию на {report.state_date:%d.%m.%Y} на рассмотрении "
                  f"{plural(ip.current, 'находится', 'находятся', 'находятся')} {count_phrase(ip.current, QUESTIONS)}.",)
    return intro, (table,), ((chart,) if pie_keys else ())


def _special(report: Report):
    rows = [
        ("Повторные обращения", report.figure("repeated"), NORMAL),
        ("Коллективные обращения", report.figure("collective"), NORMAL),
        ("Вопросы, рассмотренные с нарушением срока или просроченные", report.figure("overdue"), NORMAL),
    ]
    note = f"Повторные и коллективные — обращения; нарушение сроков — вопросы (по состоянию на {report.state_date:%d.%m.%Y})."
    return (), (_cmp_table(report, "special", SECTION_TITLES["special"], rows, note=note),), ()


def _messages(report: Report):
    m = report.messages
    if m is None:
        return (), (), ()
    hours = f"{report.message_hours} {plural(report.message_hours, 'часа', 'часов', 'часов')}"
    intro = (
        "Сообщения, поступившие через платформу обратной связи (ПОС) и социальные сети (Инцидент Менеджмент), "
        "не являются обращениями по Федеральному закону № 59-ФЗ: ответ на них даётся в кратчайший срок "
        f"(как правило, не позднее {hours}). Они учтены здесь отдельно и не входят ни в число обращений, ни в "
        "другие разделы отчёта.",
    )
    rows = [("Поступило сообщений", m.messages, TOTAL)]
    for k, f in m.by_source.items():
        rows.append((f"в т.ч. {report.label('by_source', k)}", f, SUB))
    t1 = _cmp_table(report, "messages", "Сообщения ПОС и социальных сетей", rows)
    if m.messages.current == 0 and not m.messages.previous:
        return (*intro, "Сообщений через ПОС и социальные сети за период не поступало."), (t1,), ()
    if not m.results:  # a district roll-up: the settlements' files count the messages only
        return intro, (t1,), ()
    res_rows = [r[:3] for r in _results_rows(report, m.results)]
    res_rows.insert(-1, ("Вопросы сообщений с нарушением срока ответа", m.overdue, NORMAL))
    t2 = _cmp_table(report, "messages_results", "Результаты рассмотрения сообщений (вопросы)", res_rows, first="Результат")
    return intro, (t1, t2), ()


def _by_organisation(report: Report):
    """A district roll-up: the main figures of each organisation summed, and the total."""
    orgs = report.by_organisation or {}
    cols = (Column("Организация", TEXT, 2.4), Column("Обращения", INT, 1.3), Column("Вопросы", INT, 1.3),
            Column("Сообщения", INT, 1.3), Column("На рассмотрении", INT, 1.4), Column("С нарушением срока", INT, 1.4))

    def line(name: str, sections: dict) -> tuple:
        return (name, sections["appeals"]["current"], sections["questions"]["current"],
                sections["messages"]["current"], sections["results"]["in_progress"]["current"],
                sections["overdue"]["current"])

    rows = [Row(line(name, sec)) for name, sec in orgs.items()]
    ip = report.figure("results", Result.IN_PROGRESS.value).current
    rows.append(Row(("Итого", report.figure("appeals").current, report.figure("questions").current,
                     report.figure("messages").current, ip, report.figure("overdue").current), TOTAL))
    codes = [o for o in report.organisations if o.oktmo or o.inn]
    note = "; ".join(f"{o.name}: ОКТМО {o.oktmo or '—'}, ИНН {o.inn or '—'}" for o in codes)
    table = Table("by_organisation", f"Основные показатели по организациям, {report.current_label()}", cols,
                  tuple(rows), note)
    intro = (f"Свод составлен по отчётам организаций: {len(orgs)}. Показатели разделов ниже — суммы их отчётов.",)
    return intro, (table,), ()


def _reception(report: Report):
    rec = report.reception
    if rec is None:
        return (), (), ()
    cur, prev = rec.current, rec.previous
    compare = report.compare
    kinds = list(cur.kinds()) + [k for k in (prev.kinds() if prev else ()) if k not in cur.kinds()]
    kind_labels = report.labels.get("reception_kind", {})

    def fig(name: str, kind: str | None = None) -> Figure:
        return Figure(cur.total(name, kind), (prev.total(name, kind) if prev else 0) if compare else None)

    rows = [("Проведено приёмов", fig("receptions"), TOTAL)]
    rows += [(f"в т.ч. {kind_labels.get(k, k).lower()}", fig("receptions", k), SUB) for k in kinds]
    rows += [(title, fig(name), NORMAL) for name, title in RECEPTION_FIELDS[1:]]
    t1 = _cmp_table(report, "reception", "Личный приём граждан", rows)
    cols = (Column("Должностное лицо", TEXT, 3.0), Column("Вид приёма", TEXT, 2.0),
            *(Column(title, INT, 1.1) for _, title in RECEPTION_FIELDS))
    lines = sorted(cur.lines, key=lambda ln: (ln.official, ln.kind))
    body = [
        Row((f"{ln.official}" + (f", {ln.position}" if ln.position else ""), kind_labels.get(ln.kind, ln.kind),
             *(getattr(ln, name) for name, _ in RECEPTION_FIELDS)))
        for ln in lines
    ]
    body.append(Row(("Итого", "", *(cur.total(name) for name, _ in RECEPTION_FIELDS)), TOTAL))
    t2 = Table("reception_officials", f"Приёмы по должностным лицам, {report.current_label()}", cols, tuple(body),
               wide=True)
    return (), (t1, t2), ()


def summary_table(report: Report) -> Table:
    """The main figures on one table (the summary sheet)."""
    rows = [
        ("Поступило обращений", report.figure("appeals"), NORMAL),
        ("Вопросов в обращениях", report.figure("questions"), NORMAL),
        ("Повторные обращения", report.figure("repeated"), NORMAL),
        ("Коллективные обращения", report.figure("collective"), NORMAL),
        ("Вопросы с нарушением срока", report.figure("overdue"), NORMAL),
        ("Вопросы на рассмотрении на конец периода", report.figure("results", Result.IN_PROGRESS.value), NORMAL),
    ]
    rows.append(("Сообщения ПОС и социальных сетей (учтены отдельно)", report.figure("messages"), NORMAL))
    return _cmp_table(report, "summary", "Основные показатели", rows)


def build_document(report: Report, options: ReportOptions | None = None) -> list[DocSection]:
    """The sections chosen in ``options``, in the standard order; the reception section only when the
    report has reception figures."""
    options = options or ReportOptions()
    chosen = set(options.sections)
    out = []
    for key, title in SECTION_TITLES.items():
        if key not in chosen:
            continue
        if key == "reception" and report.reception is None:
            continue
        if key == "by_organisation" and report.by_organisation is None:
            continue
        if key == "totals":
            intro, tables, charts = _totals(report)
        elif key == "by_organisation":
            intro, tables, charts = _by_organisation(report)
        elif key == "by_quarter":
            intro, tables, charts = _by_quarter(report)
        elif key == "by_form":
            intro, tables, charts = _by_form(report)
        elif key == "by_source":
            intro, tables, charts = _simple(report, "by_source", "Обращения по источникам поступления", "Источник")
        elif key == "by_kind":
            intro, tables, charts = _by_kind(report)
        elif key == "topics":
            intro, tables, charts = _topics(report)
        elif key == "by_settlement":
            intro, tables, charts = _by_settlement(report)
        elif key == "results":
            intro, tables, charts = _results(report)
        elif key == "checks":
            intro, tables, charts = _simple(report, "checks", "Количество вопросов, рассмотренных", "Форма рассмотрения")
            tables = (Table(tables[0].key, tables[0].title, tables[0].columns, tables[0].rows[:-1],
                            "Учитываются вопросы обращений с отметкой."),)
        elif key == "special":
            intro, tables, charts = _special(report)
        elif key == "satisfaction":
            intro, tables, charts = _simple(report, "satisfaction", "Оценки заявителей (обращения)", "Оценка")
        elif key == "messages":
            intro, tables, charts = _messages(report)
        else:
            intro, tables, charts = _reception(report)
        out.append(DocSection(key, title, tuple(intro), tuple(tables), tuple(charts),
                              (options.narratives.get(key) or "").strip()))
    return out


def heading_lines(report: Report, options: ReportOptions) -> tuple[str, str, str]:
    """(title, «о работе с обращениями граждан за 1 полугодие 2026 года», organisation)."""
    sub = f"{options.subtitle} {report.period.phrase()}"
    if not report.period_complete:
        sub += f" (период не завершён: по состоянию на {report.made_on:%d.%m.%Y})"
    if report.previous is not None:
        if not report.period_complete:
            sub += (f" в сравнении с тем же периодом {report.previous.start.year} года "
                    f"(с {report.previous.start:%d.%m.%Y} по {report.previous.end:%d.%m.%Y})")
        elif report.previous.start.year == report.previous.end.year:
            sub += f" в сравнении с аналогичным периодом {report.previous.start.year} года"
        else:
            sub += " в сравнении с тем же периодом прошлого года"
    return options.title, sub, report.organisation


__all__ = [
    "ALL_SECTIONS",
    "SECTION_TITLES",
    "Chart",
    "Column",
    "DocSection",
    "ReportOptions",
    "Row",
    "Table",
    "build_document",
    "fmt_decimal",
    "format_cell",
    "heading_lines",
    "summary_table",
]
