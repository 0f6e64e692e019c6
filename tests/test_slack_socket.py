"""Socket Mode: the same Bolt app over a WebSocket from our fake Slack."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.slack.adapter import SlackAdapter
from adapters.slack.config import SlackConfig
from adapters.slack.testing.fake import APP_TOKEN, BOT_TOKEN, FakeSlack, slash_command
from bot.core.dispatch import Core


@pytest.fixture
async def slack(fake_slack: FakeSlack, core: Core) -> AsyncIterator[SlackAdapter]:
    config = SlackConfig(
        bot_token=BOT_TOKEN,
        app_token=APP_TOKEN,
        api_base_url=fake_slack.base_url,
        http_host="127.0.0.1",
        http_port=0,
        http_port_set=True,  # serve /healthz next to the socket
    )
    adapter = SlackAdapter(core, config)
    await adapter.start()
    yield adapter
    await adapter.stop()


async def test_a_slash_command_over_socket_mode_is_acked_and_answered(
    fake_slack: FakeSlack, slack: SlackAdapter
) -> None:
    body = slash_command("paragraph 3e", response_url=fake_slack.response_url("s1"))
    payload = dict(urllib.parse.parse_qsl(body))
    await fake_slack.push(
        {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": payload,
        }
    )
    ack = await fake_slack.wait_for_ack("env-1")
    assert ack["envelope_id"] == "env-1"
    [answer] = await fake_slack.wait_for("response_url")
    assert answer.params["blocks"][0]["text"]["text"] == "Paragraph 3(e)"
    [opened] = fake_slack.of("apps.connections.open")
    assert opened.headers["Authorization"] == f"Bearer {APP_TOKEN}"


async def test_a_retried_socket_event_is_answered_once(
    fake_slack: FakeSlack, slack: SlackAdapter
) -> None:
    event = {
        "type": "event_callback",
        "team_id": "T0001",
        "event_id": "Ev0SOCKET",
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": "D0ANA",
            "user": "U0ANA",
            "text": "about",
            "ts": "1.0",
        },
    }
    for n, envelope in enumerate(("env-2", "env-3")):
        await fake_slack.push(
            {
                "envelope_id": envelope,
                "type": "events_api",
                "accepts_response_payload": False,
                "retry_attempt": n,
                "retry_reason": "timeout" if n else "",
                "payload": event,
            }
        )
        await fake_slack.wait_for_ack(envelope)
    await slack.drain()
    assert len(fake_slack.of("chat.postMessage")) == 1


async def test_socket_mode_health(slack: SlackAdapter) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{slack.port}/healthz") as r,
    ):
        body = json.loads(await r.text())
        assert r.status == 200
    assert body == {"ok": True, "platform": "slack", "mode": "socket", "answers_in_flight": 0}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{slack.port}/slack/events", data=b"{}") as r,
    ):
        assert r.status in {404, 405}  # no HTTP events in Socket Mode
