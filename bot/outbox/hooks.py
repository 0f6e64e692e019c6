"""What features ask of the delivery worker, without the worker knowing any feature.

The worker knows rows, platforms and the ``Sender`` protocol. Whether a queued message is
still wanted, and what a target that is gone or has moved *means* (a reminder subscription to
pause, admins to tell), belong to the feature that queued the message, so each feature
registers hooks here, and the process assembly (``bot.app.assembly``) registers them when it
builds the worker.

Every hook runs inside the worker's own transaction, on the session it is given, so the
row's new state and what the feature changes are committed together or not at all. A hook
must not commit; it may ``enqueue`` further messages on that session.

A row is known to its feature by its ``ref`` (written when it was queued, opaque here), never
by parsing its ``dedupe_key``. What a message says at the moment it goes out (a reminder
delivered long after its time says so) is a feature's ``before_send`` hook too: the worker
knows no payload convention beyond the reply itself and ``edit_of``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from messages.model import Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TargetGoneEvent:
    """A chat that will not take messages as it is (blocked, removed, archived)."""

    platform: str
    chat_id: str
    purpose: str  # of the message that found out
    reason: str  # the platform's, in English: for the log and the paused subscription
    now: datetime
    why: str = "gone"  # the code the admins' notice says (``bot.outbox.sender.WHY``)


@dataclass(frozen=True, slots=True)
class TargetMovedEvent:
    """A chat with a new id (a Telegram group upgraded to a supergroup). The worker has moved
    its own pending rows already; features move what they keep about the chat."""

    platform: str
    old_chat_id: str
    new_chat_id: str
    now: datetime


@dataclass(frozen=True, slots=True)
class Queued:
    """A row about to be sent, as a ``still wanted`` check sees it."""

    id: int
    dedupe_key: str
    purpose: str
    platform: str
    chat_id: str
    payload: dict[str, Any]
    ref: str | None = None  # the feature's own reference, as it queued the row


GoneHook = Callable[[AsyncSession, TargetGoneEvent], Awaitable[None]]
MovedHook = Callable[[AsyncSession, TargetMovedEvent], Awaitable[None]]
# None: send it; a reason: skip it (the subscription was removed, the note withdrawn, ...).
CheckHook = Callable[[AsyncSession, Queued], Awaitable[str | None]]
# The reply as it goes out, given the row and the moment of the send; no I/O (it runs after
# the platform's pace was waited for, just before the request).
SendHook = Callable[[Queued, Reply, datetime], Reply]


class DeliveryHooks:
    """The registry the worker consults; empty, it does nothing beyond its own rows."""

    def __init__(self) -> None:
        self.gone: list[GoneHook] = []
        self.moved: list[MovedHook] = []
        self.checks: dict[str, list[CheckHook]] = {}
        self.sending: dict[str, list[SendHook]] = {}

    def on_target_gone(self, hook: GoneHook) -> None:
        self.gone.append(hook)

    def on_target_moved(self, hook: MovedHook) -> None:
        self.moved.append(hook)

    def still_wanted(self, purpose: str, check: CheckHook) -> None:
        """``check`` runs just before each row of ``purpose`` is sent, in the transaction that
        renews its claim; a reason it returns marks the row ``skipped`` instead."""
        self.checks.setdefault(purpose, []).append(check)

    def before_send(self, purpose: str, hook: SendHook) -> None:
        """``hook`` shapes each reply of ``purpose`` at the moment it is sent; a hook that
        raises is logged and the reply goes as it was queued."""
        self.sending.setdefault(purpose, []).append(hook)

    def finish(self, row: Queued, reply: Reply, now: datetime) -> Reply:
        for hook in self.sending.get(row.purpose, ()):
            try:
                reply = hook(row, reply, now)
            except Exception as e:  # a bad note must not stop the message itself
                log.warning("outbox %s: its %s send hook failed: %s", row.id, row.purpose, e)
        return reply

    async def check(self, session: AsyncSession, row: Queued) -> str | None:
        for check in self.checks.get(row.purpose, ()):
            reason = await check(session, row)
            if reason is not None:
                return reason
        return None

    async def target_gone(self, session: AsyncSession, event: TargetGoneEvent) -> None:
        for hook in self.gone:
            await hook(session, event)

    async def target_moved(self, session: AsyncSession, event: TargetMovedEvent) -> None:
        for hook in self.moved:
            await hook(session, event)
