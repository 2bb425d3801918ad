"""Personal reception (schedule rules, exceptions, receptions, bookings, reception cards) and secondary
control (promises made in answers). New tables only: every existing row stays as it was.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reception_exceptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("time_from", sa.Time(), nullable=True),
        sa.Column("time_to", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["officials.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reception_exceptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reception_exceptions_official_id"), ["official_id"], unique=False
        )

    op.create_table(
        "reception_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("month_weeks", sa.String(length=20), nullable=True),
        sa.Column("time_from", sa.Time(), nullable=False),
        sa.Column("time_to", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("pre_registration", sa.Boolean(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("priority_note", sa.Text(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["officials.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reception_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reception_rules_official_id"), ["official_id"], unique=False)

    op.create_table(
        "receptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=True),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("time_from", sa.Time(), nullable=False),
        sa.Column("time_to", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("settlement_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("pre_registration", sa.Boolean(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["officials.id"],
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["reception_rules.id"],
        ),
        sa.ForeignKeyConstraint(
            ["settlement_id"],
            ["settlements.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("receptions", schema=None) as batch_op:
        batch_op.create_index("ix_receptions_day", ["day", "official_id"], unique=False)

    op.create_table(
        "promises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("executor_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=200), nullable=True),
        sa.Column("call_on", sa.Date(), nullable=True),
        sa.Column("call_note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["appeal_id"],
            ["appeals.id"],
        ),
        sa.ForeignKeyConstraint(
            ["executor_id"],
            ["officials.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promises_appeal_id"), ["appeal_id"], unique=False)
        batch_op.create_index("ix_promises_open", ["status", "due_on"], unique=False)

    op.create_table(
        "reception_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reception_id", sa.Integer(), nullable=False),
        sa.Column("slot_from", sa.Time(), nullable=False),
        sa.Column("slot_to", sa.Time(), nullable=False),
        sa.Column("applicant_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("priority_category", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["applicant_id"],
            ["applicants.id"],
        ),
        sa.ForeignKeyConstraint(["reception_id"], ["receptions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reception_bookings", schema=None) as batch_op:
        batch_op.create_index("ix_bookings_reception", ["reception_id", "slot_from"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reception_bookings_applicant_id"), ["applicant_id"], unique=False
        )

    op.create_table(
        "reception_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reception_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=True),
        sa.Column("applicant_id", sa.Integer(), nullable=True),
        sa.Column("visited_at", sa.Time(), nullable=True),
        sa.Column("walk_in", sa.Boolean(), nullable=False),
        sa.Column("identity_document", sa.String(length=200), nullable=True),
        sa.Column("social_category", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("oral_consent", sa.Boolean(), nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("referred_to", sa.Text(), nullable=True),
        sa.Column("appeal_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appeal_id"],
            ["appeals.id"],
        ),
        sa.ForeignKeyConstraint(
            ["applicant_id"],
            ["applicants.id"],
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["reception_bookings.id"],
        ),
        sa.ForeignKeyConstraint(
            ["reception_id"],
            ["receptions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reception_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reception_cards_appeal_id"), ["appeal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reception_cards_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reception_cards_reception_id"), ["reception_id"], unique=False)

    op.create_table(
        "reception_card_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("classifier_code", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["card_id"], ["reception_cards.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["classifier_code"],
            ["classifier.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reception_card_questions", schema=None) as batch_op:
        batch_op.create_index("ix_card_questions_card", ["card_id", "position"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reception_card_questions", schema=None) as batch_op:
        batch_op.drop_index("ix_card_questions_card")

    op.drop_table("reception_card_questions")
    with op.batch_alter_table("reception_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reception_cards_reception_id"))
        batch_op.drop_index(batch_op.f("ix_reception_cards_applicant_id"))
        batch_op.drop_index(batch_op.f("ix_reception_cards_appeal_id"))

    op.drop_table("reception_cards")
    with op.batch_alter_table("reception_bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reception_bookings_applicant_id"))
        batch_op.drop_index("ix_bookings_reception")

    op.drop_table("reception_bookings")
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.drop_index("ix_promises_open")
        batch_op.drop_index(batch_op.f("ix_promises_appeal_id"))

    op.drop_table("promises")
    with op.batch_alter_table("receptions", schema=None) as batch_op:
        batch_op.drop_index("ix_receptions_day")

    op.drop_table("receptions")
    with op.batch_alter_table("reception_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reception_rules_official_id"))

    op.drop_table("reception_rules")
    with op.batch_alter_table("reception_exceptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reception_exceptions_official_id"))

    op.drop_table("reception_exceptions")
