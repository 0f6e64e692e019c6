"""What a restore holds (``bot.outbox.held``): every open row due by the restore, claimed or
not, and an edit of a held message with it; not a row due later, nor an edit of a message
already sent, nor anything settled. A held row is never claimed until an operator releases it
(then it goes, and its edit after it) or skips it. On SQLite and PostgreSQL (conftest's
``db``), with the delivery worker of ``tests/test_outbox_worker.py``."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.base.clock import FakeClock, SystemClock
from bot.outbox.config import WorkerConfig
from bot.outbox.held import SKIPPED_REASON, held_count, held_rows, hold, release, skip
from bot.outbox.queue import dedupe_key, enqueue
from bot.outbox.sender import Rejected, RetryLater
from bot.outbox.worker import DeliveryWorker
from storage.db import Database
from tests.test_outbox_worker import FakeSender, note, put, rows, worker


async def status(db: Database) -> dict[str, str]:
    return {key.split(":")[-1]: row.status for key, row in (await rows(db)).items()}


async def test_a_restore_holds_what_may_have_been_sent_and_nothing_else(
    db: Database, clock: FakeClock
) -> None:
    sender = FakeSender()
    w = worker(db, clock, sender, concurrency=1)
    sent = await put(db, clock, "sent", purpose="relay")
    await put(db, clock, "dead", chat="c2")
    sender.failures["c2"] = [Rejected("no")]
    await w.drain()
    await put(db, clock, "claimed")
    assert [r.dedupe_key for r in await w.claim(["telegram"])] == [
        dedupe_key("message", "telegram", "c1", "claimed")
    ]  # in hand when the backup was taken: "sending" in the copy
    due = await put(db, clock, "due", purpose="relay")
    async with db.session() as s:
        await enqueue(
            s,
            purpose="message",
            platform="telegram",
            chat_id="c3",
            occurrence="later",
            reply=note("later"),
            now=clock.now(),
            not_before=clock.now() + timedelta(days=1),
        )
        await s.commit()
    await put(db, clock, "edit-of-sent", purpose="relay_edit", edit_of=sent)
    await put(db, clock, "edit-of-due", purpose="relay_edit", edit_of=due)

    async with db.session() as s:
        assert await hold(s, through=clock.now()) == 3
        await s.commit()
    assert await status(db) == {
        "sent": "sent",
        "dead": "dead",
        "claimed": "held",
        "due": "held",
        "later": "pending",
        "edit-of-sent": "pending",
        "edit-of-due": "held",
    }
    found = await rows(db)
    claimed = found[dedupe_key("message", "telegram", "c1", "claimed")]
    assert claimed.claimed_by is None and claimed.claimed_until is None

    # The worker sends nothing held; the edit of a message sent is applied (again: harmless).
    await w.drain()
    assert sender.sent == [("c1", "sent")]
    assert [e[:2] for e in sender.edits] == [("c1", "m1")]
    async with db.session() as s:
        assert await held_count(s) == 3
        assert [r.status for r in await held_rows(s, 10)] == ["held"] * 3

    # The operator: the claimed one reached its chat (skip), the rest did not (release).
    async with db.session() as s:
        assert await skip(s, row_id=claimed.id) == 1
        assert await skip(s, row_id=claimed.id) == 0  # no longer held
        assert await release(s, now=clock.now(), platform="slack") == 0
        assert await release(s, now=clock.now(), platform="telegram") == 2
        await s.commit()
    await w.drain()
    clock.advance(seconds=6)  # the edit waits for its original (edit_wait, 5 s)
    await w.drain()
    assert sender.sent == [("c1", "sent"), ("c1", "due")]
    assert len(sender.edits) == 2
    final = await status(db)
    assert (final["claimed"], final["due"], final["edit-of-due"]) == ("skipped", "sent", "sent")
    assert (await rows(db))[claimed.dedupe_key].last_error == SKIPPED_REASON
    # A row due later was never held: it goes at its time.
    clock.advance(days=1)
    await w.drain()
    assert sender.sent[-1] == ("c3", "later")


async def test_an_edit_queued_after_the_restore_waits_for_its_held_original(
    db: Database, clock: FakeClock
) -> None:
    sender = FakeSender()
    w = worker(db, clock, sender, concurrency=1)
    original = await put(db, clock, "note", purpose="relay")
    async with db.session() as s:
        assert await hold(s, through=clock.now()) == 1
        await s.commit()
    edit = await put(db, clock, "note-edit", purpose="relay_edit", edit_of=original)
    await w.drain()
    found = await rows(db)
    # Not skipped as "never sent": released, the original may yet go, and its edit after it.
    assert (found[original].status, found[edit].status) == ("held", "pending")
    assert sender.sent == [] and sender.edits == []
    async with db.session() as s:
        assert await release(s, now=clock.now(), row_id=found[original].id) == 1
        await s.commit()
    await w.drain()
    clock.advance(seconds=6)
    await w.drain()
    assert sender.sent == [("c1", "note")] and [e[:2] for e in sender.edits] == [("c1", "m1")]


class ReadingSender(FakeSender):
    """A platform the bot can read back (as Matrix), whose history ``posted`` scripts: a
    key's message id, or an error for a look that cannot tell."""

    def __init__(self, platform: str = "telegram") -> None:
        super().__init__(platform)
        self.posted: dict[str, str | Exception] = {}
        self.looked: list[tuple[str, str, datetime]] = []

    async def find_sent(self, chat_id: str, key: str, since: datetime) -> str | None:
        self.looked.append((chat_id, key, since))
        found = self.posted.get(key)
        if isinstance(found, Exception):
            raise found
        return found


async def test_where_the_platform_can_be_read_back_the_worker_looks_at_start(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = SystemClock()  # the worker's own loop, as run starts it
    sender = ReadingSender()
    there = await put(db, clock, "there", purpose="relay")
    await put(db, clock, "there-edit", purpose="relay_edit", edit_of=there)
    absent = await put(db, clock, "absent", chat="c2")
    unknown = await put(db, clock, "unknown", chat="c3")
    async with db.session() as s:
        assert await hold(s, through=clock.now()) == 4
        await s.commit()
    sender.posted = {there: "m-old", unknown: RetryLater("history unreadable")}

    w = DeliveryWorker(db, {"telegram": sender}, clock, config=WorkerConfig(edit_wait=0.05))
    await w.start()
    try:
        async with asyncio.timeout(10):
            while len(sender.sent) < 1 or not sender.edits:
                await asyncio.sleep(0.02)
    finally:
        await w.stop()
    found = await rows(db)
    # Found in its chat: sent, with the message id found (its edit applies to it), not posted.
    assert (found[there].status, found[there].platform_message_id) == ("sent", "m-old")
    assert sender.edits == [("c1", "m-old", "there-edit\nbody")]
    # Surely not there: released and posted once. Cannot tell: still held, for the operator.
    assert sender.sent == [("c2", "absent")] and found[absent].status == "sent"
    assert found[unknown].status == "held"
    assert {k for _, k, _ in sender.looked} == {there, absent, unknown}  # edits: not looked for
    # Looked for back to the row's creation (the released one has a fresh window since).
    assert all(since == found[k].created_at for _, k, since in sender.looked if k != absent)
    assert "messages held since a restore: 1 " in caplog.text
