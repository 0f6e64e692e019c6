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

*What goes out.* The reply as queued, shaped at the moment of the send by its feature's
``before_send`` hook (a reminder that waited out a long outage says it is late: the
reminders' hook). The worker knows nothing else about what it carries.

*Edits.* A payload with ``"edit_of": <dedupe_key>`` edits the message that row sent: it waits
while the original is still pending or sending, and is ``skipped`` when the original is dead,
skipped, or has no message id.

*One loop.* Production (``start``) and the tests' and CLI's ``drain``/``run_once`` run the
same lane loop (``_serve``) with the same scheduling; a drain only ends where production
would sleep: nothing in flight, a look at the queue found nothing, and every row still held
waits for the clock (a test's ``FakeClock`` may never move; those go back to pending for
their moment, as rows that wait long always do).

The parts: ``claims`` (what a lane takes, leases), ``lanes`` (per-platform state and which
held row goes next), ``sending`` (one row's send, its outcome recorded), ``outcomes`` (what
each result writes), ``notices`` (the admins told of a dead letter); this module is the
service and its loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import secrets
import socket
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from bot.base.clock import Clock, wall_seconds
from bot.base.logs import Throttled
from bot.outbox.claims import CLAIM_LOCK, Claimed, Claims
from bot.outbox.config import WorkerConfig
from bot.outbox.hooks import CheckHook, DeliveryHooks, GoneHook, MovedHook
from bot.outbox.lanes import Lane
from bot.outbox.notices import dead_letter_notice
from bot.outbox.observe import DeliveryObserver, Observers
from bot.outbox.outcomes import Outcomes
from bot.outbox.queue import on_commit
from bot.outbox.sender import Sender
from bot.outbox.sending import Sending
from storage.errors import busy

if TYPE_CHECKING:
    from bot.base.settings import Settings
    from storage.db import Database


class _HostCore(Protocol):
    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...

    async def database(self) -> Database: ...


class Host(Protocol):
    """What the worker takes from the process it runs in (``bot.core.runtime.Runtime``), named
    here so that the outbox does not import the core that is built over it."""

    @property
    def core(self) -> _HostCore: ...

    @property
    def senders(self) -> Mapping[str, Sender]: ...


__all__ = ["CLAIM_LOCK", "Claimed", "DeliveryWorker", "WorkerConfig", "dead_letter_notice"]

log = logging.getLogger(__name__)


def _cancelling() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


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
        self.claims = Claims(self.database, clock, self.config, self.id)
        self.outcomes = Outcomes(
            self.claims,
            clock,
            self.config,
            self.hooks,
            rng=rng or random.Random(),
            admins=admins,
            senders=senders,
            wake=self.wake,
        )
        self._lanes: dict[str, Lane] = {}
        self._wake = asyncio.Event()
        self._held_task: asyncio.Task[None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._unwake: Callable[[], None] = lambda: None
        self.observers = Observers()
        self.sending = Sending(
            database=self.database,
            senders=senders,
            clock=clock,
            config=self.config,
            hooks=self.hooks,
            claims=self.claims,
            outcomes=self.outcomes,
            observers=self.observers,
            stopping=lambda: self._stopping,
        )

    @classmethod
    def for_runtime(cls, runtime: Host, config: WorkerConfig | None = None) -> DeliveryWorker:
        core = runtime.core
        return cls(
            core.database,
            runtime.senders,
            core.clock,
            config=config or WorkerConfig.from_env(core.settings.env),
            admins=core.settings.admins,
        )

    @property
    def sent(self) -> int:
        return self.outcomes.sent

    @property
    def failed(self) -> int:
        return self.outcomes.failed

    def on_target_gone(self, hook: GoneHook) -> None:
        """``hook`` runs, in the worker's transaction, when a platform says a chat is gone."""
        self.hooks.on_target_gone(hook)

    def on_target_moved(self, hook: MovedHook) -> None:
        """``hook`` runs, in the worker's transaction, when a chat has a new id."""
        self.hooks.on_target_moved(hook)

    def still_wanted(self, purpose: str, check: CheckHook) -> None:
        """``check`` runs just before a row of ``purpose`` is sent; a reason skips it."""
        self.hooks.still_wanted(purpose, check)

    def backoff(self, attempts: int, retry_after: float | None) -> float:
        return self.outcomes.backoff(attempts, retry_after)

    async def claim(
        self, platforms: list[str], limit: int | None = None, *, exclude: list[str] | None = None
    ) -> list[Claimed]:
        return await self.claims.claim(platforms, limit, exclude=exclude or ())

    async def database(self) -> Database:
        if self._db is None:
            source = self._db_source
            self._db = source if not callable(source) else await source()
        return self._db

    def _lane(self, platform: str) -> Lane:
        lane = self._lanes.get(platform)
        if lane is None:
            lane = self._lanes[platform] = Lane(platform, self.config, self.clock)
        return lane

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(wall_seconds(self.clock, max(0.0, seconds)))

    # --- the service ---------------------------------------------------------------------

    async def start(self) -> None:
        db = await self.database()
        # After a restore: held rows looked for where the platform allows, then the count
        # of those left for the operator; beside delivery, which never claims them.
        self._held_task = asyncio.create_task(self._settle_held(db), name=f"held-{self.id}")
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=f"delivery-{self.id}")
        self._unwake = on_commit(self.wake)  # queued in this process: look at once

    async def _settle_held(self, db: Database) -> None:
        """Held rows (``bot.outbox.held``): those a platform lets us look for are looked for;
        the rest wait for an operator, who may not know: said at every start while any
        are held."""
        from bot.outbox.held import check, held_count

        try:
            async with db.session() as s:
                held = await held_count(s)
            if held:
                settled = await check(db, self.senders, self.clock.now())
                if any(released for _, released in settled.values()):
                    self.wake()  # released: due now
                async with db.session() as s:
                    held = await held_count(s)
        except Exception as e:  # a courtesy to the operator: never a reason not to deliver
            log.warning("could not look at the held messages: %s", e)
            return
        if held:
            log.warning(
                "outbox: messages held since a restore: %d (the bot the backup was taken "
                "from may have sent them); coalition-bot outbox held lists them, outbox "
                "release sends them, outbox skip settles them as sent",
                held,
            )

    async def stop(self) -> None:
        """Claims nothing more, hands back rows not yet started, waits for sends in flight."""
        self._stopping = True
        if self._held_task is not None:
            self._held_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._held_task
            self._held_task = None
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
                    lane.task = asyncio.create_task(self._service(lane), name=f"lane-{platform}")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._wake.wait(), timeout=wall_seconds(self.clock, self.config.idle_poll)
                )

    async def _service(self, lane: Lane) -> None:
        await self._serve(lane)

    # --- until nothing is due: the same loop, ending where production would sleep ---------

    async def run_once(self) -> int:
        """Every lane side by side, each looking at the queue once (one claim) and settling
        what it took; the number of rows claimed."""
        return await self._serve_all(looks=1)

    async def drain(self, max_passes: int = 1000) -> int:
        """Delivers until nothing is due (tests, the CLI): every lane's loop, until it would
        sleep, looking at the queue at most ``max_passes`` times; the number of rows claimed
        (a row claimed again after a retry counts again)."""
        return await self._serve_all(looks=max_passes)

    async def _serve_all(self, looks: int) -> int:
        lanes = [self._lane(p) for p in list(self.senders)]
        return sum(await asyncio.gather(*(self._serve(lane, looks=looks) for lane in lanes)))

    # --- the lane loop -------------------------------------------------------------------

    async def _serve(self, lane: Lane, *, looks: int | None = None) -> int:
        """The lane's scheduler: keeps up to ``batch`` rows claimed (claiming more when half
        are gone, not when all are settled), starts each as soon as it may go, and sleeps
        until a send ends, a row's turn comes, something is queued, or it is time to look.

        ``looks`` (a drain): at most that many claims, and the loop ends instead of sleeping
        when nothing is in flight, the last look found nothing and the rows still held wait
        only for the clock; its errors are raised, where the service logs them and goes on."""
        draining = looks is not None
        total = 0
        beat = asyncio.create_task(self._heartbeat(lane))
        try:
            while not self._stopping:
                claimed = 0
                looked = False
                soonest: float | None = None
                paced = False
                quiet = not lane.running  # a look now sees every outcome recorded
                lane.changed.clear()
                try:
                    if looks is None or looks > 0:
                        claimed, looked = await self._refill(lane)
                        if looks is not None and looked:
                            looks -= 1
                    total += claimed
                    soonest, paced = await self._dispatch(lane)
                except asyncio.CancelledError:
                    raise
                except Exception as e:
                    if draining:
                        raise
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
                if draining and not lane.running and not claimed and not paced:
                    # Nothing in flight, nothing new, nothing the wall will free: production
                    # would sleep here. Done, once a look at the queue has found nothing
                    # that began with no send in flight (one still recording its outcome may
                    # have put a row back: a target that moved).
                    if (looked and quiet) or looks == 0 or lane.gated():
                        break
                    lane.claim_now = True
                    continue
                if not lane.held and not lane.running and not claimed:
                    lane.wake.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(
                            lane.wake.wait(), timeout=wall_seconds(self.clock, lane.idle_wait())
                        )
                    continue
                waits = [soonest] if soonest is not None else []
                if len(lane.held) - lane.waiting < self.config.low_water and looks != 0:
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
        return total

    async def _wind_down(self, lane: Lane) -> None:
        """The loop ends. Stopping: rows not started go back to pending (no attempt spent)
        and the sends in flight finish (``stop`` bounds the wait). A drain's end: the rows
        still held, each waiting for the clock, go back for the moment they may go.
        Cancelled (a dying process): the sends are cut off and nothing more is written, as
        a killed process would leave them."""
        held, lane.held = lane.held, []
        lane.waiting = 0
        tasks = [t for _, t in lane.running.values()]
        if not _cancelling():
            if self._stopping:
                if held:  # in one statement: stop() waits only so long
                    await self.sending.record(
                        held[0], self.outcomes.hand_back(held, "the worker stopped")
                    )
                if tasks:
                    await asyncio.wait(tasks)
                return
            if not tasks:
                for row in held:
                    after = lane.gate_wait(row.chat_id)
                    reason = "waiting for the chat's sending limit"
                    await self.sending.record(row, self.outcomes.release(row, reason, after=after))
                return
        for t in tasks:
            t.cancel()
        if tasks:
            await asyncio.wait(tasks)

    async def _refill(self, lane: Lane) -> tuple[int, bool]:
        """Claims more when fewer than half a batch are ready; a claim that found less than
        it asked for is not repeated before ``idle_poll`` unless something is queued. The
        rows claimed, and whether it looked at all."""
        # Rows waiting for their chat (its limit, a 429) do not count as work in hand: with
        # a buffer full of chats cooling down, the lane would idle while others have room.
        ready = len(lane.held) - lane.waiting
        if (
            self._stopping
            or lane.gated()
            or ready >= self.config.low_water
            or len(lane.held) >= 2 * self.config.batch
        ):
            return 0, False
        loop_now = asyncio.get_running_loop().time()
        if not lane.claim_now and loop_now < lane.next_claim:
            return 0, False
        lane.claim_now = False
        want = self.config.batch - ready
        try:
            rows = await self.claims.claim([lane.platform], want, exclude=lane.excluded())
        except Exception:
            # Not again before the poll (the database may be away); the sends go on.
            lane.next_claim = loop_now + wall_seconds(self.clock, self.config.idle_poll)
            raise
        lane.claimed(want, len(rows), loop_now)
        lane.held.extend(rows)
        return len(rows), True

    async def _dispatch(self, lane: Lane) -> tuple[float | None, bool]:
        """Starts what the lane's plan says may go now and hands back what must wait long.
        Wall seconds until the next held row may go (None: none waits on time), and whether
        one waits for the sender's limiter (the wall) rather than for the clock."""
        turn = lane.plan(self.sending.limiter(lane.platform))
        for row in turn.start:
            self._start(lane, row)
        for row, after in turn.back:
            reason = "waiting for the chat's sending limit"
            await self.sending.record(row, self.outcomes.release(row, reason, after=after))
        return turn.soonest, turn.paced

    def _start(self, lane: Lane, row: Claimed) -> None:
        task = asyncio.create_task(self.sending.settle(lane, row))
        lane.running[row.id] = (row, task)

        def done(_: asyncio.Task[None]) -> None:
            lane.running.pop(row.id, None)
            lane.changed.set()

        task.add_done_callback(done)

    async def _heartbeat(self, lane: Lane) -> None:
        """Renews the lease of every row the lane holds or sends, every third of the lease."""
        every = self.config.lease.total_seconds() / 3
        while True:
            await self._sleep(every)
            ids = [r.id for r in lane.held] + list(lane.running)
            if not ids:
                continue
            try:
                await self.claims.renew(ids)
            except Exception as e:  # the renewal before each send still guards the rows
                log.warning("delivery worker %s: lease renewal failed: %s", self.id, e)
