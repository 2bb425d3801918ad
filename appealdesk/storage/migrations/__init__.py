"""Alembic migrations of the AppealDesk schema, run programmatically at start-up.

Importing this package is cheap: Alembic itself is imported only when a migration has to run, so that
opening an up-to-date database at every program start does not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent

# The newest revision in versions/. Kept here so that the start-up check needs no Alembic import;
# a test asserts that it equals Alembic's own head. Bump it with every new revision.
HEAD_REVISION = "0006"

# The SQLite FTS5 search index and its shadow tables are not described in models.py.
FTS_TABLE = "appeal_fts"


def is_fts_table(name: str | None) -> bool:
    return bool(name) and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_"))


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Autogenerate / compare filter: leave the FTS tables alone."""
    return not (type_ == "table" and is_fts_table(name))


def alembic_config(connection: Any = None, url: str | None = None) -> Config:
    """An Alembic configuration without an ini file; ``connection`` is used by env.py when given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> set[str]:
    return {script.revision for script in script_directory().walk_revisions()}


def alembic_head() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:  # a developer error: two revisions share a parent
        raise RuntimeError(f"expected one migration head, found {heads}")
    return heads[0]


def upgrade_connection(connection: Any, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on an open connection, inside its transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
