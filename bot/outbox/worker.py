"""The delivery worker: drains the outbox through each platform's ``Sender``.

What the bot guarantees
-----------------------
*At least once, deduplicated where it is queued.* A proactive message exists only as an
outbox row, written in the transaction of the data it belongs to, with a unique
``dedupe_key`` (purpose, target, occurrence): the same reminder is never queued twice, however
often a scan runs and however many instances run it.

*Lanes.* Each platform has a lane of its own: its own claim loop, its own ``concurrency``
sends in flight, its own Retry-After gates. A platform that hangs or rate-limits holds back
only its own messages.

*Fair, at the platform's limit.* A lane is a scheduler, not a batch: it keeps up to ``batch``
rows claimed (claiming more when half are gone), and starts each as soon as its chat may
take a message, whatever its place in the queue; one at a time per chat, in the order they
were queued, across retries and instances (a chat's rows are claimed only while its oldest
unsettled one may be; a row going back to pending takes the chat's rows held behind it
along). A claim takes each chat's oldest rows first (every chat's first before any chat's
second, the chats with most queued first, at most ``per_chat`` of one chat), and skips the
chats the lane holds or knows to be waiting. Which chat has room is the sender's limiter's to say
(``bot.outbox.pacing``: each chat's and group's limit, and the platform's overall one, shared
with the adapter's answers, which go first). A chat without room is passed over, not waited
for in a sending slot; one that will not have room within ``hold`` seconds (a group's minute
is full) goes back to pending, attempt unspent, for the moment it will. Only the platform's
overall pace, the same for every chat, is waited for in the slot, just before the request.

*Claiming, in the database's time.* A lane claims a batch of its platform's rows: ``pending``
rows that are due, and ``sending`` rows whose lease (``claimed_until``) has expired because
the worker that claimed them died. On PostgreSQL claims take turns (an advisory lock for
the claim's statement), the candidates are locked with ``SELECT ... FOR UPDATE SKIP
LOCKED`` and flipped to ``sending`` in the same statement, and
the lease is measured with the server's ``now()``, so instances whose clocks disagree still
agree on whose claim has run out; on SQLite (one machine, one writer) the process clock does.

*A lease never runs out under a running worker.* While a batch is in hand its lease is
renewed every third of the lease; and just before each send the row's claim is renewed once
more, in the same transaction that checks it is still this worker's (and still wanted, see
below). A row whose claim was lost (this worker froze longer than the lease, another took it
over) is not sent.

*Outcomes.* Sent: ``sent`` with the platform's message id; ``sent`` is recorded even if the
claim has meanwhile been lost, since it is the truth. ``RetryLater`` with the platform's own
wait (429, Retry-After): back to ``pending`` after that wait, and that chat waits for it; the
whole lane waits only when ``global_429`` chats are refused in a row with nothing accepted
between (the platform's overall limit refuses whoever comes next; one chat's limit refuses
that chat). A rate limit never spends the retry budget. Any other ``RetryLater`` (5xx,
network, no answer within ``send_timeout``, see below): back to ``pending`` after an
exponential back-off with jitter, capped at ``backoff_cap`` (5 minutes), for as long as the
row is younger than
``retry_window`` (48 hours, ``OUTBOX_RETRY_WINDOW_HOURS``); after that, ``dead``.
``Rejected`` (forbidden, not found, bad request): ``dead`` at once. A dead letter is shown by
``coalition-bot outbox list``, revived with ``outbox retry``, and the coalition admins are told
once, through the outbox (key ``dead:<row id>``). ``TargetGone``: ``dead``, and the features'
hooks told in the same transaction (reminders pause the chat's subscriptions and tell the
admins; see ``bot.outbox.hooks``). ``TargetMoved``: the target's pending rows follow it to the
new chat id, the hooks move what features keep about the chat, and the message is retried at
once.

*A send that hangs is waited for, not abandoned.* A request the platform has received but
not answered may still be taken: a worker that gave up on it after 45 s and sent the message
again posted it twice when the platform came back (bench/faults.py (d), a 90 s hang: 8 to 14
duplicates, the sends in flight, some given up on twice). Neither platform takes an
idempotency key. Telegram offers a bot no way to read a chat's history, so there the only safe
answer is the request's own outcome; Slack could be asked (``metadata`` on the post, looked
for with ``conversations.history``), but that needs the history scopes of every conversation
the bot is in, and a look taken while the request is still open at Slack proves nothing. So,
on both platforms, the worker waits: a send may take ``send_timeout`` (10 minutes: a request
open that long has most likely died with its connection) before its outcome counts as unknown
and the message is tried again, and the senders' HTTP clients do not cut an outbox send off
sooner (only connecting is bounded: a request never sent is safe to repeat). The wait costs
only the hanging lane, since every platform has its own, and the batch's lease is renewed
while it lasts.

*Still wanted?* Just before a send, the hook registered for the row's purpose may say the
message is obsolete (a reminder whose subscription was removed, a relay of a withdrawn note);
the row is then ``skipped`` with that reason instead of sent.

*A batch settles as one.* Every claimed row ends in exactly one recorded outcome, and the
batch is over only when all have: a database error while recording one row's outcome is
retried (every ``mark_retry`` seconds) while the others carry on, and nothing is left running
behind the batch's back. A row is never sent twice by one worker.

*Stopping.* ``stop`` claims nothing more, hands rows not yet started back to ``pending``
without spending an attempt, and waits for the sends in flight, at most ``stop_wait`` (45 s,
inside a service manager's usual 90 s): a send still hanging then is cut off and its row,
still ``sending``, is tried again when its lease runs out, like a send cut off by a kill. The
assembly stops the worker before the adapters close their clients, so no send is cut off by a
closing client; a sender that says it is closed gets its rows handed back, not failed.

*A process killed mid-delivery.* Neither Telegram nor Slack takes an idempotency key, so the
one case that cannot be made exactly-once is a process killed after the platform accepted a
message and before its row was marked ``sent``. That row is still ``sending``; when its lease
expires (default 2 minutes) a worker claims it again and sends it once more. So a kill repeats
at most the messages that were in flight at that moment, each once, and loses nothing: a row
leaves ``pending``/``sending`` only as ``sent``, ``dead`` or ``skipped``.

*Late deliveries.* A payload with ``"late_after": <ISO moment>`` and ``"late_blocks"``
(serialised blocks) gets those blocks, before its closing footers, when it is sent after that
moment: a reminder that waited out a long outage says it is late. The worker knows nothing
else about what it carries.

*Edits.* A payload with ``"edit_of": <dedupe_key>`` edits the message that row sent: it waits
while the original is still pending or sending, and is ``skipped`` when the original is dead,
skipped, or has no message id.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import heapq
import logging
import os
import random
import secrets
import socket
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Interval, and_, func, literal, or_, update
from sqlalchemy import text as sql
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.base.clock import Clock, wall_seconds
from bot.base.logs import Throttled
from bot.outbox.hooks import (
    CheckHook,
    DeliveryHooks,
    GoneHook,
    MovedHook,
    Queued,
    TargetGoneEvent,
    TargetMovedEvent,
)
from bot.outbox.observe import DeliveryObserver, Observers, Outcome
from bot.outbox.pacing import RateLimiter
from bot.outbox.queue import ADMIN_NOTICE, enqueue, on_commit
from bot.outbox.sender import (
    DELIVERING,
    Rejected,
    RetryLater,
    Sender,
    TargetGone,
    TargetMoved,
)
from messages.catalogue import say
from messages.model import Footer, Heading, Paragraph, Reply, text
from messages.serialize import from_json
from storage.db import busy
from storage.models import OutboxMessage, is_open

if TYPE_CHECKING:
    from bot.core.runtime import Runtime
    from storage.db import Database

log = logging.getLogger(__name__)

_MAX_EXCLUDED = 1000  # chats a claim may name as not to be claimed
_CANDIDATES = 20  # a claim ranks at most this many batches of claimable rows, in queue order
# PostgreSQL: an advisory lock per schema and platforms, held by a claim's transaction.
CLAIM_LOCK = sql(
    "SELECT pg_advisory_xact_lock(1869968483, hashtext(coalesce(current_schema(), '') || ':' "
    "|| :platforms))"
)  # 1869968483: "outc"
_MAX_DUE_AGAIN = 10_000  # moments a lane keeps of rows it handed back (past it: the poll)


def _cancelling() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class WorkerConfig:
    """Durations are in the clock's seconds (a ``ScaledClock`` makes them run faster)."""

    batch: int = 50  # rows a lane holds claimed (it claims more when half are gone)
    concurrency: int = 8  # sends in flight per lane
    per_chat: int = 5  # rows of one chat in one claim (each chat's oldest first)
    hold: float = 5.0  # a claimed row whose chat is not free within this goes back to pending
    global_429: int = 3  # 429s for this many chats within ``global_429_window``: platform-wide
    global_429_window: float = 1.0
    lease: timedelta = timedelta(minutes=2)
    # How long a send may take before its outcome counts as unknown (and it is tried again):
    # long, since a platform that hangs may still take the message (see the module's notes).
    send_timeout: float = 600.0
    retry_window: timedelta = timedelta(hours=48)  # transient failures retried this long
    max_attempts: int | None = None  # an extra cap on attempts of any kind; None: no cap
    backoff_base: float = 5.0  # seconds before the second attempt; doubles each time
    backoff_cap: float = 300.0
    edit_wait: float = 5.0  # seconds an edit waits for its original to be sent
    idle_poll: float = 2.0  # seconds between looks at an empty outbox (wake() cuts it short)
    mark_retry: float = 1.0  # seconds between tries to record an outcome the database refused
    stop_wait: float = 45.0  # seconds stop() waits for the sends in flight
    stop_grace: float = 5.0  # seconds stop() keeps trying to record an outcome

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WorkerConfig:
        """The admin's settings (declared in ``bot.base.settings``); ``ConfigError`` if bad."""
        from bot.base.settings import OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_WINDOW_HOURS

        return cls(
            retry_window=timedelta(hours=OUTBOX_RETRY_WINDOW_HOURS.read(env)),
            max_attempts=OUTBOX_MAX_ATTEMPTS.read(env) or None,
        )


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    dedupe_key: str
    purpose: str
    platform: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int  # including this one
    created_at: datetime

    def queued(self) -> Queued:
        return Queued(
            self.id, self.dedupe_key, self.purpose, self.platform, self.chat_id, self.payload
        )


