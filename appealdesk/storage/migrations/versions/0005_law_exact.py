"""The law exact: 547-FZ channels, art. 11 facts, every answer kept, requests for documents, the reception day.

- ``appeals``: ``channel`` (how an electronic appeal arrived), ``crime_report`` (art. 11 p. 1),
  ``decision_by_id`` and ``decision_on`` (art. 11 p. 5: the decision to end the correspondence),
  ``published_url`` (art. 11 p. 5.1), ``call_on`` and ``call_note`` (the confirmation call before a
  «меры приняты» answer is closed).
- ``appeal_answers``: every answer with its date, number and text; the final answers already recorded
  become its first rows.
- ``document_requests``: documents asked of another body or by another body (art. 10 p. 2, 15 days).
- ``reception_cards``: the official who received the visitor, the video connection with consent, the
  invitation of one not received on the reception day, the earlier appeal of a refused further
  conversation (art. 13 p. 6).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("appeals", sa.Column("channel", sa.String(length=20), nullable=True))
    op.add_column("appeals", sa.Column("crime_report", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("appeals", sa.Column("decision_by_id", sa.Integer(), nullable=True))
    op.add_column("appeals", sa.Column("decision_on", sa.Date(), nullable=True))
    op.add_column("appeals", sa.Column("published_url", sa.String(length=300), nullable=True))
    op.add_column("appeals", sa.Column("call_on", sa.Date(), nullable=True))
    op.add_column("appeals", sa.Column("call_note", sa.Text(), nullable=True))

    op.create_table(
        "appeal_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("answer_on", sa.Date(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=True),
        sa.Column("method", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("final_due", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_appeal_answers_appeal", "appeal_answers", ["appeal_id", "answer_on"])
    op.create_table(
        "document_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appeal_id", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("body", sa.String(length=300), nullable=False),
        sa.Column("request_on", sa.Date(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answer_number", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["appeal_id"], ["appeals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_document_requests_appeal_id", "document_requests", ["appeal_id"])
    op.create_index("ix_document_requests_open", "document_requests", ["answered_on", "due_on"])

    with op.batch_alter_table("reception_cards") as batch:
        batch.add_column(sa.Column("official_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("video_body", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("video_consent", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("invited_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("earlier_appeal_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_reception_cards_official", "officials", ["official_id"], ["id"])
        batch.create_foreign_key("fk_reception_cards_earlier_appeal", "appeals", ["earlier_appeal_id"], ["id"])

    _first_answers(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("reception_cards") as batch:
        batch.drop_constraint("fk_reception_cards_earlier_appeal", type_="foreignkey")
        batch.drop_constraint("fk_reception_cards_official", type_="foreignkey")
        batch.drop_column("earlier_appeal_id")
        batch.drop_column("invited_on")
        batch.drop_column("video_consent")
        batch.drop_column("video_body")
        batch.drop_column("official_id")
    op.drop_index("ix_document_requests_open", table_name="document_requests")
    op.drop_index("ix_document_requests_appeal_id", table_name="document_requests")
    op.drop_table("document_requests")
    op.drop_index("ix_appeal_answers_appeal", table_name="appeal_answers")
    op.drop_table("appeal_answers")
    with op.batch_alter_table("appeals") as batch:
        for name in ("call_note", "call_on", "published_url", "decision_on", "decision_by_id", "crime_report",
                     "channel"):
            batch.drop_column(name)


_appeals = sa.table(
    "appeals", sa.column("id", sa.Integer), sa.column("answer_on", sa.Date), sa.column("answer_number", sa.String),
    sa.column("answer_method", sa.String), sa.column("answer_text", sa.String), sa.column("updated_at", sa.DateTime),
    sa.column("updated_by", sa.String),
)
_answers = sa.table(
    "appeal_answers", sa.column("appeal_id", sa.Integer), sa.column("kind", sa.String),
    sa.column("answer_on", sa.Date), sa.column("number", sa.String), sa.column("method", sa.String),
    sa.column("text", sa.String), sa.column("created_at", sa.DateTime), sa.column("created_by", sa.String),
)


def _first_answers(con) -> None:
    """The final answers already recorded on the appeals become the first rows of ``appeal_answers``."""
    a = _appeals.c
    select = sa.select(a.id, a.answer_on, a.answer_number, a.answer_method, a.answer_text, a.updated_at,
                       a.updated_by).where(a.answer_on.is_not(None))
    batch: list[dict] = []
    for row in con.execute(select):
        batch.append({"appeal_id": row.id, "kind": "final", "answer_on": row.answer_on, "number": row.answer_number,
                      "method": row.answer_method, "text": row.answer_text,
                      "created_at": row.updated_at or datetime(2000, 1, 1), "created_by": row.updated_by or ""})
        if len(batch) >= 5000:
            con.execute(sa.insert(_answers), batch)
            batch = []
    if batch:
        con.execute(sa.insert(_answers), batch)
