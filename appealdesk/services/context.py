"""What every service shares: the database, the user, "today", and caches of the slow-changing data.

``unit_of_work`` opens one session per service call, commits on success and rolls back on any error;
database errors become Russian domain errors.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..domain.calendar import WorkCalendar
from ..domain.deadlines import DeadlineEngine
from ..domain.roles import Permission
from ..errors import DatabaseProblem, DomainError, PermissionDenied
from ..storage import faults
from ..storage.database import Database, begin_write
from ..storage.models import CalendarOverride, ClassifierEntry, User, VocabularyEntry
from .access import Principal, not_assigned, only_assigned, refusal
from .journal_values import vocabulary_label
from .office_settings import OfficeSettings
from .settings_store import read_settings

log = logging.getLogger(__name__)

# how long a role read from the database is trusted before it is read again: an administrator who
# disables a user or changes a role on another workstation is obeyed within this many seconds
PRINCIPAL_TTL_S = 10.0


class ServiceContext:
    def __init__(self, db: Database, today: Callable[[], date] | None = None):
        from . import input_text

        input_text.install(db.engine)  # a lone surrogate in any text never reaches the driver
        self.db = db
        self._today = today or date.today
        self._lock = threading.RLock()
        self._principal: Principal | None = None
        self._principal_read = 0.0
        self._settings: OfficeSettings | None = None
        self._engine: DeadlineEngine | None = None
        self._vocab: dict[str, dict[str, str]] | None = None
        self._question_codes: frozenset[str] | None = None

    # -- who -------------------------------------------------------------------------------------
    @property
    def principal(self) -> Principal | None:
        return self._principal

    def act_as(self, principal: Principal | None) -> None:
        with self._lock:
            self._principal = principal
            self._principal_read = time.monotonic()

    @property
    def user(self) -> str:
        """The name the history and the audit log show for the signed-in person."""
        p = self._principal
        return p.name if p is not None else ""

    @property
    def user_id(self) -> int | None:
        p = self._principal
        return p.id if p is not None else None

    def require(self, permission: Permission) -> Principal:
        """The signed-in person, if their role holds ``permission``; else ``PermissionDenied``."""
        principal = self._current()
        if principal is None or not principal.may(permission):
            raise refusal(principal, permission)
        return principal

    def require_assigned(self, permission: Permission, number: str, executor_ids) -> None:
        """For an executor (who holds ``permission`` only on their own appeals): refuse unless one of
        ``executor_ids`` (the appeal's and its questions' executors) is the official linked to them."""
        principal = self.require(permission)
        if not only_assigned(principal.role, permission):
            return
        if principal.official_id is None or principal.official_id not in set(executor_ids):
            raise not_assigned(principal, permission, number)

    def assigned_to_me(self, executor_id: int | None) -> bool:
        """Whether an executor-only permission covers a question with this executor."""
        p = self._principal
        return p is not None and (p.role != "executor" or (p.official_id is not None and executor_id == p.official_id))

    def _current(self) -> Principal | None:
        p = self._principal
        if p is None or p.id is None or time.monotonic() - self._principal_read < PRINCIPAL_TTL_S:
            return p
        with self.read() as s:
            row = s.get(User, p.id)
            fresh = None
            if row is not None and row.active:
                fresh = Principal(row.id, row.login, row.full_name, row.role, row.official_id)
        if fresh is None:
            self.act_as(None)
            raise PermissionDenied(
                f"Учётная запись «{p.login}» отключена администратором: войдите под другим пользователем."
            )
        self.act_as(fresh)
        return fresh

    # -- time ------------------------------------------------------------------------------------
    def today(self) -> date:
        return self._today()

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    # -- unit of work ----------------------------------------------------------------------------
    @contextmanager
    def uow(self) -> Iterator[Session]:
        session = self.db.writer()
        try:
            begin_write(session)
            yield session
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            log.warning("integrity error: %s", _short(exc))
            raise DomainError(
                "Запись не сохранена: она противоречит данным, которые уже есть в базе "
                "(например, такой номер или такая запись уже существует)."
            ) from exc
        except DBAPIError as exc:
            session.rollback()
            raise _operational(exc, self.db) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self.db.session_factory()
        try:
            yield session
        except DBAPIError as exc:
            raise _operational(exc, self.db, changed=False) from exc
        finally:
            session.rollback()
            session.close()

    # -- caches ----------------------------------------------------------------------------------
    def settings(self) -> OfficeSettings:
        with self._lock:
            if self._settings is None:
                with self.read() as s:
                    self._settings = read_settings(s)
            return self._settings

    def engine(self) -> DeadlineEngine:
        with self._lock:
            if self._engine is None:
                with self.read() as s:
                    overrides = {d: w for d, w in s.execute(select(CalendarOverride.day, CalendarOverride.is_working))}
                self._engine = DeadlineEngine(WorkCalendar(overrides), self.settings().deadline_rules())
            return self._engine

    def vocabulary(self) -> dict[str, dict[str, str]]:
        """``{group: {code: label}}`` of every vocabulary, in file order."""
        with self._lock:
            if self._vocab is None:
                out: dict[str, dict[str, str]] = {}
                with self.read() as s:
                    rows = s.execute(
                        select(VocabularyEntry.group, VocabularyEntry.code, VocabularyEntry.label).order_by(
                            VocabularyEntry.group, VocabularyEntry.position
                        )
                    )
                    for group, code, label in rows:
                        out.setdefault(group, {})[code] = label
                self._vocab = out
            return self._vocab

    def question_codes(self) -> frozenset[str]:
        """Classifier codes a question may carry (levels 4 and 5), cached."""
        with self._lock:
            if self._question_codes is None:
                with self.read() as s:
                    self._question_codes = frozenset(
                        s.scalars(select(ClassifierEntry.code).where(ClassifierEntry.level >= 4))
                    )
            return self._question_codes

    def label(self, group: str, code: str | None) -> str:
        return vocabulary_label(self.vocabulary(), group, code)

    def invalidate(self) -> None:
        """Forget cached settings, calendar and vocabularies (after they were changed)."""
        with self._lock:
            self._settings = None
            self._engine = None
            self._vocab = None
            self._question_codes = None


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", exc))
    return text.splitlines()[0][:200]


def _operational(exc: DBAPIError, db: Database, *, changed: bool = True) -> Exception:
    """The Russian ``DatabaseProblem`` of a database error: a full disk, an I/O error or a refused
    permission is told apart from damage (``storage.faults``); only real damage advises a backup."""
    path = db.where
    kind = faults.fault_of(exc, db.path)
    if kind == faults.LOCKED:
        return DatabaseProblem(
            "locked",
            "База данных занята: другая программа или другой пользователь сейчас записывает в неё (например, "
            "идёт загрузка журнала). Ничего не потеряно: повторите действие через минуту.",
            path,
        )
    if kind in (faults.DISK_FULL, faults.IO_ERROR, faults.READ_ONLY):
        log.warning("database %s: %s", kind, _short(exc))
        return faults.problem(kind, db.path, changed=changed)
    if kind == faults.DAMAGED:
        log.error("database damaged: %s", _short(exc))
        return DatabaseProblem(
            "damaged",
            "База данных повреждена. Восстановите её из резервной копии (Файл → Восстановить из копии).",
            path,
        )
    log.error("database error: %s", _short(exc))
    return DatabaseProblem(
        "unreachable",
        "Не удалось выполнить действие с базой данных. Повторите его; если ошибка повторится, "
        "проверьте базу (Файл → Проверить базу данных) или восстановите её из резервной копии.",
        path,
    )
