"""The delivery worker: drains the outbox through each platform's ``Sender``.

What the bot guarantees
-----------------------
*At least once, deduplicated where it is queued.* A proactive message exists only as an
outbox row, written in the transaction of the data it belongs to, with a unique
``dedupe_key`` (purpose, target, occurrence): the same reminder is never queued twice, however
often a scan runs and however many instances run it.

*Claiming.* A worker claims a batch of rows whose platform it has a sender for: ``pending``
rows that are due, and ``sending`` rows whose lease (``claimed_until``) has expired because
the process that claimed them died. On PostgreSQL the candidates are locked with
``SELECT ... FOR UPDATE SKIP LOCKED`` and flipped to ``sending`` in the same statement, so two
workers never claim the same row; on SQLite one ``UPDATE ... RETURNING`` does the same (SQLite
has one writer at a time).

*Outcomes.* Sent: ``sent`` with the platform's message id. ``RetryLater``: back to
``pending`` after an exponential back-off with jitter, or after the platform's Retry-After
(which also holds back every other message to that platform in this process); after the last
attempt (default 8) ``dead``, visible in ``coalition-bot outbox list`` and revived with
``outbox retry``. ``Rejected``: ``dead`` at once. ``TargetGone``: ``dead``, and the features'
hooks told in the same transaction (reminders pause the chat's subscriptions and tell the
admins; see ``bot.outbox.hooks``). ``TargetMoved``: the target's pending rows follow it to the
new chat id, the hooks move what features keep about the chat, and the message is retried at
once.

*A process killed mid-delivery.* Neither Telegram nor Slack takes an idempotency key, so the
one case that cannot be made exactly-once is a process killed after the platform accepted a
message and before its row was marked ``sent``. That row is still ``sending``; when its lease
expires (default 2 minutes) a worker claims it again and sends it once more. So a kill repeats
at most the messages that were in flight at that moment (at most ``concurrency`` of them), each
once, and loses nothing: a row leaves ``pending``/``sending`` only as ``sent``, ``dead`` or
``skipped``. A send is cut off after ``send_timeout`` (well inside the lease), so a live worker
never has its rows taken over while it is still sending them.

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
import contextlib
import logging
import os
import random
import secrets
import socket
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, update
from sqlmodel import select

from bot.clock import Clock
from bot.outbox.hooks import (
    DeliveryHooks,
    GoneHook,
    MovedHook,
    TargetGoneEvent,
    TargetMovedEvent,
)
from bot.outbox.observe import DeliveryObserver, Observers, Outcome
from bot.outbox.sender import Rejected, RetryLater, Sender, TargetGone, TargetMoved
from messages.model import Footer, Reply
from messages.serialize import from_json
from storage.models import OutboxMessage

if TYPE_CHECKING:
    from bot.core.runtime import Runtime
    from storage.db import Database

log = logging.getLogger(__name__)

OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class WorkerConfig:
    batch: int = 50
    concurrency: int = 8
    lease: timedelta = timedelta(minutes=2)
    send_timeout: float = 45.0  # seconds; well inside the lease
    max_attempts: int = 8
    backoff_base: float = 5.0  # seconds before the second attempt; doubles each time
    backoff_cap: float = 3600.0
    edit_wait: float = 5.0  # seconds an edit waits for its original to be sent
    idle_poll: float = 2.0  # seconds between looks at an empty outbox (wake() cuts it short)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WorkerConfig:
        from bot.app.config import OUTBOX_MAX_ATTEMPTS

        return cls(max_attempts=OUTBOX_MAX_ATTEMPTS.read(env))


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    dedupe_key: str
    purpose: str
    platform: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int  # including this one


class _Pacer:
    """Spaces sends to a platform that declares ``max_per_second`` on its sender."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(self._next, now)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


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
    ) -> None:
        self._db_source = db
        self._db: Database | None = None
        self.senders = senders  # live: a sender registered later is picked up
        self.clock = clock
        self.hooks = hooks or DeliveryHooks()
        self.config = config or WorkerConfig()
        self.id = worker_id or _worker_id()
        self._rng = rng or random.Random()
        self._gates: dict[str, float] = {}  # platform -> loop time before which not to send
        self._pacers: dict[str, _Pacer] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
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
        )

    async def database(self) -> Database:
        if self._db is None:
            source = self._db_source
            self._db = source if not callable(source) else await source()
        return self._db

    def on_target_gone(self, hook: GoneHook) -> None:
        """``hook`` runs, in the worker's transaction, when a platform says a chat is gone."""
        self.hooks.on_target_gone(hook)

    def on_target_moved(self, hook: MovedHook) -> None:
        """``hook`` runs, in the worker's transaction, when a chat has a new id."""
        self.hooks.on_target_moved(hook)

    # --- the service ---------------------------------------------------------------------

    async def start(self) -> None:
        await self.database()
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name=f"delivery-{self.id}")

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, timeout=self.config.send_timeout + 5)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
            self._task = None

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

    async def _run(self) -> None:
        while not self._stopping:
            try:
                done = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery worker %s: a pass failed", self.id)
                done = 0
            if done == 0 and not self._stopping:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._idle_wait())

    def _idle_wait(self) -> float:
        """The poll, or less when a Retry-After gate opens sooner."""
        loop = asyncio.get_running_loop()
        gates = [g - loop.time() for g in self._gates.values() if g > loop.time()]
        return max(0.01, min([self.config.idle_poll, *gates]))

    # --- one pass ------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Claims one batch and delivers it; the number of rows handled."""
        loop = asyncio.get_running_loop()
        platforms = [p for p in self.senders if self._gates.get(p, 0.0) <= loop.time()]
        if not platforms:
            return 0
        rows = await self.claim(platforms)
        if not rows:
            return 0
        limit = asyncio.Semaphore(self.config.concurrency)

        async def one(row: Claimed) -> None:
            async with limit:
                await self._deliver(row)

        await asyncio.gather(*(one(r) for r in rows))
        return len(rows)

    async def drain(self, max_passes: int = 1000) -> int:
        """Delivers until nothing is due (tests, the CLI); the number of rows handled."""
        total = 0
        for _ in range(max_passes):
            done = await self.run_once()
            if done == 0:
                break
            total += done
        return total

    async def claim(self, platforms: list[str]) -> list[Claimed]:
        db = await self.database()
        now = self.clock.now()
        due = or_(
            and_(OUTBOX.c.status == "pending", OUTBOX.c.next_attempt_at <= now),
            and_(OUTBOX.c.status == "sending", OUTBOX.c.claimed_until < now),
        )
        candidates = (
            select(OUTBOX.c.id)
            .where(OUTBOX.c.platform.in_(platforms), due)
            .order_by(OUTBOX.c.next_attempt_at, OUTBOX.c.id)
            .limit(self.config.batch)
        )
        if db.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        picked = candidates.cte("picked")
        stmt = (
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(select(picked.c.id)))
            .values(
                status="sending",
                claimed_by=self.id,
                claimed_until=now + self.config.lease,
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
            )
        )
        async with db.session() as s:
            result = await s.exec(stmt)
            rows = [Claimed(*r) for r in result.all()]
            await s.commit()
        rows.sort(key=lambda r: r.id)
        return rows

    async def _finish(self, row: Claimed, **values: Any) -> bool:
        """Records an outcome, only while the claim is still ours."""
        db = await self.database()
        values.setdefault("claimed_until", None)
        async with db.session() as s:
            result = await s.exec(
                update(OUTBOX)
                .where(OUTBOX.c.id == row.id, OUTBOX.c.claimed_by == self.id)
                .values(**values)
            )
            await s.commit()
        if not result.rowcount:  # type: ignore[attr-defined]
            log.warning("outbox %s: claim lost before it was marked %s", row.id, values)
            return False
        return True

    async def _deliver(self, row: Claimed) -> None:
        sender = self.senders.get(row.platform)
        if sender is None:  # unregistered since the claim: hand it back
            await self._finish(row, status="pending", attempts=row.attempts - 1)
            return
        try:
            reply = from_json(row.payload)
        except Exception as e:
            await self._dead(row, f"unreadable payload: {e}")
            return
        edit_of = row.payload.get("edit_of")
        if edit_of:
            await self._deliver_edit(row, sender, reply, str(edit_of))
            return
        await self._attempt(row, lambda: sender.send(row.chat_id, self._late(row, reply)))

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

    async def _deliver_edit(self, row: Claimed, sender: Sender, reply: Reply, key: str) -> None:
        db = await self.database()
        async with db.session() as s:
            original = (
                await s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
            ).first()
        if original is not None and original.status in {"pending", "sending"}:
            await self._finish(
                row,
                status="pending",
                attempts=row.attempts - 1,
                next_attempt_at=self.clock.now() + timedelta(seconds=self.config.edit_wait),
                last_error="waiting for the original message to be sent",
            )
            return
        if original is None or original.status != "sent" or not original.platform_message_id:
            state = "missing" if original is None else original.status
            await self._finish(row, status="skipped", last_error=f"original {state}: no edit")
            return
        message_id = original.platform_message_id

        async def edit() -> str:
            await sender.edit(row.chat_id, message_id, reply)
            return message_id

        await self._attempt(row, edit)

    async def _attempt(self, row: Claimed, call: Callable[[], Awaitable[str | None]]) -> None:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(row.platform, 0.0)
        if gate > loop.time():  # a Retry-After from this platform arrived meanwhile
            await self._finish(
                row,
                status="pending",
                attempts=row.attempts - 1,
                next_attempt_at=self.clock.now() + timedelta(seconds=gate - loop.time()),
            )
            return
        rate = getattr(self.senders.get(row.platform), "max_per_second", None)
        if rate:
            pacer = self._pacers.get(row.platform)
            if pacer is None:
                pacer = self._pacers[row.platform] = _Pacer(float(rate))
            await pacer.wait()
        started = loop.time()
        try:
            # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a cancellation that
            # arrives as the send completes, and a stopping worker must stop.
            async with asyncio.timeout(self.config.send_timeout):
                message_id = await call()
        except RetryLater as e:
            self._observe(row, "retry", started)
            await self._retry(row, str(e), e.retry_after)
        except Rejected as e:
            self._observe(row, "rejected", started)
            await self._dead(row, f"rejected: {e}")
        except TargetGone as e:
            self._observe(row, "gone", started)
            await self._gone(row, str(e))
        except TargetMoved as e:
            self._observe(row, "moved", started)
            await self._moved(row, e.new_chat_id, str(e))
        except TimeoutError:
            self._observe(row, "timeout", started)
            await self._retry(row, f"no answer within {self.config.send_timeout:g} s", None)
        except Exception as e:
            self._observe(row, "error", started)
            log.exception("outbox %s: the %s sender failed", row.id, row.platform)
            await self._retry(row, f"{type(e).__name__}: {e}", None)
        else:
            self.sent += 1
            self._observe(row, "sent", started)
            await self._finish(
                row,
                status="sent",
                sent_at=self.clock.now(),
                platform_message_id=None if message_id is None else str(message_id)[:64],
                last_error=None,
            )

    def _observe(self, row: Claimed, outcome: Outcome, started: float) -> None:
        self.observers.notify(row.platform, outcome, asyncio.get_running_loop().time() - started)

    def backoff(self, attempts: int, retry_after: float | None) -> float:
        """Seconds to wait: the platform's Retry-After when it gave one, else exponential with
        jitter (half to all of base x 2^(attempts-1), capped), so many failed rows don't all
        come back in the same second."""
        if retry_after is not None and retry_after >= 0:
            return retry_after * (1 + 0.1 * self._rng.random())
        delay = min(self.config.backoff_cap, self.config.backoff_base * 2 ** (attempts - 1))
        return delay * (0.5 + 0.5 * self._rng.random())

    async def _retry(self, row: Claimed, reason: str, retry_after: float | None) -> None:
        self.failed += 1
        if retry_after is not None and retry_after > 0:
            loop = asyncio.get_running_loop()
            self._gates[row.platform] = max(
                self._gates.get(row.platform, 0.0), loop.time() + retry_after
            )
        if row.attempts >= self.config.max_attempts:
            await self._dead(row, f"gave up after {row.attempts} attempts: {reason}")
            return
        delay = self.backoff(row.attempts, retry_after)
        await self._finish(
            row,
            status="pending",
            next_attempt_at=self.clock.now() + timedelta(seconds=delay),
            last_error=reason[:1000],
        )

    async def _dead(self, row: Claimed, reason: str) -> None:
        self.failed += 1
        log.warning("outbox %s (%s to %s) is dead: %s", row.id, row.purpose, row.chat_id, reason)
        await self._finish(row, status="dead", last_error=reason[:1000])

    async def _gone(self, row: Claimed, reason: str) -> None:
        self.failed += 1
        db = await self.database()
        event = TargetGoneEvent(row.platform, row.chat_id, row.purpose, reason, self.clock.now())
        async with db.session() as s:
            result = await s.exec(
                update(OUTBOX)
                .where(OUTBOX.c.id == row.id, OUTBOX.c.claimed_by == self.id)
                .values(status="dead", claimed_until=None, last_error=f"gone: {reason}"[:1000])
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                await s.rollback()
                return
            await self.hooks.target_gone(s, event)
            await s.commit()
        log.warning("outbox %s: %s chat %s is gone (%s)", row.id, row.platform, row.chat_id, reason)
        self.wake()

    async def _moved(self, row: Claimed, new_chat_id: str, reason: str) -> None:
        db = await self.database()
        now = self.clock.now()
        old = row.chat_id
        async with db.session() as s:
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
            await s.exec(
                update(OUTBOX)
                .where(OUTBOX.c.id == row.id, OUTBOX.c.claimed_by == self.id)
                .values(
                    status="pending",
                    chat_id=new_chat_id,
                    next_attempt_at=now,
                    claimed_until=None,
                    last_error=f"moved from {old}: {reason}"[:1000],
                )
            )
            await s.commit()
        log.info("%s chat %s moved to %s", row.platform, old, new_chat_id)
        self.wake()
