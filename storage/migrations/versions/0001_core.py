"""The chats and members the bot has seen.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(256), nullable=True),
        sa.Column("is_direct", sa.Boolean(), nullable=False),
        sa.Column("first_seen", storage.types.UTCDateTime(), nullable=False),
        sa.Column("last_seen", storage.types.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("platform", "chat_id", name="uq_chats_platform_chat"),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(256), nullable=False),
        sa.Column("first_seen", storage.types.UTCDateTime(), nullable=False),
        sa.Column("last_seen", storage.types.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("platform", "user_id", name="uq_members_platform_user"),
    )


def downgrade() -> None:
    op.drop_table("members")
    op.drop_table("chats")
