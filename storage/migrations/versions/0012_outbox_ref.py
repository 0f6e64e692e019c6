"""A typed reference on each outbox row (``outbox.ref``), so no hook parses ``dedupe_key``.

A feature's "still wanted?" check needs to know what a row is about: a reminder its
milestone, date and lead time, a relay its note. Until now each hook split that back out of
the unique key (``reminder:<platform>:<chat>:<milestone>:<date>:<lead>d``, ``...:practice:<id>``),
so the key's layout was an interface, and a chat id holding a colon (Matrix's ``!room:server``)
would have broken it. The reference is a column of its own, written by the feature when it
queues the row and read by the same feature's typed helper; the outbox only carries it.

One text column rather than a nullable column per feature (``milestone_key``, ``note_id``,
...): the outbox table knows no feature, and a new feature needs no migration.

The back-fill writes, for the rows a hook can still see (every row not ``sent``: a dead or
skipped one may be revived by ``outbox retry``), the part of the key after its third colon,
which is what the hooks read: the reminder's ``<milestone>:<date>:<lead>d``, the relay's
``practice:<id>``. Sent rows (most of the table) keep NULL: no check runs for them again.
No index: rows are looked up by key or by chat, never by reference.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_BATCH = 5_000
_PURPOSES = ("reminder", "relay")  # the rows whose hooks read the key before 0012


def upgrade() -> None:
    op.add_column("outbox", sa.Column("ref", sa.String(length=255), nullable=True))
    bind = op.get_bind()
    outbox = sa.table(
        "outbox",
        sa.column("id", sa.Integer),
        sa.column("dedupe_key", sa.String),
        sa.column("purpose", sa.String),
        sa.column("status", sa.String),
        sa.column("ref", sa.String),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(outbox.c.id, outbox.c.dedupe_key)
            .where(
                outbox.c.id > last,
                outbox.c.status != "sent",
                outbox.c.purpose.in_(_PURPOSES),
            )
            .order_by(outbox.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1].id
        refs = [
            {"row_id": r.id, "value": parts[3]}
            for r in rows
            if len(parts := r.dedupe_key.split(":", 3)) == 4 and parts[3]
        ]
        if refs:
            bind.execute(
                sa.update(outbox)
                .where(outbox.c.id == sa.bindparam("row_id"))
                .values(ref=sa.bindparam("value")),
                refs,
            )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("ref")
