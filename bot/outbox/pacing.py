"""Staying inside a platform's sending limits rather than waiting to be told off.

A platform limits messages overall, per chat and (Telegram) per group. Each limit is kept as
"at most N in any window of T seconds"; one ``RateLimiter`` per platform client holds the
windows, and every message goes through it: the adapter's answers and the outbox's bulk
messages share one budget, so together they stay inside the platform's limits.

The two kinds of traffic use it differently:

* an **answer** (someone is waiting) calls ``acquire``, which waits until every window has
  room; answers may burst (a three-part answer goes out at once);
* the **outbox** asks ``chat_wait`` whether a chat has room, without taking anything, and
  sends to another chat meanwhile: a chat's limit never holds one of the worker's sending
  slots. Only the platform-wide pace (a few hundredths of a second, and the same for every
  chat) is waited for in the slot, by ``acquire_bulk``, just before the request, so that the
  place is taken when the message goes. Bulk runs under its own, stricter limits
  (``Limits.bulk_*``): a margin under the platform's overall rate, an even rate instead of
  bursts, one message at a time in a chat. And an answer waiting for the overall window holds
  bulk back until it is through: answers keep priority.

The send that follows ``acquire_bulk`` must not take a second place: the limiter marks, for
the task that sends, that its next ``acquire`` for that chat is already taken.

The clock and sleep are injectable so tests can check the pacing without waiting for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

_MAX_CHATS = 10_000  # windows kept before idle ones are forgotten at once
# Idle windows are also forgotten once a minute, so the memory follows the chats sent to in
# the last minute, not every chat since the start (bench.soak: ~0.4 KB per chat otherwise).
_PRUNE_EVERY = 60.0


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    seconds: float


@dataclass(frozen=True)
class Limits:
    """A platform's limits; ``bulk_*`` (None: the same as for answers) are what the outbox
    keeps to, inside the limits' windows (a bulk limit's window is never longer)."""

    overall: Limit
    chat: Limit
    group: Limit | None = None
    bulk_overall: Limit | None = None
    bulk_chat: Limit | None = None
    bulk_group: Limit | None = None
    # Bulk's steady rate (messages a second), spread evenly rather than in bursts, so that a
    # message reaching the platform a few milliseconds late finds no burst in front of it;
    # the scheduler's lateness up to ``bulk_catch_up`` seconds is made up, not lost.
    bulk_rate: float | None = None
    bulk_catch_up: float = 0.1

    def is_group(self, chat_id: str) -> bool:
        """Whether ``group`` applies to ``chat_id`` as well as ``chat``."""
        return False


class Window:
    """The send times still inside one limit's window (and a bulk limit's, if longer)."""

    __slots__ = ("keep", "limit", "sent")

    def __init__(self, limit: Limit, bulk: Limit | None = None) -> None:
        self.limit = limit
        self.keep = max(limit.seconds, bulk.seconds if bulk else 0.0)
        self.sent: deque[float] = deque()

    def wait(self, now: float, limit: Limit | None = None) -> float:
        """Seconds until one more send fits ``limit`` (by default the window's own)."""
        sent = self.sent
        while sent and sent[0] <= now - self.keep:
            sent.popleft()
        limit = limit or self.limit
        if len(sent) < limit.count:
            return 0.0
        # The send that must leave ``limit``'s window before one more fits.
        oldest = sent[len(sent) - limit.count] + limit.seconds
        return max(0.0, oldest - now)

    def idle(self, now: float) -> bool:
        return not self.sent or self.sent[-1] <= now - self.keep


# (limiter, chat) whose next acquire in this task is already taken by ``acquire_bulk``.
_granted: contextvars.ContextVar[tuple[RateLimiter, str] | None] = contextvars.ContextVar(
    "granted", default=None
)


class RateLimiter:
    def __init__(
        self,
        limits: Limits | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.limits = limits  # None: no pacing at all (benchmarks, a private API server)
        self._clock = clock
        self._sleep = sleep
        self._overall = Window(limits.overall, limits.bulk_overall) if limits else None
        self._chats: dict[str, Window] = {}
        self._groups: dict[str, Window] = {}
        self._answers_waiting = 0  # answers waiting for room in the overall window
        self._next_slot = 0.0  # bulk's next even slot (``Limits.bulk_rate``)
        self._pace = asyncio.Lock()  # bulk's turns at the platform-wide pace, in order
        self._next_prune = clock() + _PRUNE_EVERY

    def _windows(self, chat_id: str, now: float) -> list[tuple[Window, Limit]]:
        """Each window a message to ``chat_id`` falls in, with bulk's limit for it; the
        overall window first."""
        limits = self.limits
        assert limits is not None and self._overall is not None
        if len(self._chats) > _MAX_CHATS or now >= self._next_prune:
            self._next_prune = now + _PRUNE_EVERY
            for table in (self._chats, self._groups):
                for key in [k for k, w in table.items() if w.idle(now)]:
                    del table[key]
        chat = self._chats.get(chat_id) or self._chats.setdefault(
            chat_id, Window(limits.chat, limits.bulk_chat)
        )
        windows = [
            (self._overall, limits.bulk_overall or limits.overall),
            (chat, limits.bulk_chat or limits.chat),
        ]
        if limits.group is not None and limits.is_group(chat_id):
            group = self._groups.get(chat_id) or self._groups.setdefault(
                chat_id, Window(limits.group, limits.bulk_group)
            )
            windows.append((group, limits.bulk_group or limits.group))
        return windows

    async def acquire(self, chat_id: str) -> None:
        """Waits until a message may go to ``chat_id`` and takes its place (answers, and the
        later parts of a long message); nothing when ``acquire_bulk`` already took it."""
        if self.limits is None:
            return
        granted = _granted.get()
        if granted is not None and granted[0] is self and granted[1] == chat_id:
            _granted.set(None)
            return
        while True:
            now = self._clock()
            windows = [w for w, _ in self._windows(chat_id, now)]
            wait = max(w.wait(now) for w in windows)
            if wait <= 0:
                for w in windows:
                    w.sent.append(now)
                return
            assert self._overall is not None
            behind_others = self._overall.wait(now) > 0
            self._answers_waiting += behind_others
            try:
                await self._sleep(wait)
            finally:
                self._answers_waiting -= behind_others

    def chat_wait(self, chat_id: str) -> float:
        """For bulk: seconds until ``chat_id`` itself (its chat and group limits) has room;
        nothing is taken. The outbox sends to another chat meanwhile."""
        if self.limits is None:
            return 0.0
        now = self._clock()
        return max(w.wait(now, bulk) for w, bulk in self._windows(chat_id, now)[1:])

    async def acquire_bulk(self, chat_id: str) -> None:
        """For bulk: waits for room under bulk's limits (the overall margin, the even rate,
        the chat's), behind any answer waiting for the overall window, and takes the place
        for the next ``acquire(chat_id)`` in this task (``granted`` marks it). Called just
        before the send, so the place is taken when the message goes, not earlier.

        The chat's own room is waited for alone; the platform-wide pace in turn, first come
        first served (``_pace``). When every sender woke for the same even slot, whichever
        ran first took it, and a sender whose chat had made it wait a moment lost every
        race after: a group's second message waited 30 s behind 900 private ones
        (bench.delivery scenario 4)."""
        if self.limits is None:
            return
        while True:
            wait = self.chat_wait(chat_id)
            if wait > 0:
                await self._sleep(wait)
                continue
            async with self._pace:
                if await self._take_pace(chat_id):
                    return

    async def _take_pace(self, chat_id: str) -> bool:
        """In ``_pace``'s turn: waits for the overall window and the even slot and takes the
        place; False (nothing taken) when the chat itself has no room after all (an answer
        to it came first), to wait for it outside the turn."""
        assert self.limits is not None and self._overall is not None
        rate = self.limits.bulk_rate
        while True:
            now = self._clock()
            windows = self._windows(chat_id, now)
            if max(w.wait(now, bulk) for w, bulk in windows[1:]) > 0:
                return False
            wait = windows[0][0].wait(now, windows[0][1])
            if rate:  # the next even slot ("generic cell rate": lateness is not carried on)
                wait = max(wait, self._next_slot - self.limits.bulk_catch_up - now)
            if wait <= 0 and self._answers_waiting:
                wait = max(0.005, self._overall.wait(now))  # an answer goes first
            if wait <= 0:
                for w, _ in windows:
                    w.sent.append(now)
                if rate:
                    self._next_slot = max(self._next_slot, now) + 1.0 / rate
                _granted.set((self, chat_id))
                return True
            await self._sleep(wait)

    @contextlib.contextmanager
    def granted(self, chat_id: str) -> Iterator[None]:
        """The block in which a bulk send runs: a place ``acquire_bulk`` took and the send
        did not use (it failed before its request) is not carried over to another."""
        token = _granted.set(None)
        try:
            yield
        finally:
            _granted.reset(token)
