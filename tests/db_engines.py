"""Which database engine the tests run on, and fresh databases on it, made quickly from templates.

SQLite (the default): a template is a file built once per session; each test copies it.
PostgreSQL (``--pg URL`` or ``APPEALDESK_TEST_PG=URL``, the URL of a server whose user may create
databases): a template is a database built once per session; each test gets
``CREATE DATABASE ... TEMPLATE ...``, dropped after the test.

A "location" is what ``AppealDesk.open`` takes: a file path on SQLite, a URL on PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

ENV = "APPEALDESK_TEST_PG"
OPTION = "--pg"
SQLITE_ONLY = "sqlite_only"

Location = Path | str


def server_url(config) -> str | None:
    """The PostgreSQL server the tests were asked to use, or ``None`` for SQLite."""
    return config.getoption(OPTION, default=None) or os.environ.get(ENV) or None


class SqliteDatabases:
    name = "sqlite"

    def __init__(self, tmp_path_factory):
        self._tmp = tmp_path_factory

    def template(self, name: str, build: Callable[[Location], None]) -> Path:
        path = self._tmp.mktemp(f"template-{name}") / f"{name}.sqlite3"
        build(path)
        return path

    def empty(self, folder: Path, name: str) -> Path:
        """A location where nothing exists yet (``AppealDesk.open`` creates the database)."""
        return folder / f"{name}.sqlite3"

    def copy(self, template: Path, folder: Path, name: str) -> Path:
        path = folder / f"{name}.sqlite3"
        shutil.copyfile(template, path)
        return path

    def drop(self, location: Location) -> None:
        """Files go with the test's temporary folder."""

    def close(self) -> None:
        pass


class PostgresDatabases:
    """Databases on one PostgreSQL server, named ``adt<pid>_<n>_<name>`` so that runs do not meet."""

    name = "postgresql"

    def __init__(self, url: str):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        from appealdesk.storage.server import normalise_url

        self._url = make_url(normalise_url(url))
        self._admin = create_engine(self._url, isolation_level="AUTOCOMMIT", pool_size=1)
        self._prefix = f"adt{os.getpid()}_"
        self._counter = itertools.count(1)
        self._made: list[str] = []

    def url_of(self, database: str) -> str:
        return self._url.set(database=database).render_as_string(hide_password=False)

    def _new_name(self, name: str) -> str:
        slug = re.sub(r"[^a-z0-9_]", "_", name.lower())
        return f"{self._prefix}{next(self._counter)}_{slug}"[:63]

    def _execute(self, sql: str) -> None:
        from sqlalchemy import text

        with self._admin.connect() as con:
            con.execute(text(sql))

    def empty(self, folder: Path, name: str) -> str:
        database = self._new_name(name)
        self._execute(f'CREATE DATABASE "{database}"')
        self._made.append(database)
        return self.url_of(database)

    def template(self, name: str, build: Callable[[Location], None]) -> str:
        url = self.empty(Path(), f"tpl_{name}")
        build(url)
        return url

    def copy(self, template: str, folder: Path, name: str) -> str:
        from sqlalchemy.engine import make_url

        source = make_url(template).database
        database = self._new_name(name)
        self._execute(f'CREATE DATABASE "{database}" TEMPLATE "{source}" STRATEGY FILE_COPY')
        self._made.append(database)
        return self.url_of(database)

    def drop(self, location: Location) -> None:
        from sqlalchemy.engine import make_url

        database = make_url(str(location)).database
        self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if database in self._made:
            self._made.remove(database)

    def close(self) -> None:
        for database in reversed(self._made):
            self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self._made.clear()
        self._admin.dispose()


Databases = SqliteDatabases | PostgresDatabases


class FreshDatabases:
    """What a test made, dropped at its end (after the desks that use them are closed)."""

    def __init__(self, databases: Databases, folder: Path):
        self.engine = databases.name
        self._databases = databases
        self._folder = folder
        self._made: list[Location] = []

    @property
    def is_sqlite(self) -> bool:
        return self.engine == "sqlite"

    def copy(self, template: Location, name: str = "appeals") -> Location:
        location = self._databases.copy(template, self._folder, name)
        self._made.append(location)
        return location

    def empty(self, name: str = "appeals") -> Location:
        location = self._databases.empty(self._folder, name)
        self._made.append(location)
        return location

    def drop_all(self) -> None:
        for location in self._made:
            self._databases.drop(location)
        self._made.clear()
