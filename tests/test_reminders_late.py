"""A reminder queued on time but delivered late (the platform down or rate-limiting for a long
while) says so, once, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import select

from bot.base.clock import FakeClock
from bot.outbox.hooks import DeliveryHooks
from bot.outbox.sender import RetryLater
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from bot.reminders import delivery_hooks, scan, store
from bot.reminders.timing import Options
from bot.testing.helpers import utc
from messages.model import Footer, Paragraph, Reply
from messages.render_plain import render
from storage.db import Database
from storage.models import OutboxMessage

DELIVERED_LATE = "but the chat platform could not take it until now"
CAUGHT_UP = "while the bot was not running"


class FlakySender:
    """Fails with RetryLater ``failures`` times (no Retry-After), then accepts."""

    platform = "telegram"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list[Reply] = []

    async def send(self, chat_id: str, reply: Reply) -> str:
        if self.failures:
            self.failures -= 1
            raise RetryLater("platform unavailable")
        self.sent.append(reply)
        return f"m{len(self.sent)}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits here")


async def setup(db: Database, clock: FakeClock, on: date, leads: tuple[int, ...]) -> None:
    now = clock.now()
    for m in await store.milestones(db, now):
        await store.change_milestone(db, m.id, by="t", now=now, remove=True)
    await store.add_milestone(
        db, on_date=on, precision="day", title="Day X", by="t", now=now, announce=False
    )
    await store.subscribe(
        db,
        platform="telegram",
        chat_id="c1",
        options=Options(leads, "Europe/Vienna", "09:00"),
        by="t",
        now=now,
    )


def worker(db: Database, clock: FakeClock, sender: FlakySender) -> DeliveryWorker:
    # Back-off of 60 s doubling: attempts at 0, ~1, ~3, ~7 minutes and so on (with jitter).
    config = WorkerConfig(backoff_base=60.0)
    hooks = DeliveryHooks()
    delivery_hooks.register(hooks, frozenset())  # as the assembly does: the late note's hook
    return DeliveryWorker(
        db, {"telegram": sender}, clock, config=config, rng=random.Random(3), hooks=hooks
    )


async def deliver(db: Database, clock: FakeClock, sender: FlakySender, step: timedelta) -> int:
    """Runs the worker, moving the clock by ``step`` between passes, until the sender has
    accepted one message; the number of passes (bounded)."""
    w = worker(db, clock, sender)
    for passes in range(1, 40):
        await w.drain(max_passes=5)
        if sender.sent:
            return passes
        clock.advance(seconds=step.total_seconds())
    raise AssertionError("never delivered")


async def test_on_time_reminder_delivered_late_says_so(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 3, 10), leads=(1,))
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 9, 8))  # 09:00 CET, on time
    result = await scan.scan(db, clock.now())
    assert (result.queued, result.late) == (1, 0)
    async with db.session() as s:
        (row,) = (await s.exec(select(OutboxMessage))).all()
    assert row.payload["late_after"] == "2027-03-09T08:10:00+00:00"

    sender = FlakySender(failures=4)
    await deliver(db, clock, sender, timedelta(minutes=4))
    assert clock.now() > utc(2027, 3, 9, 8, 10)  # retried past the threshold
    (reply,) = sender.sent
    out = render(reply)
    assert out.count("This reminder is late") == 1
    assert "it was due Tue 9 March 2027, 09:00 CET (1 day before)" in out
    assert DELIVERED_LATE in out and CAUGHT_UP not in out
    # The note sits with the message, before its closing footers.
    kinds = [type(b) for b in reply.blocks]
    note = next(
        i
        for i, b in enumerate(reply.blocks)
        if isinstance(b, Paragraph) and DELIVERED_LATE in render(Reply((b,)))
    )
    assert Footer not in kinds[:note] and kinds[-1] is Footer
    async with db.session() as s:
        sent = (await s.exec(select(OutboxMessage))).one()
    assert (sent.status, sent.attempts) == ("sent", 5)


async def test_a_retry_inside_the_threshold_is_not_late(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 3, 10), leads=(0,))
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 10, 8))
    assert (await scan.scan(db, clock.now())).queued == 1
    sender = FlakySender(failures=2)
    await deliver(db, clock, sender, timedelta(minutes=2))
    assert clock.now() <= utc(2027, 3, 10, 8, 10)
    assert "late" not in render(sender.sent[0])


async def test_caught_up_reminder_gets_one_late_note(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 3, 10), leads=(1,))
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 9, 20))  # the bot was down at the due time: late at scan time
    result = await scan.scan(db, clock.now())
    assert (result.queued, result.late) == (1, 1)
    sender = FlakySender(failures=3)
    await deliver(db, clock, sender, timedelta(minutes=30))  # and the platform was down too
    out = render(sender.sent[0])
    assert out.count("This reminder is late") == 1
    assert CAUGHT_UP in out and DELIVERED_LATE not in out
