"""Domain errors. Every message is Russian and is shown to the user as it is."""

from __future__ import annotations

from dataclasses import dataclass


class AppealDeskError(Exception):
    """Base of every error the core raises on purpose; ``str(err)`` is a Russian message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DomainError(AppealDeskError):
    """A rule of the domain refused the operation (a second extension, closing without results...)."""


class NotFoundError(DomainError):
    """The record asked for does not exist (or was deleted)."""


class PermissionDenied(DomainError):
    """The signed-in person's role may not do this (or nobody is signed in). Raised before anything is
    written."""


class SignInFailed(DomainError):
    """A wrong login or password, a disabled user, or too many wrong tries in a row (``wait_s`` > 0)."""

    def __init__(self, message: str, wait_s: int = 0):
        super().__init__(message)
        self.wait_s = wait_s


class ConflictError(DomainError):
    """The record was changed by someone else since it was read."""


class DeadlinesWouldMove(DomainError):
    """A change of the calendar or of the deadline rule moves deadlines of appeals on consideration: the
    change is made only with ``shift`` (a ``services.values.DeadlineShift``: the list of them) confirmed."""

    def __init__(self, shift, changed: bool = False):
        self.shift = shift
        n = len(shift.moves)
        first = ("Список обращений, чей срок изменится, стал другим с тех пор, как его показали: просмотрите его "
                 "ещё раз. " if changed else "")
        super().__init__(f"{first}Изменение ({shift.what}) передвинет срок обращений на рассмотрении: {n}. "
                         "Просмотрите список и подтвердите.")


@dataclass(frozen=True)
class FieldError:
    """One invalid field: ``field`` is the code name, ``message`` the Russian text."""

    field: str
    message: str


class ValidationError(DomainError):
    """Input is invalid; ``errors`` lists every bad field so that a form can mark them all."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]):
        self.errors = tuple(errors)
        text = "; ".join(e.message for e in self.errors) or "Неверные данные"
        super().__init__(text)


@dataclass(frozen=True)
class RowError:
    """One problem of an imported row: ``row`` is the spreadsheet row number, ``column`` its header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"строка {self.row}" if self.row else "файл"
        if self.column:
            where += f", столбец «{self.column}»"
        return f"{where}: {self.message}"


class ImportRejected(DomainError):
    """An import was refused as a whole; ``errors`` names every bad row and column."""

    def __init__(self, errors: list[RowError]):
        self.errors = tuple(errors)
        head = f"Импорт отменён, в базу ничего не записано. Ошибок: {len(self.errors)}."
        body = "\n".join(str(e) for e in self.errors[:200])
        more = "" if len(self.errors) <= 200 else f"\n… и ещё {len(self.errors) - 200}"
        super().__init__(f"{head}\n{body}{more}")


class DatabaseProblem(AppealDeskError):
    """The database cannot be used as it is; the file is left untouched.

    ``reason`` is a code the desktop uses to choose what to offer (``damaged``, ``locked``,
    ``read_only``, ``newer_schema``, ``not_a_database``, ``unreachable``, ``disk_full``, ``io_error``,
    ``empty_file``, ``backup_failed``, ``migration_failed``).
    """

    def __init__(self, reason: str, message: str, path: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.path = path
