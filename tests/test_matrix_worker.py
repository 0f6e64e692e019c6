"""The outbox's worker delivering to Matrix against a real Synapse, with the reminders' delivery
hooks as production registers them: a reminder due-scanned into a room (exactly once), a rate
limit waited out (nothing twice, nothing dead, no retry budget spent), a kick (dead, the
subscription paused) and an upgraded invite-only room (the row waits for the bot's invitation
into the replacement, then goes out there; the subscription follows).

The waits that are the worker's own (back-off) run on a ``FakeClock``; the one that is the
homeserver's (its rate limit's ``retry_after_ms``) is real time, kept to about a second."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.testing.fixtures import MATRIX, Cast
from adapters.matrix.testing.synapse import wait_until
from bot.base.clock import Clock, FakeClock, SystemClock
from bot.outbox.config import WorkerConfig
from bot.outbox.hooks import DeliveryHooks
from bot.outbox.queue import enqueue
from bot.outbox.worker import DeliveryWorker
from bot.reminders import delivery_hooks, scan, store
from bot.reminders.timing import Options
from messages.model import Paragraph, Reply, text
from storage.db import Database
from storage.models import OutboxMessage
from tests.test_matrix_conversation import started, stopped

pytestmark = MATRIX

NOTE = "A reminder from the outbox"


@pytest.fixture
async def bot(cast: Cast, tmp_path: Path) -> AsyncIterator[MatrixAdapter]:
    adapter = await started(cast, tmp_path)
    try:
        yield adapter
    finally:
        await stopped(adapter)


def worker(
    bot: MatrixAdapter, db: Database, clock: Clock, config: WorkerConfig | None = None
) -> DeliveryWorker:
    """The worker as ``bot.app.assembly`` builds it, on a test's clock and settings."""
    hooks = DeliveryHooks()
    delivery_hooks.register(hooks, frozenset())
    return DeliveryWorker(db, {"matrix": bot.sender}, clock, config=config, hooks=hooks)


async def queue(db: Database, room: str, occurrence: str, clock: Clock) -> None:
    async with db.session() as s:
        await enqueue(
            s,
            purpose="message",
            platform="matrix",
            chat_id=room,
            occurrence=occurrence,
            reply=Reply.of(Paragraph(text(f"{NOTE} ({occurrence})"))),
            now=clock.now(),
        )
        await s.commit()


async def rows(db: Database) -> list[OutboxMessage]:
    async with db.session() as s:
        query = select(OutboxMessage).order_by(OutboxMessage.id)  # type: ignore[arg-type]
        return list((await s.exec(query)).all())


def notes(cast: Cast, room: str) -> list[str]:
    return [e["content"]["body"] for e in cast.from_bot(room) if NOTE in e["content"]["body"]]


async def subscribed_room(cast: Cast, bot: MatrixAdapter, db: Database, clock: Clock) -> str:
    """An invite-only room of Ana's (``private_chat``), with the bot in it and subscribed."""
    room = cast.create_room(cast.ana, invite=(cast.bot, cast.ben))
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    await store.subscribe(
        db, platform="matrix", chat_id=room, options=Options(), by=cast.ana.user_id, now=clock.now()
    )
    return room


async def test_a_reminder_reaches_the_room_exactly_once(cast: Cast, bot: MatrixAdapter) -> None:
    db = await bot.core.database()
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    cast.say(cast.ana, room, "subscribe")
    [confirmed] = await wait_until(lambda: cast.from_bot(room), timeout=10)
    assert await store.get_subscription(db, "matrix", room) is not None
    now = SystemClock().now()
    await scan.scan(db, now)  # plans the subscription's first reminder
    [first, *_] = await scan.planned_between(db, now, now + timedelta(days=800))
    clock = FakeClock(first.due)
    deliver = worker(bot, db, clock)
    assert (await scan.scan(db, clock.now())).queued == 1
    await deliver.drain()
    assert (await scan.scan(db, clock.now())).queued == 0  # a second look queues nothing
    await deliver.drain()
    got = cast.from_bot(room)
    assert [e["event_id"] for e in got[:1]] == [confirmed["event_id"]]
    [reminder] = got[1:]
    assert reminder["content"]["body"].startswith("Review-cycle reminder")
    [row] = await rows(db)
    assert row.status == "sent" and row.platform_message_id == reminder["event_id"]


