"""Staying inside Telegram's sending limits rather than waiting to be told off.

Telegram asks bots for at most about 30 messages a second overall, about one a second in a
chat (a short burst is tolerated) and 20 a minute in a group (``telegram.constants.FloodLimit``
holds the figures). Each limit is kept as "at most N
in any window of T seconds"; a send waits until every window it falls in has room. The clock
and sleep are injectable so tests can check the pacing without waiting for it.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram.constants import FloodLimit

_MAX_CHATS = 10_000  # windows kept before idle ones are forgotten


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Limits:
    overall: Limit = Limit(int(FloodLimit.MESSAGES_PER_SECOND), 1.0)
    # One a second on average, so a three-part answer goes out at once.
    chat: Limit = Limit(3 * int(FloodLimit.MESSAGES_PER_SECOND_PER_CHAT), 3.0)
    group: Limit = Limit(int(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP), 60.0)


TELEGRAM_LIMITS = Limits()


class Window:
    """The send times still inside one limit's window."""

    __slots__ = ("limit", "sent")

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self.sent: deque[float] = deque()

    def wait(self, now: float) -> float:
        """Seconds until one more send fits."""
        while self.sent and self.sent[0] <= now - self.limit.seconds:
            self.sent.popleft()
        if len(self.sent) < self.limit.count:
            return 0.0
        return self.sent[0] + self.limit.seconds - now

    def idle(self, now: float) -> bool:
        return not self.sent or self.sent[-1] <= now - self.limit.seconds


def is_group(chat_id: str) -> bool:
    """Groups, supergroups and channels have negative ids in the Bot API."""
    return chat_id.startswith("-")


class RateLimiter:
    def __init__(
        self,
        limits: Limits | None = TELEGRAM_LIMITS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.limits = limits  # None: no pacing at all (benchmarks, a private Bot API server)
        self._clock = clock
        self._sleep = sleep
        self._overall = Window(limits.overall) if limits else None
        self._chats: dict[str, Window] = {}
        self._groups: dict[str, Window] = {}

    def _windows(self, chat_id: str, now: float) -> list[Window]:
        limits = self.limits
        assert limits is not None and self._overall is not None
        if len(self._chats) > _MAX_CHATS:
            for table in (self._chats, self._groups):
                for key in [k for k, w in table.items() if w.idle(now)]:
                    del table[key]
        windows = [self._overall]
        windows.append(
            self._chats.get(chat_id) or self._chats.setdefault(chat_id, Window(limits.chat))
        )
        if is_group(chat_id):
            group = self._groups.get(chat_id) or self._groups.setdefault(
                chat_id, Window(limits.group)
            )
            windows.append(group)
        return windows

    async def acquire(self, chat_id: str) -> None:
        """Waits until a message may go to ``chat_id`` and takes its place."""
        if self.limits is None:
            return
        while True:
            now = self._clock()
            windows = self._windows(chat_id, now)
            wait = max(w.wait(now) for w in windows)
            if wait <= 0:
                for w in windows:
                    w.sent.append(now)
                return
            await self._sleep(wait)
