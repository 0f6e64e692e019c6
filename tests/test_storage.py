"""Storage on both databases: migrations, the directory of chats and members, the outbox key."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from sqlalchemy import text
from sqlmodel import select

from bot.base.clock import FakeClock
from bot.outbox.queue import enqueue
from bot.testing import TestBot
from messages.model import Heading, Reply
from storage import migrate
from storage.db import Database, create_schema, drop_schema
from storage.models import Chat, Member, OutboxMessage
from tests.conftest import POSTGRES_URL, new_postgres_schema


async def test_migrations_reach_head_and_are_idempotent(db: Database) -> None:
    async with db.engine.connect() as conn:
        assert await conn.run_sync(migrate.current) == migrate.head()
    await db.start()  # a second start finds the schema current and changes nothing
    async with db.engine.connect() as conn:
        rows = (await conn.execute(text("SELECT count(*) FROM alembic_version"))).scalar()
    assert rows == 1


async def test_a_second_process_waits_for_the_sqlite_migration_lock(tmp_path: Path) -> None:
    """Two processes migrating one fresh SQLite file at once: one holds the lock file (here the
    test, standing in for the other process), the other waits and then finds its own way. Before
    the lock, 4 of 24 such processes failed with "table chats already exists"."""
    unlocked = Database(f"sqlite+aiosqlite:///{tmp_path / 'other.db'}")
    began = time.monotonic()
    await unlocked.start()  # how long a migration takes here (and Alembic imported)
    took = time.monotonic() - began
    await unlocked.close()
    path = tmp_path / "fresh.db"
    db = Database(f"sqlite+aiosqlite:///{path}")
    held = FileLock(f"{path}.migrate.lock")
    held.acquire()
    try:
        start = asyncio.create_task(db.start())
        await asyncio.sleep(2 * took + 0.5)
        assert not start.done()  # waiting for the lock, not migrating beside its holder
    finally:
        held.release()
    await asyncio.wait_for(start, timeout=30)
    async with db.engine.connect() as conn:
        assert await conn.run_sync(migrate.current) == migrate.head()
    await db.close()


@contextlib.asynccontextmanager
async def old_database(db: Database, tmp_path: Path, revision: str) -> AsyncIterator[Database]:
    """A database of ``db``'s kind as an earlier release left it: migrated to ``revision``."""
    url = db.url.render_as_string(hide_password=False)
    schema = None
    if db.dialect == "sqlite":
        old = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    else:
        schema = await create_schema(url, "t")
        old = Database(url, schema=schema)
    try:
        await migrate.upgrade(old.engine, revision)
        yield old
    finally:
        await old.close()
        if schema:
            await drop_schema(url, schema)


async def _count_words(conn: Any, *bodies: str) -> None:
    """The vocabulary the service keeps with every note since 0004 (practice_words), for
    notes these tests write with SQL of their own."""
    from bot.practices.service import vocabulary

    for w, st in {w: st for b in bodies for w, st in vocabulary(b).items()}.items():
        await conn.execute(
            text("INSERT INTO practice_words (word, stem, notes) VALUES (:w, :s, 1)"),
            {"w": w, "s": st},
        )


async def test_search_storage_migration_from_the_previous_head(
    db: Database, tmp_path: Path
) -> None:
    """0008 on a database at the previous head (0007) with notes in it: they are still found
    afterwards, and on PostgreSQL a tsvector the old storage had moved out of line (300
    distinct stems, 3.6 kB) is back in its row: the TOAST table holds one value fewer (the
    stems' own stays there)."""
    from bot.practices import browse

    many = " ".join(hashlib.sha256(str(i).encode()).hexdigest()[:8] for i in range(300))
    insert = text(
        "INSERT INTO practice_notes (platform, user_id, author_name, author_fold, chat_id, "
        "created_at, body, tags, status, text_hash, relayed_to, title_terms, body_terms) "
        "VALUES ('telegram', 'u1', 'Ana', 'ana', '-1', :at, :body, '', 'approved', :h, '', "
        "'', :terms)"
    )
    at = datetime(2026, 1, 1, tzinfo=UTC)

    async def toasted(conn: Any) -> int:
        toast = (
            await conn.execute(
                text(
                    "SELECT reltoastrelid::regclass::text FROM pg_class "
                    "WHERE oid = CAST(:t AS regclass)"
                ),
                {"t": "practice_notes"},
            )
        ).scalar()
        return int(
            (await conn.execute(text(f"SELECT count(DISTINCT chunk_id) FROM {toast}"))).scalar()
        )

    async with old_database(db, tmp_path, "0007") as old:
        async with old.engine.begin() as conn:
            await conn.execute(
                insert, {"at": at, "body": "Drills at ports", "h": "1", "terms": "drill at port"}
            )
            await conn.execute(insert, {"at": at, "body": "Long", "h": "2", "terms": many})
            await _count_words(conn, "Drills at ports", many)
            before = await toasted(conn) if old.dialect == "postgresql" else 0
        await migrate.upgrade(old.engine)
        async with old.engine.connect() as conn:
            assert await conn.run_sync(migrate.current) == migrate.head()
            if old.dialect == "postgresql":
                assert (before, await toasted(conn)) == (2, 1)
        found = await browse.search(old, "drills", browse.Filters(), 1)
        assert [h.note.body for h in found.hits] == ["Drills at ports"]
        word = many.split()[150]
        assert [
            h.note.body for h in (await browse.search(old, word, browse.Filters(), 1)).hits
        ] == ["Long"]


