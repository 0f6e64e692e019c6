"""Posting replies to Telegram: the outbox's ``Sender`` and the adapter's answers share it.

A reply becomes one or more HTML messages (split between blocks under the 4,096-character
limit), its buttons an inline keyboard on the last one, and its file a document after them.
Everything goes through one rate limiter, so answers and proactive messages together stay
inside Telegram's limits. Telegram's refusals become the delivery exceptions the worker acts
on; once the first message of a reply is out, the rest is retried here instead, so that a retry
by the worker never posts the first part twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import httpx
from telegram import Bot, InputFile, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from adapters.telegram import logs
from adapters.telegram.keyboard import ButtonTable
from adapters.telegram.limits import RateLimiter
from adapters.telegram.render import render_chunks
from bot.base.logs import ids as log_ids
from bot.outbox.policy import TELEGRAM_TAIL, retry
from bot.outbox.sender import DeliveryError, Rejected, RetryLater, TargetGone, TargetMoved
from messages.model import Reply

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_GONE_PHRASES = ("chat not found", "bot was kicked", "group chat was deactivated")
_UNCHANGED = "message is not modified"
# An outbox send waits for Telegram's answer however long it takes (the delivery worker bounds
# the wait): a request cut off after Telegram received it may still be taken, and sending it
# again would post it twice. Connecting stays bounded; a request never sent is safe to repeat.
UNTIL_ANSWERED: dict[str, None] = {"read_timeout": None}


def retry_after_seconds(e: RetryAfter) -> float:
    """``RetryAfter.retry_after`` in seconds, whichever type this PTB version returns."""
    raw = getattr(e, "_retry_after", None)
    if isinstance(raw, timedelta):
        return raw.total_seconds()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = e.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def delivery_error(e: TelegramError) -> DeliveryError:
    """What the worker should do about a Bot API error.

    The reason is redacted: PTB's own messages can quote the token (``InvalidToken`` does),
    and the worker logs reasons and keeps them in the outbox."""
    problem = _delivery_error(e)
    problem.args = tuple(logs.redact(a) if isinstance(a, str) else a for a in problem.args)
    return problem


def _delivery_error(e: TelegramError) -> DeliveryError:
    match e:
        case RetryAfter():
            return RetryLater(
                f"flood control: {e.message}",
                retry_after=retry_after_seconds(e),
                why="rate_limited",
            )
        case ChatMigrated():
            return TargetMoved("group upgraded to a supergroup", str(e.new_chat_id))
        case Forbidden():
            return TargetGone(e.message, why="blocked")
        case BadRequest() if any(p in e.message.lower() for p in _GONE_PHRASES):
            return TargetGone(e.message, why=_gone_why(e.message))
        case BadRequest():
            return Rejected(e.message)
        case InvalidToken():
            return RetryLater(f"Telegram refused the bot token: {e.message}", why="credentials")
        case NetworkError():  # includes TimedOut
            return RetryLater(f"network: {e.message}", maybe_sent=_maybe_sent(e), why="network")
    return RetryLater(f"{type(e).__name__}: {e.message}")


def _gone_why(message: str) -> str:
    """ "chat not found" is a chat the bot cannot see; a kicked bot or a deactivated group
    is one it was put out of."""
    if "not found" in message.lower():
        return "not_found"
    return "blocked" if "kicked" in message.lower() else "archived"


def _maybe_sent(e: NetworkError) -> bool:
    """Whether the request may have reached Telegram: PTB wraps httpx's exception, and only a
    failure to connect (or to get a pooled connection) proves nothing was sent."""
    return not isinstance(
        e.__cause__, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
    )


class TelegramSender:
    platform = "telegram"

    def __init__(
        self,
        bot: Bot,
        limiter: RateLimiter | None = None,
        buttons: ButtonTable | None = None,
        *,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        logs.protect(bot.token)
        self.bot = bot
        self.limiter = limiter or RateLimiter()
        self.buttons = buttons or ButtonTable()
        self.closed = False  # no new messages: the adapter is shutting its HTTP client
        self._sleep = sleep
        self._init_lock = asyncio.Lock()
        self._busy = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.asynccontextmanager
    async def _in_use(self) -> AsyncIterator[None]:
        if self.closed:
            raise RetryLater("the Telegram adapter is stopped", why="stopped")
        self._busy += 1
        self._idle.clear()
        try:
            # Lets the sender work before, or without, the adapter's Application (tests,
            # tools); Bot.initialize is a no-op once done.
            async with self._init_lock:
                try:
                    await self.bot.initialize()
                except TelegramError as e:
                    raise delivery_error(e) from e
            yield
        finally:
            self._busy -= 1
            if not self._busy:
                self._idle.set()

    async def close(self, timeout: float = 15.0) -> None:
        """Takes no new messages and waits, a bounded while, for those being posted: a send
        cut off mid-request may have reached Telegram, and would be sent again later."""
        self.closed = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), timeout)

    # The outbox's Sender protocol ------------------------------------------------------

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        async with self._in_use():
            messages = await self._post(
                chat_id, reply, reply_to=None, thread_id=None, timeouts=UNTIL_ANSWERED
            )
        return str(messages[0].message_id) if messages else None

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        async with self._in_use():
            await self._edit(chat_id, message_id, reply)

    async def _edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        chunks = _chunks(reply)
        if len(chunks) != 1 or reply.attachment is not None:
            raise Rejected(
                "only a reply of one message without a file can replace another",
                why="cannot_edit",
            )
        await self.limiter.acquire(chat_id)
        try:
            await self.bot.edit_message_text(
                chunks[0],
                chat_id=chat_id,
                message_id=int(message_id),
                parse_mode=ParseMode.HTML,
                reply_markup=self.buttons.markup(reply.buttons),
                link_preview_options=NO_PREVIEW,
            )
        except BadRequest as e:
            if _UNCHANGED not in e.message.lower():
                raise delivery_error(e) from e
        except TelegramError as e:
            raise delivery_error(e) from e

    # Shared with the adapter -------------------------------------------------------------

    async def post(
        self,
        chat_id: str,
        reply: Reply,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> list[Message]:
        """Posts every part of ``reply``; raises a ``DeliveryError`` only if none went out."""
        async with self._in_use():
            return await self._post(
                chat_id, reply, reply_to=reply_to, thread_id=thread_id, timeouts={}
            )

    async def _post(
        self,
        chat_id: str,
        reply: Reply,
        *,
        reply_to: int | None,
        thread_id: int | None,
        timeouts: dict[str, None],
    ) -> list[Message]:
        parts: list[Callable[[], Awaitable[Message]]] = []
        chunks = _chunks(reply)
        markup = self.buttons.markup(reply.buttons)
        threading = {
            "reply_parameters": (
                ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
            ),
            "message_thread_id": thread_id,
        }
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1

            def send_text(chunk: str = chunk, last: bool = last) -> Awaitable[Message]:
                return self.bot.send_message(
                    chat_id,
                    chunk,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=NO_PREVIEW,
                    reply_markup=markup if last else None,
                    **threading,  # type: ignore[arg-type]
                    **timeouts,
                )

            parts.append(send_text)
        if (a := reply.attachment) is not None:

            def send_file() -> Awaitable[Message]:
                document = InputFile(a.content, filename=a.filename)
                document.mimetype = a.mime_type
                return self.bot.send_document(
                    chat_id,
                    document,
                    reply_markup=markup if not chunks else None,
                    **threading,  # type: ignore[arg-type]
                    **timeouts,
                )

            parts.append(send_file)
        if not parts:
            raise Rejected("an empty reply", why="empty")
        sent: list[Message] = []
        for part in parts:
            await self.limiter.acquire(chat_id)
            if not sent:
                try:
                    sent.append(await part())
                except TelegramError as e:
                    raise delivery_error(e) from e
                continue
            message = await self._tail(chat_id, part)
            if message is None:
                break
            sent.append(message)
        return sent

    async def _tail(self, chat_id: str, part: Callable[[], Awaitable[Message]]) -> Message | None:
        """A later part of a reply: retried here (``policy.TELEGRAM_TAIL``), given up (and
        logged) only after a while."""

        async def attempt() -> Message:
            try:
                return await part()
            except TelegramError as e:
                raise delivery_error(e) from e

        try:
            return await retry(
                attempt,
                TELEGRAM_TAIL,
                sleep=self._sleep,
                before_retry=lambda: self.limiter.acquire(chat_id),
            )
        except DeliveryError as problem:
            log.warning(
                "gave up on part of a reply to chat %s: %s",
                chat_id,
                problem,
                extra=log_ids("telegram", chat_id),
            )
            return None


def _chunks(reply: Reply) -> list[str]:
    return [c for c in render_chunks(reply) if c.strip()]
