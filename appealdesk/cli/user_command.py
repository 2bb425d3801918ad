"""``appealdesk-cli user …``: the office's people.

    appealdesk-cli user add --login ivanova --name "Иванова Мария Петровна" --role clerk [--official ID]
    appealdesk-cli user list
    appealdesk-cli user set-role ivanova head
    appealdesk-cli user disable ivanova          (never deleted: the history refers to them)
    appealdesk-cli user enable ivanova
    appealdesk-cli user set-password ivanova     (an administrator sets someone's password)
    appealdesk-cli user reset-password admin     (a forgotten password: whoever holds the database file)

New passwords come from the variable ``APPEALDESK_NEW_PASSWORD`` or are typed twice at a prompt; the
signed-in administrator's own password from ``APPEALDESK_PASSWORD`` (see ``--user``).
"""

from __future__ import annotations

NEW_PASSWORD = "APPEALDESK_NEW_PASSWORD"


def add_parsers(sub, common) -> None:
    from ..domain.roles import ROLE_LABELS, ROLES

    roles = ", ".join(f"{r} — {ROLE_LABELS[r].lower()}" for r in ROLES)
    user = sub.add_parser("user", parents=[common], help="пользователи программы: добавить, список, роли, пароли")
    act = user.add_subparsers(dest="user_command", metavar="действие")
    act.required = True

    add = act.add_parser("add", parents=[common], help="добавить пользователя")
    add.add_argument("--login", required=True, help="имя пользователя для входа (латиница или кириллица)")
    add.add_argument("--name", required=True, help="фамилия, имя и отчество")
    add.add_argument("--role", required=True, choices=ROLES, help=f"роль: {roles}")
    add.add_argument("--position", default=None, help="должность")
    add.add_argument("--official", type=int, default=None, metavar="ID",
                     help="номер должностного лица (исполнителя), чьи вопросы — «мои» для этого пользователя")

    act.add_parser("list", parents=[common], help="список пользователей")

    role = act.add_parser("set-role", parents=[common], help="сменить роль пользователя")
    role.add_argument("login", help="имя пользователя")
    role.add_argument("role", choices=ROLES, help=f"новая роль: {roles}")

    for name, text in (("disable", "отключить пользователя (история его действий сохраняется)"),
                       ("enable", "снова включить пользователя"),
                       ("set-password", "задать пароль пользователю (администратор)"),
                       ("reset-password", "сбросить забытый пароль (для владельца файла базы; записывается "
                                          "в журнал изменений)")):
        p = act.add_parser(name, parents=[common], help=text)
        p.add_argument("login", help="имя пользователя")


def user(args, open_desk) -> int:
    from .main import ask_password

    command = args.user_command
    desk = open_desk(args, sign_in=command != "reset-password")
    try:
        svc = desk.users
        if command == "add":
            from ..services.users import UserInput

            password = None
            if (desk.current_user is not None and desk.current_user.id is not None) or _has(NEW_PASSWORD):
                password = ask_password(f"Пароль нового пользователя «{args.login}»: ", NEW_PASSWORD, confirm=True)
            view = svc.add(UserInput(args.login, args.name, args.role, position=args.position,
                                     official_id=args.official, password=password or None))
            print(f"Добавлен пользователь «{view.login}»: {view.full_name}, роль «{view.role_label}»"
                  + ("" if view.has_password else " (без пароля: пока он единственный пользователь)"))
        elif command == "list":
            _print_list(svc.list())
        elif command == "set-role":
            view = svc.set_role(args.login, args.role)
            print(f"Пользователь «{view.login}»: роль «{view.role_label}»")
        elif command == "disable":
            view = svc.disable(args.login)
            print(f"Пользователь «{view.login}» отключён; история его действий сохранена.")
        elif command == "enable":
            view = svc.enable(args.login)
            print(f"Пользователь «{view.login}» снова может входить в программу.")
        else:
            password = ask_password(f"Новый пароль пользователя «{args.login}»: ", NEW_PASSWORD, confirm=True)
            if command == "set-password":
                view = svc.set_password(args.login, password)
                print(f"Пароль пользователя «{view.login}» задан.")
            else:
                view = svc.reset_password(args.login, password)
                print(f"Пароль пользователя «{view.login}» сброшен; учётная запись включена. "
                      "Запись о сбросе сделана в журнале изменений.")
    finally:
        desk.close()
    return 0


def _has(variable: str) -> bool:
    import os

    return variable in os.environ


def _print_list(users) -> None:
    if not users:
        print("Пользователей нет: программа работает без входа (первоначальная настройка).")
        return
    width = max(len(u.login) for u in users)
    for u in users:
        state = "" if u.active else "  [отключён]"
        last = f", вход {u.last_sign_in:%d.%m.%Y %H:%M}" if u.last_sign_in else ""
        official = f", исполнитель: {u.official_name}" if u.official_name else ""
        password = "" if u.has_password else ", без пароля"
        print(f"{u.login:<{width}}  {u.full_name} — {u.role_label}{official}{password}{last}{state}")


HANDLERS = {"user": user}
