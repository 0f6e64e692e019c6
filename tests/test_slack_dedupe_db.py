"""Slack retries across instances: two adapters on one database (SQLite and PostgreSQL) behind
the same fake Slack, as several instances behind one request URL are in production."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack

import aiohttp
import pytest
from sqlalchemy import event
from sqlmodel import select

from adapters.slack.adapter import SlackAdapter
from adapters.slack.dedupe import PRUNE_SPACING, ClaimedEvents, replay_key
from adapters.slack.testing.fake import (
    BOT_USER_ID,
    FakeSlack,
    deliver,
    event_callback,
    mention,
    sign,
    slash_command,
)
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from storage.db import Database
from storage.models import SlackEvent

RETRY = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
Start = Callable[[Core], Awaitable[SlackAdapter]]


@pytest.fixture
async def start(fake_slack: FakeSlack) -> AsyncIterator[Start]:
    """Starts an adapter (one "instance") on a core; all are stopped at the end."""
    async with AsyncExitStack() as stack:

        async def started(core: Core) -> SlackAdapter:
            adapter = SlackAdapter(core, fake_slack.http_config())
            await adapter.start()
            stack.push_async_callback(adapter.stop)
            return adapter

        yield started


@pytest.fixture
async def two(
    start: Start, db: Database, settings: Settings, clock: FakeClock
) -> list[SlackAdapter]:
    """Two instances: a core each (their own memory of events), one database, open before
    the first event, as a started ``coalition-bot run`` has it. (Opened by the first event,
    each core's check of the schema raced the events' claims for the 1.5 s claim deadline
    and lost now and then on a loaded machine: the event was then answered by both.)"""
    cores = [build_core(settings, db=db, clock=clock) for _ in range(2)]
    for core in cores:
        await core.database()
    return [await start(core) for core in cores]


async def mention_once(
    http: aiohttp.ClientSession, to: SlackAdapter, event_id: str, *, retry: bool = False
) -> int:
    """A signed mention, as Slack posts it to /slack/events; a retry carries Slack's headers."""
    body = event_callback(mention(f"<@{BOT_USER_ID}> about"), event_id=event_id)
    status, _ = await deliver(http, to, body, headers=RETRY if retry else None)
    return status


async def answers(fake_slack: FakeSlack, *adapters: SlackAdapter) -> int:
    for adapter in adapters:
        await adapter.drain()
    return len(fake_slack.of("chat.postMessage"))


async def claimed(db: Database) -> set[str]:
    """The event ids claimed (a request without one, a command or a button, claims its
    signature instead, as ``sig:...``, against replays; those are tested in test_slack_e2e)."""
    async with db.session() as s:
        ids = set((await s.exec(select(SlackEvent.event_id))).all())
    return {i for i in ids if not i.startswith("sig:")}


async def test_a_retry_on_another_instance_is_not_answered_again(
    fake_slack: FakeSlack, two: list[SlackAdapter], http: aiohttp.ClientSession, db: Database
) -> None:
    first, second = two
    assert await mention_once(http, first, "Ev0FIRST") == 200
    await fake_slack.wait_for("chat.postMessage")
    assert await mention_once(http, second, "Ev0FIRST", retry=True) == 200
    assert await answers(fake_slack, first, second) == 1
    assert await mention_once(http, second, "Ev0OTHER") == 200
    assert await answers(fake_slack, first, second) == 2
    assert await claimed(db) == {"Ev0FIRST", "Ev0OTHER"}


async def test_an_event_costs_one_claim_its_id(
    fake_slack: FakeSlack, two: list[SlackAdapter], http: aiohttp.ClientSession, db: Database
) -> None:
    """No claim of the signature beside the id: a replayed copy has the id too."""
    assert await mention_once(http, two[0], "Ev0ONE") == 200
    assert await answers(fake_slack, *two) == 1
    async with db.session() as s:
        assert set((await s.exec(select(SlackEvent.event_id))).all()) == {"Ev0ONE"}


