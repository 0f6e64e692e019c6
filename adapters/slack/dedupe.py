"""Remembering which events were already handled, so Slack's retries (same ``event_id``, an
``X-Slack-Retry-Num`` header) are answered once.

Slack retries an event after three seconds without an acknowledgement, then after one and five
minutes; an hour of memory covers all three. Several instances share one request URL, so a
retry may land on an instance that never saw the first delivery: ``ClaimedEvents`` claims each
id in the database they share, and the per-process ``SeenEvents`` in front of it answers the
repeats this process has already seen without a round trip. When the database cannot be
reached in time the memory alone decides: answering twice is better than not answering.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from storage.claims import EVENT_ID_MAX, claim_event, prune_events
from storage.db import Database

log = logging.getLogger(__name__)

KEEP = timedelta(hours=1)
MOST = 20_000
CLAIM_TIMEOUT = 1.5  # seconds the acknowledgement waits for the database (Slack allows three)
PRUNE_EVERY = 100  # claims between two prunes of the ids older than ``KEEP``
PRUNE_BATCH = 5_000  # most rows one prune deletes, so a prune is always a short transaction


class SeenEvents:
    def __init__(self, clock: Clock, *, keep: timedelta = KEEP, most: int = MOST) -> None:
        self._clock = clock
        self._keep = keep
        self._most = most
        self._seen: OrderedDict[str, datetime] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        """True the first time an id is offered; False for a repeat within the hour."""
        now = self._clock.now()
        while self._seen:
            oldest, when = next(iter(self._seen.items()))
            if now - when < self._keep and len(self._seen) < self._most:
                break
            del self._seen[oldest]
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True

    def __len__(self) -> int:
        return len(self._seen)


class ClaimedEvents:
    """``SeenEvents`` for several instances on one database: the first instance to insert an
    event id answers it, every other one acknowledges the retry and stays quiet."""

    def __init__(
        self,
        database: Callable[[], Awaitable[Database]],
        clock: Clock,
        *,
        keep: timedelta = KEEP,
        most: int = MOST,
        prune_every: int = PRUNE_EVERY,
        timeout: float = CLAIM_TIMEOUT,
    ) -> None:
        self._database = database
        self._clock = clock
        self._keep = keep
        self._memory = SeenEvents(clock, keep=keep, most=most)
        self._prune_every = prune_every
        self._timeout = timeout
        self._claims = 0
        self._late: set[asyncio.Task[bool]] = set()  # claims that outlived ``timeout``

    async def first_time(self, event_id: str) -> bool:
        """True when this instance is the first to offer the id. Called only after the
        signature check, so a forged request cannot claim the id of a real one."""
        if not self._memory.first_time(event_id):
            return False
        if len(event_id) > EVENT_ID_MAX:
            return True
        # Waited for, never cancelled: a claim cut off mid-way (or a first connection, or a
        # migration) would be worse than one that finishes after Slack got its answer.
        claim = asyncio.create_task(self._claim(event_id))
        self._late.add(claim)
        claim.add_done_callback(_settled(self._late))
        done, _ = await asyncio.wait({claim}, timeout=self._timeout)
        if not done:
            log.warning(
                "the database did not answer within %.1fs; answering slack event %s without "
                "asking the other instances",
                self._timeout,
                event_id,
            )
            return True
        try:
            return claim.result()
        except Exception as e:
            log.warning(
                "could not claim slack event %s in the database (%s); answering it, though "
                "another instance may answer it too",
                event_id,
                e,
            )
            return True

    async def _claim(self, event_id: str) -> bool:
        first = await claim_event(await self._database(), event_id, self._clock.now())
        self._claims += 1
        if (self._claims - 1) % self._prune_every == 0:
            try:
                await self.prune()
            except Exception as e:  # the claim stands; the next prune catches up
                log.warning("could not prune old slack event ids: %s", e)
        return first

    async def prune(self) -> int:
        """Deletes ids older than ``keep`` (at most ``PRUNE_BATCH``); returns how many. Runs on
        the first claim of a process and every ``prune_every`` claims after it."""
        cutoff = self._clock.now() - self._keep
        return await prune_events(await self._database(), cutoff, PRUNE_BATCH)


def _settled(tasks: set[asyncio.Task[bool]]) -> Callable[[asyncio.Task[bool]], None]:
    def done(task: asyncio.Task[bool]) -> None:
        tasks.discard(task)
        if not task.cancelled():
            task.exception()  # a late claim's failure was already reported as a timeout

    return done
