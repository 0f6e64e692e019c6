"""Review-cycle milestones, subscriptions and the due-scan's watermark.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("precision", sa.String(8), nullable=False),
        sa.Column("at_time", sa.String(5), nullable=True),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("source", sa.String(500), nullable=True),
        sa.Column("removed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(80), nullable=True),
        sa.UniqueConstraint("key", name="uq_milestones_key"),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("lead_days", sa.String(64), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("at_time", sa.String(5), nullable=False),
        sa.Column("since", storage.types.UTCDateTime(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=True),
        sa.Column("paused_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("paused_reason", sa.String(200), nullable=True),
        sa.UniqueConstraint("platform", "chat_id", name="uq_subscriptions_platform_chat"),
    )
    op.create_table(
        "reminder_scans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scanned_until", storage.types.UTCDateTime(), nullable=False),
        sa.Column("skipped_total", sa.Integer(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminder_scans")
    op.drop_table("subscriptions")
    op.drop_table("milestones")