class Lane:
    """One platform's share of the worker: its claimed rows, its sends in flight, its gates.

    ``held`` rows are claimed and not started; the lane starts each as soon as its chat, the
    platform and the sender's limiter have room, oldest first and one at a time per chat,
    whatever their order in the queue. A 429 for one chat gates that chat
    (``chat_gates``); 429s for several chats at once gate the platform (``gate``)."""

    def __init__(self, platform: str, concurrency: int) -> None:
        self.platform = platform
        self.concurrency = concurrency
        self.gate: datetime | None = None  # clock time before which nothing is sent
        self.chat_gates: dict[str, datetime] = {}  # per chat: a 429, or its sending limit
        # 429s since the platform last accepted a message: (when, chat)
        self.refusals: collections.deque[tuple[datetime, str]] = collections.deque()
        self.held: list[Claimed] = []
        self.waiting = 0  # of ``held``, those whose chat had no room at the last look
        self.running: dict[int, tuple[Claimed, asyncio.Task[None]]] = {}
        self.changed = asyncio.Event()  # a send finished, or something was queued
        self.wake = asyncio.Event()
        self.claim_now = True
        self.next_claim = 0.0  # loop time before which a short claim is not repeated
        self.due_again: list[float] = []  # heap: loop times rows handed back are due again
        self.interrupted: set[str] = set()  # chats whose sending row goes back to pending
        self.task: asyncio.Task[None] | None = None

    def hold(self, chat_id: str, until: datetime) -> None:
        """Gates ``chat_id`` until ``until`` at least (a later gate it has stands)."""
        gate = self.chat_gates.get(chat_id)
        self.chat_gates[chat_id] = until if gate is None else max(gate, until)

    def chats_busy(self) -> set[str]:
        return {r.chat_id for r in self.held} | {r.chat_id for r, _ in self.running.values()}


