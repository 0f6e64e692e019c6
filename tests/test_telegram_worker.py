"""The outbox's delivery worker through the Telegram sender and the fake Bot API, on SQLite and
PostgreSQL: Telegram's 429, 403 and migrations as the worker sees them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import select

from adapters.telegram.sender import TelegramSender
from adapters.telegram.testing.fake import FakeTelegram, telegram_sender
from bot.base.clock import FakeClock
from bot.outbox.hooks import DeliveryHooks
from bot.outbox.queue import enqueue
from bot.outbox.worker import DeliveryWorker
from bot.reminders import delivery_hooks, store
from bot.reminders.timing import Options
from messages.model import Heading, Paragraph, Reply, text
from storage.db import Database
from storage.models import OutboxMessage

REMINDER = Reply.of(Heading("Review reminder"), Paragraph(text("The review opens in 7 days.")))
ADMIN = "777"


@pytest.fixture
async def sender(fake_telegram: FakeTelegram) -> AsyncIterator[TelegramSender]:
    async with telegram_sender(fake_telegram) as sender:
        yield sender


def worker(db: Database, sender: TelegramSender, clock: FakeClock) -> DeliveryWorker:
    hooks = DeliveryHooks()
    delivery_hooks.register(hooks, frozenset({f"telegram:{ADMIN}"}))
    return DeliveryWorker(db, {"telegram": sender}, clock, hooks=hooks)


async def queue(db: Database, clock: FakeClock, chat_id: str, occurrence: str = "r1") -> None:
    async with db.session() as s:
        await enqueue(
            s,
            purpose="message",  # no feature checks it: these test the worker with Telegram
            platform="telegram",
            chat_id=chat_id,
            occurrence=occurrence,
            reply=REMINDER,
            now=clock.now(),
        )
        await s.commit()


async def rows(db: Database) -> list[OutboxMessage]:
    async with db.session() as s:
        return list((await s.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def test_a_429_is_waited_out_and_the_reminder_sent_once(
    db: Database, fake_telegram: FakeTelegram, sender: TelegramSender, clock: FakeClock
) -> None:
    await queue(db, clock, "1001")
    fake_telegram.fail("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    assert await worker(db, sender, clock).drain() == 1
    [row] = await rows(db)
    assert row.status == "pending"
    assert timedelta(seconds=2) <= row.next_attempt_at - clock.now() <= timedelta(seconds=2.2)

    clock.advance(seconds=3)
    # A second worker: the first one also holds the whole platform back for the Retry-After.
    assert await worker(db, sender, clock).drain() == 1
    [row] = await rows(db)
    attempts = fake_telegram.calls_to("sendMessage", chat_id=1001)
    assert [c.error_code for c in attempts] == [429, None]
    assert (row.status, row.attempts, row.platform_message_id) == ("sent", 2, "1")


async def test_a_blocked_chat_pauses_its_subscription(
    db: Database, fake_telegram: FakeTelegram, sender: TelegramSender, clock: FakeClock
) -> None:
    await store.subscribe(
        db, platform="telegram", chat_id="1001", options=Options(), by="ana", now=clock.now()
    )
    await queue(db, clock, "1001")
    fake_telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user", chat_id=1001)
    await worker(db, sender, clock).drain()
    sub = await store.get_subscription(db, "telegram", "1001")
    assert sub is not None and sub.paused_at is not None
    reminder, notice = await rows(db)
    assert reminder.status == "dead" and "blocked" in (reminder.last_error or "")
    # The coalition admin on Telegram is told, through the same sender.
    assert (notice.purpose, notice.chat_id, notice.status) == ("admin_notice", ADMIN, "sent")
    [told] = fake_telegram.calls_to("sendMessage", chat_id=int(ADMIN))
    assert "1001" in told.params["text"]


async def test_an_upgraded_group_is_followed_to_its_new_id(
    db: Database, fake_telegram: FakeTelegram, sender: TelegramSender, clock: FakeClock
) -> None:
    await store.subscribe(
        db, platform="telegram", chat_id="-4567", options=Options(), by="ana", now=clock.now()
    )
    await queue(db, clock, "-4567")
    fake_telegram.fail(
        "sendMessage",
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        migrate_to_chat_id=-1009876543210,
    )
    await worker(db, sender, clock).drain()
    assert await store.get_subscription(db, "telegram", "-4567") is None
    assert await store.get_subscription(db, "telegram", "-1009876543210") is not None
    [sent] = [c for c in fake_telegram.calls_to("sendMessage") if c.ok]
    assert sent.params["chat_id"] == -1009876543210
    assert [r.status for r in await rows(db)] == ["sent"]
