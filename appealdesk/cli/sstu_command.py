"""``appealdesk-cli sstu --from D --to D --out FILE.zip``: the monthly upload to ССТУ.РФ (Указ № 171).

Every record is checked first; the problems are listed per appeal on stderr (and in a text file beside the
archive). ``--strict`` writes nothing when any record has a problem. The next upload of the same period
takes only the appeals not uploaded yet or changed since (``--all``: every appeal of the period).
"""

from __future__ import annotations

import sys
from pathlib import Path


def add_parsers(sub, common) -> None:
    from .main import parse_date

    p = sub.add_parser("sstu", parents=[common], help="выгрузка результатов рассмотрения обращений в ССТУ.РФ (ZIP)")
    p.add_argument("--from", dest="date_from", type=parse_date, required=True,
                   help="начало периода, по дате регистрации (ДД.ММ.ГГГГ)")
    p.add_argument("--to", dest="date_to", type=parse_date, required=True, help="конец периода (включительно)")
    p.add_argument("--out", type=Path, default=None, help="файл архива ZIP (без него — только проверка)")
    p.add_argument("--strict", action="store_true", help="ничего не записывать, если у какой-либо записи есть ошибки")
    p.add_argument("--all", dest="everything", action="store_true",
                   help="все обращения периода, а не только невыгруженные и изменившиеся")


def sstu(args, open_desk) -> int:
    from ..sstu.build import STATUS_LABELS

    desk = open_desk(args)
    try:
        if args.out is None:
            check = desk.sstu.check(args.date_from, args.date_to, everything=args.everything)
            files, problems_file, written = (), None, check.ready
        else:
            result = desk.sstu.upload(args.date_from, args.date_to, args.out, strict=args.strict,
                                      everything=args.everything)
            check, files, problems_file, written = result.check, result.files, result.problems_file, result.written
        st = check.state
        print(f"Период {st.date_from:%d.%m.%Y}–{st.date_to:%d.%m.%Y}: обращений {st.appeals} (выгружено {st.uploaded}, "
              f"изменилось после выгрузки {st.changed}, не выгружено {st.not_uploaded}); не входят в выгрузку: "
              f"сообщения ПОС и соцсетей — {st.messages}, запросы по 8-ФЗ — {st.info_requests}.", file=sys.stderr)
        if st.changed_earlier:
            print(f"Изменились после выгрузки обращения прошлых периодов: {st.changed_earlier}.", file=sys.stderr)
        for status, n in sorted(check.statuses.items(), key=lambda kv: -kv[1]):
            print(f"  {STATUS_LABELS.get(status, status)} ({status}): вопросов {n}", file=sys.stderr)
        for p in check.problems:
            print(f"Не выгружено: {p.text()}", file=sys.stderr)
        what = "записано" if files else "готово к выгрузке"
        print(f"Обращений {what}: {written}; с ошибками: {len(check.problems)}.", file=sys.stderr)
        for f in files:
            print(f"Архив: {f}", file=sys.stderr)
        if problems_file is not None:
            print(f"Список невыгруженных: {problems_file}", file=sys.stderr)
    finally:
        desk.close()
    return 0


HANDLERS = {"sstu": sstu}