# What a row's outcome writes, in one transaction; False when the row is no longer ours.
Write = Callable[[AsyncSession], Awaitable[bool]]


def _worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


class DeliveryWorker:
    name = "delivery worker"

    def __init__(
        self,
        db: Database | Callable[[], Awaitable[Database]],
        senders: Mapping[str, Sender],
        clock: Clock,
        *,
        config: WorkerConfig | None = None,
        worker_id: str | None = None,
        rng: random.Random | None = None,
        hooks: DeliveryHooks | None = None,
        admins: frozenset[str] = frozenset(),
    ) -> None:
        self._db_source = db
        self._db: Database | None = None
        self.senders = senders  # live: a sender registered later is picked up
        self.clock = clock
        self.config = config or WorkerConfig()
        self.id = worker_id or _worker_id()
        self._busy = Throttled(log, logging.WARNING)  # passes that found the database busy
        self.hooks = hooks or DeliveryHooks()
        self.admins = admins  # told once about each dead letter
        self._rng = rng or random.Random()
        self._lanes: dict[str, Lane] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._unwake: Callable[[], None] = lambda: None
        self.sent = 0  # counters, for logs and the bench
        self.failed = 0
        self.observers = Observers()

    @classmethod
    def for_runtime(cls, runtime: Runtime, config: WorkerConfig | None = None) -> DeliveryWorker:
        core = runtime.core
        return cls(
            core.database,
            runtime.senders,
            core.clock,
            config=config or WorkerConfig.from_env(core.settings.env),
            admins=core.settings.admins,
        )

    def on_target_gone(self, hook: GoneHook) -> None:
        """``hook`` runs, in the worker's transaction, when a platform says a chat is gone."""
        self.hooks.on_target_gone(hook)

    def on_target_moved(self, hook: MovedHook) -> None:
        """``hook`` runs, in the worker's transaction, when a chat has a new id."""
        self.hooks.on_target_moved(hook)

    def still_wanted(self, purpose: str, check: CheckHook) -> None:
        """``check`` runs just before a row of ``purpose`` is sent; a reason skips it."""
        self.hooks.still_wanted(purpose, check)

    async def database(self) -> Database:
        if self._db is None:
            source = self._db_source
            self._db = source if not callable(source) else await source()
        return self._db

    def _lane(self, platform: str) -> Lane:
        lane = self._lanes.get(platform)
        if lane is None:
            lane = self._lanes[platform] = Lane(platform, self.config.concurrency)
        return lane

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(wall_seconds(self.clock, max(0.0, seconds)))

    # --- the service ---------------------------------------------------------------------

    async def start(self) -> None:
        await self.database()
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=f"delivery-{self.id}")
        self._unwake = on_commit(self.wake)  # queued in this process: look at once

    async def stop(self) -> None:
        """Claims nothing more, hands back rows not yet started, waits for sends in flight."""
        self._stopping = True
        self._unwake()
        self.wake()
        lanes = [lane.task for lane in self._lanes.values() if lane.task is not None]
        tasks = [t for t in [self._task, *lanes] if t is not None]
        if tasks:
            limit = wall_seconds(self.clock, self.config.stop_wait + self.config.stop_grace)
            _, pending = await asyncio.wait(tasks, timeout=limit)
            for t in pending:
                t.cancel()
            if pending:
                log.warning("delivery worker %s: sends still running at stop, cut off", self.id)
                await asyncio.wait(pending)
        self._task = None
        for lane in self._lanes.values():
            lane.task = None

    def observe(self, observer: DeliveryObserver) -> None:
        """Tells ``observer`` the outcome and duration of every attempt (``bot.outbox.observe``)."""
        self.observers.add(observer)

    @property
    def running(self) -> bool:
        """The delivery loop is alive (started, not stopped, not crashed): for ``/readyz``."""
        return self._task is not None and not self._task.done() and not self._stopping

    def wake(self) -> None:
        """Something was queued: look now rather than at the next poll."""
        self._wake.set()
        for lane in self._lanes.values():
            lane.claim_now = True
            lane.wake.set()
            lane.changed.set()

    async def _run(self) -> None:
        """Starts a lane for each platform with a sender, including ones added later."""
        while not self._stopping:
            for platform in list(self.senders):
                lane = self._lane(platform)
                if lane.task is None or lane.task.done():
                    lane.task = asyncio.create_task(self._lane_loop(lane), name=f"lane-{platform}")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._wake.wait(), timeout=wall_seconds(self.clock, self.config.idle_poll)
                )

    async def _lane_loop(self, lane: Lane) -> None:
        """The lane's scheduler: keeps up to ``batch`` rows claimed (claiming more when half
        are gone, not when all are settled), starts each as soon as it may go, and sleeps
        until a send ends, a row's turn comes, something is queued, or it is time to look."""
        beat = asyncio.create_task(self._heartbeat(lane))
        try:
            while not self._stopping:
                claimed = 0
                soonest: float | None = None
                lane.changed.clear()
                try:
                    claimed = await self._refill(lane)
                    soonest = await self._dispatch(lane, patient=True)
                except asyncio.CancelledError:
                    raise
                except Exception as e:
                    if busy(e):  # expected under load: one line, no traceback
                        self._busy(
                            "delivery worker %s: a %s pass waited too long for the database",
                            self.id,
                            lane.platform,
                        )
                    else:
                        log.exception(
                            "delivery worker %s: a %s pass failed", self.id, lane.platform
                        )
                if self._stopping:
                    break
                if not lane.held and not lane.running and not claimed:
                    lane.wake.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(
                            lane.wake.wait(),
                            timeout=wall_seconds(self.clock, self._idle_wait(lane)),
                        )
                    continue
                waits = [soonest] if soonest is not None else []
                if len(lane.held) - lane.waiting < self._low_water():
                    loop_now = asyncio.get_running_loop().time()
                    waits.append(max(0.0, lane.next_claim - loop_now))
                if not waits and not lane.running:
                    waits.append(wall_seconds(self.clock, self.config.idle_poll))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        lane.changed.wait(), timeout=max(0.001, min(waits)) if waits else None
                    )
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat
            await self._wind_down(lane)

    async def _wind_down(self, lane: Lane) -> None:
        """Stopping: rows not started go back to pending (no attempt spent) and the sends in
        flight finish (``stop`` bounds the wait). Cancelled (a dying process): the sends are
        cut off and nothing more is written, as a killed process would leave them."""
        held, lane.held = lane.held, []
        tasks = [t for _, t in lane.running.values()]
        if self._stopping and not _cancelling():
            if held:  # in one statement: stop() waits only so long
                await self._record(held[0], self._hand_back(held, "the worker stopped"))
            if tasks:
                await asyncio.wait(tasks)
            return
        for t in tasks:
            t.cancel()
        if tasks:
            await asyncio.wait(tasks)

    def _idle_wait(self, lane: Lane) -> float:
        """The poll, or less when the lane's Retry-After gate opens sooner."""
        wait = self.config.idle_poll
        if lane.gate is not None:
            wait = min(wait, (lane.gate - self.clock.now()).total_seconds())
        return max(0.01, wait)

    def _due_again(self, lane: Lane, after: float) -> None:
        """A row handed back is due again in ``after`` clock seconds: the lane claims then,
        not at its next poll (a queue's last messages waited up to ``idle_poll`` for a retry
        due long before: bench.delivery's last second)."""
        due = asyncio.get_running_loop().time() + wall_seconds(self.clock, after)
        lane.next_claim = min(lane.next_claim, due)
        if len(lane.due_again) < _MAX_DUE_AGAIN:
            heapq.heappush(lane.due_again, due)

    def _low_water(self) -> int:
        return max(1, self.config.batch // 2)

    # --- one pass ------------------------------------------------------------------------

    async def run_once(self) -> int:
        """One pass of every lane, side by side; the number of rows handled."""
        lanes = [self._lane(p) for p in list(self.senders)]
        return sum(await asyncio.gather(*(self._pass(lane) for lane in lanes)))

    async def drain(self, max_passes: int = 1000) -> int:
        """Delivers until nothing is due (tests, the CLI); the number of rows handled."""
        total = 0
        for _ in range(max_passes):
            done = await self.run_once()
            if done == 0:
                break
            total += done
        return total

    async def _pass(self, lane: Lane) -> int:
        """Claims one batch of the lane's rows and settles every one of them. A row that must
        wait for a gate on the clock goes back to pending at once (a test's clock may not
        move); a wait for the sender's limiter, on the wall, is waited out if short."""
        if self._stopping or self._gated(lane):
            return 0
        rows = await self.claim([lane.platform], exclude=self._excluded(lane))
        if not rows:
            return 0
        lane.held.extend(rows)
        beat = asyncio.create_task(self._heartbeat(lane))
        try:
            while (lane.held and not self._stopping) or lane.running:
                lane.changed.clear()
                soonest = await self._dispatch(lane, patient=False)
                if lane.held or lane.running:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(lane.changed.wait(), timeout=soonest)
        finally:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat
            await self._wind_down(lane)
        return len(rows)

    async def _refill(self, lane: Lane) -> int:
        """Claims more when fewer than half a batch are held; a claim that found less than it
        asked for is not repeated before ``idle_poll`` unless something is queued."""
        # Rows waiting for their chat (its limit, a 429) do not count as work in hand: with
        # a buffer full of chats cooling down, the lane would idle while others have room.
        ready = len(lane.held) - lane.waiting
        if (
            self._stopping
            or self._gated(lane)
            or ready >= self._low_water()
            or len(lane.held) >= 2 * self.config.batch
        ):
            return 0
        loop_now = asyncio.get_running_loop().time()
        if not lane.claim_now and loop_now < lane.next_claim:
            return 0
        lane.claim_now = False
        want = self.config.batch - ready
        try:
            rows = await self.claim([lane.platform], want, exclude=self._excluded(lane))
        except Exception:
            # Not again before the poll (the database may be away); the sends go on.
            lane.next_claim = loop_now + wall_seconds(self.clock, self.config.idle_poll)
            raise
        while lane.due_again and lane.due_again[0] <= loop_now:
            heapq.heappop(lane.due_again)  # due by now: this claim looked
        if len(rows) < want:  # the queue has no more for now
            lane.next_claim = loop_now + wall_seconds(self.clock, self.config.idle_poll)
            if lane.due_again:  # but a row handed back is due before the poll
                lane.next_claim = min(lane.next_claim, lane.due_again[0])
        lane.held.extend(rows)
        return len(rows)

    def _excluded(self, lane: Lane) -> list[str]:
        """Chats not to claim for now: those held or sending (their next row follows when they
        are done) and those gated (a 429, or their sending limit)."""
        now = self.clock.now()
        for chat in [c for c, until in lane.chat_gates.items() if until <= now]:
            del lane.chat_gates[chat]
        chats = lane.chats_busy() | set(lane.chat_gates)
        return sorted(chats)[:_MAX_EXCLUDED]

    def _limiter(self, platform: str) -> RateLimiter | None:
        limiter = getattr(self.senders.get(platform), "limiter", None)
        return limiter if isinstance(limiter, RateLimiter) and limiter.limits else None

    async def _dispatch(self, lane: Lane, *, patient: bool) -> float | None:
        """Starts every held row that may be sent now: oldest first, one at a time per chat,
        while the lane has a free slot. A row whose chat will not be free within ``hold``
        (``patient``; else: a clock gate not open now) goes back to pending, attempt unspent,
        for when it will be. Returns wall seconds until the next held row may go (None: no
        held row waits on time)."""
        now = self.clock.now()
        limiter = self._limiter(lane.platform)
        per_wall = 1.0 / max(1e-9, wall_seconds(self.clock, 1.0))  # clock seconds a wall second
        hold = wall_seconds(self.clock, self.config.hold)
        platform_wait = 0.0 if lane.gate is None else (lane.gate - now).total_seconds()
        busy = {r.chat_id for r, _ in lane.running.values()}
        handed: dict[str, float] = {}  # chat -> wall seconds until it is free
        keep: list[Claimed] = []
        back: list[tuple[Claimed, float]] = []
        soonest: float | None = None
        waiting = 0  # rows kept because their chat (or the platform) has no room yet
        for row in lane.held:
            chat = row.chat_id
            if chat in handed:
                back.append((row, handed[chat]))
                continue
            if chat in busy:
                keep.append(row)  # after the chat's row in front of it
                continue
            busy.add(chat)
            gate = lane.chat_gates.get(chat)
            on_clock = max(platform_wait, 0.0 if gate is None else (gate - now).total_seconds())
            wait = wall_seconds(self.clock, on_clock) if on_clock > 0 else 0.0
            if wait <= 0:
                if len(lane.running) >= lane.concurrency:
                    keep.append(row)
                    continue
                wait = limiter.chat_wait(chat) if limiter is not None else 0.0
                if wait <= 0:
                    self._start(lane, row)
                    continue
            elif not patient:
                handed[chat] = wait
                back.append((row, wait))
                continue
            if wait > hold:
                handed[chat] = wait
                back.append((row, wait))
                continue
            keep.append(row)
            waiting += 1
            soonest = wait if soonest is None else min(soonest, wait)
        lane.held = keep
        lane.waiting = waiting
        for row, wait in back:
            after = wait * per_wall
            lane.hold(row.chat_id, now + timedelta(seconds=after))
            await self._record(
                row, self._release(row, "waiting for the chat's sending limit", after=after)
            )
            self._due_again(lane, after)
        return soonest

    def _start(self, lane: Lane, row: Claimed) -> None:
        task = asyncio.create_task(self._settle(lane, row))
        lane.running[row.id] = (row, task)

        def done(_: asyncio.Task[None]) -> None:
            lane.running.pop(row.id, None)
            lane.changed.set()

        task.add_done_callback(done)

    def _gated(self, lane: Lane) -> bool:
        return lane.gate is not None and lane.gate > self.clock.now()

    def _gate_wait(self, lane: Lane, chat_id: str) -> float:
        """Clock seconds before a message may go to ``chat_id`` after a Retry-After."""
        now = self.clock.now()
        gates = [g for g in (lane.gate, lane.chat_gates.get(chat_id)) if g is not None]
        return max([0.0, *((g - now).total_seconds() for g in gates)])

    def _rate_limited(self, lane: Lane, chat_id: str, retry_after: float) -> None:
        """A 429: the platform names no scope, so the scope is told by what else it refuses.
        A limit for one chat refuses that chat only, and the others' messages still go
        through; the platform's overall limit refuses whichever chat comes next. So the chat
        waits, unless ``global_429`` different chats were refused one after the other with
        nothing accepted in between (within ``global_429_window``): then the platform waits.
        A lone 429 among accepted messages (a message that reached the platform a little
        late and found the second full) costs that message its retry, not everyone a
        pause."""
        now = self.clock.now()
        until = now + timedelta(seconds=retry_after)
        window = timedelta(seconds=self.config.global_429_window)
        lane.refusals.append((now, chat_id))
        while lane.refusals and lane.refusals[0][0] < now - window:
            lane.refusals.popleft()
        refused = {chat for _, chat in lane.refusals}
        if len(refused) >= self.config.global_429:
            lane.gate = until if lane.gate is None else max(lane.gate, until)
            log.warning(
                "%s: %d chats refused in a row: the whole platform waits %.1f s",
                lane.platform,
                len(refused),
                retry_after,
            )
        lane.hold(chat_id, until)

    def _lease_time(self, dialect: str, plus: timedelta = timedelta(0)) -> ColumnElement[Any]:
        """Now (plus ``plus``), for leases: the database server's clock on PostgreSQL
        (shifted by how far the worker's clock is from the wall, which is nothing outside
        tests), this process's on SQLite, where every instance shares one machine."""
        if dialect == "postgresql":
            offset = self.clock.now() - datetime.now(UTC) + plus
            return func.now() + literal(offset, Interval())
        return literal(self.clock.now() + plus, OUTBOX.c.claimed_until.type)

    async def claim(
        self,
        platforms: list[str],
        limit: int | None = None,
        *,
        exclude: Sequence[str] = (),
    ) -> list[Claimed]:
        """Claims up to ``limit`` due rows: each chat's oldest first, at most ``per_chat`` of
        one chat, every chat's first row before any chat's second (so one chat's backlog
        never fills a batch while others wait), none for the chats in ``exclude``.

        A chat's rows are claimed only while its oldest unsettled row may itself be claimed:
        not while it backs off after a failure or is being sent by another instance. So a
        chat's messages go in the order they were queued, one at a time, whichever instance
        sends them (its rows held behind a failed one are handed back, ``_hand_back_behind``,
        and rows are only ever tried oldest first, so the oldest is the only one that can
        be waiting)."""
        db = await self.database()
        now = self.clock.now()
        lease_now = self._lease_time(db.dialect)

        def claimable(t: Any) -> ColumnElement[bool]:
            return or_(
                and_(t.c.status == "pending", t.c.next_attempt_at <= now),
                and_(t.c.status == "sending", t.c.claimed_until < lease_now),
            )

        head = OUTBOX.alias("head")
        oldest = (
            select(func.min(head.c.id))
            .where(
                head.c.platform == OUTBOX.c.platform,
                head.c.chat_id == OUTBOX.c.chat_id,
                is_open(head.c.status),
            )
            .correlate_except(head)  # the candidate's, two selects out
            .scalar_subquery()
        )
        # Whether that oldest row may be claimed: a scalar per candidate (two index lookups),
        # where a NOT EXISTS let PostgreSQL plan an anti-join that ran the MIN per pair.
        first = OUTBOX.alias("first")
        first_claimable = select(claimable(first)).where(first.c.id == oldest).scalar_subquery()
        row_is_due = [OUTBOX.c.platform.in_(platforms), is_open(OUTBOX.c.status), claimable(OUTBOX)]
        where = [*row_is_due, first_claimable]
        if exclude:
            where.append(OUTBOX.c.chat_id.not_in(list(exclude)))
        limit = limit or self.config.batch
        # The ranking looks at the first ``_CANDIDATES`` batches' worth of claimable rows in
        # queue order (through the index of unsettled rows, however few are wanted), so a
        # claim's cost does not grow with the rows queued behind them. In queue order, a
        # chat's claimable rows are all ahead of its others: the ranking sees its oldest.
        due_first = (
            select(OUTBOX.c.id, OUTBOX.c.chat_id)
            .where(*where)
            .order_by(OUTBOX.c.id)
            .limit(self.config.batch * _CANDIDATES)
            .subquery("due_first")
        )
        chat = (due_first.c.chat_id,)
        rank = func.row_number().over(partition_by=chat, order_by=due_first.c.id).label("rank")
        queued = func.count().over(partition_by=chat).label("queued")
        ranked = select(due_first.c.id, rank, queued).subquery("ranked")
        candidates = (
            select(OUTBOX.c.id)
            .select_from(OUTBOX.join(ranked, ranked.c.id == OUTBOX.c.id))
            # The conditions again on the row itself: PostgreSQL re-checks these on a row
            # another instance claimed meanwhile, and skips it.
            .where(ranked.c.rank <= self.config.per_chat, *row_is_due)
            # Every chat's first before any chat's second; among them, the chats with the
            # most to send first: they need the most turns of their own limit (one message
            # in 1.25 s on Telegram), and a queue drained chat by chat in id order would
            # end with a few chats left, each sending slowly (bench.delivery scenario 3).
            .order_by(ranked.c.rank, ranked.c.queued.desc(), OUTBOX.c.id)
            .limit(limit)
        )
        if db.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True, of=OUTBOX)
        picked = candidates.cte("picked")
        stmt = (
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(select(picked.c.id)))
            .values(
                status="sending",
                claimed_by=self.id,
                claimed_until=self._lease_time(db.dialect, self.config.lease),
                attempts=OUTBOX.c.attempts + 1,
            )
            .returning(
                OUTBOX.c.id,
                OUTBOX.c.dedupe_key,
                OUTBOX.c.purpose,
                OUTBOX.c.platform,
                OUTBOX.c.chat_id,
                OUTBOX.c.payload,
                OUTBOX.c.attempts,
                OUTBOX.c.created_at,
            )
        )
        async with db.session() as s:
            if db.dialect == "postgresql":
                # Claims of a platform's rows take turns: with SKIP LOCKED alone, an instance
                # could take a chat's second row while another's claim of its first was not
                # yet committed (both read it as pending). Held for one statement (~ms).
                lock = CLAIM_LOCK.bindparams(platforms=",".join(sorted(platforms)))
                await s.exec(lock)  # type: ignore[call-overload]
            result = await s.exec(stmt)
            rows = [Claimed(*r) for r in result.all()]
            await s.commit()
        rows.sort(key=lambda r: r.id)
        return rows

    def _ours(self, ids: Sequence[int]) -> ColumnElement[bool]:
        """The rows among ``ids`` that this worker still holds: a row another instance took
        over after a lost lease, or one already settled, is left alone."""
        return and_(
            OUTBOX.c.id.in_(ids), OUTBOX.c.claimed_by == self.id, OUTBOX.c.status == "sending"
        )

    async def _heartbeat(self, lane: Lane) -> None:
        """Renews the lease of every row the lane holds or sends, every third of the lease."""
        every = self.config.lease.total_seconds() / 3
        while True:
            await self._sleep(every)
            ids = [r.id for r in lane.held] + list(lane.running)
            if not ids:
                continue
            try:
                db = await self.database()
                async with db.session() as s:
                    await s.exec(
                        update(OUTBOX)
                        .where(self._ours(ids))
                        .values(claimed_until=self._lease_time(db.dialect, self.config.lease))
                    )
                    await s.commit()
            except Exception as e:  # the renewal before each send still guards the rows
                log.warning("delivery worker %s: lease renewal failed: %s", self.id, e)

    # --- one row -------------------------------------------------------------------------

    async def _settle(self, lane: Lane, row: Claimed) -> None:
        """Tries one row and records its outcome; never raises (but a cancellation)."""
        try:
            if self._stopping:
                await self._record(row, self._release(row, "handed back: the worker stopped"))
                return
            write = await self._deliver(lane, row)
            if write is not None:
                await self._record(row, write)
            if row.chat_id in lane.interrupted:
                await self._hand_back_behind(lane, row)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("outbox %s: unexpected failure", row.id)

    async def _hand_back_behind(self, lane: Lane, row: Claimed) -> None:
        """``row`` goes back to pending for a later try: the chat's rows held behind it go
        back too (attempt unspent), so none overtakes it. The claim then leaves them until
        ``row`` itself is claimed again. Runs while ``row`` still counts as sending, so the
        dispatcher starts none of them meanwhile."""
        lane.interrupted.discard(row.chat_id)
        behind = [r for r in lane.held if r.chat_id == row.chat_id]
        if behind:
            lane.held = [r for r in lane.held if r.chat_id != row.chat_id]
            await self._record(behind[0], self._hand_back(behind, "behind a message to retry"))

    async def _record(self, row: Claimed, write: Write) -> None:
        """Writes an outcome, retrying while the database refuses: an outcome left unwritten
        (above all a send) would be repeated when the lease runs out. Gives up only when the
        worker stops and the database has not come back within ``stop_grace``."""
        given_up_at: datetime | None = None
        while True:
            try:
                db = await self.database()
                async with db.session() as s:
                    ours = await write(s)
                    if ours:
                        await s.commit()
                    else:
                        await s.rollback()
                if not ours:
                    log.warning("outbox %s: claim lost before its outcome was recorded", row.id)
                return
            except asyncio.CancelledError:
                raise
            except Exception as e:
                log.warning("outbox %s: recording its outcome failed, retrying: %s", row.id, e)
                if self._stopping:
                    now = self.clock.now()
                    given_up_at = given_up_at or now
                    if (now - given_up_at).total_seconds() > self.config.stop_grace:
                        log.error("outbox %s: outcome not recorded; stopping anyway", row.id)
                        return
                await self._sleep(self.config.mark_retry)

    async def _deliver(self, lane: Lane, row: Claimed) -> Write | None:
        """Tries the row; what to record, or None when the row turned out not to be ours."""
        sender = self.senders.get(row.platform)
        if sender is None or getattr(sender, "closed", False):  # stopped since the claim
            return self._release(row, "handed back: no sender")
        try:
            reply = from_json(row.payload)
        except Exception as e:
            return self._dead(row, f"unreadable payload: {e}")
        edit_of = row.payload.get("edit_of")
        if edit_of:
            return await self._deliver_edit(lane, row, sender, reply, str(edit_of))
        token = DELIVERING.set(row.dedupe_key)
        try:
            return await self._attempt(
                lane, row, lambda: sender.send(row.chat_id, self._late(row, reply))
            )
        finally:
            DELIVERING.reset(token)

    def _late(self, row: Claimed, reply: Reply) -> Reply:
        """The reply with its payload's ``late_blocks`` when it goes out after ``late_after``;
        evaluated just before the send, so time spent waiting for a pacer counts."""
        raw = row.payload.get("late_after")
        if not raw:
            return reply
        try:
            moment = datetime.fromisoformat(str(raw))
            extra = from_json({"blocks": row.payload.get("late_blocks") or []}).blocks
        except Exception as e:  # a bad note must not stop the message itself
            log.warning("outbox %s: unreadable late note: %s", row.id, e)
            return reply
        if not extra or self.clock.now() <= moment:
            return reply
        blocks = reply.blocks
        cut = len(blocks)
        while cut and isinstance(blocks[cut - 1], Footer):
            cut -= 1
        return replace(reply, blocks=blocks[:cut] + extra + blocks[cut:])

    async def _deliver_edit(
        self, lane: Lane, row: Claimed, sender: Sender, reply: Reply, key: str
    ) -> Write | None:
        db = await self.database()
        async with db.session() as s:
            original = (
                await s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
            ).first()
        if original is not None and original.status in {"pending", "sending"}:
            return self._release(
                row,
                "waiting for the original message to be sent",
                after=self.config.edit_wait,
            )
        if original is None or original.status != "sent" or not original.platform_message_id:
            state = "missing" if original is None else original.status
            return self._update(row, status="skipped", last_error=f"original {state}: no edit")
        message_id = original.platform_message_id

        async def edit() -> str:
            await sender.edit(row.chat_id, message_id, reply)
            return message_id

        token = DELIVERING.set(row.dedupe_key)
        try:
            return await self._attempt(lane, row, edit)
        finally:
            DELIVERING.reset(token)

    async def _renew(self, row: Claimed) -> str | None:
        """Just before a send: renews the claim and asks the row's feature whether it is still
        wanted, in one transaction. None to go ahead; otherwise why not (and the row is
        skipped when the feature said so)."""
        db = await self.database()
        async with db.session() as s:
            result = await s.exec(
                update(OUTBOX)
                .where(self._ours([row.id]))
                .values(claimed_until=self._lease_time(db.dialect, self.config.lease))
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                await s.rollback()
                return "claim lost"
            reason = await self.hooks.check(s, row.queued())
            if reason is not None:
                await s.exec(
                    update(OUTBOX)
                    .where(self._ours([row.id]))
                    .values(status="skipped", claimed_until=None, last_error=reason[:1000])
                )
                log.info("outbox %s (%s) skipped: %s", row.id, row.purpose, reason)
            await s.commit()
        return reason

    async def _attempt(
        self,
        lane: Lane,
        row: Claimed,
        call: Callable[[], Awaitable[str | None]],
    ) -> Write | None:
        """One send: the claim renewed, then the platform's pace waited for (the sender's
        limiter, when it has one: a few hundredths of a second), then the request."""
        wait = self._gate_wait(lane, row.chat_id)
        if wait > 0:  # a Retry-After for this chat or platform arrived meanwhile
            lane.interrupted.add(row.chat_id)
            return self._release(row, "held back by the platform's rate limit", after=wait)
        if self._stopping:
            return self._release(row, "handed back: the worker stopped")
        try:
            if await self._renew(row) is not None:
                return None  # not ours any more, or skipped in _renew's transaction
        except Exception as e:  # the database is away: don't send what we can't record
            log.warning("outbox %s: could not renew its claim: %s", row.id, e)
            return None
        limiter = self._limiter(row.platform)
        granted = limiter.granted(row.chat_id) if limiter else contextlib.nullcontext()
        started = asyncio.get_running_loop().time()
        try:
            with granted:
                if limiter is not None:
                    await limiter.acquire_bulk(row.chat_id)
                    started = asyncio.get_running_loop().time()
                # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation
                # that arrives as the send completes, and a stopping worker must stop.
                async with asyncio.timeout(wall_seconds(self.clock, self.config.send_timeout)):
                    message_id = await call()
        except RetryLater as e:
            self._observe(row, "retry", started)
            return self._retry(lane, row, str(e), e.retry_after)
        except Rejected as e:
            self._observe(row, "rejected", started)
            return self._dead(row, f"rejected: {e}")
        except TargetGone as e:
            self._observe(row, "gone", started)
            return self._gone(row, str(e))
        except TargetMoved as e:
            self._observe(row, "moved", started)
            return self._moved(row, e.new_chat_id, str(e))
        except TimeoutError:
            self._observe(row, "timeout", started)
            log.warning(
                "outbox %s: no answer from %s within %g s; the platform may have taken it, "
                "but it is tried again rather than lost",
                row.id,
                row.platform,
                self.config.send_timeout,
            )
            return self._retry(lane, row, f"no answer within {self.config.send_timeout:g} s", None)
        except Exception as e:
            self._observe(row, "error", started)
            log.exception("outbox %s: the %s sender failed", row.id, row.platform)
            return self._retry(lane, row, f"{type(e).__name__}: {e}", None)
        self.sent += 1
        lane.refusals.clear()  # the platform takes messages: earlier 429s were not for all
        self._observe(row, "sent", started)
        return self._mark_sent(row, message_id)

    def _observe(self, row: Claimed, outcome: Outcome, started: float) -> None:
        self.observers.notify(row.platform, outcome, asyncio.get_running_loop().time() - started)

    # --- outcomes, as writes ---------------------------------------------------------------

    def _update(self, row: Claimed, **values: Any) -> Write:
        values.setdefault("claimed_until", None)

        async def write(s: AsyncSession) -> bool:
            result = await s.exec(update(OUTBOX).where(self._ours([row.id])).values(**values))
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return write

    def _mark_sent(self, row: Claimed, message_id: str | None) -> Write:
        values = {
            "status": "sent",
            "sent_at": self.clock.now(),
            "platform_message_id": None if message_id is None else str(message_id)[:64],
            "last_error": None,
            "claimed_until": None,
        }

        async def write(s: AsyncSession) -> bool:
            # The platform has it: that is recorded even if the claim ran out meanwhile, so
            # that whoever took the row over sees it sent before its own send.
            result = await s.exec(
                update(OUTBOX)
                .where(OUTBOX.c.id == row.id, OUTBOX.c.status != "sent")
                .values(**values)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return write

    def _release(self, row: Claimed, reason: str, *, after: float = 0.0) -> Write:
        """Back to pending without spending the attempt."""
        return self._update(
            row,
            status="pending",
            attempts=row.attempts - 1,
            next_attempt_at=self.clock.now() + timedelta(seconds=max(0.0, after)),
            last_error=reason[:1000],
        )

    def _hand_back(self, rows: list[Claimed], reason: str) -> Write:
        """``_release`` for many rows at once, due now."""
        ids = [r.id for r in rows]
        values = {
            "status": "pending",
            "attempts": OUTBOX.c.attempts - 1,
            "next_attempt_at": self.clock.now(),
            "last_error": f"handed back: {reason}"[:1000],
            "claimed_until": None,
        }

        async def write(s: AsyncSession) -> bool:
            await s.exec(update(OUTBOX).where(self._ours(ids)).values(**values))
            return True

        return write

    def backoff(self, attempts: int, retry_after: float | None) -> float:
        """Seconds to wait: the platform's Retry-After when it gave one, else exponential with
        jitter (half to all of base x 2^(attempts-1), capped), so many failed rows don't all
        come back in the same second."""
        if retry_after is not None and retry_after >= 0:
            return retry_after * (1 + 0.1 * self._rng.random())
        exponent = min(attempts - 1, 30)
        delay = min(self.config.backoff_cap, self.config.backoff_base * 2**exponent)
        return delay * (0.5 + 0.5 * self._rng.random())

    def _retry(self, lane: Lane, row: Claimed, reason: str, retry_after: float | None) -> Write:
        self.failed += 1
        now = self.clock.now()
        cap = self.config.max_attempts
        if cap is not None and row.attempts >= cap:
            return self._dead(row, f"gave up after {row.attempts} attempts: {reason}")
        if retry_after is not None and retry_after >= 0:
            # The platform said when: hold the chat (or the lane), spend none of the window.
            self._rate_limited(lane, row.chat_id, retry_after)
        elif now - row.created_at >= self.config.retry_window:
            hours = self.config.retry_window.total_seconds() / 3600
            return self._dead(row, f"still failing after {hours:g} hours: {reason}")
        delay = self.backoff(row.attempts, retry_after)
        self._due_again(lane, delay)
        lane.interrupted.add(row.chat_id)
        # The chat's next rows wait for this one: not claimed (nor read) meanwhile.
        lane.hold(row.chat_id, now + timedelta(seconds=delay))
        return self._update(
            row,
            status="pending",
            next_attempt_at=now + timedelta(seconds=delay),
            last_error=reason[:1000],
        )

    def _dead(self, row: Claimed, reason: str) -> Write:
        self.failed += 1
        now = self.clock.now()
        mark = self._update(row, status="dead", last_error=reason[:1000])
        platforms = set(self.senders)

        async def write(s: AsyncSession) -> bool:
            if not await mark(s):
                return False
            log.warning(
                "outbox %s (%s to %s) is dead: %s", row.id, row.purpose, row.chat_id, reason
            )
            if row.purpose == ADMIN_NOTICE:
                return True
            notice = dead_letter_notice(row, reason[:300])
            for admin in sorted(self.admins):
                platform, _, user_id = admin.partition(":")
                if platform in platforms and user_id:
                    await enqueue(
                        s,
                        purpose=ADMIN_NOTICE,
                        platform=platform,
                        chat_id=user_id,
                        occurrence=f"dead:{row.id}",
                        reply=notice,
                        now=now,
                    )
            return True

        return write

    def _gone(self, row: Claimed, reason: str) -> Write:
        self.failed += 1
        event = TargetGoneEvent(row.platform, row.chat_id, row.purpose, reason, self.clock.now())
        mark = self._update(row, status="dead", last_error=f"gone: {reason}"[:1000])

        async def write(s: AsyncSession) -> bool:
            if not await mark(s):
                return False
            await self.hooks.target_gone(s, event)
            log.warning(
                "outbox %s: %s chat %s is gone (%s)", row.id, row.platform, row.chat_id, reason
            )
            self.wake()
            return True

        return write

    def _moved(self, row: Claimed, new_chat_id: str, reason: str) -> Write:
        now = self.clock.now()
        old = row.chat_id
        mark = self._update(
            row,
            status="pending",
            chat_id=new_chat_id,
            attempts=row.attempts - 1,
            next_attempt_at=now,
            last_error=f"moved from {old}: {reason}"[:1000],
        )

        async def write(s: AsyncSession) -> bool:
            if not await mark(s):
                return False
            await self.hooks.target_moved(s, TargetMovedEvent(row.platform, old, new_chat_id, now))
            await s.exec(
                update(OUTBOX)
                .where(
                    OUTBOX.c.platform == row.platform,
                    OUTBOX.c.chat_id == old,
                    OUTBOX.c.status == "pending",
                )
                .values(chat_id=new_chat_id)
            )
            log.info("%s chat %s moved to %s", row.platform, old, new_chat_id)
            self.wake()
            return True

        return write


def dead_letter_notice(row: Claimed, reason: str) -> Reply:
    return Reply.of(
        Heading(say("outbox.dead_heading")),
        Paragraph(
            text(
                say(
                    "outbox.dead_body",
                    id=row.id,
                    purpose=row.purpose,
                    platform=row.platform,
                    chat=row.chat_id,
                    reason=reason,
                )
            )
        ),
        Paragraph(text(say("outbox.dead_hint", id=row.id))),
    )
