"""Indexes of the unsettled outbox rows, in queue order: per platform, and per chat.

A claim must not take a chat's message while an older one of the same chat is still
unsettled elsewhere: backing off after a 429 or a 5xx, or being sent by another instance.
Without it a chat's second message overtook its first (``bench.delivery`` saw it for every
message that drew a 429), and two instances could send to one chat at once, past its limit.
A claim now looks at claimable rows in queue order (``ix_outbox_open``) and asks, for each,
which is its chat's oldest unsettled row (``ix_outbox_open_chat``). Both are partial: they
hold the few rows still open, however many have been sent.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_OPEN = sa.text("status IN ('pending', 'sending')")


def upgrade() -> None:
    op.create_index(
        "ix_outbox_open", "outbox", ["platform", "id"], sqlite_where=_OPEN, postgresql_where=_OPEN
    )
    op.create_index(
        "ix_outbox_open_chat",
        "outbox",
        ["platform", "chat_id", "id"],
        sqlite_where=_OPEN,
        postgresql_where=_OPEN,
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_open_chat", "outbox")
    op.drop_index("ix_outbox_open", "outbox")
