"""The self-test of an installed or bundled program (``appealdesk --self-test``), core part.

In a temporary folder: a fresh database with the migrations applied and the reference data loaded, an
appeal registered, its card as PDF, a report as PDF and XLSX. It checks that everything the program reads
at run time (migration scripts, reference CSVs, fonts) is where the program looks for it, which is what a
broken bundle gets wrong. Prints one line per check; raises ``SelfTestFailed`` on the first failure.
The desktop part (``ui.selftest``) adds the main window shown offscreen.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

Say = Callable[[str], None]


class SelfTestFailed(Exception):
    pass


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise SelfTestFailed(what)


def environment_lines() -> list[str]:
    import appealdesk

    from .paths import resources_dir

    frozen = "bundle (PyInstaller)" if getattr(sys, "frozen", False) else "source"
    return [
        f"AppealDesk {appealdesk.__version__}, Python {sys.version.split()[0]}, {frozen}",
        f"resources: {resources_dir()}",
    ]


def postgresql_driver_line() -> str:
    """The PostgreSQL driver is in the program: psycopg 3 with its own libpq, chosen for postgresql://."""
    try:
        import psycopg
    except ImportError as exc:
        raise SelfTestFailed(f"the PostgreSQL driver psycopg is missing ({exc})") from exc
    from .storage.database import make_engine

    impl = psycopg.pq.__impl__
    _check(impl in ("binary", "c"), f"psycopg has no compiled libpq wrapper (implementation {impl!r})")
    libpq = psycopg.pq.version()
    engine = make_engine("postgresql://selftest@127.0.0.1:1/selftest")  # nothing is connected
    try:
        _check(engine.dialect.driver == "psycopg", f"postgresql:// uses {engine.dialect.driver}, not psycopg")
    finally:
        engine.dispose()
    return f"ok  PostgreSQL driver: psycopg {psycopg.__version__} ({impl}, libpq {libpq // 10000}.{libpq % 10000})"


