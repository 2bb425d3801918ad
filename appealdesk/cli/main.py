"""``appealdesk-cli``: init, demo data, the XLSX journal, deadlines, checks and backups.

Exit codes: 0 success; 1 bad input or a database problem (a Russian message on stderr); 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
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
        help="файл базы данных или URL SQLAlchemy (по умолчанию — база в папке данных пользователя)",
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

    from . import report_command

    report_command.add_parsers(sub, common)
    from . import schedule_command

    schedule_command.add_parsers(sub, common)
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


def _open(args, today: date | None = None):
    from ..services import AppealDesk

    return AppealDesk.open(getattr(args, "db", None), today=(lambda: today) if today else None)


def _run(args) -> int:
    from . import commands, report_command, schedule_command

    handler = {
        "init": commands.init,
        "demo": commands.demo,
        "import-xlsx": commands.import_xlsx,
        "export-xlsx": commands.export_xlsx,
        "deadlines": commands.deadlines,
        "check": commands.check,
        "backup": commands.backup,
        **report_command.HANDLERS,
        **schedule_command.HANDLERS,
    }[args.command]
    started = time.perf_counter()
    code = handler(args, _open)
    if args.command not in ("deadlines",):
        print(f"Готово за {time.perf_counter() - started:.1f} с.", file=sys.stderr)
    return code


def dump_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
