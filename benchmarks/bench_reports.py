"""Benchmark of the report at 100 000 appeals. Prints JSON figures with the targets beside them.

    python benchmarks/bench_reports.py [--db PATH] [--year 2026] [--runs 7] [--appeals 100000]

Uses the demo database at ``--db`` (default ``/tmp/bench100k.sqlite3``); when it does not exist it is built
with ``appealdesk.demo.make_demo`` (``appealdesk-cli --db PATH demo --appeals 100000`` does the same).

Measures, for the annual report with comparison (``--year``, default the last year of the data, against
the year before):

- ``aggregation``: ``appealdesk.reports.build_report`` (SQLAlchemy, two grouped queries per period);
- ``handwritten_per_section``: the same counts by hand-written SQL through the ``sqlite3`` module, the
  plain way: one GROUP BY per section of the JSON contract (and per cross table), per period;
- ``handwritten_same_queries``: the report's own two grouped queries per period written out as SQL for
  ``sqlite3`` and added up in Python (what the ORM, the assembly and the names cost on top);
- ``writers``: JSON + PDF + XLSX of the counted report; ``end_to_end``: counting and all three files;
- ``whole_process``: ``appealdesk-cli report --compare --format json`` as a process of its own (start-up,
  opening the database, counting, the file) against ``handwritten_report.py``, the same counts written by hand
  in plain ``sqlite3`` as a process of its own.

Medians of ``--runs`` runs after one warm-up. Targets: aggregation ≤ 2 × each hand-written variant; the
whole process ≤ 2 × the hand-written process; JSON + PDF + XLSX ≤ 3 s. The hand-written counts are checked
against the report's before timing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from appealdesk.reports import Period
from appealdesk.reports.json_report import report_json_text
from appealdesk.reports.pdf import write_report_pdf
from appealdesk.reports.xlsx import write_report_xlsx
from appealdesk.services import AppealDesk

DEFAULT_DB = Path("/tmp/bench100k.sqlite3")
TARGETS = {"aggregation_vs_handwritten_max_ratio": 2.0, "writers_s": 3.0, "process_vs_handwritten_max_ratio": 2.0}
HERE = Path(__file__).resolve().parent

WHERE = "a.deleted = 0 AND a.registered_on >= :s AND a.registered_on <= :e"
DONE_ON = (
    "CASE WHEN q.result = 'forwarded' THEN COALESCE((SELECT min(f.forwarded_on) FROM forwardings f "
    "WHERE f.appeal_id = a.id), a.answer_on, a.closed_on) ELSE COALESCE(a.answer_on, a.closed_on) END"
)
ANSWERED = f"(q.result IS NOT NULL AND {DONE_ON} IS NOT NULL AND {DONE_ON} <= :asof)"
STATE = f"CASE WHEN {ANSWERED} THEN q.result ELSE 'in_progress' END"
OVERDUE = f"CASE WHEN {ANSWERED} THEN ({DONE_ON} > a.deadline) ELSE (a.deadline < :asof) END"
QUARTER = "((CAST(strftime('%m', a.registered_on) AS INTEGER) + 2) / 3)"
QJOIN = "FROM questions q JOIN appeals a ON a.id = q.appeal_id"

APPEAL = f"{WHERE} AND a.kind <> 'message'"  # version 2: messages apart from every appeal figure

# one query per section of the contract (and per cross table), the way one writes them by hand
PER_SECTION = {
    "appeals": f"SELECT count(*), sum(a.is_repeated), sum(a.is_collective), "
               f"sum(a.form IN ('personal_reception', 'visiting_reception', 'phone')) FROM appeals a WHERE {APPEAL}",
    "by_quarter": f"SELECT {QUARTER}, count(*) FROM appeals a WHERE {APPEAL} GROUP BY 1",
    "by_form": f"SELECT a.form, count(*) FROM appeals a WHERE {APPEAL} GROUP BY a.form",
    "by_source": f"SELECT a.source, count(*) FROM appeals a WHERE {APPEAL} GROUP BY a.source",
    "by_kind": f"SELECT a.kind, count(*) FROM appeals a WHERE {WHERE} GROUP BY a.kind",
    "satisfaction": f"SELECT a.satisfaction, count(*) FROM appeals a WHERE {APPEAL} AND a.satisfaction IS NOT NULL "
                    "GROUP BY a.satisfaction",
    "by_settlement": "SELECT s.name, count(*) FROM appeals a LEFT JOIN settlements s ON s.id = a.settlement_id "
                     f"WHERE {APPEAL} GROUP BY a.settlement_id",
    "quarter_source": f"SELECT {QUARTER}, a.source, count(*) FROM appeals a WHERE {APPEAL} GROUP BY 1, 2",
    "quarter_form": f"SELECT {QUARTER}, a.form, count(*) FROM appeals a WHERE {APPEAL} GROUP BY 1, 2",
    "messages_by_source": f"SELECT a.source, count(*) FROM appeals a WHERE {WHERE} AND a.kind = 'message' "
                          "GROUP BY a.source",
    "by_section": f"SELECT substr(q.classifier_code, 1, 4), count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "by_thematic": f"SELECT substr(q.classifier_code, 1, 9), count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "top_questions": f"SELECT q.classifier_code, count(*) AS n {QJOIN} WHERE {APPEAL} GROUP BY 1 ORDER BY n DESC LIMIT 10",
    "questions_by_quarter_form": f"SELECT {QUARTER}, a.form, count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1, 2",
    "results": f"SELECT {STATE}, count(*) {QJOIN} WHERE {APPEAL} GROUP BY 1",
    "messages_results": f"SELECT {STATE}, count(*) {QJOIN} WHERE {WHERE} AND a.kind = 'message' GROUP BY 1",
    "checks_overdue": f"SELECT count(*), sum(a.on_control), sum(a.commission), sum(a.on_site), sum(a.with_author), "
                      f"sum({OVERDUE}), sum(CASE WHEN a.kind = 'message' THEN {OVERDUE} ELSE 0 END) {QJOIN} "
                      f"WHERE {APPEAL}",
}
NAMES = "SELECT code, name FROM classifier WHERE level <= 2"

SAME_APPEALS = (
    "SELECT CAST(strftime('%m', a.registered_on) AS INTEGER), a.form, a.source, a.kind, a.is_repeated, "
    "a.is_collective, a.satisfaction, a.settlement_id, count(*) FROM appeals a "
    f"WHERE {WHERE} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
)
SAME_QUESTIONS = (
    f"SELECT q.classifier_code, {STATE}, {OVERDUE}, a.on_control, a.commission, a.on_site, a.with_author, "
    f"a.kind = 'message', CAST(strftime('%m', a.registered_on) AS INTEGER), a.form, count(*) {QJOIN} "
    f"WHERE {WHERE} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10"
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(fn: Callable[[], object], runs: int) -> dict:
    fn()  # warm-up (page cache, statement cache)
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    samples.sort()
    return {"median_s": round(statistics.median(samples), 4), "min_s": round(samples[0], 4), "runs": runs}


def _params(period: Period, as_of: date) -> dict:
    return {"s": period.start.isoformat(), "e": period.end.isoformat(), "asof": as_of.isoformat()}


def handwritten_per_section(con: sqlite3.Connection, periods: list[tuple[Period, date]]) -> dict:
    out = {}
    for i, (period, as_of) in enumerate(periods):
        p = _params(period, as_of)
        out[i] = {name: con.execute(sql, p).fetchall() for name, sql in PER_SECTION.items()}
    out["names"] = con.execute(NAMES).fetchall()
    return out


def handwritten_same_queries(con: sqlite3.Connection, periods: list[tuple[Period, date]]) -> dict:
    out = {}
    names = dict(con.execute("SELECT id, name FROM settlements").fetchall())
    for i, (period, as_of) in enumerate(periods):
        p = _params(period, as_of)
        forms: dict = defaultdict(int)
        settlements: dict = defaultdict(int)
        for month, form, _source, _kind, _rep, _col, _sat, sid, n in con.execute(SAME_APPEALS, p):
            forms[(month + 2) // 3, form] += n
            settlements[names.get(sid)] += n
        results: dict = defaultdict(int)
        thematic: dict = defaultdict(int)
        for code, state, _over, _c1, _c2, _c3, _c4, _msg, _month, _form, n in con.execute(SAME_QUESTIONS, p):
            results[state] += n
            thematic[code[:9]] += n
        out[i] = (forms, settlements, results, thematic)
    out["names"] = con.execute(NAMES).fetchall()
    return out


def check_same(report, hand: dict) -> None:
    """The hand-written counts agree with the report (else the comparison would mean nothing)."""
    cur = hand[0]
    total, repeated, collective, oral = cur["appeals"][0]
    assert oral == report.figure("oral").current
    assert total == report.figure("appeals").current, (total, report.figure("appeals"))
    assert repeated == report.figure("repeated").current and collective == report.figure("collective").current
    assert dict(cur["by_form"]) == {k: f.current for k, f in report.sections["by_form"].items() if f.current}
    assert dict(cur["results"]).get("in_progress", 0) == report.figure("results", "in_progress").current
    qn, on_control, _c, _s, _w, overdue, _mo = cur["checks_overdue"][0]
    assert qn == report.figure("questions").current and overdue == report.figure("overdue").current
    assert on_control == report.figure("checks", "on_control").current
    if report.previous is not None:
        assert hand[1]["appeals"][0][0] == report.figure("appeals").previous


def _process(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def whole_process(db: Path, year: int, today: date, runs: int) -> dict:
    """``appealdesk-cli report`` as a process against the hand-written counts as a process (alternating, so
    that the machine's load falls on both alike); the two JSON files are checked to agree first."""
    out = Path(tempfile.mkdtemp(prefix="appealdesk-bench-process-"))
    cli = [sys.executable, "-m", "appealdesk.cli.main", "--db", str(db), "report", "--from", f"01.01.{year}",
           "--to", f"31.12.{year}", "--compare", "--format", "json", "--out", str(out / "cli.json")]
    hand = [sys.executable, str(HERE / "handwritten_report.py"), str(db), str(year), today.isoformat(),
            str(out / "hand.json")]
    _process(cli), _process(hand)  # warm-up (page cache), and the files to compare
    got = json.loads((out / "cli.json").read_text(encoding="utf-8"))["sections"]
    want = json.loads((out / "hand.json").read_text(encoding="utf-8"))
    for side, key in (("current", "current"), ("before", "previous")):
        w = want[side]
        assert got["appeals"][key] == w["appeals"] and got["questions"][key] == w["questions"]
        assert got["messages"][key] == w["messages"] and got["overdue"][key] == w["overdue"]
        assert got["oral"][key] == w["oral"]
        assert {k: v[key] for k, v in got["questions_by_form"].items() if v[key]} == w["questions_by_form"]
        assert got["results"]["in_progress"][key] == w["results"].get("in_progress", 0)
    cli_s, hand_s = [], []
    for _ in range(runs):
        cli_s.append(_process(cli))
        hand_s.append(_process(hand))
    shutil.rmtree(out, ignore_errors=True)
    c, h = statistics.median(cli_s), statistics.median(hand_s)
    limit = TARGETS["process_vs_handwritten_max_ratio"]
    return {"appealdesk_cli_report_json_s": round(c, 3), "handwritten_sqlite3_process_s": round(h, 3),
            "ratio": round(c / h, 2), "target_ratio_max": limit, "within_target": c / h <= limit, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--appeals", type=int, default=100_000, help="when the database has to be built")
    args = parser.parse_args(argv)

    built_s = None
    if not args.db.exists():

        log(f"building {args.appeals} demo appeals in {args.db} ...")
        t = time.perf_counter()
        desk = AppealDesk.open(args.db)
        desk.demo.make(args.appeals)
        desk.close()
        built_s = round(time.perf_counter() - t, 1)

    desk = AppealDesk.open(args.db, deep_check=False)
    con = sqlite3.connect(str(args.db))
    with desk._ctx.read() as s:
        from sqlalchemy import func, select

        from appealdesk.storage.models import Appeal

        count, last = s.execute(select(func.count(), func.max(Appeal.registered_on)).where(Appeal.deleted.is_(False))).one()
    year = args.year or last.year
    period = Period(date(year, 1, 1), date(year, 12, 31))
    today = desk.today()
    report = desk.reports.build(period, compare=True)
    previous = report.previous  # the same days of the year before while the year is not over
    periods = [(period, min(period.end, today)), (previous, min(previous.end, today))]

    check_same(report, handwritten_per_section(con, periods))
    log(f"{count} appeals; report {period.phrase()} vs {previous.phrase()}: "
        f"{report.figure('appeals').current} / {report.figure('appeals').previous} appeals")

    agg = timed(lambda: desk.reports.build(period, compare=True), args.runs)
    per_section = timed(lambda: handwritten_per_section(con, periods), args.runs)
    same = timed(lambda: handwritten_same_queries(con, periods), args.runs)

    out_dir = Path(tempfile.mkdtemp(prefix="appealdesk-bench-reports-"))

    def write_all(rep) -> None:
        (out_dir / "report.json").write_text(report_json_text(rep), encoding="utf-8")
        write_report_pdf(rep, out_dir / "report.pdf")
        write_report_xlsx(rep, out_dir / "report.xlsx")

    writers = timed(lambda: write_all(report), max(3, args.runs // 2))
    end_to_end = timed(lambda: write_all(desk.reports.build(period, compare=True)), max(3, args.runs // 2))
    sizes = {p.name: p.stat().st_size for p in sorted(out_dir.iterdir())}
    shutil.rmtree(out_dir, ignore_errors=True)

    process = whole_process(args.db, year, today, max(3, args.runs // 2))

    ratio_sections = agg["median_s"] / per_section["median_s"]
    ratio_same = agg["median_s"] / same["median_s"]
    limit = TARGETS["aggregation_vs_handwritten_max_ratio"]
    result = {
        "database": str(args.db),
        "appeals_in_database": count,
        "demo_built_s": built_s,
        "period": period.as_dict(),
        "previous": previous.as_dict(),
        "appeals_counted": {"current": report.figure("appeals").current, "previous": report.figure("appeals").previous},
        "questions_counted": {"current": report.figure("questions").current,
                              "previous": report.figure("questions").previous},
        "aggregation": agg,
        "handwritten_per_section": {**per_section, "queries": 2 * len(PER_SECTION) + 1},
        "handwritten_same_queries": {**same, "queries": 2 * 2 + 2},
        "ratio_aggregation_to_handwritten_per_section": round(ratio_sections, 2),
        "ratio_aggregation_to_handwritten_same_queries": round(ratio_same, 2),
        "target_ratio_max": limit,
        "aggregation_within_target": ratio_sections <= limit and ratio_same <= limit,
        "writers_json_pdf_xlsx": {**writers, "target_s": TARGETS["writers_s"],
                                  "within_target": writers["median_s"] <= TARGETS["writers_s"]},
        "end_to_end_count_and_write": {**end_to_end, "within_target": end_to_end["median_s"] <= TARGETS["writers_s"]},
        "whole_process_annual_json": process,
        "file_sizes": sizes,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    con.close()
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
