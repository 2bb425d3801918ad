"""``appealdesk-cli``: init, demo data, the XLSX journal, deadlines, checks and backups.

Exit codes: 0 success; 1 bad input or a database problem (a Russian message on stderr); 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path

from ..errors import AppealDeskError, ImportRejected
from .russian_argparse import RussianArgumentParser


def parse_date(text: str) -> date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"неверная дата «{text}» (нужно ДД.ММ.ГГГГ)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"нужно целое число, а не «{text}»") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("нужно число больше нуля")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = RussianArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS,
        help="файл базы данных или адрес сервера postgresql://… (по умолчанию — база в папке данных "
             "пользователя)",
    )
    common.add_argument(
        "--user", default=argparse.SUPPRESS, metavar="ИМЯ",
        help="имя пользователя программы (нужно, когда пользователей несколько); пароль — из переменной "
             "APPEALDESK_PASSWORD или по запросу",
    )
    parser = RussianArgumentParser(
        prog="appealdesk-cli",
        description="AppealDesk: обращения граждан (59-ФЗ) — команды для работы без окна программы.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="команда", parser_class=RussianArgumentParser)
    sub.required = True

    sub.add_parser("init", parents=[common], help="создать или обновить базу данных и справочники")

    demo = sub.add_parser("demo", parents=[common], help="заполнить базу демонстрационными данными")
    demo.add_argument("--appeals", type=_positive, required=True, help="сколько обращений создать")
    demo.add_argument("--seed", type=int, default=1, help="начальное значение генератора (одинаковые данные)")
    demo.add_argument("--year", type=int, default=None, help="последний год данных (по умолчанию текущий)")

    imp = sub.add_parser("import-xlsx", parents=[common], help="загрузить журнал регистрации из XLSX")
    imp.add_argument("file", type=Path, help="файл XLSX")

    exp = sub.add_parser("export-xlsx", parents=[common], help="выгрузить журнал регистрации в XLSX")
    exp.add_argument("file", type=Path, help="файл XLSX")
    exp.add_argument("--from", dest="date_from", type=parse_date, help="с даты регистрации (ДД.ММ.ГГГГ)")
    exp.add_argument("--to", dest="date_to", type=parse_date, help="по дату регистрации (ДД.ММ.ГГГГ)")

    dl = sub.add_parser("deadlines", parents=[common], help="просроченные и подходящие сроки")
    dl.add_argument("--on", type=parse_date, default=None, help="на дату (по умолчанию сегодня)")
    dl.add_argument("--json", action="store_true", help="вывести в формате JSON")

    sub.add_parser("check", parents=[common], help="проверить целостность базы данных")

    bk = sub.add_parser("backup", parents=[common], help="сделать резервную копию базы")
    bk.add_argument("--to", dest="to_dir", type=Path, default=None, help="папка для копий")
    bk.add_argument("--keep", type=_positive, default=None, help="сколько последних копий хранить")

    from . import letter_command, move_command, report_command, schedule_command, sstu_command, user_command

    report_command.add_parsers(sub, common)
    letter_command.add_parsers(sub, common)
    sstu_command.add_parsers(sub, common)
    schedule_command.add_parsers(sub, common)
    user_command.add_parsers(sub, common)
    move_command.add_parsers(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except ImportRejected as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except AppealDeskError as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"Ошибка: файл не найден: {exc.filename}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"Ошибка: нет доступа к файлу {exc.filename}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 1


def _open(args, today: date | None = None, *, sign_in: bool = True):
    """Open the database of ``--db`` and sign in: by itself where one user (or none) works with it, else as
    ``--user`` with the password of ``APPEALDESK_PASSWORD`` or typed at a prompt."""
    from ..services import AppealDesk

    # no whole-file quick_check on every command: it reads the whole file (most of a report's time at 100 000
    # appeals); the integrity check is ``check``'s, the backups' and the desktop's (in the background)
    desk = AppealDesk.open(getattr(args, "db", None), today=(lambda: today) if today else None, deep_check=False)
    login = getattr(args, "user", None)
    try:
        if sign_in and (login or desk.current_user is None):
            if not login:
                raise AppealDeskError(
                    "С этой базой работают несколько пользователей: укажите своё имя пользователя "
                    "(--user ИМЯ); пароль — в переменной APPEALDESK_PASSWORD или по запросу."
                )
            desk.sign_in(login, ask_password(f"Пароль пользователя «{login}»: ", "APPEALDESK_PASSWORD"))
    except BaseException:
        desk.close()
        raise
    return desk


def ask_password(prompt: str, variable: str, *, confirm: bool = False) -> str:
    """A password from the environment variable ``variable``, else typed at the terminal (not echoed)."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise AppealDeskError(f"Нужен пароль: задайте переменную {variable} или запустите команду в терминале.")
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Повторите пароль: ") != first:
        raise AppealDeskError("Пароли не совпадают: ничего не изменено.")
    return first


def _run(args) -> int:
    from . import (
        commands,
        letter_command,
        move_command,
        report_command,
        schedule_command,
        sstu_command,
        user_command,
    )

    handler = {
        "init": commands.init,
        "demo": commands.demo,
        "import-xlsx": commands.import_xlsx,
        "export-xlsx": commands.export_xlsx,
        "deadlines": commands.deadlines,
        "check": commands.check,
        "backup": commands.backup,
        **report_command.HANDLERS,
        **letter_command.HANDLERS,
        **sstu_command.HANDLERS,
        **schedule_command.HANDLERS,
        **user_command.HANDLERS,
        **move_command.HANDLERS,
    }[args.command]
    started = time.perf_counter()
    code = handler(args, _open)
    if args.command not in ("deadlines", "user"):
        print(f"Готово за {time.perf_counter() - started:.1f} с.", file=sys.stderr)
    return code


def dump_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
