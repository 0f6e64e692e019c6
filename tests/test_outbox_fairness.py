"""Fair delivery, through the running worker at its default settings (``start``, the lane's
scheduler, the real clock): one chat's limit or 429 holds back that chat only.

Each test queues a handful of messages for one troublesome chat ahead of 40 ordinary ones,
and counts at the sender what arrived within a bound far below the trouble's length (a 30 s
Retry-After, a group's 60 s window): before the scheduler, the first held every lane for 30 s
and the second held a sending slot per waiting message for a minute."""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlmodel import select

from bot.base.clock import Clock, SystemClock
from bot.outbox.pacing import Limit, Limits, RateLimiter
from bot.outbox.queue import enqueue
from bot.outbox.sender import RetryLater
from bot.outbox.worker import DeliveryWorker
from messages.model import Heading, Reply
from storage.db import Database
from storage.models import OutboxMessage, OutboxStatus

# Every duration here is the trouble's times SCALE, the bound too, so the ratio between them
# (a tenth) holds: a bound of 3 s was raced by the machine (the 40 messages took over 3 s on
# PostgreSQL under load, 11 runs in 24), where 30 s against 300 s of trouble is the same claim.
SCALE = 10
RETRY_AFTER = 30.0 * SCALE  # a chat's 429
GROUP_WINDOW = 60.0 * SCALE  # a group's window
BOUND = 3.0 * SCALE  # wall seconds any test here waits for its messages
OTHERS = [f"{1000 + i}" for i in range(40)]


class Platform:
    """A sender that records what it accepted per chat; ``refuse`` answers 429 for ever."""

    platform = "telegram"

    def __init__(self, limiter: RateLimiter | None = None, refuse: str | None = None) -> None:
        self.limiter = limiter
        self.refuse = refuse
        self.accepted: collections.Counter[str] = collections.Counter()
        self.refused = 0

    async def send(self, chat_id: str, reply: Reply) -> str:
        if chat_id == self.refuse:
            self.refused += 1
            raise RetryLater(
                f"429 Too Many Requests: retry after {RETRY_AFTER:.0f}", retry_after=RETRY_AFTER
            )
        if self.limiter is not None:
            await self.limiter.acquire(chat_id)  # as the real senders do
        await asyncio.sleep(0.005)
        self.accepted[chat_id] += 1
        return f"{chat_id}:{self.accepted[chat_id]}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits here")


async def queue(db: Database, clock: Clock, chats: list[str], each: int = 1) -> None:
    async with db.session() as s:
        for chat in chats:
            for k in range(each):
                await enqueue(
                    s,
                    purpose="message",
                    platform="telegram",
                    chat_id=chat,
                    occurrence=f"m{k}",
                    reply=Reply.of(Heading(f"{chat} {k}")),
                    now=clock.now(),
                )
        await s.commit()


async def until_accepted(
    platform: Platform,
    wanted: dict[str, int],
    settled: Callable[[], Awaitable[bool]] | None = None,
) -> float:
    """Wall seconds until every chat in ``wanted`` has at least its count of messages, and
    ``settled`` says so (bounded by ``BOUND``)."""
    loop = asyncio.get_running_loop()
    began = loop.time()
    while loop.time() - began < BOUND and not (
        all(platform.accepted[c] >= n for c, n in wanted.items())
        and (settled is None or await settled())
    ):
        await asyncio.sleep(0.01)
    return loop.time() - began


async def deliver_until_accepted(
    db: Database,
    clock: Clock,
    platform: Platform,
    also: dict[str, int] | None = None,
    settled: Callable[[], Awaitable[bool]] | None = None,
) -> float:
    """Runs a worker at its defaults until every chat in ``OTHERS`` has a message and each
    chat in ``also`` its count, and ``settled`` says so (or ``BOUND`` passes); the wall
    seconds that took. Waiting for ``also`` too matters: a chat's second message may still be
    in flight when the last of the others lands, and stopping then would count one short.
    So does ``settled``: a row the worker has claimed but not yet handed back when it stops
    goes back as "the worker stopped", whatever it would have said."""
    worker = DeliveryWorker(db, {"telegram": platform}, clock)
    await worker.start()
    try:
        wanted = dict.fromkeys(OTHERS, 1) | (also or {})
        return await until_accepted(platform, wanted, settled)
    finally:
        await worker.stop()


