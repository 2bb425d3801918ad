"""The district roll-up (``exchange_formats.md`` section 3): settlements' version-2 reports of the same period
summed into one report of the same shape, with the district's organisation and ``by_organisation``.

    report = rollup([("berezovka.json", data), ...], Organisation("Администрация района"), vocab, names)

Every counter is the sum of the files' counters (``previous`` too); ``delta``, ``percent`` and ``shares``
are computed again from the sums, exactly as a report of the settlements' journals imported into one
database would compute them. Reports of different periods, a file that is not a version-2 report and the
same organisation twice are refused with a Russian message naming the file. Pure: the service reads the
files and gives the vocabulary and the classifier's names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from ..domain.text import fold
from ..errors import DomainError
from .aggregate import NO_SETTLEMENT, QUARTER_LABELS, shares_of
from .model import (
    CONTRACT_SECTIONS,
    FORMAT_VERSION,
    NESTED_SECTIONS,
    Figure,
    MessageFigures,
    Organisation,
    Report,
)
from .periods import Period


def _not_a_report(name: str, why: str) -> DomainError:
    return DomainError(f"Файл «{name}» — не отчёт AppealDesk версии {FORMAT_VERSION} ({why}): свод не составлен")


def _period(value, name: str, what: str) -> Period | None:
    if value is None:
        return None
    try:
        return Period(date.fromisoformat(value["from"]), date.fromisoformat(value["to"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise _not_a_report(name, f"неверный {what}") from exc


def _counter(value, name: str, where: str) -> Figure:
    if not isinstance(value, dict) or not all(k in value for k in ("current", "previous")):
        raise _not_a_report(name, f"нет счётчика {where}")
    cur, prev = value["current"], value["previous"]
    if not isinstance(cur, int) or isinstance(cur, bool) or not (
            prev is None or (isinstance(prev, int) and not isinstance(prev, bool))):
        raise _not_a_report(name, f"счётчик {where} не число")
    return Figure(cur, prev)


def parse_sections(data: dict, name: str) -> dict:
    """The contract's sections of one file as ``Figure`` values, in the file's key order."""
    raw = data.get("sections")
    if not isinstance(raw, dict):
        raise _not_a_report(name, "нет разделов")
    out: dict = {}
    for key, grouped in CONTRACT_SECTIONS:
        if key not in raw:
            raise _not_a_report(name, f"нет раздела «{key}»")
        value = raw[key]
        if key in NESTED_SECTIONS:
            if not isinstance(value, dict):
                raise _not_a_report(name, f"раздел «{key}» не таблица")
            out[key] = {q: {k: _counter(v, name, f"{key}.{q}.{k}") for k, v in (group or {}).items()}
                        for q, group in value.items()}
        elif grouped:
            if not isinstance(value, dict):
                raise _not_a_report(name, f"раздел «{key}» не таблица")
            out[key] = {k: _counter(v, name, f"{key}.{k}") for k, v in value.items()}
        else:
            out[key] = _counter(value, name, key)
    return out


def _add(a: Figure | None, b: Figure) -> Figure:
    if a is None:
        return b
    prev = None if a.previous is None and b.previous is None else (a.previous or 0) + (b.previous or 0)
    return Figure(a.current + b.current, prev)


def _sum_group(groups: Sequence[dict]) -> dict:
    out: dict = {}
    for group in groups:
        for k, f in group.items():
            out[k] = _add(out.get(k), f)
    return out


def sum_sections(all_sections: Sequence[dict]) -> dict:
    """The sections summed: counters added, every key that occurs in any file kept (in first-seen order)."""
    out: dict = {}
    for key, grouped in CONTRACT_SECTIONS:
        values = [s[key] for s in all_sections]
        if key in NESTED_SECTIONS:
            quarters: dict = {}
            for v in values:
                for q, group in v.items():
                    quarters.setdefault(q, []).append(group)
            out[key] = {q: _sum_group(groups) for q, groups in sorted(quarters.items())}
        elif grouped:
            out[key] = _sum_group(values)
        else:
            total = None
            for f in values:
                total = _add(total, f)
            out[key] = total
    # the contract's order of keys: settlements as a report sorts them, «Не указан» last
    out["by_settlement"] = dict(sorted(out["by_settlement"].items(), key=lambda kv: (kv[0] == NO_SETTLEMENT, kv[0])))
    out["by_thematic"] = dict(sorted(out["by_thematic"].items()))
    out["by_section"] = dict(sorted(out["by_section"].items()))
    return out


def _organisation(data: dict, name: str) -> Organisation:
    org = data.get("organisation")
    if not isinstance(org, dict) or not isinstance(org.get("name"), str) or not org["name"].strip():
        raise _not_a_report(name, "не указана организация")
    return Organisation(org["name"].strip(), org.get("oktmo") or None, org.get("inn") or None)


def rollup(files: Sequence[tuple[str, object]], district: Organisation, vocab: dict[str, dict[str, str]],
           name_of: Callable[[str], str] | None = None, made_on: date | None = None) -> Report:
    """Sum ``files`` (``(file name, parsed JSON)``) into the district's report. ``name_of(code)``: the
    classifier's name of a section or тематика (for the documents)."""
    if not files:
        raise DomainError("Выберите хотя бы один файл отчёта поселения")
    parsed = []
    seen: dict[str, str] = {}
    first_period = None
    for name, data in files:
        if not isinstance(data, dict) or "sections" not in data or "period" not in data:
            raise _not_a_report(name, "это не отчёт о работе с обращениями")
        if data.get("format_version") != FORMAT_VERSION:
            raise _not_a_report(name, f"версия формата {data.get('format_version') or 1}; составьте отчёт заново")
        period = _period(data.get("period"), name, "период")
        previous = _period(data.get("previous"), name, "период сравнения")
        if period is None:
            raise _not_a_report(name, "нет периода")
        org = _organisation(data, name)
        key = f"oktmo:{org.oktmo}" if org.oktmo else f"name:{fold(' '.join(org.name.split()))}"
        if key in seen:
            raise DomainError(f"Файл «{name}»: организация «{org.name}» уже есть в своде (файл «{seen[key]}»)")
        seen[key] = name
        if first_period is None:
            first_period = (period, previous, name)
        elif (period, previous) != first_period[:2]:
            def words(p: Period, q: Period | None) -> str:
                return f"{p.start:%d.%m.%Y}–{p.end:%d.%m.%Y}" + (
                    f", сравнение с {q.start:%d.%m.%Y}–{q.end:%d.%m.%Y}" if q else ", без сравнения")
            raise DomainError(f"Файл «{name}» — отчёт за другой период ({words(period, previous)}), чем "
                              f"«{first_period[2]}» ({words(*first_period[:2])}): свод составляется по отчётам "
                              "одного периода")
        as_of = data.get("as_of")
        try:
            made = date.fromisoformat(as_of) if as_of else None
        except (TypeError, ValueError) as exc:
            raise _not_a_report(name, "неверная дата составления") from exc
        parsed.append((org, parse_sections(data, name), made, data["sections"]))
    period, previous, _ = first_period
    sections = sum_sections([p[1] for p in parsed])
    dates = [p[2] for p in parsed if p[2] is not None]
    made = max(dates) if dates else made_on
    if previous is None:  # a report without comparison: counters have no previous at all
        sections = _without_previous(sections)
    labels = _labels(sections, vocab, name_of or (lambda code: code))
    by_org = {org.name: {k: v for k, v in raw.items() if k != "shares"} for org, _s, _m, raw in parsed}
    return Report(
        period=period, previous=previous, organisation=district.name, sections=sections, labels=labels,
        messages=MessageFigures(sections["messages"], {}, {}, Figure(0, 0 if previous else None)),
        state_on=min(period.end, made) if made else period.end, made_on=made, oktmo=district.oktmo,
        inn=district.inn, shares=shares_of(sections), by_organisation=by_org,
        organisations=tuple(p[0] for p in parsed),
    )


