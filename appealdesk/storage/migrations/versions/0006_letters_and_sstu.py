"""Outgoing letters and the ССТУ.РФ upload.

- ``letters``: each letter made from a template for an appeal, with its number from the office's outgoing
  series (the last number of each year is a ``reg_counters`` row of the series ``letter``), its date,
  the term it was due by, and the DOCX (and PDF) attached to the appeal.
- ``letter_templates``: the templates the office edited in Word (a kind without a row uses the default).
- ``sstu_batches`` and ``sstu_uploads``: what was uploaded to ССТУ.РФ and when, per appeal with the
  appeal's version and a digest of what was sent, so that the next upload takes what changed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("term_on", sa.Date(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("addressee", sa.String(length=400), nullable=False),
        sa.Column("signatory", sa.String(length=200), nullable=False),
        sa.Column("forwarding_id", sa.Integer(), nullable=True),
        sa.Column("docx_id", sa.Integer(), nullable=True),
        sa.Column("pdf_id", sa.Integer(), nullable=True),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["forwarding_id"], ["forwardings.id"]),
        sa.ForeignKeyConstraint(["docx_id"], ["attachments.id"]),
        sa.ForeignKeyConstraint(["pdf_id"], ["attachments.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index("ix_letters_appeal", "letters", ["appeal_id", "kind"])
    op.create_index("ix_letters_made_on", "letters", ["made_on"])
    op.create_table(
        "letter_templates",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    op.create_table(
        "sstu_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=100), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("appeals", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sstu_uploads",
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["batch_id"], ["sstu_batches.id"]),
        sa.PrimaryKeyConstraint("appeal_id"),
    )


def downgrade() -> None:
    op.drop_table("sstu_uploads")
    op.drop_table("sstu_batches")
    op.drop_table("letter_templates")
    op.drop_index("ix_letters_made_on", table_name="letters")
    op.drop_index("ix_letters_appeal", table_name="letters")
    op.drop_table("letters")
