"""Conversation state shared by the instances on one database, and kept across a restart, on
SQLite and PostgreSQL, through the core harness at production defaults (the write of a topic
within ``FLUSH_INTERVAL``, the 30-minute TTL by the injectable clock): a follow-up asked of
instance B leans on the answer instance A gave; a restart keeps it; after the TTL it is
forgotten. And what it costs the answer: a question that leans on nothing reads nothing, and
no answer waits for a write."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bot.answers.followup import leans, resolve_followup
from bot.answers.state import TTL, Topic
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.code import document
from bot.code.references import fold
from bot.core.dispatch import Core
from bot.testing import TestBot
from bot.testing.helpers import free_port, topic_written
from storage import topics
from storage.db import Database

READ_AS = "Reading that as"
DATA = Path(__file__).parent / "data"
GAP = 20  # seconds between a member's messages


def another(db: Database) -> Database:
    """A second engine on the same database, as another instance (process) would open."""
    return Database(db.url.render_as_string(hide_password=False), schema=db.schema)


@asynccontextmanager
async def instance(
    settings: Settings, db: Database, clock: FakeClock, *, own_engine: bool = True
) -> AsyncIterator[TestBot]:
    """A core of its own (its own registry, router and memory) on ``db``'s database."""
    core = build_core(settings, db=another(db) if own_engine else db, clock=clock)
    try:
        yield TestBot(core)
    finally:
        await core.close()


async def stored(db: Database, user: str, kind: str = "", value: str = "") -> topics.Row:
    """The harness's member's row, once written."""
    return await topic_written(db, ("telegram", f"dm-{user}", user), kind=kind, value=value)


