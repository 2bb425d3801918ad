"""``appealdesk-cli letter``: a letter of an appeal from the office's template, numbered from the outgoing
series, attached to the appeal, its notice date recorded — as the card's «Письмо…» makes it.

    appealdesk-cli letter --number "12-ОГ/26" --kind answer --text "Отопление восстановлено." --out ответ.docx --pdf
    appealdesk-cli letter --number "12-ОГ/26" --kind forwarding_notice --out уведомление.docx
    appealdesk-cli letter --list-kinds --number "12-ОГ/26"

Exit codes as every command: 0 success; 1 bad input or a database problem (a Russian message on stderr);
2 a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path


def add_parsers(sub, common) -> None:
    from ..letters.kinds import CODES, KINDS
    from .main import parse_date

    kinds = "; ".join(f"{k.code} — {k.title.lower()}" for k in KINDS)
    p = sub.add_parser("letter", parents=[common], help="письмо по обращению из шаблона (DOCX, по желанию PDF)",
                       description=f"Виды писем: {kinds}.")
    p.add_argument("--number", required=True, help="регистрационный номер обращения, например «12-ОГ/26»")
    p.add_argument("--kind", choices=CODES, default=None, metavar="ВИД", help="вид письма (см. описание команды)")
    p.add_argument("--out", type=Path, default=None, help="файл DOCX письма")
    p.add_argument("--pdf", action="store_true", help="также PDF (рядом с DOCX и во вложениях обращения)")
    p.add_argument("--date", dest="made_on", type=parse_date, default=None, help="дата письма (по умолчанию сегодня)")
    p.add_argument("--text", default=None, help="текст письма (ответ, основание, причина); «\\n» — новый абзац")
    p.add_argument("--text-file", type=Path, default=None, help="текст письма из файла (UTF-8)")
    p.add_argument("--final-date", dest="final_on", type=parse_date, default=None,
                   help="промежуточный ответ: дата окончательного ответа")
    p.add_argument("--url", default=None, help="ответ размещён на сайте: адрес страницы")
    p.add_argument("--decision-date", dest="decision_on", type=parse_date, default=None,
                   help="прекращение переписки: дата решения")
    p.add_argument("--reception-date", dest="reception_on", type=parse_date, default=None,
                   help="приглашение на приём: дата")
    p.add_argument("--reception-time", dest="reception_at", default=None, help="приглашение на приём: время")
    p.add_argument("--reception-place", default=None, help="приглашение на приём: место")
    p.add_argument("--enclosure", default=None, help="отметка о приложении («обращение на 2 л. в 1 экз.»)")
    p.add_argument("--signatory", default=None, help="кто подписывает: head (глава из настроек) или official:ID")
    p.add_argument("--list-kinds", action="store_true", help="показать, какие письма можно составить по обращению")


def letter(args, open_desk) -> int:
    from ..errors import DomainError
    from ..letters.values import LetterInput

    desk = open_desk(args)
    try:
        card = desk.appeals.by_number(args.number)
        if args.list_kinds:
            for c in desk.letters.kinds(card.id):
                mark = "*" if c.suggested else " "
                state = f"срок до {c.term_on:%d.%m.%Y}" if c.term_on else ""
                print(f"{mark} {c.code:22} {c.title}" + (f" — нельзя: {c.why_not}" if not c.available else
                                                          (f" ({state})" if state else "")))
            return 0
        if args.kind is None:
            raise DomainError("Укажите вид письма: --kind (список видов — в --help или --list-kinds)")
        if args.out is None:
            raise DomainError("Укажите файл письма: --out ФАЙЛ.docx")
        out = args.out if args.out.suffix.lower() == ".docx" else args.out.with_suffix(".docx")
        text = args.text.replace("\\n", "\n") if args.text is not None else None
        if args.text_file is not None:
            text = args.text_file.read_text(encoding="utf-8")
        data = LetterInput(
            kind=args.kind, made_on=args.made_on, text=text, final_on=args.final_on, url=args.url,
            decision_on=args.decision_on, reception_on=args.reception_on, reception_at=args.reception_at,
            reception_place=args.reception_place, enclosure=args.enclosure, signatory=args.signatory, pdf=args.pdf,
        )
        saved = desk.letters.save(card.id, data, out=out)
        for warning in saved.warnings:
            print(f"Внимание: {warning}", file=sys.stderr)
        letter = saved.letter
        print(f"{letter.title}: {letter.number} от {letter.made_on:%d.%m.%Y}, обращение № {card.reg_number} — {out}",
              file=sys.stderr)
        if args.pdf:
            pdf = out.with_suffix(".pdf")
            from ..private_files import make_private

            pdf.write_bytes(desk.letters.pdf(letter.id))
            make_private(pdf)
            print(f"PDF: {pdf}", file=sys.stderr)
    finally:
        desk.close()
    return 0


HANDLERS = {"letter": letter}
