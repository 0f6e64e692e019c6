"""Each subscription's next due moment, indexed, so the due-scan reads only what is due.

The back-fill gives every active row the first moment not yet scanned (the later of the
scan's watermark and the row's ``since``), never later than its true next reminder: the
first tick after the upgrade plans each row once, in bounded chunks, and stores the exact
moment. Paused rows get NULL (subscribing again resumes them and sets the column). The
server default (1970, ``storage.models.UNPLANNED``) marks rows written by anything that does
not know the column as due at once, so none is ever left out.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # the stored form of 1970-01-01 00:00 UTC in each (SQLite keeps naive UTC text)
    epoch = "'1970-01-01 00:00:00.000000'" if sqlite else "'1970-01-01 00:00:00+00'"
    op.add_column(
        "subscriptions",
        sa.Column(
            "next_due",
            storage.types.UTCDateTime(),
            nullable=True,
            server_default=sa.text(epoch),
        ),
    )
    watermark = "(SELECT scanned_until FROM reminder_scans WHERE id = 1)"
    op.execute(
        "UPDATE subscriptions SET next_due = CASE "
        "WHEN paused_at IS NOT NULL THEN NULL "
        f"WHEN {watermark} IS NULL OR since > {watermark} THEN since "
        f"ELSE {watermark} END"
    )
    op.create_index("ix_subscriptions_next_due", "subscriptions", ["next_due"])


def downgrade() -> None:
    op.drop_index("ix_subscriptions_next_due", table_name="subscriptions")
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("next_due")
