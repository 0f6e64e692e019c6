"""Where a note saved from a message came from, as data: ``practice_notes.source_author``
and ``source_link``.

Slack's "Save as best practice" stored the sentence "Saved from a message by slack:U…: <link>"
inside the note's body, written in the saver's language at that moment, and the form's pillars
and provisions as hashtags in the text, parsed back. Now the form's fields travel as fields:
the tags as keys, the source in these columns, said in each reader's language when the note is
shown. Notes saved before keep the sentence in their body, as written.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("practice_notes", sa.Column("source_author", sa.String(80), nullable=True))
    op.add_column("practice_notes", sa.Column("source_link", sa.String(500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("practice_notes") as batch:
        batch.drop_column("source_link")
        batch.drop_column("source_author")