async def test_one_event_delivered_to_both_at_once_is_answered_once(
    fake_slack: FakeSlack, two: list[SlackAdapter], http: aiohttp.ClientSession
) -> None:
    statuses = await asyncio.gather(
        mention_once(http, two[0], "Ev0TWICE"), mention_once(http, two[1], "Ev0TWICE", retry=True)
    )
    assert statuses == [200, 200]
    assert await answers(fake_slack, *two) == 1


async def test_ids_older_than_an_hour_are_pruned(
    fake_slack: FakeSlack,
    two: list[SlackAdapter],
    http: aiohttp.ClientSession,
    db: Database,
    clock: FakeClock,
) -> None:
    first, second = two
    await mention_once(http, first, "Ev0OLD")
    clock.advance(minutes=30)
    await mention_once(http, first, "Ev0RECENT")
    clock.advance(minutes=31)
    await mention_once(http, second, "Ev0NEW")  # the second instance's first claim prunes
    assert await answers(fake_slack, *two) == 3
    assert await claimed(db) == {"Ev0RECENT", "Ev0NEW"}
    await mention_once(http, second, "Ev0RECENT", retry=True)  # still claimed: not answered
    assert await answers(fake_slack, *two) == 3


async def test_pruning_runs_every_so_many_claims(db: Database, clock: FakeClock) -> None:
    async def database() -> Database:
        return db

    events = ClaimedEvents(database, clock, prune_every=3)
    assert await events.first_time("Ev1")  # the first claim prunes (nothing yet)
    await events.settle()
    clock.advance(hours=2)
    assert await events.first_time("Ev2")
    assert await events.first_time("Ev3")
    assert await claimed(db) == {"Ev1", "Ev2", "Ev3"}
    assert await events.first_time("Ev4")  # the fourth prunes again, after answering
    await events.settle()
    assert await claimed(db) == {"Ev2", "Ev3", "Ev4"}
    clock.advance(hours=2)
    assert await events.prune() == 3
    assert await claimed(db) == set()


async def test_pruning_waits_its_spacing_however_many_claims(
    db: Database, clock: FakeClock
) -> None:
    """A prune (two DELETEs) follows ``prune_every`` claims only once ``PRUNE_SPACING`` has
    passed since the last, so a busy workspace does not pay one every hundred commands."""

    async def database() -> Database:
        return db

    deletes: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("DELETE"):
            deletes.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", note)
    events = ClaimedEvents(database, clock, prune_every=3)
    for i in range(12):
        assert await events.first_time(f"Ev{i}")
        await events.settle()
        clock.advance(seconds=1)
    assert len(deletes) == 2  # the first claim's: signatures, then event ids
    clock.advance(seconds=PRUNE_SPACING.total_seconds())
    assert await events.first_time("Ev12")
    await events.settle()
    assert len(deletes) == 4
    event.remove(db.engine.sync_engine, "before_cursor_execute", note)


async def test_keys_offered_to_two_instances_at_once_are_claimed_by_one(
    db: Database, clock: FakeClock
) -> None:
    """Two instances offered the same 300 keys (event ids and signatures) at once, in opposite
    orders, so their batched claims overlap: every key is first on exactly one of them."""

    async def database() -> Database:
        return db

    keys = [f"Ev{i:04d}" for i in range(150)] + [
        replay_key(f"v0={i:04x}" + "f" * 60) for i in range(150)
    ]
    one, other = ClaimedEvents(database, clock), ClaimedEvents(database, clock)
    firsts = await asyncio.gather(
        asyncio.gather(*(one.first_time(k) for k in keys)),
        asyncio.gather(*(other.first_time(k) for k in reversed(keys))),
    )
    on_one = dict(zip(keys, firsts[0], strict=True))
    on_other = dict(zip(reversed(keys), firsts[1], strict=True))
    assert [k for k in keys if on_one[k] + on_other[k] != 1] == []
    assert not await one.first_time(keys[0]) and not await other.first_time(keys[-1])
    await one.settle()
    await other.settle()


