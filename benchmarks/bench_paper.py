"""The paperwork's figures: one letter from the card to the Word document on disk, and the ССТУ.РФ upload of
a month of a large database with the answers attached. Printed as JSON, with the targets beside them.

    appealdesk-cli --db /tmp/paper100k.sqlite3 demo --appeals 100000
    python benchmarks/bench_paper.py --db /tmp/paper100k.sqlite3

The database is changed: the month's answered appeals get an answer file (a PDF of about 30 KB, named
«Ответ …», as a scan of the signed answer is), the letters made are numbered and attached, and the upload
is remembered. Use a copy you can throw away.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPT = "11111111-2222-3333-4444-555555555555"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _busiest_month(desk) -> tuple[date, date]:
    """The last whole month before today that has appeals."""
    today = desk.today()
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _answer_pdf(folder: Path) -> Path:
    """A one-page answer letter of about 30 KB, as PDF (the program's own renderer)."""
    from appealdesk.paper.model import Para, simple
    from appealdesk.paper.pdf import write_pdf

    text = "Ваше обращение рассмотрено. " * 40
    doc = simple("Ответ", [Para.of(text) for _ in range(12)])
    return write_pdf(doc, folder / "answer.pdf")


def bench_letter(desk, runs: int, folder: Path) -> dict:
    from appealdesk.letters.values import LetterInput
    from appealdesk.services.journal_values import JournalQuery

    ids = desk.journal.ids(JournalQuery())[: runs + 1]
    times = []
    for n, aid in enumerate(ids):
        card = desk.appeals.get(aid)
        if card.applicant is None or not (card.applicant.address or card.applicant.email):
            continue
        t0 = time.perf_counter()
        saved = desk.letters.save(aid, LetterInput("interim_answer", final_on=desk.today() + timedelta(days=20),
                                                   text="Заказаны материалы для ремонта."), out=folder)
        elapsed = time.perf_counter() - t0
        assert saved.path is not None and saved.path.stat().st_size > 0
        if n == 0:
            first = elapsed
        else:
            times.append(elapsed)
    return {
        "letter.first_ms": round(first * 1000, 1),
        "letter.median_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "letter.max_ms": round(max(times) * 1000, 1) if times else None,
        "letter.runs": len(times) + 1,
        "letter.target_ms": 1000,
    }


def prepare_month(desk, start: date, end: date, folder: Path) -> int:
    """Give the month's answered appeals an answer file, the office its ССТУ identifier."""
    from appealdesk.services.journal_values import JournalQuery
    from appealdesk.sstu.build import ANSWERED, status_of

    desk.settings.save(replace(desk.settings.get(), sstu_department_id=DEPT, head_name="Петров Пётр Петрович"))
    pdf = _answer_pdf(folder)
    ids = desk.journal.ids(JournalQuery(date_from=start, date_to=end))
    attached = 0
    for aid in ids:
        card = desk.appeals.get(aid)
        if card.kind in ("message", "info_request"):
            continue
        if not any(status_of(q.result, False, _S) in ANSWERED for q in card.questions):
            continue
        named = folder / f"Ответ {card.reg_number.replace('/', '-')}.pdf"
        named.write_bytes(pdf.read_bytes())
        desk.attachments.add(aid, named)
        named.unlink()
        attached += 1
    return attached


class _S:  # the build settings status_of reads
    extended_status = "InWorkExtended"


def bench_sstu(desk, start: date, end: date, out: Path) -> dict:
    t0 = time.perf_counter()
    state = desk.sstu.state(start, end)
    t_state = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = desk.sstu.upload(start, end, out, everything=True)
    t_upload = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in result.files)
    t0 = time.perf_counter()
    again = desk.sstu.state(start, end)
    t_after = time.perf_counter() - t0
    return {
        "sstu.period": f"{start:%d.%m.%Y}-{end:%d.%m.%Y}",
        "sstu.appeals": state.appeals,
        "sstu.written": result.written,
        "sstu.problems": len(result.check.problems),
        "sstu.parts": len(result.files),
        "sstu.archive_mb": round(size / 1e6, 1),
        "sstu.state_s": round(t_state, 2),
        "sstu.upload_s": round(t_upload, 2),
        "sstu.state_after_s": round(t_after, 2),
        "sstu.uploaded_after": again.uploaded,
        "sstu.target_s": 30,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the database (changed: use a copy)")
    ap.add_argument("--runs", type=int, default=20, help="letters to make")
    ap.add_argument("--skip-prepare", action="store_true", help="the month's answer files are there already")
    args = ap.parse_args()
    from appealdesk.services import AppealDesk

    desk = AppealDesk.open(args.db)
    out: dict = {}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-paper-") as tmp:
            folder = Path(tmp)
            _say("letters…")
            out.update(bench_letter(desk, args.runs, folder))
            start, end = _busiest_month(desk)
            if not args.skip_prepare:
                _say(f"attaching the answers of {start:%m.%Y}…")
                t0 = time.perf_counter()
                out["sstu.answers_attached"] = prepare_month(desk, start, end, folder)
                out["sstu.prepare_s"] = round(time.perf_counter() - t0, 1)
            _say("the upload…")
            out.update(bench_sstu(desk, start, end, folder / "sstu.zip"))
    finally:
        desk.close()
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
