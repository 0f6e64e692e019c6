"""Posting to Slack, with Slack's answers translated into the delivery errors the outbox worker
understands (``RetryLater``, ``TargetGone``, ``Rejected``).

The same calls serve the adapter's direct replies; the retries live with the callers (the
worker for proactive messages, ``with_retries`` for answers), never inside the client, so a
rate limit is honoured once and in one place. The one exception is a reply long enough for
several messages: once its first message is out, the rest are retried here (see ``post``).
"""

from __future__ import annotations

import asyncio
import copy
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import render_messages
from bot.base.logs import ids as log_ids
from bot.outbox.pacing import Limit, Limits, RateLimiter
from bot.outbox.policy import SLACK_ANSWER, SLACK_TAIL, RetryPolicy, retry
from bot.outbox.sender import DeliveryError, Rejected, RetryLater, TargetGone
from messages.model import Attachment, Reply

log = logging.getLogger(__name__)

T = TypeVar("T")

# The channel will not take messages as it is: pause the target and tell the admins.
GONE = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "account_inactive",
        "team_access_not_granted",
        "user_not_found",
        "user_not_in_channel",
    }
)
# What each says to the admins (bot.outbox.sender.WHY); the others are "gone".
GONE_WHY = {
    "channel_not_found": "not_found",
    "user_not_found": "not_found",
    "is_archived": "archived",
    "account_inactive": "archived",
    "not_in_channel": "blocked",
    "user_not_in_channel": "blocked",
}
# Slack's side had a bad moment; the same call can succeed later.
TRANSIENT = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
    }
)


# Slack's documented limits for chat.postMessage (api.slack.com/methods/chat.postMessage,
# "Rate limiting"): about one message a second in a channel, short bursts allowed, and a
# workspace-wide limit of "several hundred messages per minute". Answers keep to 1 a second
# on average with bursts of 10 and 300 a minute; the outbox to one a second in a channel
# without bursts and 270 a minute, spread evenly (4.5 a second).
SLACK_LIMITS = Limits(
    overall=Limit(300, 60.0),
    chat=Limit(10, 10.0),
    bulk_overall=Limit(270, 60.0),
    bulk_chat=Limit(1, 1.05),
    bulk_rate=4.5,
)


def translate(e: Exception) -> Exception:
    """The delivery error a Slack failure stands for."""
    if isinstance(e, SlackApiError):
        response = e.response
        status = getattr(response, "status_code", 200)
        data = getattr(response, "data", None)
        # A proxy's HTML error page has no JSON "error"; the status decides then.
        error = str(data.get("error", "")) if isinstance(data, dict) else ""
        if status == 429 or error in TRANSIENT or status >= 500:
            why = "rate_limited" if status == 429 or "rate" in error else "unavailable"
            return RetryLater(
                error or f"HTTP {status}", retry_after=_retry_after(response), why=why
            )
        if error in GONE:
            return TargetGone(error, why=GONE_WHY.get(error, "gone"))
        return Rejected(error or f"HTTP {status}")
    if isinstance(e, aiohttp.ClientConnectorError):  # no connection: nothing was sent
        return RetryLater(f"{type(e).__name__}: {e}", why="network")
    if isinstance(e, SlackClientError | aiohttp.ClientError | asyncio.TimeoutError | OSError):
        # Sent, or partly, and no answer: Slack may have posted it.
        return RetryLater(f"{type(e).__name__}: {e}", maybe_sent=True, why="network")
    return e


def _retry_after(response: Any) -> float | None:
    headers = getattr(response, "headers", None) or {}
    for key, value in headers.items():
        if key.lower() == "retry-after":
            try:
                return max(0.0, float(value))
            except (TypeError, ValueError):
                return None
    return None


# How long the outbox's posts may wait for Slack's answer: longer than the delivery worker
# waits (10 minutes), which is the bound that counts.
OUTBOX_TIMEOUT = 3600


def until_answered(client: AsyncWebClient) -> AsyncWebClient:
    """``client``, for proactive messages: it waits for Slack's answer rather than giving up
    after the client's 30 s. A post cut off after Slack received it may still be taken, and the
    outbox would then post it twice; the delivery worker bounds the wait instead."""
    patient = copy.copy(client)  # the same session, token and base URL
    patient.timeout = OUTBOX_TIMEOUT
    return patient


async def call(make: Callable[[], Awaitable[T]]) -> T:
    """Runs one Web API call, raising a delivery error on failure."""
    try:
        return await make()
    except Exception as e:
        raise translate(e) from e


