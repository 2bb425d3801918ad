"""Benchmark of the core on a realistic demo database (default 100 000 appeals). Prints JSON figures with
the targets beside them; not a pass/fail test.

    python benchmarks/bench_core.py [--appeals 100000] [--db PATH] [--keep] [--seed 1] [--runs 200]

Builds the demo database with ``appealdesk.demo.make_demo`` (timed), or reuses the one at ``--db`` /
the default temporary path when it already holds appeals. Then measures, through the service layer:
full-text search of a word in several forms, of a surname and of a prefix (``desk.journal.page``); one
sorted, filtered journal page of 200; the deadline counts; registering one appeal
(``desk.appeals.register``); and, when the journal exchange is present, exporting 10 000 rows and
importing them into a fresh database. The database built here is removed at the end unless ``--keep``
(or ``--db``) is given.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from sqlalchemy import func, select

from appealdesk.demo.topics import TOPICS
from appealdesk.services import AppealDesk
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
from appealdesk.storage.models import Appeal, Applicant

TARGETS = {
    "demo_100000_s": 60.0,
    "register_ms": 10.0,  # median
    "search_ms": 30.0,  # median
    "long_search_ms": 100.0,  # a 10 000-character search (a pasted page), worst median
    "page_ms": 10.0,  # median
    "import_10000_s": 10.0,
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(fn: Callable[[], object], runs: int, warmup: int = 3) -> dict:
    """Median, 95th percentile and best of ``runs`` calls, in milliseconds."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 2),
        "min_ms": round(samples[0], 2),
        "runs": runs,
    }


def verdict(figure: dict, key: str, target_key: str) -> dict:
    target = TARGETS[target_key]
    return {**figure, "target_ms" if key.endswith("_ms") else "target_s": target,
            "within_target": figure[key] <= target}


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


# -- the database -----------------------------------------------------------------------------------
def build_or_reuse(path: Path, appeals: int, seed: int) -> tuple[AppealDesk, dict]:
    desk = AppealDesk.open(path)
    existing = desk.journal.count(JournalQuery())
    if existing:
        log(f"reusing {path}: {existing} appeals")
        return desk, {"reused": True, "appeals": existing}
    log(f"building a demo of {appeals} appeals in {path} ...")
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 5 or done == total:
            last[0] = now
            log(f"  {done}/{total}")

    t = time.perf_counter()
    summary = desk.demo.make(appeals, seed=seed, progress=progress)
    seconds = time.perf_counter() - t
    figure = {"reused": False, "appeals": summary.appeals, "questions": summary.questions,
              "seconds": round(seconds, 2), "per_1000_s": round(seconds / max(appeals, 1) * 1000, 3),
              "in_progress": summary.in_progress, "overdue": summary.overdue}
    if appeals == 100_000:
        figure.update(target_s=TARGETS["demo_100000_s"], within_target=seconds <= TARGETS["demo_100000_s"])
    return desk, figure


