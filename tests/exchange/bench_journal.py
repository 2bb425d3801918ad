"""Benchmark of the journal exchange: export and import of N appeals (default 10 000). Prints the figures;
not a pass/fail test (pytest does not collect it).

    python tests/exchange/bench_journal.py [N] [--profile]
"""

from __future__ import annotations

import cProfile
import pstats
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from appealdesk.services import AppealDesk
from appealdesk.services.bulk import BulkExtension, BulkExtra, BulkRegistrar
from appealdesk.services.values import AppealInput, ApplicantInput, OfficialInput, QuestionInput

TODAY = date(2026, 11, 20)
SURNAMES = ["Иванов", "Петрова", "Сидоров", "Кузнецова", "Смирнов", "Фёдорова", "Орлов", "Ёлкина", "Белов"]
NAMES = ["Иван", "Мария", "Пётр", "Анна", "Олег", "Светлана", "Семён", "Ольга"]
RESULTS = ["supported", "measures_taken", "explained", "not_supported", "answered"]


def fill(desk: AppealDesk, count: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with desk._ctx.read() as s:
        codes = list(s.scalars(text("SELECT code FROM classifier WHERE level >= 4 ORDER BY code")))
    executors = [desk.reference.save_official(OfficialInput(full_name=f"Исполнитель {i} Тестович")).id for i in range(8)]
    villages = [desk.reference.add_settlement(f"с. Село-{i}").id for i in range(15)]
    start = date(2026, 1, 12)
    with desk._ctx.uow() as s:
        reg = BulkRegistrar(s, desk._ctx, action="demo")
        previous: list[int] = []
        for i in range(count):
            registered = start + timedelta(days=int(i * 300 / count))
            n_questions = 1 if rnd.random() < 0.8 else 2
            qcodes = rnd.sample(codes, n_questions)
            answered = registered + timedelta(days=rnd.randint(3, 25))
            closed = answered <= TODAY and rnd.random() < 0.85
            results = [rnd.choice(RESULTS) if closed else None for _ in qcodes]
            village = rnd.choice(villages)
            anonymous = rnd.random() < 0.05
            applicant = None if anonymous else ApplicantInput(
                last_name=rnd.choice(SURNAMES) + str(rnd.randint(1, 2000)), first_name=rnd.choice(NAMES),
                settlement_id=village, address=f"ул. Центральная, д. {rnd.randint(1, 90)}",
                phone=f"8 900 {rnd.randint(100, 999)}-{rnd.randint(10, 99)}-{rnd.randint(10, 99)}",
            )
            repeated = bool(previous) and rnd.random() < 0.05
            data = AppealInput(
                form=rnd.choice(["written", "electronic", "personal_reception", "phone"]),
                kind=rnd.choice(["statement", "statement", "complaint", "proposal"]),
                summary=f"Обращение {i}: просьба о ремонте дороги и уличного освещения в селе",
                questions=tuple(QuestionInput(c, result=r) for c, r in zip(qcodes, results, strict=True)),
                registered_on=registered, applicant=applicant, settlement_id=village,
                executor_id=rnd.choice(executors), on_control=rnd.random() < 0.3,
                is_collective=rnd.random() < 0.03, is_repeated=repeated,
                previous_appeal_id=rnd.choice(previous) if repeated else None,
            )
            ext = None
            if not closed and rnd.random() < 0.1:
                ext = BulkExtension(days=30, reason="Запрос", extended_by="Глава", extended_on=registered)
            extra = BulkExtra(extension=ext, answer_on=answered if closed else None,
                              answer_number=f"01-12/{i}" if closed else None)
            previous.append(reg.add(data, extra))
        reg.flush()


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), 10_000))
    profile = "--profile" in sys.argv
    folder = Path(tempfile.mkdtemp(prefix="appealdesk-bench-"))
    source = AppealDesk.open(folder / "source.sqlite3", today=lambda: TODAY)
    t = time.perf_counter()
    fill(source, count)
    print(f"{count} appeals registered through BulkRegistrar: {time.perf_counter() - t:.2f} s")

    path = folder / "journal.xlsx"
    t = time.perf_counter()
    exported = source.exchange.export_journal(path)
    print(f"export of {exported} appeals: {time.perf_counter() - t:.2f} s ({path.stat().st_size // 1024} KiB)")

    target = AppealDesk.open(folder / "target.sqlite3", today=lambda: TODAY)
    profiler = cProfile.Profile() if profile else None
    t = time.perf_counter()
    if profiler:
        profiler.enable()
    result = target.exchange.import_journal(path)
    if profiler:
        profiler.disable()
    print(f"import of {result.count} appeals: {time.perf_counter() - t:.2f} s "
          f"(created {len(result.created_executors)} executors, {len(result.created_settlements)} settlements)")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    source.close()
    target.close()


if __name__ == "__main__":
    main()
