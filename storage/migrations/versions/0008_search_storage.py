"""Best-practice search at a million notes on PostgreSQL: each note's ``search_vector`` kept
in its row. Nothing changes on SQLite (FTS5 keeps its own index).

A note's tsvector (1-2 kB for a note of 30-120 words, more for a long one) pushed its row past
PostgreSQL's 2 kB TOAST threshold, and ``EXTENDED`` storage moved the tsvector itself out of
line, so every ``@@`` tested on a row and every ``ts_rank`` fetched it through the TOAST
index: three to four buffer reads per note instead of one (2,900 notes ranked: 140-160 ms
against 45 ms with the tsvector in the row, on this loaded machine). Rows now go to TOAST only
past 8,160 bytes (``toast_tuple_target``, the largest allowed), and then the body and its
stems leave first (the tsvector is ``MAIN``): they are read only for the page of hits shown.
Existing rows are rewritten so that their tsvector moves back in: ``SET title_terms =
title_terms``, since PostgreSQL recomputes a generated column only when a column it is made
from is set (``SET search_vector = DEFAULT`` kept the old TOASTed value). Ten minutes for a
million notes on this loaded 2-core machine; a moment for the thousands a coalition has.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE practice_notes SET (toast_tuple_target = 8160)")
    op.execute("ALTER TABLE practice_notes ALTER COLUMN search_vector SET STORAGE MAIN")
    op.execute("UPDATE practice_notes SET title_terms = title_terms")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE practice_notes ALTER COLUMN search_vector SET STORAGE EXTENDED")
    op.execute("ALTER TABLE practice_notes RESET (toast_tuple_target)")