async def test_a_follow_up_asked_of_another_instance_leans_on_the_answer_before(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    async with instance(settings, db, clock) as a, instance(settings, db, clock) as b:
        await a.send("paragraph 8(b)", user="lee")  # a command
        await stored(db, "lee", "provision")
        clock.advance(seconds=GAP)
        nxt = await b.ask("and the next one?", user="lee")
        assert nxt.startswith(f"{READ_AS}: “paragraph 8(c)”.")
        assert "Paragraph 8(c)" in nxt

        clock.advance(seconds=GAP)
        await a.send("when was the 4th review adopted", user="kim")  # a question in words
        await stored(db, "kim", "review")
        clock.advance(seconds=GAP)
        assert "A/RES/68/276" in await b.ask("what was its resolution number?", user="kim")
        # and a member with no conversation has none on either instance
        assert READ_AS not in await b.ask("and the next one?", user="max")


async def test_the_newer_topic_wins_whichever_instance_gave_it(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    async with instance(settings, db, clock) as a, instance(settings, db, clock) as b:
        await b.send("pillar 1", user="lee")  # B remembers this one
        await stored(db, "lee", "pillar")
        clock.advance(seconds=GAP)
        await a.send("paragraph 8(b)", user="lee")  # newer, from A
        await stored(db, "lee", "provision")
        clock.advance(seconds=GAP)
        # B's own memory is older than the table's row: the row wins
        assert (await b.ask("and the next one?", user="lee")).startswith(
            f"{READ_AS}: “paragraph 8(c)”."
        )
        await stored(db, "lee", "provision", "8c")  # what B answered, B wrote
        clock.advance(seconds=GAP)
        # and A, which remembers 8(b), reads B's newer 8(c)
        assert (await a.ask("and the next one?", user="lee")).startswith(
            f"{READ_AS}: “paragraph 8(d)”."
        )


async def test_a_restart_keeps_the_conversation(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    async with instance(settings, db, clock) as before:
        await before.send("para 3(h)", user="lee")
    # closed at once after the answer: the stop wrote what was waiting
    clock.advance(seconds=GAP)
    async with instance(settings, db, clock) as after:
        nxt = await after.ask("and the next one?", user="lee")
    assert nxt.startswith(f"{READ_AS}: “paragraph 3(i)”.")
    assert "critical infrastructures" in nxt


async def test_after_the_ttl_the_topic_is_forgotten_by_every_instance(
    db: Database, settings: Settings, clock: FakeClock
) -> None:
    async with instance(settings, db, clock) as a, instance(settings, db, clock) as b:
        await a.send("paragraph 6", user="lee")
        await stored(db, "lee")
        clock.advance(seconds=(TTL - timedelta(minutes=1)).total_seconds())
        await a.send("paragraph 6", user="kim")
        await stored(db, "kim")
        clock.advance(seconds=timedelta(minutes=2).total_seconds())
        # lee's answer is 31 minutes old, kim's a minute: A's memory and the table agree
        for bot in (a, b):
            assert READ_AS not in await bot.ask("and the next one?", user="lee")
        assert (await b.ask("and the next one?", user="kim")).startswith(f"{READ_AS}:")


async def test_what_the_answer_pays_for(db: Database, settings: Settings, clock: FakeClock) -> None:
    """No answer waits for the table: the topic is written after it. Only a question that
    leans on the one before reads it, with one primary-key look-up."""
    probe = another(db)  # reads the table beside the instance's engine, unseen by it
    async with instance(settings, db, clock, own_engine=False) as bot:
        await bot.send("about", user="lee")  # the database opened, migrated and warm
        seen: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            if "conversation_topics" in statement:
                seen.append(statement.split()[0].upper())

        event.listen(db.engine.sync_engine, "before_cursor_execute", record)
        try:
            await bot.send("paragraph 3e", user="lee")
            assert seen == []  # answered; the topic waits in memory
            await stored(probe, "lee", "provision")
            assert seen == ["INSERT"]
            await bot.send("what does the code say about youth", user="lee")
            await bot.send("pillars", user="lee")
            assert "SELECT" not in seen  # questions that lean on nothing
            seen.clear()
            await bot.send("and the next one?", user="lee")
            assert seen[:1] == ["SELECT"] and seen.count("SELECT") == 1
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", record)
            await probe.close()


async def test_an_older_topic_never_replaces_a_newer_one(db: Database, clock: FakeClock) -> None:
    who = ("slack", "C0GENERAL", "U0ANA")
    now = clock.now()
    await topics.write(db, {who: topics.Row("pillar", "2", "pillar 2", now)})
    late = topics.Row("provision", "3e", "paragraph 3e", now - timedelta(seconds=1))
    await topics.write(db, {who: late})  # an instance whose write came in late
    assert await topics.read(db, who) == topics.Row("pillar", "2", "pillar 2", now)


async def test_without_the_database_memory_still_follows(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"postgresql+asyncpg://bot@127.0.0.1:{free_port()}/coalition?connect_timeout=1"
    core: Core = build_core(Settings(data_dir=tmp_path, database_url=url), clock=clock)
    bot = TestBot(core)
    try:
        await bot.send("paragraph 8(b)", user="lee")
        clock.advance(seconds=GAP)
        nxt = await bot.ask("and the next one?", user="lee")
        assert nxt.startswith(f"{READ_AS}: “paragraph 8(c)”.")
    finally:
        await core.close()  # the topics that could not be written: a warning, not a failure
    assert any("conversation topics" in r.getMessage() for r in caplog.records)


def test_which_questions_lean_on_the_one_before() -> None:
    """Only these read the table: some topic makes them another question than they are
    alone. "and paragraph 5?" is "paragraph 5" whatever came before."""
    doc = document.load()
    for said in (
        "and the next one?",
        "what was its resolution number?",
        "and pillar 3?",
        "and d to f",
        "show me the whole paragraph",
        "actually make it 30 days",
        "only the ones tagged pillar 2",
    ):
        assert leans(said, doc), said
    for said in (
        "paragraph 3e",
        "and paragraph 5?",
        "what does the code say about youth",
        "when is the next review",
        "hello",
    ):
        assert not leans(said, doc), said


# Topics as answers leave them, of every kind, named otherwise than ``leans`` names them.
TOPICS = [
    Topic(kind, value, question, datetime(2026, 11, 25, tzinfo=UTC))
    for kind, value, question in (
        ("provision", "8a", "paragraph 8(a)"),
        ("provision", "pp2", "preamble 2"),
        ("provision", "3e,3f", "what does the code say about money laundering"),
        ("review", "3", "who co-facilitated the 2012 review"),
        ("review", "all", "list the reviews"),
        ("pillar", "4", "which provisions serve pillar 4"),
        ("pillar", "1", "pillar 1"),
        ("search", "3b", "foreign terrorist fighters"),
        ("subscription", "chat", "remind me a week before"),
        ("practices", "search border #pillar1", "best practices on border security"),
    )
]
FOLLOW_UPS = (
    "and the next one?",
    "the previous one",
    "what was its resolution number?",
    "who co-facilitated it?",
    "does it mention human rights law?",
    "show me the whole paragraph",
    "and e to g",
    "and the ninth?",
    "and when was the last one?",
    "and pillar 2?",
    "anything in the preamble on that too?",
    "actually make it 30 days",
    "and at 10:00",
    "just those by Ana",
    "only the ones tagged pillar 2",
)


def plain(question: str) -> str:
    """A question as the router compares it: folded (look-alike letters), spaced, bare."""
    return " ".join(fold(question).split()).strip(" ?!.…")


def test_no_question_that_a_topic_would_read_otherwise_is_missed() -> None:
    """``leans`` decides which questions read the table: one it misses would be read against
    this instance's memory alone. Every phrasing of the judged sets and these follow-ups,
    against topics of every kind."""
    doc = document.load()
    phrasings = [
        line.split("\t")[0]
        for line in (DATA / "phrasings.tsv").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    queries = [q["q"] for q in json.loads((DATA / "judged_queries.json").read_text())["queries"]]
    missed = []
    for said in (*phrasings, *queries, *FOLLOW_UPS):
        alone = plain(resolve_followup(said, None, doc).question)
        for topic in TOPICS:
            read = resolve_followup(said, topic, doc)
            changed = read.followed and plain(read.question) != alone
            if changed and not leans(said, doc):
                missed.append((said, topic.kind, read.question))
    assert missed == []
    assert all(leans(said, doc) for said in FOLLOW_UPS)