async def rows_of(db: Database, chat: str) -> list[OutboxMessage]:
    async with db.session() as s:
        return list(
            (await s.exec(select(OutboxMessage).where(OutboxMessage.chat_id == chat))).all()
        )


async def test_a_chat_answering_429_delays_only_itself(db: Database) -> None:
    """Fault: one chat answers every message with 429, retry_after 30 s (x SCALE). Its 3
    messages are
    queued ahead of one each for 40 other chats."""
    clock = SystemClock()
    await queue(db, clock, ["666"], each=3)
    await queue(db, clock, OTHERS)
    platform = Platform(refuse="666")
    took = await deliver_until_accepted(db, clock, platform)
    assert platform.refused == 1  # the chat was tried, once, and then waited its 30 s
    assert sorted(platform.accepted) == sorted(OTHERS) and took < BOUND  # the others: all
    assert set(platform.accepted.values()) == {1}  # once each
    rows = await rows_of(db, "666")
    assert {r.status for r in rows} == {"pending"}
    # Tried once; the two behind it were handed back untried (and a 429 spends none of the
    # retry window, which is counted in time).
    assert sorted(r.attempts for r in rows) == [0, 0, 1]
    refused = max(rows, key=lambda r: r.next_attempt_at)
    assert refused.next_attempt_at >= clock.now() + timedelta(seconds=RETRY_AFTER * 5 / 6)


async def test_a_groups_limit_does_not_delay_private_chats(db: Database) -> None:
    """A group may take 2 messages a minute (x SCALE; scaled down from Telegram's 20); 6 are queued
    for it ahead of one each for 40 private chats. The sender's limiter is the one answers
    share; the worker asks it which chat has room instead of waiting inside it."""
    clock = SystemClock()
    await queue(db, clock, ["-100"], each=6)
    await queue(db, clock, OTHERS)
    limits = TestLimits(
        overall=Limit(1000, 1.0),
        chat=Limit(3, 1.0),
        group=Limit(2, GROUP_WINDOW),
        bulk_chat=Limit(1, 0.05),
    )
    platform = Platform(RateLimiter(limits))

    async def none_claimed() -> bool:  # each of the group's rows sent or back in the queue
        return all(r.status != OutboxStatus.SENDING for r in await rows_of(db, "-100"))

    took = await deliver_until_accepted(db, clock, platform, {"-100": 2}, none_claimed)
    assert sorted(c for c in platform.accepted if c != "-100") == sorted(OTHERS)
    assert took < BOUND
    assert platform.accepted["-100"] == 2  # its minute's worth, and no more
    rows = await rows_of(db, "-100")
    waiting = [r for r in rows if r.status == "pending"]
    assert len(waiting) == 4 and {r.attempts for r in waiting} == {0}
    # Those claimed went back to the queue for when the group's minute has room again,
    # instead of holding a slot; the last was never claimed (the group was not free).
    handed_back = [r for r in waiting if r.last_error]
    assert handed_back and all("sending limit" in str(r.last_error) for r in handed_back)
    soonest = clock.now() + timedelta(seconds=GROUP_WINDOW * 5 / 6)
    assert min(r.next_attempt_at for r in handed_back) >= soonest


class TestLimits(Limits):
    __test__ = False

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("-")


async def test_an_answer_waiting_for_the_overall_limit_goes_before_bulk() -> None:
    """Answers and the outbox share the limiter; an answer that waits for room in the
    overall window is not overtaken by bulk messages."""
    now = [0.0]
    order: list[str] = []

    async def sleep(seconds: float) -> None:
        now[0] += seconds
        await asyncio.sleep(0)

    limiter = RateLimiter(
        TestLimits(overall=Limit(2, 1.0), chat=Limit(3, 1.0)), clock=lambda: now[0], sleep=sleep
    )
    await limiter.acquire("1")
    await limiter.acquire("2")  # the second is full

    async def answer() -> None:
        await limiter.acquire("3")
        order.append("answer")

    async def bulk() -> None:
        await limiter.acquire_bulk("4")
        order.append("bulk")

    waiting = asyncio.create_task(answer())
    await asyncio.sleep(0)  # the answer is waiting for the window now
    await asyncio.wait_for(asyncio.gather(waiting, bulk()), 5)
    assert order == ["answer", "bulk"]
