"""The annual report's counts written by hand in plain ``sqlite3``: the yardstick ``bench_reports.py`` times
``appealdesk-cli report`` against, as whole processes. Imports nothing of AppealDesk.

    python benchmarks/handwritten_report.py DB YEAR TODAY OUT.json

One GROUP BY per section of the contract (version 2: messages apart, questions by form, by quarter and
form), for the year and the same days of the year before (cut at TODAY's date while the year is not over),
questions counted as of the period's end (or TODAY); the counts are written as JSON.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date

WHERE = "a.deleted = 0 AND a.registered_on >= :s AND a.registered_on <= :e"
APPEAL = f"{WHERE} AND a.kind <> 'message'"
DONE_ON = (
    "CASE WHEN q.result = 'forwarded' THEN COALESCE((SELECT min(f.forwarded_on) FROM forwardings f "
    "WHERE f.appeal_id = a.id), a.answer_on, a.closed_on) ELSE COALESCE(a.answer_on, a.closed_on) END"
)
ANSWERED = f"(q.result IS NOT NULL AND {DONE_ON} IS NOT NULL AND {DONE_ON} <= :asof)"
STATE = f"CASE WHEN {ANSWERED} THEN q.result ELSE 'in_progress' END"
OVERDUE = f"CASE WHEN {ANSWERED} THEN ({DONE_ON} > a.deadline) ELSE (a.deadline < :asof) END"
QUARTER = "((CAST(strftime('%m', a.registered_on) AS INTEGER) + 2) / 3)"
QJOIN = "FROM questions q JOIN appeals a ON a.id = q.appeal_id"

SECTIONS = {
    "appeals": f"SELECT count(*), sum(a.is_repeated), sum(a.is_collective), "
               f"sum(a.form IN ('personal_reception', 'visiting_reception', 'phone')) FROM appeals a WHERE {APPEAL}",
    "messages": f"SELECT count(*) FROM appeals a WHERE {WHERE} AND a.kind = 'message'",
    "by_quarter": f"SELECT {QUARTER}, count(*) FROM appeals a WHERE {APPEAL} GROUP BY 1",
    "by_form": f"SELECT a.form, count(*) FROM appeals a WHERE {APPEAL} GROUP BY 1",
    "by_source": f"SELECT a.source, count(*) FROM appeals a WHERE {APPEAL} GROUP BY 1",
    "by_kind": f"SELECT a.kind, count(*) FROM appeals a WHERE {WHERE} GROUP BY 1",
    "satisfaction": f"SELECT a.satisfaction, count(*) FROM appeals a WHERE {APPEAL} AND a.satisfaction IS NOT NULL "
                    "GROUP BY 1",
    "by_settlement": "SELECT coalesce(s.name, 'Не указан'), count(*) FROM appeals a "
                     f"LEFT JOIN settlements s ON s.id = a.settlement_id WHERE {APPEAL} GROUP BY 1",
    "by_section": f"SELECT substr(q.classifier_code, 1, 4), count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "by_thematic": f"SELECT substr(q.classifier_code, 1, 9), count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "questions_by_form": f"SELECT a.form, count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "by_quarter_form_questions": f"SELECT {QUARTER}, a.form, count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1, 2",
    "results": f"SELECT {STATE}, count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "checks_overdue": f"SELECT count(*), sum(a.on_control), sum(a.commission), sum(a.on_site), sum(a.with_author), "
                      f"sum({OVERDUE}) {QJOIN} WHERE {APPEAL}",
}


def minus_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def count(con: sqlite3.Connection, start: date, end: date, as_of: date) -> dict:
    p = {"s": start.isoformat(), "e": end.isoformat(), "asof": as_of.isoformat()}
    raw = {name: con.execute(sql, p).fetchall() for name, sql in SECTIONS.items()}
    total, repeated, collective, oral = raw["appeals"][0]
    questions, on_control, commission, on_site, with_author, overdue = raw["checks_overdue"][0]
    results = dict(raw["results"])
    results["supported"] = results.get("supported", 0) + results.get("measures_taken", 0)
    quarters: dict = {}
    for q, form, n in raw["by_quarter_form_questions"]:
        quarters.setdefault(str(q), {})[form] = n
    return {
        "appeals": total, "questions": questions or 0, "messages": raw["messages"][0][0],
        "repeated": repeated or 0, "collective": collective or 0, "oral": oral or 0, "overdue": overdue or 0,
        "checks": {"on_control": on_control or 0, "commission": commission or 0, "on_site": on_site or 0,
                   "with_author": with_author or 0},
        "results": results,
        "by_quarter": {str(q): n for q, n in raw["by_quarter"]},
        "by_quarter_form_questions": quarters,
        **{name: dict(raw[name]) for name in ("by_form", "by_source", "by_kind", "satisfaction", "by_settlement",
                                              "by_section", "by_thematic", "questions_by_form")},
    }


def main(argv: list[str]) -> int:
    db, year, today, out = argv[0], int(argv[1]), date.fromisoformat(argv[2]), argv[3]
    start, end = date(year, 1, 1), date(year, 12, 31)
    prev_end = minus_year(end) if end <= today else minus_year(today)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    report = {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "previous": {"from": minus_year(start).isoformat(), "to": prev_end.isoformat()},
        "current": count(con, start, end, min(end, today)),
        "before": count(con, minus_year(start), prev_end, prev_end),
        "names": dict(con.execute("SELECT code, name FROM classifier WHERE level <= 2").fetchall()),
    }
    con.close()
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(report, fh, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
