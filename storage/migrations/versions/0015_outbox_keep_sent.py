"""A row's own say on whether its sent message outlives retention: ``outbox.keep_sent``.

Retention kept every sent relay of a note by naming the feature's purpose (``relay``) in its
DELETE: the outbox knew a feature. Now the feature that queues a message whose platform id it
will need later (a note's relay, edited when the note is withdrawn, however old) says so when
it queues it, and retention reads the flag. Existing relays are marked here, the one place
that still knows which purpose had the rule.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "outbox",
        sa.Column("keep_sent", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute("UPDATE outbox SET keep_sent = true WHERE purpose = 'relay'")


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("keep_sent")
