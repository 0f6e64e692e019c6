"""The whole Slack adapter (Bolt's app with its signature check, our listeners and sender) run in
this process through its transport seams: events go in through ``SlackAdapter.dispatch`` and
everything it sends goes through a ``MockSession`` inside the injected ``AsyncWebClient``, so
no socket is opened. The wire format is covered by the end-to-end tests against the fake Slack.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.adapter import SlackAdapter
from adapters.slack.config import SlackConfig
from adapters.slack.testing import HttpError, MockSession, SlackCall, signed
from adapters.slack.testing.fake import (
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    block_action,
    event_callback,
    mention,
    slash_command,
)
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.testing.helpers import topic_written

RESPONSE_URL = "https://hooks.slack.test/commands/T0/1/abc"
Json = dict[str, Any]


class WebApi:
    """The Web API methods the adapter uses, answered in memory."""

    def __init__(self) -> None:
        self.sent: asyncio.Queue[SlackCall] = asyncio.Queue()
        self.session = MockSession(
            {
                "auth.test": lambda p: {
                    "ok": True,
                    "user_id": BOT_USER_ID,
                    "user": "coalition",
                    "team": "Coalition",
                    "team_id": "T0",
                    "bot_id": "B0",
                },
                "chat.postMessage": self._record("chat.postMessage"),
                "chat.postEphemeral": self._record("chat.postEphemeral"),
                "chat.update": self._record("chat.update"),
                RESPONSE_URL: self._record("response_url"),
            }
        )

    def _record(self, target: str) -> Any:
        def answer(params: Json) -> Json:
            self.sent.put_nowait(SlackCall(target, params))
            return {"ok": True, "ts": "1700000001.000100", "channel": params.get("channel")}

        return answer

    async def next_sent(self, timeout: float = 10.0) -> SlackCall:
        return await asyncio.wait_for(self.sent.get(), timeout)


@pytest.fixture
def api() -> WebApi:
    return WebApi()


@pytest.fixture
async def adapter(core: Core, api: WebApi) -> AsyncIterator[SlackAdapter]:
    slack = await _started(core, api)
    yield slack
    await asyncio.wait_for(slack.stop(), 10)


async def test_a_mention_is_answered_in_process(api: WebApi, adapter: SlackAdapter) -> None:
    response = await adapter.dispatch(
        signed(event_callback(mention(f"<@{BOT_USER_ID}> paragraph 3e")), SIGNING_SECRET)
    )
    assert response.status == 200
    sent = await api.next_sent()
    assert sent.target == "chat.postMessage"
    assert sent.params["channel"] == "C0GENERAL"
    assert "curb the financing of terrorism" in sent.params["text"]
    assert adapter.port is None  # nothing listening: the request came in through dispatch


async def test_a_forged_request_is_refused_in_process(api: WebApi, adapter: SlackAdapter) -> None:
    response = await adapter.dispatch(
        signed(event_callback(mention(f"<@{BOT_USER_ID}> about")), "not-the-secret")
    )
    assert response.status == 401
    await asyncio.sleep(0.2)
    assert api.sent.empty()


async def test_a_slash_command_answers_through_the_injected_session(
    api: WebApi, adapter: SlackAdapter
) -> None:
    body = slash_command("paragraph 3e", response_url=RESPONSE_URL)
    request = signed(body, SIGNING_SECRET, content_type="application/x-www-form-urlencoded")
    assert (await adapter.dispatch(request)).status == 200
    sent = await api.next_sent()
    assert sent.target == "response_url"
    assert sent.params["response_type"] == "in_channel"
    assert "curb the financing of terrorism" in sent.params["text"]


async def test_a_rate_limited_answer_is_retried_after_the_wait_in_process(
    api: WebApi, adapter: SlackAdapter
) -> None:
    refusals: list[Json] = []
    post = api.session.handlers["chat.postMessage"]

    def once_limited(params: Json) -> Any:
        if not refusals:
            refusals.append(params)
            raise HttpError(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
        return post(params)

    api.session.handlers["chat.postMessage"] = once_limited
    await adapter.dispatch(
        signed(event_callback(mention(f"<@{BOT_USER_ID}> about")), SIGNING_SECRET)
    )
    sent = await api.next_sent()
    assert sent.target == "chat.postMessage" and len(refusals) == 1
    assert len(api.session.calls_to("chat.postMessage")) == 2


async def test_a_button_without_a_response_url_replaces_by_chat_update(
    api: WebApi, adapter: SlackAdapter
) -> None:
    """A listing's next page takes the place of the message whose button was pressed, through
    chat.update when there is no response_url; other answers are posted after it."""
    form = "application/x-www-form-urlencoded"
    page = signed(block_action("practices", response_url=""), SIGNING_SECRET, content_type=form)
    assert (await adapter.dispatch(page)).status == 200
    update = await api.next_sent()
    assert update.target == "chat.update"
    assert (update.params["channel"], update.params["ts"]) == ("C0GENERAL", "1.0")
    other = signed(block_action("pillars 2", response_url=""), SIGNING_SECRET, content_type=form)
    assert (await adapter.dispatch(other)).status == 200
    post = await api.next_sent()
    assert post.target == "chat.postMessage"


async def test_a_follow_up_through_slash_commands(api: WebApi, adapter: SlackAdapter) -> None:
    form = "application/x-www-form-urlencoded"
    for typed in ("paragraph 4(h)", "and the next one?"):
        body = slash_command(typed, response_url=RESPONSE_URL)
        assert (
            await adapter.dispatch(signed(body, SIGNING_SECRET, content_type=form))
        ).status == 200
        sent = await api.next_sent()
    assert "Reading that as" in sent.params["text"]
    assert "victims of terrorism" in sent.params["text"]  # 4(i)


async def test_a_conversation_in_a_channel_spread_over_two_instances(
    api: WebApi, settings: Settings, clock: FakeClock
) -> None:
    """Slack hands each event to whichever instance its load balancer picks: ana's follow-up
    reaches the instance that did not answer her, and still leans on that answer; ben, in the
    same channel, has a conversation of his own."""
    cores = [build_core(settings, clock=clock) for _ in range(2)]  # one SQLite file
    instances: list[SlackAdapter] = []
    try:
        for core in cores:
            instances.append(await _started(core, api))
        a, b = instances

        async def mentioned(instance: SlackAdapter, typed: str, user: str) -> str:
            event = mention(f"<@{BOT_USER_ID}> {typed}", user=user)
            assert (
                await instance.dispatch(signed(event_callback(event), SIGNING_SECRET))
            ).status == 200
            sent = await api.next_sent()
            assert sent.target == "chat.postMessage" and sent.params["channel"] == "C0GENERAL"
            return str(sent.params["text"])

        assert "Paragraph 8(a)" in await mentioned(a, "paragraph 8(a)", "U0ANA")
        db = await cores[0].database()
        await topic_written(db, ("slack", "C0GENERAL", "U0ANA"), kind="provision")
        clock.advance(seconds=20)
        assert "Reading that as" not in await mentioned(b, "and the next one?", "U0BEN")
        nxt = await mentioned(b, "and the next one?", "U0ANA")
        assert "Reading that as" in nxt and "Paragraph 8(b)" in nxt
    finally:
        for instance in instances:
            await asyncio.wait_for(instance.stop(), 10)
        for core in cores:
            await core.close()


async def _started(core: Core, api: WebApi) -> SlackAdapter:
    config = SlackConfig(bot_token=BOT_TOKEN, signing_secret=SIGNING_SECRET)
    client = AsyncWebClient(token=BOT_TOKEN, session=api.session.as_session(), retry_handlers=[])
    slack = SlackAdapter(core, config, client=client, listen=False)
    await core.database()  # migrated before the first event, as the runtime's start does
    await asyncio.wait_for(slack.start(), 10)
    return slack
