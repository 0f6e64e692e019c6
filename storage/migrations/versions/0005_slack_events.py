"""Slack event ids claimed by the instance that answers them, so a retry that lands on another
instance behind the same request URL is acknowledged without a second answer.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slack_events",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("seen_at", storage.types.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_slack_events_seen_at", "slack_events", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_events_seen_at", "slack_events")
    op.drop_table("slack_events")