def _without_previous(sections: dict) -> dict:
    def strip(f: Figure) -> Figure:
        return Figure(f.current, None)

    out: dict = {}
    for key, value in sections.items():
        if isinstance(value, Figure):
            out[key] = strip(value)
        elif key in NESTED_SECTIONS:
            out[key] = {q: {k: strip(f) for k, f in g.items()} for q, g in value.items()}
        else:
            out[key] = {k: strip(f) for k, f in value.items()}
    return out


def _labels(sections: dict, vocab: dict[str, dict[str, str]], name_of: Callable[[str], str]) -> dict:
    def of(group: str, keys) -> dict[str, str]:
        known = vocab.get(group, {})
        return {k: known.get(k, k) for k in keys}

    labels = {
        "by_quarter": {q: QUARTER_LABELS.get(q, q) for q in sections["by_quarter"]},
        "by_form": of("form", sections["by_form"]),
        "questions_by_form": of("form", sections["questions_by_form"]),
        "by_source": of("source", sections["by_source"]),
        "by_kind": of("kind", sections["by_kind"]),
        "by_section": {k: name_of(k) for k in sections["by_section"]},
        "by_thematic": {k: name_of(k) for k in sections["by_thematic"]},
        "by_settlement": {k: k for k in sections["by_settlement"]},
        "results": of("result", sections["results"]),
        "checks": {k: k for k in sections["checks"]},
        "satisfaction": of("satisfaction", sections["satisfaction"]),
        "reception_kind": dict(vocab.get("reception_kind", {})),
    }
    from .aggregate import CHECK_LABELS

    labels["checks"] = {k: CHECK_LABELS.get(k, k) for k in sections["checks"]}
    return labels
