"""Languages: a member's own choice and a chat's default (``language_choices``), and the
language each subscription's reminders are written in (``subscriptions.locale``).

The subscription carries its language, rather than the due-scan looking up the chat's
setting for each row it queues: the scan reads only due rows through the ``next_due`` index
and must stay one table wide; and the subscription is where a platform's own locale (a
Telegram member's ``language_code``, known only while they write) is kept for the reminders
it will get later. Setting a chat's language rewrites its subscription's copy in the same
transaction. Existing subscriptions got English, and keep it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "language_choices",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("target", sa.String(64), primary_key=True),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("set_by", sa.String(80), nullable=True),
        sa.Column("set_at", UTCDateTime(), nullable=False),
    )
    op.add_column(
        "subscriptions",
        sa.Column("locale", sa.String(8), nullable=False, server_default="en"),
    )


def downgrade() -> None:
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("locale")
    op.drop_table("language_choices")
