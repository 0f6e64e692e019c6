"""Sending one row: the claim renewed and the feature asked (still wanted?), the
platform's pace waited for, the request, and its outcome recorded, retried until the
database takes it. The worker's loop decides when a row goes (``bot.outbox.lanes``); this is
what happens once it does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import select

from bot.base.clock import Clock, wall_seconds
from bot.outbox.claims import Claimed, Claims
from bot.outbox.config import WorkerConfig
from bot.outbox.hooks import DeliveryHooks
from bot.outbox.lanes import Lane
from bot.outbox.notices import GaveUp
from bot.outbox.observe import Observers, Outcome
from bot.outbox.outcomes import Outcomes, Write
from bot.outbox.pacing import RateLimiter
from bot.outbox.queue import EDIT_OF, OUTBOX
from bot.outbox.sender import DELIVERING, Rejected, RetryLater, Sender, TargetGone, TargetMoved
from messages.model import Reply
from messages.serialize import from_json
from storage.models import OutboxMessage, OutboxStatus

if TYPE_CHECKING:
    from storage.db import Database

log = logging.getLogger(__name__)


def ids(row: OutboxMessage | Claimed) -> dict[str, object]:
    """A row's platform, chat and id, as fields of a JSON log line (``LOG_FORMAT=json``)."""
    return {"platform": row.platform, "chat_id": row.chat_id, "row_id": row.id}


