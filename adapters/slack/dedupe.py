"""Remembering which Slack deliveries were already handled, so each is answered once: Slack's
retries of an event (same ``event_id``, an ``X-Slack-Retry-Num`` header) and replayed copies of
a signed request (same signature, see ``replay_key``).

Slack retries an event after three seconds without an acknowledgement, then after one and five
minutes; an hour of memory covers all three. A signature is only accepted within five minutes
of its timestamp, either side (``slack_sdk``'s check), so every copy of one request arrives
within ten minutes of the first: its key is kept ``REPLAY_KEEP``, that and a minute for the
instances' clocks, rather than the hour. Several instances share one request URL, so a retry or
a copy may land on an instance that never saw the first delivery: ``ClaimedEvents`` claims each
key in the database they share, and the per-process ``SeenEvents`` in front of it answers the
repeats this process has already seen without a round trip. When the database cannot be
reached in time the memory alone decides: answering twice is better than not answering.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.base.clock import Clock
from storage.claims import EVENT_ID_MAX, claim_events, prune_events
from storage.db import Database

log = logging.getLogger(__name__)

KEEP = timedelta(hours=1)  # event ids: Slack's last retry comes about five minutes after
REPLAY_KEEP = timedelta(minutes=11)  # signatures: valid 5 minutes either side, and clock skew
REPLAY_PREFIX = "sig:"
MOST = 20_000
GENERATIONS = 4  # a key's memory is freed between keep and keep × 5/4 after it was offered
CLAIM_TIMEOUT = 1.5  # seconds the acknowledgement waits for the database (Slack allows three)
CLAIM_BATCH = 500  # most keys one statement claims (1,000 bound parameters)
PRUNE_EVERY = 100  # claims between two prunes of the expired keys...
PRUNE_SPACING = timedelta(seconds=30)  # ...and at least this long (two DELETEs each)
PRUNE_BATCH = 5_000  # most rows one prune deletes, so a prune is always a short transaction


def replay_key(signature: str) -> str:
    """The claim for one signed request: its signature (an HMAC of timestamp and body, so
    unique per request), cut to the width of an event id and marked apart from event ids."""
    return REPLAY_PREFIX + signature.removeprefix("v0=")[: EVENT_ID_MAX - len(REPLAY_PREFIX)]


class SeenEvents:
    """The keys this process has offered within ``keep``, at most ``most`` of them.

    Kept in generations, a dict per ``keep / GENERATIONS`` of time (or per ``most /
    GENERATIONS`` keys), the oldest dropped whole once every key in it is older than ``keep``.
    One dict with keys leaving at the front and arriving at the back looked full after ``keep``
    and then grew its table once more when the holes the leavers left caught up with it: 0.8 MB
    at 20 keys a second, seven minutes after the memory stopped growing (``bench.soak``'s step
    at minute 18). A dict that only fills and is then freed whole reaches its size and stays
    there."""

    def __init__(self, clock: Clock, *, keep: timedelta = KEEP, most: int = MOST) -> None:
        self._clock = clock
        self._keep = keep
        self._most = most
        self._span = keep / GENERATIONS
        self._fill = max(1, most // GENERATIONS)
        self._generations: deque[tuple[datetime, dict[str, datetime]]] = deque()

    def first_time(self, key: str) -> bool:
        """True the first time a key is offered; False for a repeat within ``keep``."""
        now = self._clock.now()
        generations = self._generations
        while generations and now - generations[0][0] >= self._keep + self._span:
            generations.popleft()
        for _, keys in reversed(generations):
            when = keys.get(key)
            if when is not None and now - when < self._keep:
                return False
        if not generations or (
            now - generations[-1][0] >= self._span or len(generations[-1][1]) >= self._fill
        ):
            while generations and len(self) + self._fill > self._most:
                generations.popleft()
            generations.append((now, {}))
        generations[-1][1][key] = now
        return True

    def __len__(self) -> int:
        return sum(len(keys) for _, keys in self._generations)  # a handful of generations


class ClaimedEvents:
    """``SeenEvents`` for several instances on one database: the first instance to insert a
    key answers it, every other one acknowledges the copy and stays quiet.

    Claims are batched: the keys offered while a claim is on its way to the database go
    together in the next one, a single statement (``storage.claims.claim_events``). A lone
    request waits for no one (its claim leaves at once), and under load one round trip claims
    what twenty requests would each have paid for: the claim was most of the CPU a Slack
    request cost above Bolt's own (``bench.contact``)."""

    def __init__(
        self,
        database: Callable[[], Awaitable[Database]],
        clock: Clock,
        *,
        keep: timedelta = KEEP,
        replay_keep: timedelta = REPLAY_KEEP,
        most: int = MOST,
        prune_every: int = PRUNE_EVERY,
        prune_spacing: timedelta = PRUNE_SPACING,
        timeout: float = CLAIM_TIMEOUT,
    ) -> None:
        self._database = database
        self._clock = clock
        self._keep = keep
        self._replay_keep = replay_keep
        self._events = SeenEvents(clock, keep=keep, most=most)
        self._replays = SeenEvents(clock, keep=replay_keep, most=most)
        self._prune_every = prune_every
        self._prune_spacing = prune_spacing
        self._pruned_at: datetime | None = None
        self._timeout = timeout
        self._claims = 0
        self._waiting: dict[str, asyncio.Future[bool]] = {}  # keys for the next statement
        self._claiming: asyncio.Task[None] | None = None

    async def first_time(self, event_id: str) -> bool:
        """True when this instance is the first to offer the key. Called only after the
        signature check, so a forged request cannot claim the key of a real one."""
        memory = self._replays if event_id.startswith(REPLAY_PREFIX) else self._events
        if not memory.first_time(event_id) or event_id in self._waiting:
            return False
        if len(event_id) > EVENT_ID_MAX:
            return True
        # Waited for, never cancelled: a claim cut off mid-way (or a first connection, or a
        # migration) would be worse than one that finishes after Slack got its answer.
        claim = self._claim(event_id)
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

    def _claim(self, event_id: str) -> asyncio.Future[bool]:
        """The key's place in the next statement; starts the claiming when none is running."""
        claim: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        claim.add_done_callback(_retrieved)
        self._waiting[event_id] = claim
        if self._claiming is None:
            self._claiming = asyncio.create_task(self._claim_waiting())
        return claim

    async def _claim_waiting(self) -> None:
        """Claims what waits, a statement at a time, until nothing does."""
        try:
            while self._waiting:
                batch = dict(itertools.islice(self._waiting.items(), CLAIM_BATCH))
                for key in batch:
                    del self._waiting[key]
                try:
                    first = await claim_events(await self._database(), batch, self._clock.now())
                except Exception as e:
                    for claim in batch.values():
                        if not claim.done():
                            claim.set_exception(e)
                else:
                    for key, claim in batch.items():
                        if not claim.done():
                            claim.set_result(key in first)
                self._claims += len(batch)
                # The first claim of a process prunes, then the first after ``prune_every``
                # more claims and ``prune_spacing`` more time: at a hundred commands a second
                # a prune every hundred claims was two DELETEs a second, 5% of an update's CPU.
                now = self._clock.now()
                if self._pruned_at is None or (
                    self._claims >= self._prune_every
                    and now - self._pruned_at >= self._prune_spacing
                ):
                    self._claims, self._pruned_at = 0, now
                    try:
                        await self.prune()
                    except Exception as e:  # the claims stand; the next prune catches up
                        log.warning("could not prune old slack event ids: %s", e)
        finally:
            self._claiming = None

    async def settle(self) -> None:
        """Waits until the claims on their way have landed, and the prune after them (a stop,
        or a test that reads the table)."""
        while self._claiming is not None:
            await asyncio.shield(self._claiming)

    async def prune(self) -> int:
        """Deletes expired keys (at most ``PRUNE_BATCH`` of each kind): event ids older than
        ``keep``, signatures older than ``replay_keep``; returns how many."""
        now, db = self._clock.now(), await self._database()
        replays = await prune_events(db, now - self._replay_keep, PRUNE_BATCH, prefix=REPLAY_PREFIX)
        return replays + await prune_events(db, now - self._keep, PRUNE_BATCH)


def _retrieved(claim: asyncio.Future[bool]) -> None:
    """A claim whose waiter gave up has its failure read here (it was already reported as a
    timeout), so asyncio does not log it again."""
    if not claim.cancelled():
        claim.exception()
