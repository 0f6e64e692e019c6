"""Conversation state in the database: ``conversation_topics``, each member's last topic in
each chat, so that a follow-up ("and paragraph 5?") asked of another instance on the same
database, or after a restart, still leans on the answer before it.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_topics",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("chat_id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_conversation_topics_at", "conversation_topics", ["at"])


def downgrade() -> None:
    op.drop_index("ix_conversation_topics_at", table_name="conversation_topics")
    op.drop_table("conversation_topics")