def run_core(folder: Path, say: Say) -> dict:
    """The core checks in ``folder``; returns what the desktop part reuses (the open desk)."""
    from .paths import resources_dir

    res = resources_dir()
    for rel in ("reference/classifier.csv", "reference/vocabulary.csv", "reference/production_calendar_overrides.csv",
                "reference/production_calendar_ru.csv", "fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf",
                "fonts/DejaVuSerif.ttf", "fonts/DejaVuSerif-Bold.ttf",
                "fonts/LICENSE-DejaVu.txt", "help/guide.md"):
        _check((res / rel).is_file(), f"missing resource {rel}")
    if getattr(sys, "frozen", False):  # the bundle ships the guide rendered to HTML
        _check((res / "help" / "guide.html").is_file(), "missing resource help/guide.html")
    say("ok  resources: reference data, fonts, licence and the user guide found")

    from .domain import workdays_table

    _check(workdays_table.bundled() == workdays_table.computed(), "the working-days table differs from holidays")
    say("ok  production calendar: the shipped table equals the holidays package")

    from .storage import migrations
    from .storage.database import head_revision

    versions = sorted(p.name for p in (migrations.MIGRATIONS_DIR / "versions").glob("*.py"))
    _check(bool(versions), f"no migration scripts in {migrations.MIGRATIONS_DIR}")
    _check(head_revision() == migrations.HEAD_REVISION, "migration head differs from HEAD_REVISION")

    say(postgresql_driver_line())

    from .services import AppealDesk

    t0 = time.perf_counter()
    db_path = folder / "selftest.sqlite3"
    desk = AppealDesk.open(db_path)  # no users yet: the first-run setup acts as the administrator
    _check(desk.schema_revision() == migrations.HEAD_REVISION, "database not at the head revision")
    say(f"ok  database: created, migrations applied up to {migrations.HEAD_REVISION} "
        f"({len(versions)} scripts), {time.perf_counter() - t0:.2f} s")

    items = desk.reference.classifier_search("освещение")
    _check(bool(items), "classifier is empty or search does not work")
    from .services.values import AppealInput, ApplicantInput, OfficialInput, QuestionInput

    settlement = desk.reference.add_settlement("с. Проверочное")
    executor = desk.reference.save_official(OfficialInput("Проверкин Иван Иванович", "Специалист"))
    code = items[0].code  # a question-level entry (levels 4 and 5)
    card = desk.appeals.register(AppealInput(
        form="written", kind="statement", summary="Прошу отремонтировать уличное освещение на улице Мира",
        questions=(QuestionInput(code),),
        applicant=ApplicantInput(last_name="Фёдоров", first_name="Иван", middle_name="Ильич",
                                 settlement_id=settlement.id, address="ул. Мира, д. 1"),
        executor_id=executor.id,
    ))
    _check(bool(card.reg_number) and card.deadline is not None, "registered appeal has no number or deadline")
    found = desk.journal.count(_query("Федоров"))
    _check(found == 1, f"search for the applicant found {found} appeals")
    say(f"ok  appeal registered: № {card.reg_number}, deadline {card.deadline:%d.%m.%Y}; search finds it")

    card_pdf = desk.papers.write_pdf(desk.papers.card(card.id), folder / "card.pdf")
    _check(card_pdf.read_bytes()[:5] == b"%PDF-", "card PDF not written")
    say(f"ok  card PDF: {card_pdf.stat().st_size} bytes")

    import pypdfium2

    pages = pypdfium2.PdfDocument(card_pdf.read_bytes())
    bitmap = pages[0].render(scale=0.5)
    _check(bitmap.width > 100, "PDFium did not draw the card's page")
    pages.close()
    say("ok  print preview: PDFium draws the card's page")

    from dataclasses import replace

    from .letters.values import LetterInput

    desk.settings.save(replace(desk.settings.get(), head_name="Проверкин Пётр Петрович"))
    t0 = time.perf_counter()
    letter = desk.letters.save(card.id, LetterInput("interim_answer", final_on=desk.today() + _days(10),
                                                    text="Проверка письма.", pdf=True), out=folder)
    _check(letter.path is not None and letter.path.read_bytes()[:2] == b"PK", "letter DOCX not written")
    _check(desk.letters.pdf(letter.letter.id)[:5] == b"%PDF-", "letter PDF not made")
    from docx import Document as _Docx

    text = "\n".join(p.text for p in _Docx(str(letter.path)).paragraphs)
    _check(letter.letter.number in "".join(c.text for t in _Docx(str(letter.path)).tables for r in t.rows
                                           for c in r.cells) + text, "letter has no number")
    _check("Фёдорову И.И." in "".join(c.text for t in _Docx(str(letter.path)).tables for r in t.rows
                                      for c in r.cells), "letter's addressee not declined")
    say(f"ok  letter: {letter.letter.number}, DOCX and PDF, {time.perf_counter() - t0:.2f} s")

    from .reports import whole_year

    report = desk.reports.build(whole_year(desk.today().year))
    pdf = desk.reports.write(report, folder / "report.pdf", "pdf")
    _check(Path(pdf).read_bytes()[:5] == b"%PDF-", "report PDF not written")
    say(f"ok  report PDF: {Path(pdf).stat().st_size} bytes")
    xlsx = desk.reports.write(report, folder / "report.xlsx", "xlsx")
    _check(Path(xlsx).read_bytes()[:2] == b"PK", "report XLSX not written")
    from openpyxl import load_workbook

    wb = load_workbook(xlsx, read_only=True)
    _check(len(wb.sheetnames) >= 1, "report XLSX has no sheets")
    say(f"ok  report XLSX: {Path(xlsx).stat().st_size} bytes, sheets: {len(wb.sheetnames)}")
    wb.close()

    scan = folder / "скан.pdf"
    scan.write_bytes(card_pdf.read_bytes())
    desk.attachments.add(card.id, scan)
    copy = desk.backups.make(folder / "backups", keep=2)
    info = desk.backups.inspect(copy)
    _check(info.appeals == 1, "backup does not hold the registered appeal")
    _check(info.scans == 3, "backup does not hold the attached scan and the letter's DOCX and PDF")
    say(f"ok  backup written and verified: {copy.name} (appeals: {info.appeals}, scans: {info.scans})")
    return {"desk": desk, "db_path": db_path, "today": date.today()}


def _days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


def _query(text: str):
    from .services.journal_values import JournalQuery

    return JournalQuery(text=text)


def run(say: Say = print, extra: Callable[[dict, Say], None] | None = None) -> int:
    """Run the checks (and ``extra``, the desktop part) in a temporary folder; 0 when all passed."""
    started = time.perf_counter()
    for line in environment_lines():
        say(line)
    with tempfile.TemporaryDirectory(prefix="appealdesk-selftest-") as tmp:
        state: dict = {}
        try:
            state = run_core(Path(tmp), say)
            if extra is not None:
                extra(state, say)
        except Exception as exc:
            import traceback

            say(f"FAIL {exc.__class__.__name__}: {exc}")
            say(traceback.format_exc())
            return 1
        finally:
            desk = state.get("desk")
            if desk is not None:
                desk.close()
    say(f"SELF-TEST PASSED in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(run())
