"""Alembic environment. The program passes an open connection in ``config.attributes["connection"]``;
the developer CLI gives a file or URL with ``-x db=...`` (or ``sqlalchemy.url``)."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from appealdesk.storage.migrations import include_name
from appealdesk.storage.models import Base

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None:  # the developer CLI; the program configures its own logging
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
        compare_type=True,
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return

    from appealdesk.storage.database import make_engine, migration_engine, resolve_url

    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    url, path = resolve_url(db)
    engine = migration_engine(url) if path is not None else make_engine(url)
    try:
        with engine.begin() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
