"""The review cycle to subscribe to: ``/calendar.ics`` on the HTTP server ``coalition-bot run``
assembles (``build_runtime``, Telegram against the fake Bot API), asked as a calendar app asks:
a first GET, then conditional GETs answered 304 until a milestone changes; and ``calendar``
answering with the webcal:// link once COALITION_PUBLIC_URL is set, with the file otherwise."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from multidict import CIMultiDict

from adapters.telegram.testing.fake import FakeTelegram, private_chat, user
from bot.app.assembly import build_core, build_runtime
from bot.app.health import HealthServer
from bot.base.settings import Settings
from bot.core.incoming import Incoming
from bot.core.runtime import Runtime

PUBLIC = "https://bot.example.org/coalition/"
ANA = user(1001, "Ana")


async def start(fake: FakeTelegram, tmp_path: Path, **more: str) -> Runtime:
    env = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "TELEGRAM_POLL_TIMEOUT": "1",
        "COALITION_HEALTH_PORT": "0",
        **more,
    }
    settings = Settings(data_dir=tmp_path, env=env)
    runtime = build_runtime(settings, core=build_core(settings))
    await asyncio.wait_for(runtime.start(), 30)
    return runtime


@pytest.fixture
async def runtime(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[Runtime]:
    runtime = await start(fake_telegram, tmp_path, COALITION_PUBLIC_URL=PUBLIC)
    try:
        yield runtime
    finally:
        await asyncio.wait_for(runtime.stop(), 30)


async def fetch(runtime: Runtime, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
    [server] = [s for s in runtime.services if isinstance(s, HealthServer)]
    url = f"http://127.0.0.1:{server.port}/calendar.ics"
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http,
        http.get(url, headers={k.replace("_", "-"): v for k, v in headers.items()}) as r,
    ):
        return r.status, CIMultiDict(r.headers), await r.read()


async def test_a_calendar_app_polls_and_gets_304_until_a_milestone_changes(
    runtime: Runtime,
) -> None:
    status, headers, body = await fetch(runtime)
    assert status == 200
    assert headers["Content-Type"].startswith("text/calendar")
    assert body.startswith(b"BEGIN:VCALENDAR") and b"UID:review-1@" in body
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    # As Outlook and Google Calendar ask again: nothing changed, nothing sent.
    status, again, body = await fetch(runtime, If_None_Match=etag)
    assert (status, body, again["ETag"]) == (304, b"", etag)
    status, _, body = await fetch(runtime, If_Modified_Since=modified)
    assert (status, body) == (304, b"")
    # Same content, same answer: the ETag depends on the calendar, not on the moment.
    assert (await fetch(runtime))[1]["ETag"] == etag
    # An admin adds a milestone: the next poll gets the new calendar.
    reply = await runtime.core.handle(
        Incoming("console", "local", "local", "milestone add 2027-03-15 Call for submissions")
    )
    assert not reply.ephemeral
    status, headers, body = await fetch(runtime, If_None_Match=etag)
    assert status == 200 and headers["ETag"] != etag
    assert b"Call for submissions" in body
    status, _, body = await fetch(runtime, If_None_Match=f'W/{headers["ETag"]}, "other"')
    assert (status, body) == (304, b"")


async def test_calendar_answers_with_the_link_to_subscribe(
    runtime: Runtime, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.message(private_chat(ANA), ANA, "/calendar")
    [sent] = await fake_telegram.wait_for("sendMessage", chat_id=1001, timeout=10)
    assert "webcal://bot.example.org/coalition/calendar.ics" in sent.params["text"]
    assert "https://bot.example.org/coalition/calendar.ics" in sent.params["text"]
    assert not fake_telegram.calls_to("sendDocument")


async def test_without_a_public_address_calendar_sends_the_file(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    runtime = await start(fake_telegram, tmp_path)
    try:
        fake_telegram.message(private_chat(ANA), ANA, "/calendar")
        [sent] = await fake_telegram.wait_for("sendDocument", chat_id=1001, timeout=10)
        assert sent.files["document"].data.startswith(b"BEGIN:VCALENDAR")
        assert all("webcal" not in c.params["text"] for c in fake_telegram.calls_to("sendMessage"))
    finally:
        await asyncio.wait_for(runtime.stop(), 30)
