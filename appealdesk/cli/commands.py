"""The commands of ``appealdesk-cli``: each opens the service layer, calls it and prints Russian text."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import false, func, select

from ..errors import AppealDeskError, DomainError
from ..storage.models import Appeal, Applicant, ClassifierEntry, ReferenceEdition


def _where(desk) -> str:
    return str(desk.db.path) if desk.db.path else desk.db.url


def init(args, open_desk) -> int:
    from ..storage.database import current_revision

    desk = open_desk(args)
    with desk.ctx.read() as s:
        classifier = s.scalar(select(func.count()).select_from(ClassifierEntry))
        appeals = s.scalar(select(func.count()).select_from(Appeal))
    print(f"База данных: {_where(desk)}")
    print(f"Версия схемы: {current_revision(desk.db)}")
    print(f"Классификатор: {classifier} записей; обращений в базе: {appeals}")
    desk.close()
    return 0


def demo(args, open_desk) -> int:
    from ..demo.generator import make_demo

    desk = open_desk(args)
    summary = make_demo(desk, args.appeals, seed=args.seed, year=args.year)
    print(f"База данных: {_where(desk)}")
    print(f"Создано демонстрационных обращений: {summary.appeals}")
    desk.close()
    return 0


def import_xlsx(args, open_desk) -> int:
    from ..exchange.journal_import import import_journal

    path: Path = args.file
    if not path.is_file():
        raise DomainError(f"Файл «{path}» не найден")
    desk = open_desk(args)
    result = import_journal(desk, path)
    print(f"Загружено обращений: {result.count}")
    if result.created_settlements:
        print("Добавлены населённые пункты: " + ", ".join(result.created_settlements))
    if result.created_executors:
        print("Добавлены исполнители: " + ", ".join(result.created_executors))
    for notice in result.notices():
        print(notice)
    desk.close()
    return 0


def export_xlsx(args, open_desk) -> int:
    from ..exchange.journal_export import export_journal

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise DomainError("Дата «с» позже даты «по»")
    desk = open_desk(args)
    count = export_journal(desk, args.file, date_from=args.date_from, date_to=args.date_to)
    print(f"Выгружено обращений: {count} → {args.file}")
    desk.close()
    return 0


_STATE_TITLES = {"overdue": "Просрочено", "due_today": "Срок сегодня", "due_soon": "Срок скоро"}


def deadlines(args, open_desk) -> int:
    desk = open_desk(args, args.on)
    on = desk.ctx.today()
    items = desk.deadlines.due(on)
    if args.json:
        out = {
            "on": on.isoformat(),
            "counts": {k: sum(1 for i in items if i.state == k) for k in _STATE_TITLES},
            "appeals": [
                {
                    "id": i.id,
                    "reg_number": i.reg_number,
                    "applicant": i.applicant,
                    "executor": i.executor,
                    "deadline": i.deadline.isoformat(),
                    "control_deadline": i.control_deadline.isoformat(),
                    "extended": i.extended,
                    "state": i.state,
                    "days_left": i.days_left,
                }
                for i in items
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        desk.close()
        return 0
    print(f"Сроки на {on:%d.%m.%Y}")
    for state, title in _STATE_TITLES.items():
        group = [i for i in items if i.state == state]
        print(f"\n{title}: {len(group)}")
        for i in group:
            ext = " (продлён)" if i.extended else ""
            who = f" — {i.executor}" if i.executor else ""
            print(f"  № {i.reg_number:<14} срок {i.deadline:%d.%m.%Y}{ext}  {i.applicant}{who}")
    desk.close()
    return 0


def check(args, open_desk) -> int:
    from ..services import AppealDesk
    from ..storage.database import integrity_report, open_read_only
    from ..storage.search_index import verify_index

    desk = AppealDesk(open_read_only(getattr(args, "db", None)))  # looks only: writes nothing to the file
    problems = integrity_report(desk.db)
    with desk.ctx.read() as s:
        appeals = s.scalar(select(func.count()).select_from(Appeal).where(Appeal.deleted == false()))
        applicants = s.scalar(select(func.count()).select_from(Applicant))
        editions = s.execute(select(ReferenceEdition.name, ReferenceEdition.edition)).all()
        index = verify_index(s) if not problems else None
    print(f"База данных: {_where(desk)}")
    print(f"Обращений: {appeals}; заявителей: {applicants}")
    for name, edition in editions:
        print(f"Справочник {name}: {edition}")
    desk.close()
    if index is not None and not index.ok:
        for line in index.problems():
            print(line)
        raise AppealDeskError(
            "Поисковый указатель не совпадает с обращениями (файл базы не повреждён). Откройте и сохраните "
            "названные обращения в программе — их записи в указателе обновятся — и повторите проверку."
        )
    if index is not None:
        print(f"Поисковый указатель: совпадает с обращениями ({index.appeals}).")
    if problems:
        print("Найдены нарушения целостности:", flush=True)
        for p in problems:
            print(f"  {p}")
        raise AppealDeskError(
            f"База данных повреждена ({len(problems)} нарушений). Восстановите её из резервной копии."
        )
    print("Целостность: нарушений нет.")
    return 0


def backup(args, open_desk) -> int:
    from ..paths import default_backup_dir
    from ..storage.backup import backup_database

    desk = open_desk(args)
    settings = desk.settings.get()
    to_dir = args.to_dir or (Path(settings.backup_dir) if settings.backup_dir else default_backup_dir(desk.db.path))
    to_dir = to_dir.expanduser().resolve()
    keep = args.keep or settings.backup_keep
    target = backup_database(desk.db, to_dir, keep=keep)
    print(f"Резервная копия: {target}")
    desk.close()
    return 0
