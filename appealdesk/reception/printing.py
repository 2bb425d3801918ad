"""The printed reception papers: the schedule for a month or a quarter (for the notice board and the site),
the visitor list of one reception and the reception card of 59-FZ art. 13."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..paper.model import Document
from .document import grid, paper, para, write_pdf
from .values import (
    EXCEPTION_LABELS,
    KIND_LABELS,
    WEEKDAY_NAMES,
    CardView,
    ReceptionDay,
    Schedule,
    ScheduleEntry,
)

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь")
MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря")
QUARTERS = ("I", "II", "III", "IV")
PRIORITY_NOTE = ("Правом на личный приём в первоочередном порядке пользуются категории граждан, установленные "
                 "федеральными законами (ч. 7 ст. 13 Федерального закона от 02.05.2006 № 59-ФЗ).")


def month_period(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - timedelta(days=1)


def quarter_period(year: int, quarter: int) -> tuple[date, date]:
    start, _ = month_period(year, 3 * quarter - 2)
    _, end = month_period(year, 3 * quarter)
    return start, end


def period_title(start: date, end: date) -> str:
    if start.day == 1 and (start, end) == month_period(start.year, start.month):
        return f"на {MONTHS[start.month - 1]} {start.year} года"
    if start.day == 1 and start.month % 3 == 1 and (start, end) == quarter_period(start.year, start.month // 3 + 1):
        return f"на {QUARTERS[start.month // 3]} квартал {start.year} года"
    return f"с {start:%d.%m.%Y} по {end:%d.%m.%Y}"


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS_GEN[day.month - 1]} {day.year} г. ({WEEKDAY_NAMES[day.weekday()]})"


def _dates_by_month(entries: list[ScheduleEntry], base: ScheduleEntry | None = None) -> str:
    by_month: dict[tuple[int, int], list[str]] = defaultdict(list)
    for e in entries:
        text = f"{e.day:%d.%m}"
        if base is not None and (e.time_from, e.time_to, e.place) != (base.time_from, base.time_to, base.place):
            text += f" ({e.hours}" + (f", {e.place}" if e.place != base.place else "") + ")"
        by_month[(e.day.year, e.day.month)].append(text)
    if not by_month:
        return "—"
    return "\n".join(", ".join(v) for _, v in sorted(by_month.items()))


def _ranges(days: list[tuple[date, str]], held: list[date]) -> list[str]:
    """Skipped rule days with the same reason and no reception between them as one range:
    "21.12–25.12.2026 — отпуск"."""
    out: list[list] = []
    for day, why in sorted(days):
        if out and out[-1][2] == why and not any(out[-1][1] < h < day for h in held):
            out[-1][1] = day
        else:
            out.append([day, day, why])
    return [(f"{a:%d.%m.%Y}" if a == b else f"{a:%d.%m}–{b:%d.%m.%Y}") + f" — {why}" for a, b, why in out]


def schedule_document(schedule: Schedule, organisation: str, address: str = "",
                      approval: str = "") -> Document:
    entries = [e for e in schedule.entries if e.status != "cancelled"]
    blocks: list = []
    # the standing schedule, official by official, with the dates of the period
    rows = []
    for rule in schedule.rules:
        own = [e for e in entries if e.rule_id == rule.id]
        if not own and not any(r for r, _, _ in schedule.skipped if r == rule.id):
            continue
        base = ScheduleEntry("", None, rule.kind, rule.valid_from, rule.time_from, rule.time_to, rule.official_id,
                             rule.official, rule.position, rule.place, None, rule.phone, rule.pre_registration,
                             rule.slot_minutes)
        who = rule.official + (f"\n{rule.position}" if rule.position else "")
        if rule.kind == "video":
            who += "\n(в режиме видеосвязи)"
        rows.append((who, rule.days_text, f"{rule.time_from:%H:%M}–{rule.time_to:%H:%M}", rule.place,
                     rule.phone or "—", "предварительная" if rule.pre_registration else "в порядке живой очереди",
                     _dates_by_month(own, base)))
    if rows:
        blocks.append(grid(("Должностное лицо", "Дни приёма", "Часы приёма", "Место приёма", "Телефон для записи",
                            "Запись на приём", "Даты приёма"), tuple(rows),
                           (0.17, 0.11, 0.09, 0.19, 0.10, 0.12, 0.22)))
    else:
        blocks.append(para("На этот период графики приёма не заданы.", "normal"))
    # days with no reception
    notes = []
    for rule in schedule.rules:
        skipped = [(d, why) for r, d, why in schedule.skipped if r == rule.id]
        if skipped:
            notes.append(f"{rule.official}: " + "; ".join(_ranges(skipped, [e.day for e in entries if e.rule_id == rule.id])))
    for e in schedule.entries:
        if e.status == "cancelled":
            notes.append(f"{e.official or 'Приём'}: {e.day:%d.%m.%Y} — приём отменён" + (f" ({e.note})" if e.note else ""))
    if notes:
        blocks.append(para("Приём не проводится", "heading"))
        blocks.extend(para(n, "normal") for n in notes)
    # visiting and one-off receptions
    extra = [e for e in entries if e.rule_id is None and e.kind != "national_day"]
    if extra:
        blocks.append(para("Выездные приёмы граждан" if all(e.kind == "visiting" for e in extra)
                           else "Выездные и дополнительные приёмы граждан", "heading"))
        blocks.append(grid(
            ("Дата", "Время", "Населённый пункт", "Место приёма", "Должностное лицо", "Телефон для записи"),
            tuple((long_date(e.day), e.hours, e.settlement or "—", e.place,
                   e.official + (f", {e.position}" if e.position else "")
                   + ("" if e.kind == "visiting" else f" ({KIND_LABELS.get(e.kind, e.kind).lower()})"),
                   e.phone or "—") for e in extra),
            (0.17, 0.09, 0.15, 0.24, 0.23, 0.12)))
    # the all-Russian reception day
    for e in (x for x in entries if x.kind == "national_day"):
        blocks.append(para("Общероссийский день приёма граждан", "heading"))
        text = (f"{long_date(e.day)} с {e.time_from:%H:%M} до {e.time_to:%H:%M} по местному времени, "
                f"место: {e.place}. Приём ведут все должностные лица администрации.")
        if e.note:
            text += f" {e.note}."
        blocks.append(para(text))
    notes = {r.priority_note for r in schedule.rules if r.priority_note}
    blocks.append(para(" ", "small"))
    blocks.append(para(" ".join(sorted(notes)) if notes else PRIORITY_NOTE, "small"))
    blocks.append(para("При личном приёме гражданин предъявляет документ, удостоверяющий личность "
                       "(ч. 2 ст. 13 59-ФЗ).", "small"))
    return paper(organisation, address, "ГРАФИК ЛИЧНОГО ПРИЁМА ГРАЖДАН", period_title(schedule.start, schedule.end),
                    tuple(blocks), landscape=True, approval=approval)


def visitors_document(day: ReceptionDay, organisation: str) -> Document:
    e = day.entry
    cards_by_booking = {c.booking_id: c for c in day.cards if c.booking_id}
    rows = []
    n = 0
    for b in day.bookings:
        if b.status == "cancelled":
            continue
        n += 1
        card = cards_by_booking.get(b.id)
        mark = card.outcome_label if card else b.status_label
        rows.append((str(n), f"{b.slot_from:%H:%M}–{b.slot_to:%H:%M}", b.applicant, b.phone or b.applicant_phone or "",
                     b.topic or "", b.priority_category or "", mark))
    for c in day.cards:
        if c.walk_in:
            n += 1
            rows.append((str(n), f"{c.visited_at:%H:%M}" if c.visited_at else "", c.applicant, "", c.summary,
                         c.social_category or "", "без записи; " + c.outcome_label))
    who = e.official + (f", {e.position}" if e.position else "") if e.official else "все должностные лица"
    blocks: list = [grid(("", ""), (
        ("Вид приёма", e.kind_label),
        ("Должностное лицо", who),
        ("Дата и время", f"{long_date(e.day)}, {e.hours}"),
        ("Место", e.place + (f" ({e.settlement})" if e.settlement else "")),
    ), (0.25, 0.75), key_value=True)]
    if rows:
        blocks.append(grid(("№", "Время", "Посетитель", "Телефон", "Вопрос", "Категория", "Отметка"), tuple(rows),
                           (0.05, 0.12, 0.21, 0.12, 0.19, 0.15, 0.16)))
    else:
        blocks.append(para("Записавшихся на приём нет."))
    return paper(organisation, "", "СПИСОК ПОСЕТИТЕЛЕЙ ЛИЧНОГО ПРИЁМА", f"{e.day:%d.%m.%Y}", tuple(blocks))


def card_document(card: CardView, organisation: str, question_names: bool = True) -> Document:
    who = card.official + (f", {card.position}" if card.position else "")
    answer = card.outcome_label
    if card.outcome == "oral_answer":
        answer += f". Согласие гражданина на устный ответ: {'получено' if card.oral_consent else 'не получено'}"
    rows = [
        ("Дата и время приёма", f"{card.day:%d.%m.%Y}" + (f", {card.visited_at:%H:%M}" if card.visited_at else "")),
        ("Вид приёма", KIND_LABELS.get(card.reception_kind, card.reception_kind)),
        ("Принял(а)", who or "—"),
        ("Место приёма", card.place),
        ("Гражданин", card.applicant),
        ("Адрес", card.applicant_address or "—"),
        ("Документ, удостоверяющий личность", card.identity_document or "—"),
        ("Социальная категория", card.social_category or "—"),
        ("Запись на приём", "без предварительной записи" if card.walk_in else "по предварительной записи"),
    ]
    blocks: list = [grid(("", ""), tuple(rows), (0.32, 0.68), key_value=True),
                    para("Содержание обращения", "heading"), para(card.summary)]
    if card.questions:
        blocks.append(para("Вопросы (по типовому общероссийскому тематическому классификатору)", "heading"))
        blocks.append(grid(("№", "Код", "Вопрос", "Примечание"), tuple(
            (str(i + 1), q.code, q.name if question_names else "", q.note or "") for i, q in enumerate(card.questions)
        ), (0.05, 0.25, 0.5, 0.2)))
    blocks.append(para("Результат приёма", "heading"))
    result = [("Результат", answer)]
    if card.answer_text:
        result.append(("Содержание ответа" if card.outcome == "oral_answer" else "Разъяснено", card.answer_text))
    if card.referred_to:
        result.append(("Куда следует обратиться", card.referred_to))
    if card.appeal_number:
        result.append(("Зарегистрировано обращение", f"№ {card.appeal_number} от {card.day:%d.%m.%Y}, срок ответа "
                       f"{card.appeal_deadline:%d.%m.%Y}" if card.appeal_deadline else f"№ {card.appeal_number}"))
    blocks.append(grid(("", ""), tuple(result), (0.32, 0.68), key_value=True))
    blocks.append(para("\nПодпись должностного лица ____________________        "
                       "Подпись гражданина ____________________"))
    return paper(organisation, "", "КАРТОЧКА ЛИЧНОГО ПРИЁМА ГРАЖДАНИНА", f"№ {card.id} от {card.day:%d.%m.%Y}",
                    tuple(blocks))


__all__ = [
    "EXCEPTION_LABELS",
    "card_document",
    "month_period",
    "period_title",
    "quarter_period",
    "schedule_document",
    "visitors_document",
    "write_pdf",
]