async def test_a_rate_limit_is_waited_out_without_spending_the_retry_budget(
    cast: Cast, bot: MatrixAdapter
) -> None:
    """Synapse's rc_message lowered for the bot to one a second in bursts of one, through the
    admin API's per-user override (the same limiter: Synapse reads the override in place of
    rc_message's values), and two rooms' rows sent at once: one is refused with
    M_LIMIT_EXCEEDED. The retry window is zero, so a failure that spent it would be dead."""
    db = await bot.core.database()
    clock = SystemClock()
    rooms = [cast.create_room(cast.ana, invite=(cast.bot,)) for _ in range(2)]
    await wait_until(lambda: all(r in bot.client.rooms for r in rooms), timeout=10)
    for n, room in enumerate(rooms):
        await queue(db, room, f"r{n}", clock)
    deliver = worker(bot, db, clock, WorkerConfig(retry_window=timedelta(0), idle_poll=0.1))
    cast.server.limit_messages(cast.bot.user_id, per_second=1, burst=1)
    try:
        await deliver.start()
        try:
            settled = await wait_until(lambda: _settled(db), timeout=15, every=0.1)
        finally:
            await deliver.stop()
    finally:
        cast.server.unlimit_messages(cast.bot.user_id)
    assert [r.status for r in settled] == ["sent", "sent"]  # none dead
    assert max(r.attempts for r in settled) >= 2  # refused, then sent after the server's wait
    for n, room in enumerate(rooms):
        assert notes(cast, room) == [f"{NOTE} (r{n})"]  # once each, nothing twice


async def _settled(db: Database) -> list[OutboxMessage] | None:
    got = await rows(db)
    return got if all(r.status in {"sent", "dead"} for r in got) else None


async def test_a_kick_is_a_dead_row_and_a_paused_subscription(
    cast: Cast, bot: MatrixAdapter
) -> None:
    db = await bot.core.database()
    clock = FakeClock(SystemClock().now())
    room = await subscribed_room(cast, bot, db, clock)
    cast.server.request(
        "POST",
        f"/_matrix/client/v3/rooms/{room}/kick",
        {"user_id": cast.bot.user_id},
        cast.ana.access_token,
    )
    await queue(db, room, "k1", clock)
    await worker(bot, db, clock).drain()
    [row] = await rows(db)
    assert row.status == "dead" and (row.last_error or "").startswith("gone: M_FORBIDDEN")
    sub = await store.get_subscription(db, "matrix", room)
    assert sub is not None and sub.paused_at is not None


async def test_an_upgraded_invite_only_room_waits_for_the_bots_invitation(
    cast: Cast, bot: MatrixAdapter
) -> None:
    """Synapse invites no one into an invite-only room's replacement: the bot's join at the
    tombstone is refused, and the row that followed the room there waits (not gone) until a
    member invites the bot, which then joins, and the row goes out in the new room."""
    db = await bot.core.database()
    clock = FakeClock(SystemClock().now())
    room = await subscribed_room(cast, bot, db, clock)
    new = cast.server.request(
        "POST",
        f"/_matrix/client/v3/rooms/{room}/upgrade",
        {"new_version": "10"},
        cast.ana.access_token,
    )["replacement_room"]
    await wait_until(lambda: bot.sender.moved.get(room) == new, timeout=10)
    await queue(db, room, "u1", clock)
    deliver = worker(bot, db, clock)
    await deliver.drain()
    [row] = await rows(db)
    assert row.chat_id == new and row.status == "pending"
    assert "waiting for an invitation" in (row.last_error or "")
    moved = await store.get_subscription(db, "matrix", new)
    assert moved is not None and moved.paused_at is None  # the subscription followed
    assert await store.get_subscription(db, "matrix", room) is None

    cast.server.request(
        "POST",
        f"/_matrix/client/v3/rooms/{new}/invite",
        {"user_id": cast.bot.user_id},
        cast.ana.access_token,
    )
    await wait_until(lambda: new in cast.joined_rooms(cast.bot), timeout=10)
    clock.advance(seconds=WorkerConfig().backoff_cap)  # past the row's back-off
    await deliver.drain()
    [row] = await rows(db)
    assert row.status == "sent"
    assert notes(cast, new) == [f"{NOTE} (u1)"]
    assert notes(cast, room) == []