class Sending:
    """One worker's sends. ``stopping`` says whether the worker is stopping (a row not yet
    sent then goes back, and an outcome the database refuses is given up on in time)."""

    def __init__(
        self,
        *,
        database: Callable[[], Awaitable[Database]],
        senders: Mapping[str, Sender],
        clock: Clock,
        config: WorkerConfig,
        hooks: DeliveryHooks,
        claims: Claims,
        outcomes: Outcomes,
        observers: Observers,
        stopping: Callable[[], bool],
    ) -> None:
        self.database = database
        self.senders = senders
        self.clock = clock
        self.config = config
        self.hooks = hooks
        self.claims = claims
        self.outcomes = outcomes
        self.observers = observers
        self.stopping = stopping

    def limiter(self, platform: str) -> RateLimiter | None:
        limiter = getattr(self.senders.get(platform), "limiter", None)
        return limiter if isinstance(limiter, RateLimiter) and limiter.limits else None

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(wall_seconds(self.clock, max(0.0, seconds)))

    async def settle(self, lane: Lane, row: Claimed) -> None:
        """Tries one row and records its outcome; never raises (but a cancellation)."""
        try:
            if self.stopping():
                await self.record(
                    row, self.outcomes.release(row, "handed back: the worker stopped")
                )
                return
            write = await self._deliver(lane, row)
            if write is not None:
                await self.record(row, write)
            if row.chat_id in lane.interrupted:
                await self._hand_back_behind(lane, row)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("outbox %s: unexpected failure", row.id, extra=ids(row))

    async def _hand_back_behind(self, lane: Lane, row: Claimed) -> None:
        """``row`` goes back to pending for a later try: the chat's rows held behind it go
        back too (attempt unspent), so none overtakes it. The claim then leaves them until
        ``row`` itself is claimed again. Runs while ``row`` still counts as sending, so the
        dispatcher starts none of them meanwhile."""
        lane.interrupted.discard(row.chat_id)
        behind = [r for r in lane.held if r.chat_id == row.chat_id]
        if behind:
            lane.held = [r for r in lane.held if r.chat_id != row.chat_id]
            write = self.outcomes.hand_back(behind, "behind a message to retry")
            await self.record(behind[0], write)

    async def record(self, row: Claimed, write: Write) -> None:
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
                    log.warning(
                        "outbox %s: claim lost before its outcome was recorded",
                        row.id,
                        extra=ids(row),
                    )
                return
            except asyncio.CancelledError:
                raise
            except Exception as e:
                log.warning(
                    "outbox %s: recording its outcome failed, retrying: %s",
                    row.id,
                    e,
                    extra=ids(row),
                )
                if self.stopping():
                    now = self.clock.now()
                    given_up_at = given_up_at or now
                    if (now - given_up_at).total_seconds() > self.config.stop_grace:
                        log.error(
                            "outbox %s: outcome not recorded; stopping anyway",
                            row.id,
                            extra=ids(row),
                        )
                        return
                await self._sleep(self.config.mark_retry)

    async def _deliver(self, lane: Lane, row: Claimed) -> Write | None:
        """Tries the row; what to record, or None when the row turned out not to be ours."""
        sender = self.senders.get(row.platform)
        if sender is None or getattr(sender, "closed", False):  # stopped since the claim
            return self.outcomes.release(row, "handed back: no sender")
        try:
            reply = from_json(row.payload)
        except Exception as e:
            return self.outcomes.dead(row, f"unreadable payload: {e}", GaveUp("unreadable"))
        edit_of = row.payload.get(EDIT_OF)
        if edit_of:
            return await self._deliver_edit(lane, row, sender, reply, str(edit_of))

        async def send() -> str | None:
            # Shaped at the send, after the pacer: time spent waiting for it counts.
            token = DELIVERING.set(row.dedupe_key)
            try:
                return await sender.send(row.chat_id, self._finished(row, reply))
            finally:
                DELIVERING.reset(token)

        return await self._attempt(lane, row, send)

    def _finished(self, row: Claimed, reply: Reply) -> Reply:
        return self.hooks.finish(row.queued(), reply, self.clock.now())

    async def _deliver_edit(
        self, lane: Lane, row: Claimed, sender: Sender, reply: Reply, key: str
    ) -> Write | None:
        db = await self.database()
        async with db.session() as s:
            original = (
                await s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
            ).first()
        # A held original (after a restore) may yet be released and sent: wait for it too.
        waiting = (OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.HELD)
        if original is not None and original.status in waiting:
            return self.outcomes.release(
                row,
                "waiting for the original message to be sent",
                after=self.config.edit_wait,
            )
        if (
            original is None
            or original.status != OutboxStatus.SENT
            or not original.platform_message_id
        ):
            state = "missing" if original is None else original.status
            return self.outcomes.skipped(row, f"original {state}: no edit")
        message_id = original.platform_message_id

        async def edit() -> str:
            token = DELIVERING.set(row.dedupe_key)
            try:
                await sender.edit(row.chat_id, message_id, self._finished(row, reply))
            finally:
                DELIVERING.reset(token)
            return message_id

        return await self._attempt(lane, row, edit)

    async def _renew(self, row: Claimed) -> str | None:
        """Just before a send: renews the claim and asks the row's feature whether it is still
        wanted, in one transaction. None to go ahead; otherwise why not (and the row is
        skipped when the feature said so)."""
        db = await self.database()
        ours = self.claims.ours([row.id])
        async with db.session() as s:
            result = await s.exec(
                update(OUTBOX).where(ours).values(claimed_until=self.claims.lease(db.dialect))
            )
            if not result.rowcount:  # type: ignore[attr-defined]
                await s.rollback()
                return "claim lost"
            reason = await self.hooks.check(s, row.queued())
            if reason is not None:
                await self.outcomes.skipped(row, reason)(s)
                log.info("outbox %s (%s) skipped: %s", row.id, row.purpose, reason, extra=ids(row))
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
        outcomes = self.outcomes
        wait = lane.gate_wait(row.chat_id)
        if wait > 0:  # a Retry-After for this chat or platform arrived meanwhile
            lane.interrupted.add(row.chat_id)
            return outcomes.release(row, "held back by the platform's rate limit", after=wait)
        if self.stopping():
            return outcomes.release(row, "handed back: the worker stopped")
        try:
            if await self._renew(row) is not None:
                return None  # not ours any more, or skipped in _renew's transaction
        except Exception as e:  # the database is away: don't send what we can't record
            log.warning("outbox %s: could not renew its claim: %s", row.id, e, extra=ids(row))
            return None
        limiter = self.limiter(row.platform)
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
            return outcomes.retry(lane, row, str(e), e.retry_after, e.why)
        except Rejected as e:
            self._observe(row, "rejected", started)
            return outcomes.dead(row, f"rejected: {e}", GaveUp(e.why))
        except TargetGone as e:
            self._observe(row, "gone", started)
            return outcomes.gone(row, str(e), e.why)
        except TargetMoved as e:
            self._observe(row, "moved", started)
            return outcomes.moved(row, e.new_chat_id, str(e))
        except TimeoutError:
            self._observe(row, "timeout", started)
            log.warning(
                "outbox %s: no answer from %s within %g s; the platform may have taken it, "
                "but it is tried again rather than lost",
                row.id,
                row.platform,
                self.config.send_timeout,
            )
            timeout = f"no answer within {self.config.send_timeout:g} s"
            return outcomes.retry(lane, row, timeout, None, "timeout")
        except Exception as e:
            self._observe(row, "error", started)
            log.exception("outbox %s: the %s sender failed", row.id, row.platform, extra=ids(row))
            return outcomes.retry(lane, row, f"{type(e).__name__}: {e}", None, "failed")
        lane.refusals.clear()  # the platform takes messages: earlier 429s were not for all
        self._observe(row, "sent", started)
        return outcomes.delivered(row, message_id)

    def _observe(self, row: Claimed, outcome: Outcome, started: float) -> None:
        self.observers.notify(row.platform, outcome, asyncio.get_running_loop().time() - started)
