"""The office's people, several workstations, scans inside the database, a tamper-evident audit log.

- ``users``: who signs in, with a role. A database already in use gets one administrator (the head named
  in the settings, else «Администратор»), without a password: a one-person office keeps signing in by
  itself.
- ``reg_counters``: the last registration number of each series and year, filled from the appeals; the
  registering transaction locks its row, so numbers stay unique and gap-free on several workstations.
- ``attachments.sha256`` and ``attachment_contents``: the bytes of each scan move from the
  ``attachments`` folder beside the database file into the database, so that backups, restores and the
  move to a server carry them. A file that is no longer in the folder keeps its row without content.
- ``audit_log.user_id`` and ``audit_log.chain``: the signed-in person, and the hash chain over every row
  (existing rows keep what they have and are chained as they are).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from appealdesk.storage.audit_chain import link

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=60), nullable=False),
        sa.Column("login_key", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_tries", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_sign_in", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["official_id"], ["officials.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("login_key"),
    )
    op.create_table(
        "reg_counters",
        sa.Column("series", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "year"),
    )
    op.create_table(
        "attachment_contents",
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attachment_id"),
    )
    op.add_column("attachments", sa.Column("sha256", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("user_id", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("chain", sa.String(length=64), nullable=True))

    con = op.get_bind()
    _fill_counters(con)
    _move_scans_in(con)
    _chain_audit(con)
    _first_admin(con)


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("chain")
        batch.drop_column("user_id")
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("sha256")
    op.drop_table("attachment_contents")
    op.drop_table("reg_counters")
    op.drop_table("users")


# -- data -------------------------------------------------------------------------------------------
_appeals = sa.table(
    "appeals", sa.column("reg_series", sa.String), sa.column("reg_year", sa.Integer),
    sa.column("reg_seq", sa.Integer),
)
_counters = sa.table(
    "reg_counters", sa.column("series", sa.String), sa.column("year", sa.Integer),
    sa.column("last_seq", sa.Integer),
)


def _fill_counters(con) -> None:
    rows = con.execute(
        sa.select(_appeals.c.reg_series, _appeals.c.reg_year, sa.func.max(_appeals.c.reg_seq))
        .group_by(_appeals.c.reg_series, _appeals.c.reg_year)
    ).all()
    values = [{"series": s, "year": y, "last_seq": top or 0} for s, y, top in rows]
    if values:
        con.execute(sa.insert(_counters), values)


_attachments = sa.table(
    "attachments", sa.column("id", sa.Integer), sa.column("appeal_id", sa.Integer),
    sa.column("stored_name", sa.String), sa.column("sha256", sa.String),
)
_contents = sa.table("attachment_contents", sa.column("attachment_id", sa.Integer), sa.column("data", sa.LargeBinary))


def _attachments_folder(con) -> Path | None:
    if con.dialect.name != "sqlite":
        return None
    database = con.engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database).resolve().parent / "attachments"


def _move_scans_in(con) -> None:
    """Each stored file goes into ``attachment_contents``; the files themselves are left in the folder
    (the backup made before this upgrade refers to them)."""
    folder = _attachments_folder(con)
    rows = con.execute(sa.select(_attachments.c.id, _attachments.c.appeal_id, _attachments.c.stored_name)).all()
    for att_id, appeal_id, stored_name in rows:
        path = folder / str(appeal_id) / stored_name if folder is not None else None
        try:
            data = path.read_bytes() if path is not None else None
        except OSError:
            data = None
        if data is None:
            log.warning("attachment %s: file %s not found, kept without content", att_id, path)
            continue
        con.execute(sa.insert(_contents).values(attachment_id=att_id, data=data))
        con.execute(
            sa.update(_attachments).where(_attachments.c.id == att_id)
            .values(sha256=hashlib.sha256(data).hexdigest())
        )


_audit = sa.table(
    "audit_log", sa.column("id", sa.Integer), sa.column("at", sa.DateTime), sa.column("user", sa.String),
    sa.column("user_id", sa.Integer), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
    sa.column("action", sa.String), sa.column("changes", sa.Text), sa.column("chain", sa.String),
)


def _chain_audit(con) -> None:
    a = _audit.c
    previous = None
    batch: list[dict] = []
    rows = con.execute(
        sa.select(a.id, a.at, a.user, a.user_id, a.entity, a.entity_id, a.action, a.changes).order_by(a.id)
    ).all()
    for row_id, *content in rows:
        previous = link(previous, *content)
        batch.append({"row_id": row_id, "chain": previous})
    if batch:
        con.execute(
            sa.update(_audit).where(a.id == sa.bindparam("row_id")).values(chain=sa.bindparam("chain")), batch
        )


_settings = sa.table("settings", sa.column("key", sa.String), sa.column("value", sa.Text))
_officials = sa.table(
    "officials", sa.column("id", sa.Integer), sa.column("full_name", sa.String), sa.column("is_head", sa.Boolean),
    sa.column("active", sa.Boolean),
)
_users = sa.table(
    "users", sa.column("login", sa.String), sa.column("login_key", sa.String), sa.column("full_name", sa.String),
    sa.column("position", sa.String), sa.column("role", sa.String), sa.column("official_id", sa.Integer),
    sa.column("password_hash", sa.String), sa.column("active", sa.Boolean), sa.column("failed_tries", sa.Integer),
    sa.column("created_at", sa.DateTime),
)


def _first_admin(con) -> None:
    """A database in use (an organisation saved, or appeals, or officials) gets its administrator."""
    settings = {}
    for key, raw in con.execute(sa.select(_settings.c.key, _settings.c.value)):
        try:
            settings[key] = json.loads(raw)
        except ValueError:
            continue
    in_use = (
        "organisation" in settings
        or con.execute(sa.select(sa.func.count()).select_from(sa.table("appeals"))).scalar()
        or con.execute(sa.select(sa.func.count()).select_from(_officials)).scalar()
    )
    if not in_use:
        return
    head = con.execute(
        sa.select(_officials.c.id, _officials.c.full_name)
        .where(_officials.c.is_head == sa.true(), _officials.c.active == sa.true())
        .order_by(_officials.c.id).limit(1)
    ).first()
    name = str(settings.get("head_name") or "").strip() or (head[1] if head else "") or "Администратор"
    con.execute(
        sa.insert(_users).values(
            login="admin", login_key="admin", full_name=name[:200],
            position=(str(settings.get("head_position") or "").strip() or None),
            role="admin", official_id=head[0] if head else None, password_hash=None, active=True,
            failed_tries=0, created_at=datetime.now().replace(microsecond=0),
        )
    )
