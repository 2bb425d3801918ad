"""Malformed journals imported one after another: each is imported whole or refused in Russian, never a
traceback; a refused one leaves the database's hash as it was."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from . import checks
from .kills import Tally
from .mutations import mutate
from .templates import Templates, copy_db, remove_db

ROWS = 30  # rows of the journal that is mutated (an import of it takes a few hundredths of a second)
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,:]+[A-Za-z]{2,}){2,}")
_TRACE = re.compile(r"Traceback|\b\w+(?:Error|Exception)\b")


def not_russian(message: str) -> str | None:
    """Why a refusal's text is not a Russian message for a clerk (quoted cell values aside), or None."""
    if _TRACE.search(message):
        return "a Python error in the message"
    text = _QUOTED.sub("", message)
    if not re.search("[а-яё]", text, re.IGNORECASE):
        return "no Russian in the message"
    found = _ENGLISH.search(text)
    return f"English words: {found.group()!r}" if found else None


def _small_journal(source: Path, target: Path) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(source)
    ws = wb.worksheets[0]
    if ws.max_row > ROWS + 1:
        ws.delete_rows(ROWS + 2, ws.max_row - ROWS - 1)
    wb.save(target)
    return target


def run(work: Path, t: Templates, count: int, seed: int) -> Tally:
    from appealdesk.errors import AppealDeskError
    from appealdesk.services import AppealDesk

    rng = random.Random(seed)
    tally = Tally("malformed journals imported")
    source = _small_journal(t.journal, work / "small-journal.xlsx")
    db = copy_db(t.empty, work / "journals.sqlite3")
    desk = AppealDesk.open(db)
    digest = checks.database_hash(db)
    outcomes: Counter[str] = Counter()
    changed = tracebacks = 0
    try:
        for n in range(count):
            target = work / f"journal-{n}.xlsx"
            kinds = mutate(source, target, rng)
            tally.trials += 1
            appeals = checks.count(db)
            try:
                result = desk.exchange.import_journal(target)
            except AppealDeskError as exc:
                outcomes["refused"] += 1
                problems = []
                why = not_russian(str(exc))
                if why:
                    problems.append(f"refusal not in Russian ({why}): {str(exc)[:200]!r}")
                if checks.database_hash(db) != digest:
                    changed += 1
                    problems.append("a refused import changed the database")
                if problems:
                    tally.fail(f"journal {n} {kinds}", problems)
            except Exception as exc:  # a traceback: what the user must never see
                tracebacks += 1
                tally.fail(f"journal {n} {kinds}", [f"{type(exc).__name__}: {str(exc)[:200]}"])
            else:
                outcomes["imported"] += 1
                if checks.count(db) - appeals != result.count:
                    tally.fail(f"journal {n} {kinds}", ["all-or-nothing broken"])
                desk.close()  # the next journal goes into an empty database again
                db = copy_db(t.empty, db)
                desk = AppealDesk.open(db)
                digest = checks.database_hash(db)
            target.unlink(missing_ok=True)
    finally:
        desk.close()
        remove_db(db)
    tally.notes.append(f"{outcomes['imported']} imported, {outcomes['refused']} refused in Russian; "
                       f"{tracebacks} tracebacks, {changed} databases changed by a refusal")
    return tally
