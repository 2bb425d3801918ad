"""A database on a server (PostgreSQL): its URL, its driver, and why a connection failed, in Russian.

SQLAlchemy maps a bare ``postgresql://`` URL to psycopg2, which AppealDesk does not ship; the program's
driver is psycopg 3 (``postgresql+psycopg://``). The driver's own words are English and go to the log;
the user reads a Russian ``DatabaseProblem``.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import URL, make_url

from ..errors import DatabaseProblem

log = logging.getLogger(__name__)

DRIVER = "postgresql+psycopg"
# what a user may type for PostgreSQL; both mean psycopg 3 here
_BARE_NAMES = frozenset({"postgresql", "postgres"})
# seconds to wait for a server before saying it is unreachable
CONNECT_TIMEOUT = 10


def normalise_url(raw: str) -> str:
    """``postgresql://`` and ``postgres://`` become ``postgresql+psycopg://``; any other URL is kept."""
    url = make_url(raw)
    if url.drivername not in _BARE_NAMES:
        return raw
    return url.set(drivername=DRIVER).render_as_string(hide_password=False)


def is_server_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def shown(url: str | URL) -> str:
    """The URL without its password, for messages and the log."""
    return make_url(url).render_as_string(hide_password=True)


def _where(url: URL) -> str:
    host = url.host or "localhost"
    return f"{host}:{url.port or 5432}"


def driver_missing(url: str, exc: BaseException) -> DatabaseProblem:
    log.error("no driver for %s: %s", shown(url), exc)
    return DatabaseProblem(
        "driver_missing",
        "Для работы с сервером PostgreSQL нужен драйвер psycopg, но он не установлен вместе с программой. "
        "Переустановите AppealDesk (в комплект входит драйвер) или обратитесь к администратору.",
        shown(url),
    )


def connection_problem(url: str, exc: BaseException) -> DatabaseProblem:
    """A Russian message for a connection the server or the network refused; the detail goes to the log."""
    detail = str(getattr(exc, "orig", None) or exc)
    log.warning("cannot connect to %s: %s", shown(url), detail.replace("\n", " "))
    u = make_url(url)
    low = detail.lower()
    where = _where(u)
    if "password authentication failed" in low or "no password supplied" in low or (
        "role" in low and "does not exist" in low
    ):
        return DatabaseProblem(
            "access_denied",
            f"Сервер базы данных {where} не принял имя пользователя «{u.username or ''}» или пароль. "
            "Проверьте имя пользователя и пароль подключения.",
            shown(u),
        )
    if "database" in low and "does not exist" in low:
        return DatabaseProblem(
            "unreachable",
            f"На сервере {where} нет базы данных «{u.database or ''}». Проверьте её имя или попросите "
            "администратора создать пустую базу данных для AppealDesk.",
            shown(u),
        )
    if "permission denied" in low or "not permitted" in low or "pg_hba.conf" in low:
        return DatabaseProblem(
            "access_denied",
            f"Сервер базы данных {where} не разрешает пользователю «{u.username or ''}» работать с базой "
            f"данных «{u.database or ''}». Обратитесь к администратору сервера.",
            shown(u),
        )
    return DatabaseProblem(
        "unreachable",
        f"Сервер базы данных {where} недоступен. Проверьте, что он запущен, что адрес и порт указаны верно "
        "и что компьютер подключён к сети.",
        shown(u),
    )
