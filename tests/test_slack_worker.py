"""The outbox's delivery worker sending through the Slack sender to the fake Slack: a 429 on
the first post and the message still delivered once; a note's ``<!channel>`` posted inert."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from adapters.slack.sender import SlackSender
from adapters.slack.testing.fake import FakeSlack, markup_texts, slack_sender
from bot.base.clock import FakeClock
from bot.outbox.queue import dedupe_key, enqueue
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from messages.model import Quote, Reply, text
from storage.db import Database
from storage.models import OutboxMessage

NOTE = Reply.of(Quote(text("<!channel> share this & that"), cite="ana"))


@pytest.fixture
async def sender(fake_slack: FakeSlack) -> AsyncIterator[SlackSender]:
    async with slack_sender(fake_slack) as sender:
        yield sender


async def queue_note(db: Database, clock: FakeClock) -> str:
    async with db.session() as s:
        await enqueue(
            s,
            purpose="practice",
            platform="slack",
            chat_id="C0SHARED",
            occurrence="note-1",
            reply=NOTE,
            now=clock.now(),
        )
        await s.commit()
    return dedupe_key("practice", "slack", "C0SHARED", "note-1")


async def row(db: Database, key: str) -> OutboxMessage:
    async with db.session() as s:
        return (await s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))).one()


async def test_a_429_then_the_note_is_delivered_once_and_inert(
    db: Database, clock: FakeClock, fake_slack: FakeSlack, sender: SlackSender
) -> None:
    key = await queue_note(db, clock)
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0)
    worker = DeliveryWorker(db, {"slack": sender}, clock, config=WorkerConfig(backoff_base=1))
    assert await worker.run_once() == 1
    first = await row(db, key)
    assert (first.status, first.attempts) == ("pending", 1)
    clock.advance(seconds=2)
    assert await worker.drain() == 1
    sent = await row(db, key)
    assert sent.status == "sent"
    assert sent.platform_message_id == "1700000001.000100"  # the ts Slack gave it
    posts = fake_slack.of("chat.postMessage")
    assert len(posts) == 2 and posts[0].params == posts[1].params  # one 429, one delivery
    assert await worker.drain() == 0  # never again
    [quote] = posts[1].params["blocks"][0]["elements"]
    assert quote["elements"] == [{"type": "text", "text": "<!channel> share this & that"}]
    assert not any("<!" in t for t in markup_texts(posts[1].params))  # literal, never a ping


async def test_an_archived_channel_is_not_retried(
    db: Database, clock: FakeClock, fake_slack: FakeSlack, sender: SlackSender
) -> None:
    key = await queue_note(db, clock)
    fake_slack.fail_next("chat.postMessage", "is_archived")
    worker = DeliveryWorker(db, {"slack": sender}, clock)
    assert await worker.drain() == 1
    gone = await row(db, key)
    assert gone.status == "dead"
    assert "is_archived" in (gone.last_error or "")
    assert len(fake_slack.of("chat.postMessage")) == 1