async def with_retries(make: Callable[[], Awaitable[T]], policy: RetryPolicy = SLACK_ANSWER) -> T:
    """For answers to a person who is waiting (``policy.SLACK_ANSWER``): a rate limit is waited
    out briefly, then given up on (a proactive message would rather go back to the outbox)."""
    return await retry(lambda: call(make), policy)


class SlackSender:
    """The outbox's way into Slack, and the adapter's for replies it posts itself."""

    platform = "slack"

    def __init__(self, client: AsyncWebClient, limiter: RateLimiter | None = None) -> None:
        self.client = client
        self.patient = until_answered(client)  # the outbox's posts
        # One per client: the adapter's own posts and the outbox's share it.
        self.limiter = limiter or RateLimiter(SLACK_LIMITS)
        # Set when the app was uninstalled or its tokens revoked: nothing is sent any more.
        self.revoked: str | None = None

    def _check_installed(self) -> None:
        if self.revoked is not None:
            raise Rejected(f"the app was {self.revoked} from the workspace", why="revoked")

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        return await self.post(chat_id, reply, client=self.patient)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self._check_installed()
        payload = render_messages(reply)[0]  # an edit replaces one message
        await call(
            lambda: self.client.chat_update(
                channel=chat_id,
                ts=message_id,
                text=payload["text"],
                blocks=payload["blocks"],
                mrkdwn=False,  # the fallback shown literally
            )
        )

    async def post(
        self,
        channel: str,
        reply: Reply,
        *,
        thread_ts: str | None = None,
        client: AsyncWebClient | None = None,
    ) -> str | None:
        """chat.postMessage, one call per 50 blocks; the first message's ts is the id.

        Only the first part's failure goes back to the caller (the outbox retries the whole
        reply). Once it is out, later parts and the file are retried here and, if Slack still
        refuses them, given up with a warning: a retry of the whole would post the first part
        twice. ``client``: the outbox's (``patient``) for a proactive message."""
        self._check_installed()
        web = client or self.client
        first: str | None = None
        for payload in render_messages(reply):

            def part(p: dict[str, Any] = payload) -> Awaitable[Any]:
                return web.chat_postMessage(
                    channel=channel,
                    text=p["text"],
                    blocks=p["blocks"],
                    mrkdwn=False,  # the fallback shown literally
                    thread_ts=thread_ts,
                    unfurl_links=False,
                    unfurl_media=False,
                )

            await self.limiter.acquire(channel)
            if first is None:
                first = (await call(part)).get("ts")
            elif not await self._tail(channel, part):
                return first
        if reply.attachment:
            attachment = reply.attachment

            def upload() -> Awaitable[Any]:
                return self._upload_call(channel, attachment, thread_ts, web)

            await self.limiter.acquire(channel)
            if first is None:
                await call(upload)
            else:
                await self._tail(channel, upload)
        return first

    async def _tail(self, channel: str, make: Callable[[], Awaitable[Any]]) -> bool:
        """A later part of a reply: waited out through rate limits, given up after a while."""
        try:
            await with_retries(make, SLACK_TAIL)
            return True
        except DeliveryError as e:
            log.warning(
                "gave up on part of a message to %s: %s",
                channel,
                e,
                extra=log_ids("slack", channel),
            )
            return False

    async def post_ephemeral(
        self, channel: str, user: str, reply: Reply, *, thread_ts: str | None = None
    ) -> None:
        self._check_installed()
        for payload in render_messages(reply):
            await call(
                lambda p=payload: self.client.chat_postEphemeral(  # type: ignore[misc]
                    channel=channel,
                    user=user,
                    text=p["text"],
                    blocks=p["blocks"],
                    mrkdwn=False,
                    thread_ts=thread_ts,
                )
            )

    async def upload(
        self, channel: str, attachment: Attachment, *, thread_ts: str | None = None
    ) -> None:
        """files.getUploadURLExternal, the upload, files.completeUploadExternal."""
        self._check_installed()
        await call(lambda: self._upload_call(channel, attachment, thread_ts, self.client))

    def _upload_call(
        self, channel: str, attachment: Attachment, thread_ts: str | None, web: AsyncWebClient
    ) -> Awaitable[Any]:
        return web.files_upload_v2(
            channel=channel,
            content=attachment.content,
            filename=attachment.filename,
            title=attachment.filename,
            thread_ts=thread_ts,
        )