async def test_claims_offered_together_go_in_one_statement(db: Database, clock: FakeClock) -> None:
    """The keys offered while a claim is being made wait for the next statement: twenty
    requests at once cost one INSERT, not twenty."""

    async def database() -> Database:
        return db

    inserts: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO SLACK_EVENTS"):
            inserts.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        events = ClaimedEvents(database, clock)
        firsts = await asyncio.gather(*(events.first_time(f"Ev0TOGETHER{i}") for i in range(20)))
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert firsts == [True] * 20
    assert len(inserts) == 1
    assert len(await claimed(db)) == 20


async def test_signatures_are_kept_for_their_window_and_event_ids_for_the_hour(
    db: Database, clock: FakeClock
) -> None:
    """A signature is accepted five minutes either side of its timestamp, so its copies all
    come within ten minutes: its claim outlives that (and some clock skew), not an hour."""

    async def database() -> Database:
        return db

    async def kept() -> set[str]:
        async with db.session() as s:
            return set((await s.exec(select(SlackEvent.event_id))).all())

    signature = replay_key("v0=" + "ab" * 32)
    events = ClaimedEvents(database, clock)
    assert await events.first_time(signature) and await events.first_time("Ev0KEPT")
    await events.settle()
    clock.advance(minutes=10)
    assert await events.prune() == 0
    other = ClaimedEvents(database, clock)  # another instance, nothing in its memory
    assert not await other.first_time(signature)  # a copy within the ten minutes
    clock.advance(minutes=2)
    assert await events.prune() == 1
    assert await kept() == {"Ev0KEPT"}
    clock.advance(minutes=50)
    assert await events.prune() == 1
    assert await kept() == set()


async def test_an_unreachable_database_falls_back_to_the_memory(
    fake_slack: FakeSlack,
    start: Start,
    http: aiohttp.ClientSession,
    settings: Settings,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    nowhere = Database("postgresql+asyncpg://postgres@127.0.0.1:1/none")  # connection refused
    core = build_core(settings, db=nowhere, clock=clock)
    adapter = await start(core)
    with caplog.at_level(logging.WARNING, logger="adapters.slack.dedupe"):
        assert await mention_once(http, adapter, "Ev0NODB") == 200
        assert await mention_once(http, adapter, "Ev0NODB", retry=True) == 200
    assert await answers(fake_slack, adapter) == 1  # answered, and the retry still caught
    assert any("could not claim slack event Ev0NODB" in r.message for r in caplog.records)
    await nowhere.close()


async def test_a_slow_database_does_not_hold_up_the_acknowledgement(
    db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    release = asyncio.Event()

    async def slow() -> Database:
        await release.wait()
        return db

    events = ClaimedEvents(slow, clock, timeout=0.05)
    with caplog.at_level(logging.WARNING, logger="adapters.slack.dedupe"):
        assert await events.first_time("Ev0SLOW")
    assert any("did not answer within" in r.message for r in caplog.records)
    assert not await events.first_time("Ev0SLOW")  # the memory still has it
    release.set()  # the claim goes on and lands, so other instances leave the id alone
    async with asyncio.timeout(5):
        while not await claimed(db):
            await asyncio.sleep(0.01)
    assert await claimed(db) == {"Ev0SLOW"}
    other = ClaimedEvents(slow, clock)
    assert not await other.first_time("Ev0SLOW")


async def test_a_request_replayed_to_another_instance_is_not_run_again(
    fake_slack: FakeSlack, two: list[SlackAdapter], http: aiohttp.ClientSession
) -> None:
    """A signed slash command captured and posted to the other instance behind the same URL:
    the signature is claimed in the shared database, so the copy is acknowledged, not run."""
    first, second = two
    body = slash_command("about", response_url=fake_slack.response_url("twice"))
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    for adapter in (first, second, second):
        url = f"http://127.0.0.1:{adapter.port}/slack/events"
        async with http.post(url, data=body.encode(), headers=headers) as r:
            assert r.status == 200
    for adapter in two:
        await adapter.drain()
    assert len(fake_slack.of("response_url")) == 1
