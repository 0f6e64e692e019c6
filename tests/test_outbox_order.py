"""A chat's messages arrive in the order they were queued, one at a time, through the running
worker at its default settings: after a failed send (the chat's next message waits for the
retry rather than overtaking it), and with two instances on one database (one never sends to a
chat while the other's send to it is open). On SQLite and PostgreSQL.

Durations run on a clock 20 times faster (``ScaledClock``), so the production back-off (5 s
before a second attempt) takes a quarter of a second while every ratio holds. At 50 times, a
claim's 2-minute lease was 2.4 s of wall time: a loaded CI machine stalled a send that long, the
other instance took the row, and the chat got it twice. At 20 times the lease is 6 s, and the
tests take as long as before (they wait on work, not on the clock)."""

from __future__ import annotations

import asyncio
import collections
from datetime import UTC, datetime

from bot.base.clock import ScaledClock
from bot.outbox.sender import RetryLater
from bot.outbox.worker import DeliveryWorker
from messages.model import Heading, Reply
from storage.db import Database
from tests.conftest import POSTGRES_URL
from tests.test_outbox_fairness import queue

FACTOR = 20.0
BOUND = 20.0  # wall seconds a test waits for its messages (the back-off is 0.25 s)
CHATS = [f"{100 + i}" for i in range(30)]  # 120 messages: more than a claim takes
EACH = 4


class Platform:
    """Records, per chat, the messages it accepted in order and how many were in flight to
    the chat at once; ``fail_first`` answers a 502 to that chat's first message, once."""

    platform = "telegram"

    def __init__(self, fail_first: str | None = None) -> None:
        self.fail_first = fail_first
        self.received: dict[str, list[str]] = collections.defaultdict(list)
        self.in_flight: collections.Counter[str] = collections.Counter()
        self.most_in_flight = 0
        self.failed = 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        heading = reply.blocks[0]
        assert isinstance(heading, Heading)
        body = heading.text
        self.in_flight[chat_id] += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight[chat_id])
        try:
            await asyncio.sleep(0.01)  # a request's time: another sender may start meanwhile
            if chat_id == self.fail_first and not self.failed:
                self.failed += 1
                raise RetryLater("502 Bad Gateway")
            self.received[chat_id].append(body)
        finally:
            self.in_flight[chat_id] -= 1
        return f"{chat_id}:{len(self.received[chat_id])}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits here")

    def done(self) -> bool:
        return all(len(self.received[c]) >= EACH for c in CHATS)


async def until(platform: Platform) -> None:
    loop = asyncio.get_running_loop()
    began = loop.time()
    while loop.time() - began < BOUND and not platform.done():
        await asyncio.sleep(0.01)


def in_order() -> dict[str, list[str]]:
    """Each chat's messages as they should have arrived: all, once each, in queue order."""
    return {c: [f"{c} {k}" for k in range(EACH)] for c in CHATS}


async def test_a_failed_send_is_not_overtaken_by_the_chats_next_message(db: Database) -> None:
    """Fault: a 502 for the first of one chat's 4 messages, once; 30 chats x 4 queued chat
    by chat. Its retry comes after the production back-off (2.5-5 s, here 50x faster); the
    chat's 3 others wait for it. Before: they went out meanwhile, and the first came last."""
    clock = ScaledClock(datetime.now(UTC), FACTOR)
    await queue(db, clock, CHATS, each=EACH)  # chat by chat
    platform = Platform(fail_first=CHATS[0])
    worker = DeliveryWorker(db, {"telegram": platform}, clock)
    await worker.start()
    try:
        await until(platform)
    finally:
        await worker.stop()
    assert platform.failed == 1
    assert dict(platform.received) == in_order()
    assert platform.most_in_flight == 1


async def test_two_instances_send_a_chats_messages_one_at_a_time_in_order(
    db: Database,
) -> None:
    """Two instances on one database (two engines), 30 chats x 4 queued chat by chat: no chat
    has two sends open at once, and each chat's arrive in order. Before: an instance claimed
    a chat's next message while the other was sending its first."""
    clock = ScaledClock(datetime.now(UTC), FACTOR)
    await queue(db, clock, CHATS, each=EACH)  # chat by chat
    url = str(db.url) if db.dialect == "sqlite" else POSTGRES_URL
    other = Database(url, schema=db.schema)
    await other.start()
    platform = Platform()
    a = DeliveryWorker(db, {"telegram": platform}, clock, worker_id="a")
    b = DeliveryWorker(other, {"telegram": platform}, clock, worker_id="b")
    await asyncio.gather(a.start(), b.start())
    try:
        await until(platform)
    finally:
        await asyncio.gather(a.stop(), b.stop())
        await other.close()
    assert a.sent and b.sent  # both instances took part
    assert dict(platform.received) == in_order()
    assert platform.most_in_flight == 1
