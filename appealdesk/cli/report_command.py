"""``appealdesk-cli report``, ``rollup`` and ``report-list``: the published report (JSON, PDF, XLSX), the
district's roll-up of its settlements' JSON reports, and the journal / overdue lists of a period.

    appealdesk-cli report --from 01.01.2020 --to 31.12.2020 --compare --format json --out report.json
    appealdesk-cli rollup berezovka.json sosnovka.json klyuchi.json --out district.pdf
    appealdesk-cli report-list --kind overdue --from 01.01.2026 --to 30.06.2026 --format xlsx --out late.xlsx

Exit codes as every command: 0 success; 1 bad input or a database problem (a Russian message on stderr);
2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import DomainError

FORMATS = ("json", "pdf", "xlsx")


def _sections(text: str) -> tuple[str, ...]:
    from ..reports.document import SECTION_TITLES

    keys = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in keys if k not in SECTION_TITLES]
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"неизвестные разделы: {', '.join(unknown) or '(пусто)'} (допустимо: {', '.join(SECTION_TITLES)})"
        )
    return keys


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"нужно целое число, а не «{text}»") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("нужно число от 0 до 100")
    return value


def add_parsers(sub, common) -> None:
    """Add ``report`` and ``report-list`` to the subcommands of ``appealdesk-cli``."""
    from .main import parse_date

    rep = sub.add_parser("report", parents=[common], help="отчёт о работе с обращениями (JSON, PDF, XLSX)")
    rep.add_argument("--from", dest="date_from", type=parse_date, required=True,
                     help="начало периода, по дате регистрации (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)")
    rep.add_argument("--to", dest="date_to", type=parse_date, required=True, help="конец периода (включительно)")
    rep.add_argument("--compare", action="store_true", help="сравнить с тем же периодом прошлого года")
    rep.add_argument("--format", dest="fmt", choices=FORMATS, default="json", help="формат: json, pdf или xlsx")
    rep.add_argument("--out", type=Path, default=None,
                     help="файл результата (для json без --out — вывод на экран)")
    rep.add_argument("--sections", type=_sections, default=None,
                     help="разделы PDF/XLSX через запятую (по умолчанию все)")
    rep.add_argument("--top", type=_top, default=10, help="сколько самых частых тематик и вопросов назвать")
    rep.add_argument("--signatory-position", default=None, help="должность подписывающего (по умолчанию из настроек)")
    rep.add_argument("--signatory-name", default=None, help="Ф.И.О. подписывающего (по умолчанию из настроек)")

    roll = sub.add_parser("rollup", parents=[common],
                          help="свод отчётов поселений (JSON версии 2 одного периода) в один отчёт района")
    roll.add_argument("files", nargs="+", type=Path, metavar="ФАЙЛ.json", help="отчёты поселений (JSON)")
    roll.add_argument("--out", type=Path, required=True,
                      help="файл свода: .json, .pdf или .xlsx (формат — по расширению)")
    roll.add_argument("--signatory-position", default=None, help="должность подписывающего (по умолчанию из настроек)")
    roll.add_argument("--signatory-name", default=None, help="Ф.И.О. подписывающего (по умолчанию из настроек)")

    lst = sub.add_parser("report-list", parents=[common],
                         help="журнал обращений за период или список обращений с нарушением срока (PDF, XLSX)")
    lst.add_argument("--kind", choices=("journal", "overdue"), required=True,
                     help="journal — журнал за период; overdue — обращения с нарушением срока")
    lst.add_argument("--from", dest="date_from", type=parse_date, required=True, help="начало периода")
    lst.add_argument("--to", dest="date_to", type=parse_date, required=True, help="конец периода (включительно)")
    lst.add_argument("--on", dest="as_of", type=parse_date, default=None,
                     help="для overdue: на дату (по умолчанию конец периода или сегодня, если он позже)")
    lst.add_argument("--format", dest="fmt", choices=("pdf", "xlsx"), required=True, help="формат: pdf или xlsx")
    lst.add_argument("--out", type=Path, required=True, help="файл результата")


def _period(args):
    from ..reports.periods import Period

    return Period(args.date_from, args.date_to)  # refuses from > to with a Russian message


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise DomainError(f"«{path}» — это папка, а не файл")
    if not path.parent.exists():
        raise DomainError(f"Папка «{path.parent}» не существует")


def report(args, open_desk) -> int:
    period = _period(args)
    if args.fmt != "json" and args.out is None:
        raise DomainError("Для PDF и XLSX укажите файл результата: --out ФАЙЛ")
    if args.out is not None:
        _check_target(args.out)
    desk = open_desk(args)
    try:
        reports = desk.reports
        rep = reports.build(period, compare=args.compare, top_n=args.top)
        if args.fmt == "json" and args.out is None:
            sys.stdout.write(reports.json_text(rep))
            return 0
        options = reports.options(args.sections, signatory_position=args.signatory_position,
                                  signatory_name=args.signatory_name)
        reports.write(rep, args.out, args.fmt, options)
        a = rep.figure("appeals")
        print(f"Отчёт {period.phrase()}: обращений {a.current}"
              + (f" (в прошлом году {a.previous})" if a.previous is not None else "") + f" → {args.out}")
        return 0
    finally:
        desk.close()


def report_list(args, open_desk) -> int:
    from ..reports.lists import KINDS

    period = _period(args)
    _check_target(args.out)
    desk = open_desk(args)
    try:
        count = desk.reports.write_list(args.kind, period, args.fmt, args.out, as_of=args.as_of)
        print(f"{KINDS[args.kind]} {period.phrase()}: {count} → {args.out}")
        return 0
    finally:
        desk.close()


def rollup(args, open_desk) -> int:
    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise DomainError(f"Файл свода «{args.out.name}»: укажите расширение .json, .pdf или .xlsx")
    _check_target(args.out)
    desk = open_desk(args)
    try:
        reports = desk.reports
        rep = reports.rollup(args.files)
        options = reports.options(signatory_position=args.signatory_position, signatory_name=args.signatory_name)
        reports.write(rep, args.out, fmt, options)
        a = rep.figure("appeals")
        print(f"Свод {rep.period.phrase()}: организаций {len(rep.organisations)}, обращений {a.current} → {args.out}")
        return 0
    finally:
        desk.close()


HANDLERS = {"report": report, "report-list": report_list, "rollup": rollup}
