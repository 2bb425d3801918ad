"""What a harness child process does before it is killed (``python -m reliability.child OP ...``).

Each operation prints ``go`` when it starts the work the parent may interrupt, then one line per saved
result (``ok <number>`` after a registration was committed) and ``done`` at the end; the parent reads
them to know what was committed before the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path

HEAT = "0005.0005.0056.1156"


def say(text: str) -> None:
    print(text, flush=True)


def _appeal(n: int, tag: str):
    from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput

    return AppealInput(
        form="written", kind="statement", summary=f"Нет отопления в доме {n} ({tag})",
        questions=(QuestionInput(HEAT),),
        applicant=ApplicantInput(last_name=f"Иванов{tag}", first_name="Пётр", address=f"ул. Мира, д. {n}"),
    )


def register(db: str, count: str, tag: str = "k", wait: str = "", give_up: str = "0") -> None:
    """Register appeals one by one (each its own unit of work); a refusal is printed, not fatal.
    ``wait``: start when the parent says so (on standard input); ``give_up``: stop after that many refusals
    in a row (0: never)."""
    from appealdesk.errors import AppealDeskError
    from appealdesk.services import AppealDesk

    try:
        desk = AppealDesk.open(db)
    except AppealDeskError as exc:
        say(f"refused {exc}".replace("\n", " "))
        return
    _limit_pages(desk)
    if wait:
        say("ready")
        sys.stdin.readline()  # the parent starts every writer at once
    say("go")
    in_a_row = 0
    for n in range(int(count)):
        try:
            card = desk.appeals.register(_appeal(n, tag))
        except AppealDeskError as exc:
            say(f"refused {exc}".replace("\n", " "))
            in_a_row += 1
            if int(give_up) and in_a_row >= int(give_up):
                break
            continue
        in_a_row = 0
        say(f"ok {card.reg_number}")
    desk.close()
    say("done")


def _limit_pages(desk) -> None:
    """``RELIABILITY_SPARE_PAGES``: the file may grow by that many pages only (a full disk where the harness
    may not mount a small one: SQLite's max_page_count)."""
    import os

    spare = os.environ.get("RELIABILITY_SPARE_PAGES")
    if spare is None:
        return
    from sqlalchemy import event

    @event.listens_for(desk._db.engine, "connect")
    def _full(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + int(spare)}")

    desk._db.engine.dispose()


def import_xlsx(db: str, path: str) -> None:
    from appealdesk.services import AppealDesk

    desk = AppealDesk.open(db)
    say("go")
    result = desk.exchange.import_journal(Path(path))
    say(f"done {result.count}")
    desk.close()


def demo(db: str, count: str, seed: str) -> None:
    from appealdesk.services import AppealDesk

    desk = AppealDesk.open(db)
    say("go")
    summary = desk.demo.make(int(count), seed=int(seed))
    say(f"done {summary.appeals}")
    desk.close()


def backup(db: str, folder: str) -> None:
    from appealdesk.storage.backup import backup_sqlite_file

    say("go")
    target = backup_sqlite_file(Path(db), Path(folder), keep=3)
    say(f"done {target.name}")


def migrate(db: str, folder: str) -> None:
    from appealdesk.storage.database import open_database

    say("go")
    database = open_database(db, backup_dir=Path(folder))
    say(f"done {database.migrated_from}")
    database.dispose()


OPERATIONS = {"register": register, "import": import_xlsx, "demo": demo, "backup": backup, "migrate": migrate}

if __name__ == "__main__":
    OPERATIONS[sys.argv[1]](*sys.argv[2:])
