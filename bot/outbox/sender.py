"""The seam between proactive messages and platforms.

Every platform adapter provides a ``Sender``; the outbox's delivery worker is its only caller.
A sender reports what the platform said through these exceptions, so the worker's retry,
back-off and pausing rules live in one place, not in each adapter.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime
from typing import Protocol, runtime_checkable

from messages.model import Reply

# The outbox row being delivered (its dedupe key), set by the worker around each send: a
# platform that deduplicates by a client-chosen id (Matrix's transaction ids) derives it from
# this, so a row sent again is posted once. Empty outside the worker (answers).
DELIVERING: ContextVar[str] = ContextVar("outbox_delivering", default="")


# Why a message was not taken, as a code the admins' notices say in their own language
# (``outbox.why_<code>`` in the catalogue): the reason text stays English, for the log and the
# outbox's ``last_error``, which are the operator's. A sender picks the closest; each error
# kind has its own default.
WHY = frozenset(
    {
        "gone",  # the chat is closed to the bot (TargetGone's default)
        "blocked",  # the bot was blocked there, or removed from the chat
        "not_found",  # the platform knows no such chat, or the bot is not in it
        "archived",  # the chat was archived or closed
        "refused",  # the platform refused this message for good (Rejected's default)
        "cannot_edit",  # the platform cannot replace the earlier message with this one
        "empty",  # nothing in the message to send
        "revoked",  # the app was removed from the workspace or its access revoked
        "unavailable",  # the platform answered with an error (RetryLater's default)
        "rate_limited",  # the platform kept asking the bot to slow down
        "network",  # the platform could not be reached
        "credentials",  # the platform refused the bot's token
        "stopped",  # the bot's connection to the platform was stopped
        "timeout",  # no answer in time (the worker's own)
        "failed",  # an error in the bot's sender, not the platform's (the worker's own)
        "unreadable",  # the stored message could not be read (the worker's own)
        "moved",  # the chat has a new id (TargetMoved's; never the end of a message)
    }
)


class DeliveryError(Exception):
    """The platform did not take the message. ``why`` is one of ``WHY``."""

    default_why = "unavailable"

    def __init__(self, reason: str, *, why: str | None = None) -> None:
        super().__init__(reason)
        self.why = why or self.default_why
        if self.why not in WHY:
            raise ValueError(f"unknown delivery reason code {self.why!r}")


class RetryLater(DeliveryError):
    """A transient failure (rate limit, 5xx, network); ``retry_after`` is the platform's own
    ``Retry-After`` in seconds when it gave one. ``maybe_sent``: the request went out and no
    answer came (a read timeout, a connection dropped mid-answer), so the platform may have
    posted it; sending it again may post it twice."""

    def __init__(
        self,
        reason: str,
        retry_after: float | None = None,
        *,
        maybe_sent: bool = False,
        why: str | None = None,
    ) -> None:
        super().__init__(reason, why=why)
        self.retry_after = retry_after
        self.maybe_sent = maybe_sent


class TargetGone(DeliveryError):
    """The chat will not take messages again as it is: the bot was blocked or removed, or the
    channel archived. Its subscriptions are paused rather than retried forever."""

    default_why = "gone"


class TargetMoved(DeliveryError):
    """The chat has a new id (a Telegram group upgraded to a supergroup)."""

    default_why = "moved"

    def __init__(self, reason: str, new_chat_id: str) -> None:
        super().__init__(reason)
        self.new_chat_id = new_chat_id


class Rejected(DeliveryError):
    """The platform refused this message for good (malformed, too long); retrying won't help."""

    default_why = "refused"


class Sender(Protocol):
    platform: str

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Posts the reply; returns the platform's message id when it has one (for edits)."""
        ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replaces an earlier message's content; raises ``Rejected`` where the platform can't."""
        ...


@runtime_checkable
class ReadBack(Protocol):
    """A platform that lets the bot find what it posted (Matrix: the room's history from the
    bot's own user). After a restore a held row of such a platform is looked for rather than
    left to an operator (``bot.outbox.held.check``)."""

    async def find_sent(self, chat_id: str, key: str, since: datetime) -> str | None:
        """The message id of the bot's post of the row ``key`` in ``chat_id``, None when the
        chat's history back to ``since`` (the row's creation: it cannot be older) surely
        holds none; raises ``DeliveryError`` when it cannot tell (history unreadable, the
        look cut short)."""
        ...
