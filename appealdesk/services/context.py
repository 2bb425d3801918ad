"""What every service shares: the database, the user, "today", and caches of the slow-changing data.

``unit_of_work`` opens one session per service call, commits on success and rolls back on any error;
database errors become Russian domain errors.
"""

from __future__ import annotations

import getpass
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from ..domain.calendar import WorkCalendar
from ..domain.deadlines import DeadlineEngine
from ..errors import DatabaseProblem, DomainError
from ..storage import faults
from ..storage.database import Database
from ..storage.models import CalendarOverride, ClassifierEntry, VocabularyEntry
from .journal_values import vocabulary_label
from .office_settings import OfficeSettings
from .settings_store import read_settings

log = logging.getLogger(__name__)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "пользователь"


class ServiceContext:
    def __init__(self, db: Database, user: str | None = None, today: Callable[[], date] | None = None):
        from . import input_text

        input_text.install(db.engine)  # a lone surrogate in any text never reaches the driver
        self.db = db
        self.user = user or _default_user()
        self._today = today or date.today
        self._lock = threading.RLock()
        self._settings: OfficeSettings | None = None
        self._engine: DeadlineEngine | None = None
        self._vocab: dict[str, dict[str, str]] | None = None
        self._question_codes: frozenset[str] | None = None

    # -- time ------------------------------------------------------------------------------------
    def today(self) -> date:
        return self._today()

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    # -- unit of work ----------------------------------------------------------------------------
    @contextmanager
    def uow(self) -> Iterator[Session]:
        session = self.db.session_factory()
        try:
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
    path = str(db.path) if db.path else db.url
    kind = faults.fault_of(exc, db.path)
    if kind == faults.LOCKED:
        return DatabaseProblem(
            "locked",
            "База данных занята другой программой или другим пользователем. Повторите через минуту.",
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