async def test_search_tags_migration_from_the_previous_head(db: Database, tmp_path: Path) -> None:
    """0010 on a database at 0009 with a tagged note in it: SQLite's index is rebuilt with the
    tag keys, and the note is still found, by its words, with its tag, and not without."""
    from bot.practices import browse

    async with old_database(db, tmp_path, "0009") as old:
        async with old.engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO practice_notes (platform, user_id, author_name, author_fold, "
                    "chat_id, created_at, body, tags, status, text_hash, relayed_to, "
                    "title_terms, body_terms) VALUES ('telegram', 'u1', 'Ana', 'ana', '-1', "
                    ":at, 'Drills at ports #p2', 'pillar2', 'approved', 'h', '', '', "
                    "'drill at port p2')"
                ),
                {"at": datetime(2026, 1, 1, tzinfo=UTC)},
            )
            await conn.execute(
                text("INSERT INTO practice_tags (note_id, tag) VALUES (1, 'pillar2')")
            )
            await _count_words(conn, "Drills at ports")
        await migrate.upgrade(old.engine)

        async def found(words: str, *tags: str) -> list[int]:
            filters = browse.Filters(tag_groups=tuple((t,) for t in tags))
            return [h.note.id or 0 for h in (await browse.search(old, words, filters, 1)).hits]

        assert await found("drills") == [1]
        assert await found("drills", "pillar2") == [1]
        assert await found("drills", "pillar1") == []
        assert await found("pillar2") == []


@pytest.mark.postgres
async def test_a_postgresql_migration_waits_only_for_one_of_its_own_schema() -> None:
    """The test holds the migration lock of schema A, as an instance migrating A would: a
    start on A waits for it, while a start on schema B, begun after it, migrates and is done
    (so instances of other deployments, or tests in parallel, never queue behind each other)."""
    a, b = await new_postgres_schema(), await new_postgres_schema()
    a_db, b_db = Database(POSTGRES_URL, schema=a), Database(POSTGRES_URL, schema=b)
    holder = Database(POSTGRES_URL, schema=a)
    try:
        async with holder.engine.begin() as conn:
            await conn.execute(text(migrate.SCHEMA_LOCK), {"key": migrate.MIGRATION_LOCK})
            start_a = asyncio.create_task(a_db.start())
            await asyncio.wait_for(b_db.start(), timeout=30)
            await asyncio.sleep(0.05)
            assert not start_a.done()  # waiting for the lock, not migrating beside its holder
        await asyncio.wait_for(start_a, timeout=30)
        for started in (a_db, b_db):
            async with started.engine.connect() as conn:
                assert await conn.run_sync(migrate.current) == migrate.head()
    finally:
        for database in (holder, a_db, b_db):
            await database.close()
        for schema in (a, b):
            await drop_schema(POSTGRES_URL, schema)


def test_head_matches_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.VERSIONS.parent))
    assert ScriptDirectory.from_config(cfg).get_heads() == [migrate.head()]


async def test_directory_records_chats_and_members(
    db_testbot: TestBot, db: Database, clock: FakeClock
) -> None:
    await db_testbot.send("3e", user="u1", name="Ana", chat="-100")
    await db_testbot.send("3e", user="u1", name="Ana B.", chat="-100")  # cached: no write
    clock.advance(hours=2)
    await db_testbot.send("help", user="u1", name="Ana B.", chat="-100")
    await db_testbot.send("help", user="u2", name="Ben")
    await db_testbot.core.flush_directory()
    async with db.session() as s:
        members = {m.user_id: m for m in (await s.exec(select(Member))).all()}
        chats = {c.chat_id: c for c in (await s.exec(select(Chat))).all()}
    assert members["u1"].display_name == "Ana B."
    assert members["u1"].last_seen > members["u1"].first_seen
    assert members["u1"].last_seen.tzinfo is not None
    assert members["u2"].display_name == "Ben"
    assert set(chats) == {"-100", "dm-u2"}
    assert chats["-100"].is_direct is False and chats["dm-u2"].is_direct is True


async def test_outbox_enqueue_is_idempotent(db: Database, clock: FakeClock) -> None:
    reply = Reply.of(Heading("Reminder"))
    async with db.session() as s:
        first = await enqueue(
            s,
            purpose="reminder",
            platform="telegram",
            chat_id="1",
            occurrence="m1:30d",
            reply=reply,
            now=clock.now(),
        )
        again = await enqueue(
            s,
            purpose="reminder",
            platform="telegram",
            chat_id="1",
            occurrence="m1:30d",
            reply=reply,
            now=clock.now(),
        )
        await s.commit()
        rows = (await s.exec(select(OutboxMessage))).all()
    assert (first, again) == (True, False)
    assert len(rows) == 1 and rows[0].payload["blocks"][0]["text"] == "Reminder"


async def test_a_burst_of_first_messages_opens_the_database_once(testbot: TestBot) -> None:
    import asyncio

    replies = await asyncio.gather(*(testbot.ask("3e", user=f"u{i}", chat="g1") for i in range(20)))
    assert all(r.startswith("Paragraph 3(e)") for r in replies)
    db = await testbot.core.database()
    await testbot.core.flush_directory()
    async with db.session() as s:
        assert len((await s.exec(select(Member))).all()) == 20