def common_surname(desk: AppealDesk) -> str:
    with desk._ctx.read() as s:
        row = s.execute(
            select(Applicant.last_name, func.count())
            .join(Appeal, Appeal.applicant_id == Applicant.id)
            .where(Applicant.last_name.is_not(None))
            .group_by(Applicant.last_name)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
    return row[0] if row else "Иванов"


# -- the figures ------------------------------------------------------------------------------------
def bench_search(desk: AppealDesk, runs: int) -> dict:
    surname = common_surname(desk)
    queries = {
        "word": ["отопление", "отопления", "отоплением", "дорога", "дороги"],
        "name": [surname, surname.replace("ё", "е").upper()],
        "prefix": ["отоп", "Сад", surname[:4]],
        "word_and_name": [f"дороги {surname}"],
    }
    out: dict = {}
    for group, texts in queries.items():
        figures = {}
        for text in texts:
            total = desk.journal.page(JournalQuery(text=text)).total
            fig = timed(lambda text=text: desk.journal.page(JournalQuery(text=text)), runs)
            figures[text] = {**fig, "found": total}
        worst = max(f["median_ms"] for f in figures.values())
        out[group] = {"queries": figures, "worst_median_ms": worst, "target_ms": TARGETS["search_ms"],
                      "within_target": worst <= TARGETS["search_ms"]}
    figures = {}
    for name, text in long_queries(surname).items():
        total = desk.journal.page(JournalQuery(text=text)).total
        fig = timed(lambda text=text: desk.journal.page(JournalQuery(text=text)), max(5, runs // 10))
        figures[name] = {**fig, "found": total, "chars": len(text)}
    worst = max(f["median_ms"] for f in figures.values())
    out["long_10000_chars"] = {"queries": figures, "worst_median_ms": worst, "target_ms": TARGETS["long_search_ms"],
                               "within_target": worst <= TARGETS["long_search_ms"]}
    return out


def long_queries(surname: str) -> dict[str, str]:
    """10 000-character searches: a pasted page of common words, one-letter words, one endless word."""
    import random

    rnd = random.Random(7)
    common = ["ул", "д", "дом", "отопление", "дорога", surname, "12-ОГ/26", "в", "и", "на", "кв"]
    page = ""
    while len(page) < 10_000:
        page += rnd.choice(common) + rnd.choice((" ", ", ", "-"))
    return {
        "pasted_page": page[:10_000],
        "letters": ((" ".join("абвгдежзиклмнопрстуф") + " ") * 300)[:10_000],
        "one_word": "о" * 10_000,
    }


def bench_pages(desk: AppealDesk, runs: int) -> dict:
    today = desk.today()
    year_start = date(today.year, 1, 1)
    pages = {
        "this_year_by_date": JournalQuery(date_from=year_start, date_to=today),
        "open_by_deadline": JournalQuery(state="open", sort="deadline", descending=False),
        "overdue_by_executor": JournalQuery(state="overdue", sort="executor", descending=False),
        "quarter_statements_by_applicant": JournalQuery(
            date_from=today - timedelta(days=91), date_to=today, kind="statement", sort="applicant", descending=False
        ),
        "closed_last_year_by_number": JournalQuery(
            state="closed", date_from=date(today.year - 1, 1, 1), date_to=date(today.year - 1, 12, 31),
            sort="reg_number",
        ),
        "section_0005_by_topic": JournalQuery(section="0005", sort="topic"),
    }
    out = {}
    for name, query in pages.items():
        page = desk.journal.page(query, limit=200)
        fig = timed(lambda query=query: desk.journal.page(query, offset=0, limit=200), runs)
        out[name] = {**verdict(fig, "median_ms", "page_ms"), "total": page.total, "rows": len(page.rows)}
    return out


def bench_deadlines(desk: AppealDesk, runs: int) -> dict:
    counts = desk.deadlines.counts()
    return {
        "counts": {**timed(desk.deadlines.counts, runs), "result": asdict(counts)},
        "overdue_count": timed(desk.deadlines.overdue_count, runs),
        "due_list": {**timed(desk.deadlines.due, runs), "items": len(desk.deadlines.due())},
    }


def bench_register(desk: AppealDesk, runs: int) -> dict:
    settlements = [s.id for s in desk.reference.settlements()]
    executors = [o.id for o in desk.reference.officials(executors_only=True)]
    codes = [t.code for t in TOPICS[:10]]
    counter = [0]

    def one() -> None:
        i = counter[0]
        counter[0] += 1
        desk.appeals.register(
            AppealInput(
                form="written", kind="statement",
                summary=f"Прошу принять меры по ремонту дороги по ул. Садовой, д. {i % 60 + 1}: ямы, проезд затруднён.",
                questions=(QuestionInput(code=codes[i % len(codes)]),
                           QuestionInput(code=codes[(i + 3) % len(codes)])),
                applicant=ApplicantInput(
                    last_name="Бенчмарков", first_name="Пётр", middle_name=f"Тестович{i}",
                    settlement_id=settlements[i % len(settlements)], address=f"с. Берёзовка, ул. Садовая, д. {i}",
                    phone="+7 (913) 000-00-00",
                ),
                executor_id=executors[i % len(executors)], on_control=True,
            )
        )

    return verdict(timed(one, runs, warmup=5), "median_ms", "register_ms")


def bench_exchange(desk: AppealDesk, rows: int, workdir: Path) -> dict:
    with desk._ctx.read() as s:
        ordered = select(Appeal.registered_on).where(Appeal.deleted.is_(False)).order_by(Appeal.registered_on)
        first = s.scalar(ordered.limit(1))
        last = s.scalar(ordered.offset(rows - 1).limit(1)) or s.scalar(ordered.order_by(None).order_by(
            Appeal.registered_on.desc()).limit(1))
    query = JournalQuery(date_from=first, date_to=last, sort="registered_on", descending=False)
    target = workdir / "journal.xlsx"
    t = time.perf_counter()
    written = desk.exchange.export_journal(target, query)
    export_s = time.perf_counter() - t
    fresh_path = workdir / "import.sqlite3"
    _remove_db(fresh_path)
    fresh = AppealDesk.open(fresh_path)
    try:
        t = time.perf_counter()
        result = fresh.exchange.import_journal(target)
        import_s = time.perf_counter() - t
    finally:
        fresh.close()
        _remove_db(fresh_path)
    return {
        "export": {"rows": written, "seconds": round(export_s, 2), "file_mb": round(target.stat().st_size / 2**20, 2)},
        "import": {"rows": result.count, "seconds": round(import_s, 2), "per_10000_s": round(import_s / max(result.count, 1) * 10_000, 2),
                   "target_s": TARGETS["import_10000_s"],
                   "within_target": import_s / max(result.count, 1) * 10_000 <= TARGETS["import_10000_s"]},
    }


# -- the command ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--appeals", type=int, default=100_000, help="appeals in the demo database (default 100000)")
    ap.add_argument("--db", type=Path, help="the database to build or reuse (default: a temporary file)")
    ap.add_argument("--keep", action="store_true", help="keep the database built here for the next run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=200, help="registrations measured (searches and pages: a quarter)")
    ap.add_argument("--exchange-rows", type=int, default=10_000)
    args = ap.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="appealdesk-bench-"))
    path = args.db or Path(tempfile.gettempdir()) / f"appealdesk-bench-{args.appeals}.sqlite3"
    built_here = not path.exists() or path.stat().st_size == 0
    desk, demo = build_or_reuse(path, args.appeals, args.seed)
    reads = max(20, args.runs // 4)
    report: dict = {"db": str(path), "today": desk.today().isoformat(), "demo": demo, "targets": TARGETS}
    try:
        log("search ...")
        report["search"] = bench_search(desk, reads)
        log("journal pages ...")
        report["page"] = bench_pages(desk, reads)
        log("deadlines ...")
        report["deadlines"] = bench_deadlines(desk, reads)
        log("export / import ...")
        report["exchange"] = bench_exchange(desk, args.exchange_rows, workdir)
        log("register ...")
        report["register"] = bench_register(desk, args.runs)
    finally:
        desk.close()
        for f in workdir.iterdir():
            f.unlink()
        workdir.rmdir()
        if built_here and not args.keep and args.db is None:
            _remove_db(path)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
