"""``coalition-bot run`` with Slack and Telegram configured: one process, one database, both
platforms answered. (The relay of a note to every shared channel is the practices' test.)"""

from __future__ import annotations

import asyncio
import urllib.parse
from pathlib import Path

from adapters.slack.testing.fake import APP_TOKEN, BOT_TOKEN, FakeSlack, slash_command
from adapters.telegram.testing.fake import TOKEN, FakeTelegram, private_chat, user
from bot.app.assembly import build_runtime
from bot.app.run import serve
from bot.base.settings import Settings


def both(tmp_path: Path, slack: FakeSlack, telegram: FakeTelegram) -> Settings:
    return Settings(
        data_dir=tmp_path,
        env={
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": telegram.base_url,
            "TELEGRAM_POLL_TIMEOUT": "1",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_BASE_URL": slack.base_url,
            "COALITION_HEALTH_PORT": "0",  # tests run in parallel: no fixed port
        },
    )


async def test_build_runtime_installs_both_platforms(tmp_path: Path) -> None:
    async with FakeTelegram() as telegram:
        slack = FakeSlack()
        await slack.start()
        try:
            runtime = build_runtime(both(tmp_path, slack, telegram))
            assert set(runtime.senders) == {"slack", "telegram"}
            assert {s.name for s in runtime.services} >= {"slack", "telegram"}
            assert runtime.senders["slack"].platform == "slack"
        finally:
            await slack.stop()


async def test_one_process_answers_on_slack_and_on_telegram(tmp_path: Path) -> None:
    slack = FakeSlack()
    await slack.start()
    async with FakeTelegram() as telegram:
        stop = asyncio.Event()
        running = asyncio.create_task(serve(both(tmp_path, slack, telegram), stop))
        try:
            await slack.wait_for("apps.connections.open", timeout=10)
            body = slash_command("paragraph 3e", response_url=slack.response_url("both"))
            await slack.push(
                {
                    "envelope_id": "env-both",
                    "type": "slash_commands",
                    "accepts_response_payload": True,
                    "payload": dict(urllib.parse.parse_qsl(body)),
                }
            )
            ana = user(501, "Ana")
            telegram.message(private_chat(ana), ana, "paragraph 3e")
            [answer] = await slack.wait_for("response_url", timeout=10)
            assert answer.params["blocks"][0]["text"]["text"] == "Paragraph 3(e)"
            [sent] = await telegram.wait_for("sendMessage", timeout=10)
            assert "curb the financing of terrorism" in sent.params["text"]
        finally:
            stop.set()
            assert await asyncio.wait_for(running, 15) == 0
            await slack.stop()
