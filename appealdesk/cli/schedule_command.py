"""``appealdesk-cli schedule --from D --to D --out F.pdf``: the printed reception schedule of a period."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parsers(sub, common) -> None:
    from .main import parse_date

    p = sub.add_parser("schedule", parents=[common], help="график личного приёма граждан за период (PDF)")
    p.add_argument("--from", dest="date_from", type=parse_date, required=True, help="с даты (ДД.ММ.ГГГГ)")
    p.add_argument("--to", dest="date_to", type=parse_date, required=True, help="по дату (ДД.ММ.ГГГГ)")
    p.add_argument("--out", type=Path, required=True, help="файл PDF")


def schedule(args, open_desk) -> int:
    desk = open_desk(args)
    try:
        out = args.out if args.out.suffix.lower() == ".pdf" else args.out.with_suffix(".pdf")
        doc = desk.reception.write_schedule_pdf(args.date_from, args.date_to, out)
        print(f"{doc.title.capitalize()} сохранён: {out}", file=sys.stderr)
    finally:
        desk.close()
    return 0


HANDLERS = {"schedule": schedule}
