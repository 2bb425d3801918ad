"""Who may do what: the office's roles and the permissions each one holds. Pure rules, no storage.

An office is a head (глава), a clerk or two, a few executors; a district office adds clerks. The table
below is the one definition of the roles; the service layer checks it on every call (``services.access``)
and the desktop reads it to grey out what the signed-in person cannot do.
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    READ = "read"  # the journal, the cards, the calendar, the reception day, the history
    PRINT = "print"  # the card, the schedule, the visitor list, reminders
    REPORT = "report"  # the published reports and the lists of a period
    CHECK = "check"  # the integrity check of the database
    AUTO_BACKUP = "backup.auto"  # the copy the program makes by itself into the office's backup folder

    REGISTER = "appeal.register"
    EDIT = "appeal.edit"
    RESOLUTION = "appeal.resolution"
    EXTEND = "appeal.extend"
    FORWARD = "appeal.forward"
    NOTICE = "appeal.notice"  # the notices sent to the applicant (forwarding, extension)
    DOCUMENTS = "appeal.documents"  # requests for documents to and from other bodies (59-FZ art. 10 p. 2)
    ANSWER = "appeal.answer"  # the answer and the results of the questions
    CLOSE = "appeal.close"
    REOPEN = "appeal.reopen"
    DELETE = "appeal.delete"  # delete and restore
    ATTACH = "attachment.add"
    DETACH = "attachment.remove"
    APPLICANTS = "applicant.merge"
    PROMISE = "promise"  # promises of an answer on secondary control
    LETTER = "letter"  # outgoing letters from the templates: numbered, attached, notices recorded
    SSTU = "report.sstu"  # the monthly upload to ССТУ.РФ (Указ № 171) and its remembered state
    RECEPTION = "reception"  # bookings and reception cards
    SCHEDULE = "reception.schedule"  # the officials' reception schedules
    FAVOURITES = "classifier.favourites"
    EXPORT = "exchange.export"
    IMPORT = "exchange.import"
    BACKUP = "backup.make"  # a backup at once, into any folder

    SETTINGS = "settings"  # the organisation, numbering, deadlines, officials, settlements
    CALENDAR = "calendar"  # the production calendar's overrides
    USERS = "users"
    RESTORE = "backup.restore"
    MOVE = "database.move"  # copy the whole database to a server
    DEMO = "demo"


P = Permission

ROLES = ("admin", "head", "clerk", "executor", "viewer")

ROLE_LABELS = {
    "admin": "Администратор",
    "head": "Глава",
    "clerk": "Специалист по обращениям",
    "executor": "Исполнитель",
    "viewer": "Просмотр",
}

ROLE_DESCRIPTIONS = {
    "admin": "всё, включая настройки, пользователей, нумерацию, календарь, восстановление и удаление",
    "head": "резолюции, продление сроков, подписи и всё, что может специалист",
    "clerk": "регистрация, переадресация, ответы, приём граждан, отчёты, письма",
    "executor": "видит все обращения; вносит ответы и результаты по своим вопросам, вложения и заметки",
    "viewer": "только просмотр и печать",
}

_VIEWER = frozenset({P.READ, P.PRINT, P.REPORT, P.CHECK, P.AUTO_BACKUP})
# an executor may do these only on the appeals whose questions are assigned to them
ASSIGNED_ONLY = frozenset({P.ANSWER, P.ATTACH, P.PROMISE})
_EXECUTOR = _VIEWER | ASSIGNED_ONLY
_CLERK = _VIEWER | {
    P.REGISTER, P.EDIT, P.FORWARD, P.NOTICE, P.DOCUMENTS, P.ANSWER, P.CLOSE, P.REOPEN, P.ATTACH, P.DETACH,
    P.APPLICANTS, P.PROMISE, P.RECEPTION, P.SCHEDULE, P.FAVOURITES, P.EXPORT, P.IMPORT, P.BACKUP, P.LETTER, P.SSTU,
}
_HEAD = _CLERK | {P.RESOLUTION, P.EXTEND}

GRANTS: dict[str, frozenset[Permission]] = {
    "admin": frozenset(Permission),
    "head": frozenset(_HEAD),
    "clerk": frozenset(_CLERK),
    "executor": frozenset(_EXECUTOR),
    "viewer": _VIEWER,
}

# what a refusal says the person tried to do
ACTION_TEXT = {
    P.READ: "просматривать данные",
    P.PRINT: "печатать документы",
    P.REPORT: "составлять отчёты",
    P.CHECK: "проверять базу данных",
    P.AUTO_BACKUP: "делать резервные копии",
    P.REGISTER: "регистрировать обращения",
    P.EDIT: "изменять регистрационную карточку",
    P.RESOLUTION: "вносить резолюции",
    P.EXTEND: "продлевать срок рассмотрения",
    P.FORWARD: "переадресовывать обращения",
    P.NOTICE: "отмечать уведомления заявителю",
    P.DOCUMENTS: "вести запросы документов по обращениям",
    P.ANSWER: "вносить ответы и результаты",
    P.CLOSE: "закрывать обращения",
    P.REOPEN: "возобновлять рассмотрение",
    P.DELETE: "удалять и восстанавливать обращения",
    P.ATTACH: "добавлять вложения",
    P.DETACH: "удалять вложения",
    P.APPLICANTS: "объединять заявителей",
    P.PROMISE: "вести контроль обещаний",
    P.LETTER: "составлять письма заявителям и в органы",
    P.SSTU: "выгружать сведения в ССТУ.РФ",
    P.RECEPTION: "записывать на приём и вести карточки приёма",
    P.SCHEDULE: "изменять графики приёма",
    P.FAVOURITES: "изменять избранные вопросы классификатора",
    P.EXPORT: "выгружать журнал",
    P.IMPORT: "загружать журнал",
    P.BACKUP: "делать резервные копии",
    P.SETTINGS: "изменять настройки",
    P.CALENDAR: "изменять производственный календарь",
    P.USERS: "управлять пользователями",
    P.RESTORE: "восстанавливать базу из копии",
    P.MOVE: "переносить базу данных на сервер",
    P.DEMO: "загружать демонстрационные данные",
}


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def may(role: str, permission: Permission) -> bool:
    """Whether the role holds the permission at all (for an executor, on their own appeals at least)."""
    return permission in GRANTS.get(role, frozenset())


def only_assigned(role: str, permission: Permission) -> bool:
    """Whether the role holds the permission only for the appeals assigned to the person."""
    return role == "executor" and permission in ASSIGNED_ONLY
