"""Best-practice notes, their tags, submission claims, the search vocabulary, shared channels,
and the full-text index: FTS5 with triggers on SQLite, a generated tsvector with GIN on
PostgreSQL.

The index is built from ``title_terms``/``body_terms``, the Snowball stems the service writes,
so both databases match exactly the words the Code search would, and no database tokenizer or
stemmer decides what a word is.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE practice_notes_fts USING fts5("
    "title_terms, body_terms, content='practice_notes', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER practice_notes_fts_ai AFTER INSERT ON practice_notes BEGIN "
    "INSERT INTO practice_notes_fts(rowid, title_terms, body_terms) "
    "VALUES (new.id, new.title_terms, new.body_terms); END",
    "CREATE TRIGGER practice_notes_fts_ad AFTER DELETE ON practice_notes BEGIN "
    "INSERT INTO practice_notes_fts(practice_notes_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms); END",
    "CREATE TRIGGER practice_notes_fts_au AFTER UPDATE OF title_terms, body_terms "
    "ON practice_notes BEGIN "
    "INSERT INTO practice_notes_fts(practice_notes_fts, rowid, title_terms, body_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.body_terms); "
    "INSERT INTO practice_notes_fts(rowid, title_terms, body_terms) "
    "VALUES (new.id, new.title_terms, new.body_terms); END",
)
_POSTGRES_FTS = (
    "ALTER TABLE practice_notes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'D')) STORED",
    "CREATE INDEX ix_practice_notes_search ON practice_notes USING gin (search_vector)",
)


def upgrade() -> None:
    op.create_table(
        "practice_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("author_name", sa.String(256), nullable=False),
        sa.Column("author_fold", sa.String(256), nullable=False),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(), nullable=False),
        sa.Column("title", sa.String(200), nullable=True),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("tags", sa.String(1000), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("relayed_to", sa.String(), nullable=False),
        sa.Column("reviewed_by", sa.String(80), nullable=True),
        sa.Column("reviewed_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("review_reason", sa.String(500), nullable=True),
        sa.Column("withdrawn_by", sa.String(80), nullable=True),
        sa.Column("withdrawn_at", storage.types.UTCDateTime(), nullable=True),
        sa.Column("title_terms", sa.String(), nullable=False),
        sa.Column("body_terms", sa.String(), nullable=False),
    )
    op.create_index("ix_practice_notes_status_id", "practice_notes", ["status", "id"])
    op.create_index("ix_practice_notes_user", "practice_notes", ["user_id", "id"])
    op.create_index("ix_practice_notes_author_fold", "practice_notes", ["author_fold", "id"])
    op.create_table(
        "practice_tags",
        sa.Column("note_id", sa.Integer(), sa.ForeignKey("practice_notes.id"), nullable=False),
        sa.Column("tag", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("note_id", "tag"),
    )
    op.create_index("ix_practice_tags_tag", "practice_tags", ["tag", "note_id"])
    op.create_table(
        "practice_claims",
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("note_id", sa.Integer(), sa.ForeignKey("practice_notes.id"), nullable=True),
        sa.Column("claimed_at", storage.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "user_id", "text_hash"),
    )
    op.create_table(
        "practice_words",
        sa.Column("word", sa.String(64), primary_key=True),
        sa.Column("stem", sa.String(64), nullable=False),
        sa.Column("notes", sa.Integer(), nullable=False),
    )
    op.create_index("ix_practice_words_stem", "practice_words", ["stem"])
    op.create_table(
        "shared_channels",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("chat_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(256), nullable=True),
        sa.Column("set_by", sa.String(80), nullable=False),
        sa.Column("set_at", storage.types.UTCDateTime(), nullable=False),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": _SQLITE_FTS, "postgresql": _POSTGRES_FTS}.get(dialect, ()):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS practice_notes_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS practice_notes_fts")
    elif dialect == "postgresql":
        op.drop_index("ix_practice_notes_search", "practice_notes")
    op.drop_table("shared_channels")
    op.drop_index("ix_practice_words_stem", "practice_words")
    op.drop_table("practice_words")
    op.drop_table("practice_claims")
    op.drop_index("ix_practice_tags_tag", "practice_tags")
    op.drop_table("practice_tags")
    op.drop_index("ix_practice_notes_author_fold", "practice_notes")
    op.drop_index("ix_practice_notes_user", "practice_notes")
    op.drop_index("ix_practice_notes_status_id", "practice_notes")
    op.drop_table("practice_notes")
