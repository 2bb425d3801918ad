"""The initial schema: every table of models.py, and on SQLite the FTS5 search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Written out in full (no ``Base.metadata.create_all``) so that this revision stays what it was when
models.py changes later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FTS_DDL = (
    "CREATE VIRTUAL TABLE appeal_fts USING fts5("
    "words, stems, tokenize='unicode61 remove_diacritics 0', prefix='2 3')"
)


def upgrade() -> None:
    _reference_tables()
    _people_tables()
    _appeal_tables()
    if op.get_bind().dialect.name == "sqlite":
        # rowid = appeals.id; kept by appealdesk.storage.search_index
        op.execute(FTS_DDL)


def _reference_tables() -> None:
    op.create_table(
        "reference_editions",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("edition", sa.String(length=80), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "vocabulary",
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("group", "code"),
    )
    op.create_table(
        "classifier",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("parent_code", sa.String(length=32), nullable=True),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("section", sa.String(length=4), nullable=False),
        sa.Column("edition", sa.String(length=80), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("ix_classifier_parent_code", "classifier", ["parent_code"])
    op.create_index("ix_classifier_section", "classifier", ["section"])
    op.create_table(
        "classifier_favourites",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["code"], ["classifier.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_working", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def _people_tables() -> None:
    op.create_table(
        "settlements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_index("ix_settlements_name_key", "settlements", ["name_key"])
    op.create_table(
        "officials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("email", sa.String(length=120), nullable=True),
        sa.Column("is_executor", sa.Boolean(), nullable=False),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_officials_name_key", "officials", ["name_key"])
    op.create_table(
        "applicants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("first_name", sa.String(length=100), nullable=True),
        sa.Column("middle_name", sa.String(length=100), nullable=True),
        sa.Column("org_name", sa.String(length=300), nullable=True),
        sa.Column("settlement_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("email", sa.String(length=120), nullable=True),
        sa.Column("social_category", sa.String(length=200), nullable=True),
        sa.Column("last_key", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=400), nullable=False),
        sa.Column("address_key", sa.Text(), nullable=False),
        sa.Column("display_name", sa.String(length=400), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["merged_into_id"], ["applicants.id"]),
        sa.ForeignKeyConstraint(["settlement_id"], ["settlements.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_applicants_last_key", "applicants", ["last_key"])
    op.create_index("ix_applicants_name_key", "applicants", ["name_key"])


def _appeal_tables() -> None:
    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reg_number", sa.String(length=60), nullable=False),
        sa.Column("reg_series", sa.String(length=20), nullable=False),
        sa.Column("reg_year", sa.Integer(), nullable=False),
        sa.Column("reg_seq", sa.Integer(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("received_time", sa.Time(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("cover_letter", sa.String(length=200), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("complaint_about", sa.String(length=300), nullable=True),
        sa.Column("applicant_id", sa.Integer(), nullable=True),
        sa.Column("applicant_name", sa.String(length=400), nullable=False),
        sa.Column("applicant_sort", sa.String(length=400), nullable=False),
        sa.Column("is_anonymous", sa.Boolean(), nullable=False),
        sa.Column("is_collective", sa.Boolean(), nullable=False),
        sa.Column("signatures", sa.Integer(), nullable=True),
        sa.Column("settlement_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("topic_code", sa.String(length=32), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolution_by_id", sa.Integer(), nullable=True),
        sa.Column("resolution_on", sa.Date(), nullable=True),
        sa.Column("executor_id", sa.Integer(), nullable=True),
        sa.Column("on_control", sa.Boolean(), nullable=False),
        sa.Column("commission", sa.Boolean(), nullable=False),
        sa.Column("on_site", sa.Boolean(), nullable=False),
        sa.Column("with_author", sa.Boolean(), nullable=False),
        sa.Column("legal_deadline", sa.Date(), nullable=False),
        sa.Column("control_deadline", sa.Date(), nullable=False),
        sa.Column("extended_deadline", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("answer_on", sa.Date(), nullable=True),
        sa.Column("answer_number", sa.String(length=60), nullable=True),
        sa.Column("answer_method", sa.String(length=40), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("satisfaction", sa.String(length=40), nullable=True),
        sa.Column("is_repeated", sa.Boolean(), nullable=False),
        sa.Column("previous_appeal_id", sa.Integer(), nullable=True),
        sa.Column("previous_number", sa.String(length=60), nullable=True),
        sa.Column("no_answer_ground", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["applicant_id"], ["applicants.id"]),
        sa.ForeignKeyConstraint(["executor_id"], ["officials.id"]),
        sa.ForeignKeyConstraint(["previous_appeal_id"], ["appeals.id"]),
        sa.ForeignKeyConstraint(["resolution_by_id"], ["officials.id"]),
        sa.ForeignKeyConstraint(["settlement_id"], ["settlements.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reg_number"),
    )
    op.create_index("ix_appeals_applicant_id", "appeals", ["applicant_id"])
    op.create_index("ix_appeals_registered", "appeals", ["deleted", "registered_on"])
    op.create_index("ix_appeals_open_deadline", "appeals", ["deleted", "status", "deadline"])
    op.create_index("ix_appeals_year_seq", "appeals", ["reg_series", "reg_year", "reg_seq"])
    op.create_index("ix_appeals_executor", "appeals", ["executor_id", "registered_on"])
    op.create_index("ix_appeals_settlement", "appeals", ["settlement_id", "registered_on"])
    op.create_index("ix_appeals_applicant_sort", "appeals", ["deleted", "applicant_sort"])
    op.create_index("ix_appeals_deadline", "appeals", ["deleted", "deadline"])
    # the journal's sorts by number and by topic (they must start with ``deleted`` to be used)
    op.create_index(
        "ix_appeals_number_sort", "appeals", ["deleted", "reg_year", "reg_series", "reg_seq", "reg_number"]
    )
    op.create_index("ix_appeals_topic", "appeals", ["deleted", "topic_code"])

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("classifier_code", sa.String(length=32), nullable=False),
        sa.Column("section", sa.String(length=4), nullable=False),
        sa.Column("executor_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["classifier_code"], ["classifier.code"]),
        sa.ForeignKeyConstraint(["executor_id"], ["officials.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_questions_appeal", "questions", ["appeal_id", "position"])
    op.create_index("ix_questions_code", "questions", ["classifier_code"])
    op.create_index("ix_questions_section", "questions", ["section", "appeal_id"])

    op.create_table(
        "extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("previous_deadline", sa.Date(), nullable=False),
        sa.Column("new_deadline", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("extended_by", sa.String(length=200), nullable=False),
        sa.Column("extended_on", sa.Date(), nullable=False),
        sa.Column("notice_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("appeal_id"),
    )
    op.create_table(
        "forwardings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("to_body", sa.String(length=300), nullable=False),
        sa.Column("forwarded_on", sa.Date(), nullable=False),
        sa.Column("outgoing_number", sa.String(length=60), nullable=True),
        sa.Column("notice_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_forwardings_appeal_id", "forwardings", ["appeal_id"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("stored_name", sa.String(length=300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_attachments_appeal_id", "attachments", ["appeal_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_entity", "audit_log", ["entity", "entity_id", "id"])
    op.create_table(
        "appeal_search",
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("appeal_id"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS appeal_fts")
    for table in (
        "appeal_search",
        "audit_log",
        "attachments",
        "forwardings",
        "extensions",
        "questions",
        "appeals",
        "applicants",
        "officials",
        "settlements",
        "settings",
        "calendar_overrides",
        "classifier_favourites",
        "classifier",
        "vocabulary",
        "reference_editions",
    ):
        op.drop_table(table)
