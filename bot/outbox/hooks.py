"""What features ask of the delivery worker, without the worker knowing any feature.

The worker knows rows, platforms and the ``Sender`` protocol. What a target that is gone or
has moved *means* (a reminder subscription to pause, admins to tell) belongs to the feature
that queued the message, so each feature registers hooks here, and the process assembly
(``bot.app.assembly``) registers them when it builds the worker.

Every hook runs inside the worker's own transaction, on the session it is given, so the
row's new state and what the feature changes are committed together or not at all. A hook
must not commit; it may ``enqueue`` further messages on that session.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession


@dataclass(frozen=True, slots=True)
class TargetGoneEvent:
    """A chat that will not take messages as it is (blocked, removed, archived)."""

    platform: str
    chat_id: str
    purpose: str  # of the message that found out
    reason: str
    now: datetime


@dataclass(frozen=True, slots=True)
class TargetMovedEvent:
    """A chat with a new id (a Telegram group upgraded to a supergroup). The worker has moved
    its own pending rows already; features move what they keep about the chat."""

    platform: str
    old_chat_id: str
    new_chat_id: str
    now: datetime


GoneHook = Callable[[AsyncSession, TargetGoneEvent], Awaitable[None]]
MovedHook = Callable[[AsyncSession, TargetMovedEvent], Awaitable[None]]


class DeliveryHooks:
    """The registry the worker consults; empty, it does nothing beyond its own rows."""

    def __init__(self) -> None:
        self.gone: list[GoneHook] = []
        self.moved: list[MovedHook] = []

    def on_target_gone(self, hook: GoneHook) -> None:
        self.gone.append(hook)

    def on_target_moved(self, hook: MovedHook) -> None:
        self.moved.append(hook)

    async def target_gone(self, session: AsyncSession, event: TargetGoneEvent) -> None:
        for hook in self.gone:
            await hook(session, event)

    async def target_moved(self, session: AsyncSession, event: TargetMovedEvent) -> None:
        for hook in self.moved:
            await hook(session, event)
