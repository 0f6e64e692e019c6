"""Across platforms, end to end: a note written on Telegram reaches the Slack shared channel
(and the Telegram one) through the outbox, the delivery worker and each platform's sender,
against the fake Slack and Telegram servers on 127.0.0.1; withdrawing it edits both posts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from adapters.slack.sender import SlackSender
from adapters.slack.testing import fake as slack_fake
from adapters.slack.testing.fake import FakeSlack
from adapters.telegram.sender import TelegramSender
from adapters.telegram.testing.fake import FakeTelegram
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.outbox.worker import DeliveryWorker
from bot.testing import TestBot
from storage.db import Database
from storage.retention import prune

SHARED = {"TELEGRAM_SHARED_CHAT_ID": "-1001000", "SLACK_SHARED_CHANNEL_ID": "C0SHARED"}
NOTE = "Port screening <!channel>\nJoint cargo screening at the port, *every* week. @here #pillar2"


@pytest.fixture
async def slack(fake_slack: FakeSlack) -> AsyncIterator[tuple[FakeSlack, SlackSender]]:
    """``fake_slack`` and the outbox's Slack sender pointed at it (here in place of the
    conftest's ``slack``, the adapter: the bot's side is the core and the worker)."""
    async with slack_fake.slack_sender(fake_slack) as sender:
        yield fake_slack, sender


async def test_a_telegram_note_appears_in_the_slack_shared_channel_and_is_edited_on_withdraw(
    db: Database,
    clock: FakeClock,
    tmp_path: Path,
    slack: tuple[FakeSlack, SlackSender],
    telegram: tuple[FakeTelegram, TelegramSender],
) -> None:
    fake_slack, slack_sender = slack
    fake_telegram, telegram_sender = telegram
    settings = Settings(data_dir=tmp_path, env=SHARED)
    bot = TestBot(build_core(settings, db=db, clock=clock), platform="telegram")
    worker = DeliveryWorker(db, {"slack": slack_sender, "telegram": telegram_sender}, clock)

    answer = await bot.ask(f"practice {NOTE}", user="42", name="Ana", chat="-100555")
    assert "on its way to the shared channel on Slack and Telegram" in answer
    assert await worker.drain() == 2
    assert await worker.drain() == 0  # delivered once

    [post] = fake_slack.of("chat.postMessage")
    assert post.params["channel"] == "C0SHARED"
    blocks = post.params["blocks"]
    assert blocks[0]["text"] == {"type": "plain_text", "text": "Port screening <!channel>"}
    body = blocks[1]["text"]
    assert body["type"] == "plain_text" and "*every* week. @here" in body["text"]
    assert "#1 from Ana on Telegram" in str(blocks)
    assert "<!channel>" not in post.params["text"]  # the notification text is escaped

    [tg] = fake_telegram.calls_to("sendMessage")
    assert str(tg.params["chat_id"]) == "-1001000"
    assert "Port screening &lt;!channel&gt;" in tg.params["text"]
    assert "#1 from Ana on Telegram" in tg.params["text"]

    # Long past any retention age the relays stay (queued with keep_sent): withdrawing edits them.
    pruned = await prune(db, clock.advance(days=400), older_than=timedelta(days=90))
    assert pruned.rows.get("outbox", 0) == 0
    assert "will say so" in await bot.ask("practice withdraw 1", user="42", chat="-100555")
    assert await worker.drain() == 2
    [update] = fake_slack.of("chat.update")
    assert update.params["channel"] == "C0SHARED"
    assert "(withdrawn)" in str(update.params["blocks"]) and "cargo" not in str(update.params)
    [edit] = fake_telegram.calls_to("editMessageText")
    assert "(withdrawn)" in edit.params["text"] and "cargo" not in edit.params["text"]
