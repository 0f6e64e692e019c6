"""Best-practice search on PostgreSQL: a BRIN index on ``practice_notes.id``, for the span of
newest ids a mid-frequency word's matches are looked for in (``bot.practices.browse``).

The span was taken from the primary key's B-tree as a bitmap, which costs a bit per id in the
range: 19 ms for the 300,000 ids ``lantern #pillar1`` needed at a million notes, most of that
search's 35 ms. Ids grow with the table's pages (notes are only appended), so a BRIN index
gives the same range as a bitmap of page ranges in 0.5-3 ms whatever its length (the rows'
ids are rechecked), and PostgreSQL's planner takes it for the ``BitmapAnd`` with the GIN
match. ``bench.practices --million``: filtered searches p99 65-96 ms to 44 ms (load 0.8-1).
``autosummarize`` keeps the newest pages summarized as notes arrive. Nothing on SQLite.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_practice_notes_id_brin ON practice_notes "
        "USING brin (id) WITH (autosummarize = on)"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX ix_practice_notes_id_brin")
