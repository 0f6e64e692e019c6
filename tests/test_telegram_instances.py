"""Two instances of one Telegram bot in polling mode on one database: Telegram answers 409
Conflict when two getUpdates overlap, so only the holder of the polling lease polls; the
other stands by and takes over when the poller stops, and a member's conversation goes on
with it. Lease durations x 1/30 (ttl 45 s -> 1.5 s, renewal 15 s -> 0.5 s)."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

import aiohttp

from adapters.telegram.testing.fake import (
    FakeTelegram,
    plain,
    private_chat,
    running_bot,
    user,
)
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from storage.leases import LeaseTimes

ANA = user(1001, "Ana", username="ana")
FAST = LeaseTimes().scaled(1 / 30)


async def test_the_fake_answers_409_to_overlapping_getupdates(fake_telegram: FakeTelegram) -> None:
    url = f"{fake_telegram.base_url}/bot{fake_telegram.token}/getUpdates"
    async with aiohttp.ClientSession() as http:
        first = asyncio.create_task(http.post(url, json={"timeout": 5}))
        await asyncio.sleep(0.3)  # the first one is waiting for news
        async with http.post(url, json={"timeout": 0}) as second:
            assert (await second.json())["ok"] is True
        async with await asyncio.wait_for(first, 3) as response:
            body = await response.json()
    assert response.status == 409 and "terminated by other getUpdates" in body["description"]
    assert fake_telegram.conflicts == 1


async def test_only_one_instance_polls_and_the_other_takes_over(
    fake_telegram: FakeTelegram, settings: Settings, clock: FakeClock
) -> None:
    # Counted here: the answers, each once. The fake's flood control (a chat's burst, then one
    # a second; tested with the sender in tests/test_telegram_sender.py) would add the attempts
    # it refuses and the sender retries whenever load bunches two answers: attempts, not answers.
    fake_telegram.flood = None
    chat = private_chat(ANA)
    a_core, b_core = (
        build_core(settings, clock=clock),
        build_core(settings, clock=clock),
    )  # one SQLite file
    a_stack, b_stack = AsyncExitStack(), AsyncExitStack()
    try:
        a = await a_stack.enter_async_context(running_bot(a_core, fake_telegram, poll_lease=FAST))
        b = await b_stack.enter_async_context(running_bot(b_core, fake_telegram, poll_lease=FAST))
        assert a.app.updater is not None and a.app.updater.running
        assert b.app.updater is not None and not b.app.updater.running  # standing by
        for n in range(5):  # 5 messages over more than two lease periods
            fake_telegram.message(chat, ANA, f"paragraph {n + 1}")
            await fake_telegram.wait_for("sendMessage", n + 1)
            await asyncio.sleep(FAST.ttl / 2)
        assert len(fake_telegram.calls_to("sendMessage")) == 5  # each answered once
        assert fake_telegram.conflicts == 0  # never two getUpdates at once

        await a_stack.aclose()  # the poller stops and gives the lease up
        fake_telegram.message(chat, ANA, "paragraph 6")
        # b polls within one renewal (released) and at most ttl + renewal (60 s) if not
        await fake_telegram.wait_for("sendMessage", 6, timeout=FAST.ttl + FAST.renew_every + 3)
        assert b.app.updater.running
        assert len(fake_telegram.calls_to("sendMessage")) == 6
        assert fake_telegram.conflicts == 0
    finally:
        await a_stack.aclose()
        await b_stack.aclose()


async def test_a_conversation_goes_on_with_the_instance_that_takes_over(
    fake_telegram: FakeTelegram, settings: Settings, clock: FakeClock
) -> None:
    """Ana's follow-up comes after the poller stopped (a deploy, a crash of its host): the
    instance that takes the polling over reads her topic from the database."""
    chat = private_chat(ANA)
    a_core, b_core = build_core(settings, clock=clock), build_core(settings, clock=clock)
    a_stack, b_stack = AsyncExitStack(), AsyncExitStack()
    try:
        await a_stack.enter_async_context(running_bot(a_core, fake_telegram, poll_lease=FAST))
        b = await b_stack.enter_async_context(running_bot(b_core, fake_telegram, poll_lease=FAST))
        fake_telegram.message(chat, ANA, "para 3(h)")
        [first] = await fake_telegram.wait_for("sendMessage")
        assert "rehabilitation" in plain(first.params["text"])
        await a_stack.aclose()  # the poller stops, and gives the lease up
        clock.advance(seconds=30)
        fake_telegram.message(chat, ANA, "and the next one?")
        [_, second] = await fake_telegram.wait_for(
            "sendMessage", 2, timeout=FAST.ttl + FAST.renew_every + 3
        )
        assert b.app.updater is not None and b.app.updater.running  # b answered it
        said = plain(second.params["text"])
        assert said.startswith("Reading that as: “paragraph 3(i)”.")
        assert "critical infrastructures" in said
    finally:
        await a_stack.aclose()
        await b_stack.aclose()
