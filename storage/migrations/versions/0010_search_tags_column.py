"""Best-practice search on SQLite: the FTS5 index also holds each note's tag keys (the
``tags`` column of ``practice_notes``, read through the external-content table), so a search
with tag filters intersects the word's and the tags' doclists inside FTS5 instead of testing
the tags of every newest note that holds the word.

``ledger #pillar2 #4d`` (a word in 97% of the notes, tags on 1 note in 24) walked 7,400 notes
for the newest 300 matches, each through the notes' and the tags' B-trees: 7-27 ms at a
million notes; the doclists give the same 300 in about 1 ms. Words are matched in the title
and body columns only (a column filter), so a search for a word never finds a note by its
tags, and the ranking (``bot.practices.rank``) counts the lengths of those two columns, as
before. The tag table stays the filter of record: FTS5's match narrows the candidates.

The FTS5 table is dropped and rebuilt from ``practice_notes`` (about a minute for a million
notes). Nothing changes on PostgreSQL, whose filtered searches already meet their target.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _fts(columns: tuple[str, ...]) -> tuple[str, ...]:
    """The FTS5 table over ``columns`` of ``practice_notes`` and the triggers that keep it."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return (
        "DROP TRIGGER IF EXISTS practice_notes_fts_ai",
        "DROP TRIGGER IF EXISTS practice_notes_fts_ad",
        "DROP TRIGGER IF EXISTS practice_notes_fts_au",
        "DROP TABLE IF EXISTS practice_notes_fts",
        f"CREATE VIRTUAL TABLE practice_notes_fts USING fts5({names}, "
        "content='practice_notes', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 0')",
        "CREATE TRIGGER practice_notes_fts_ai AFTER INSERT ON practice_notes BEGIN "
        f"INSERT INTO practice_notes_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER practice_notes_fts_ad AFTER DELETE ON practice_notes BEGIN "
        f"INSERT INTO practice_notes_fts(practice_notes_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER practice_notes_fts_au AFTER UPDATE OF {names} "
        "ON practice_notes BEGIN "
        f"INSERT INTO practice_notes_fts(practice_notes_fts, rowid, {names}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO practice_notes_fts(rowid, {names}) VALUES (new.id, {new}); END",
        "INSERT INTO practice_notes_fts(practice_notes_fts) VALUES ('rebuild')",
    )


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _fts(("title_terms", "body_terms", "tags")):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _fts(("title_terms", "body_terms")):
        op.execute(statement)
