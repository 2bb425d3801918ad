"""The commands of ``appealdesk-cli``: each opens the service layer, calls it and prints Russian text."""

from __future__ import annotations

import json
from pathlib import Path

from ..domain.codes import DEADLINE_STATE_LABELS, DeadlineState
from ..errors import AppealDeskError, DomainError


def init(args, open_desk) -> int:
    desk = open_desk(args)
    summary = desk.reference.summary()
    print(f"База данных: {desk.location()}")
    print(f"Версия схемы: {desk.schema_revision()}")
    print(f"Классификатор: {summary.classifier} записей; обращений в базе: {summary.appeals}")
    who = desk.current_user
    if who is not None and who.id is None:
        print("Пользователей пока нет: первого администратора создаст мастер первого запуска или команда "
              "«appealdesk-cli user add --role admin …».")
    desk.close()
    return 0


def demo(args, open_desk) -> int:
    desk = open_desk(args)
    summary = desk.demo.make(args.appeals, seed=args.seed, year=args.year)
    print(f"База данных: {desk.location()}")
    print(f"Создано демонстрационных обращений: {summary.appeals}")
    desk.close()
    return 0


def import_xlsx(args, open_desk) -> int:
    path: Path = args.file
    if not path.is_file():
        raise DomainError(f"Файл «{path}» не найден")
    desk = open_desk(args)
    result = desk.exchange.import_journal(path)
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
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise DomainError("Дата «с» позже даты «по»")
    desk = open_desk(args)
    count = desk.exchange.export_journal(args.file, date_from=args.date_from, date_to=args.date_to)
    print(f"Выгружено обращений: {count} → {args.file}")
    desk.close()
    return 0


_STATE_TITLES = {s.value: DEADLINE_STATE_LABELS[s]
                 for s in (DeadlineState.OVERDUE, DeadlineState.DUE_TODAY, DeadlineState.DUE_SOON)}


def deadlines(args, open_desk) -> int:
    desk = open_desk(args, args.on)
    on = desk.today()
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

    desk = AppealDesk.open_to_check(getattr(args, "db", None))  # looks only: writes nothing to the file
    try:
        report = desk.check()
    finally:
        desk.close()
    print(f"База данных: {report.location}")
    print(f"Обращений: {report.appeals}; заявителей: {report.applicants}; сканов вложений: {report.scans}")
    for name, edition in report.editions:
        print(f"Справочник {name}: {edition}")
    print(f"Журнал изменений: записей {report.audit_rows}")
    if report.index_problems:
        for line in report.index_problems:
            print(line)
        raise AppealDeskError(
            "Поисковый указатель не совпадает с обращениями (файл базы не повреждён). Откройте и сохраните "
            "названные обращения в программе — их записи в указателе обновятся — и повторите проверку."
        )
    if report.indexed is not None:
        print(f"Поисковый указатель: совпадает с обращениями ({report.indexed}).")
    if report.problems:
        print("Найдены нарушения целостности:", flush=True)
        for p in report.problems:
            print(f"  {p}")
        raise AppealDeskError(
            f"База данных повреждена ({len(report.problems)} нарушений). Восстановите её из резервной копии."
        )
    print("Целостность: нарушений нет.")
    return 0


def backup(args, open_desk) -> int:
    desk = open_desk(args)
    try:
        target = desk.backups.make(args.to_dir, args.keep)
    finally:
        desk.close()
    print(f"Резервная копия: {target}")
    return 0
