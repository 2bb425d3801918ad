"""``appealdesk-cli --db FILE.sqlite3 move-to postgresql://user:password@host:5432/appealdesk``: the whole
office database (appeals, applicants, receptions, the audit log, settings, users, scans) copied into an
empty PostgreSQL database in one transaction, then every table compared (rows and a checksum)."""

from __future__ import annotations

import sys


def add_parsers(sub, common) -> None:
    p = sub.add_parser("move-to", parents=[common],
                       help="перенести всю базу (с пользователями и сканами) в пустую базу PostgreSQL на сервере")
    p.add_argument("url", metavar="АДРЕС", help="postgresql://пользователь:пароль@сервер:5432/база")


def move_to(args, open_desk) -> int:
    from ..services.connection import hide_password

    desk = open_desk(args)
    shown = hide_password(args.url)
    print(f"Перенос: {desk.location()} → {shown}", file=sys.stderr)
    last = {"table": None}

    def progress(table: str, done: int, total: int) -> None:
        if table != last["table"] or done == total:
            last["table"] = table
            print(f"  {table}: {done} из {total}", file=sys.stderr)

    try:
        report = desk.transfer.move_to(args.url, progress=progress)
    finally:
        desk.close()
    width = max(len(t.name) for t in report.tables)
    for t in report.tables:
        print(f"{t.name:<{width}}  строк {t.rows:>8}  контрольная сумма {t.checksum[:16]}… совпадает")
    print(f"Поисковый индекс: {report.search_rows} обращений.")
    print(f"Перенесено и проверено за {report.seconds:.1f} с: все таблицы на сервере совпадают с исходной базой.")
    print(f"Теперь запускайте программу на каждом компьютере с этой базой: appealdesk --db {shown} "
          "(или Настройки → Подключение к серверу).")
    return 0


HANDLERS = {"move-to": move_to}
