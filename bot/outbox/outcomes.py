"""Outcomes: what each attempt's result writes to its row, as a ``Write`` the worker records.

Sent: ``sent`` with the platform's message id; ``sent`` is recorded even if the claim has
meanwhile been lost, since it is the truth. ``RetryLater`` with the platform's own wait (429,
Retry-After): back to ``pending`` after that wait, and that chat waits for it (the lane
decides whether the whole platform does); a rate limit never spends the retry budget. Any
other ``RetryLater`` (5xx, network, no answer within ``send_timeout``): back to ``pending``
after an exponential back-off with jitter, capped at ``backoff_cap``, for as long as the row
is younger than ``retry_window``; after that, ``dead``. ``Rejected``: ``dead`` at once.
``TargetGone``: ``dead``, and the features' hooks told in the same transaction.
``TargetMoved``: the target's pending rows follow it to the new chat id, the hooks move what
features keep about the chat, and the message is retried at once. A dead letter is told to
the admins once (``bot.outbox.notices``).

Every write changes only rows this worker still holds (``Claims.ours``) and says whether it
did, so an outcome never lands on a row another instance took over; the worker records it
(``DeliveryWorker._record``), retrying while the database refuses.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.base.clock import Clock
from bot.outbox.claims import Claimed, Claims
from bot.outbox.config import WorkerConfig
from bot.outbox.hooks import DeliveryHooks, TargetGoneEvent, TargetMovedEvent
from bot.outbox.lanes import Lane
from bot.outbox.notices import GaveUp, tell_admins_dead
from bot.outbox.queue import OUTBOX
from storage.models import OutboxStatus

log = logging.getLogger(__name__)

# What a row's outcome writes, in one transaction; False when the row is no longer ours.
Write = Callable[[AsyncSession], Awaitable[bool]]


class Outcomes:
    def __init__(
        self,
        claims: Claims,
        clock: Clock,
        config: WorkerConfig,
        hooks: DeliveryHooks,
        *,
        rng: random.Random,
        admins: frozenset[str],
        senders: Mapping[str, object],
        wake: Callable[[], None],
    ) -> None:
        self.claims = claims
        self.clock = clock
        self.config = config
        self.hooks = hooks
        self.rng = rng
        self.admins = admins
        self.senders = senders  # live: which platforms an admin notice can go to
        self.wake = wake
        self.sent = 0  # counters, for logs and the bench
        self.failed = 0

    def update(self, row: Claimed, **values: Any) -> Write:
        values.setdefault("claimed_until", None)

        async def write(s: AsyncSession) -> bool:
            result = await s.exec(update(OUTBOX).where(self.claims.ours([row.id])).values(**values))
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return write

    def delivered(self, row: Claimed, message_id: str | None) -> Write:
        self.sent += 1
        values = {
            "status": OutboxStatus.SENT,
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
                .where(OUTBOX.c.id == row.id, OUTBOX.c.status != OutboxStatus.SENT)
                .values(**values)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return write

    def skipped(self, row: Claimed, reason: str) -> Write:
        return self.update(row, status=OutboxStatus.SKIPPED, last_error=reason[:1000])

    def release(self, row: Claimed, reason: str, *, after: float = 0.0) -> Write:
        """Back to pending without spending the attempt."""
        return self.update(
            row,
            status=OutboxStatus.PENDING,
            attempts=row.attempts - 1,
            next_attempt_at=self.clock.now() + timedelta(seconds=max(0.0, after)),
            last_error=reason[:1000],
        )

    def hand_back(self, rows: list[Claimed], reason: str) -> Write:
        """``release`` for many rows at once, due now."""
        ids = [r.id for r in rows]
        values = {
            "status": OutboxStatus.PENDING,
            "attempts": OUTBOX.c.attempts - 1,
            "next_attempt_at": self.clock.now(),
            "last_error": f"handed back: {reason}"[:1000],
            "claimed_until": None,
        }

        async def write(s: AsyncSession) -> bool:
            await s.exec(update(OUTBOX).where(self.claims.ours(ids)).values(**values))
            return True

        return write

    def backoff(self, attempts: int, retry_after: float | None) -> float:
        """Seconds to wait: the platform's Retry-After when it gave one, else exponential with
        jitter (half to all of base x 2^(attempts-1), capped), so many failed rows don't all
        come back in the same second."""
        if retry_after is not None and retry_after >= 0:
            return retry_after * (1 + 0.1 * self.rng.random())
        exponent = min(attempts - 1, 30)
        delay = min(self.config.backoff_cap, self.config.backoff_base * 2**exponent)
        return delay * (0.5 + 0.5 * self.rng.random())

    def retry(
        self, lane: Lane, row: Claimed, reason: str, retry_after: float | None, why: str
    ) -> Write:
        """Another attempt later, or dead at the end of the attempts or the window; ``why``
        is the failure's code (``bot.outbox.sender.WHY``), for the admins' notice."""
        self.failed += 1
        now = self.clock.now()
        cap = self.config.max_attempts
        if cap is not None and row.attempts >= cap:
            reason = f"gave up after {row.attempts} attempts: {reason}"
            return self.dead(row, reason, GaveUp(why, attempts=row.attempts))
        if retry_after is not None and retry_after >= 0:
            # The platform said when: hold the chat (or the lane), spend none of the window.
            lane.rate_limited(row.chat_id, retry_after)
        elif now - row.created_at >= self.config.retry_window:
            hours = self.config.retry_window.total_seconds() / 3600
            reason = f"still failing after {hours:g} hours: {reason}"
            return self.dead(row, reason, GaveUp(why, window=self.config.retry_window))
        delay = self.backoff(row.attempts, retry_after)
        lane.due_again_in(delay)
        lane.interrupted.add(row.chat_id)
        # The chat's next rows wait for this one: not claimed (nor read) meanwhile.
        lane.hold(row.chat_id, now + timedelta(seconds=delay))
        return self.update(
            row,
            status=OutboxStatus.PENDING,
            next_attempt_at=now + timedelta(seconds=delay),
            last_error=reason[:1000],
        )

    def dead(self, row: Claimed, reason: str, gave_up: GaveUp) -> Write:
        """Dead, and the admins told; ``reason`` (English) is the operator's, ``gave_up``
        what the admins are told, in their own language."""
        self.failed += 1
        now = self.clock.now()
        mark = self.update(row, status=OutboxStatus.DEAD, last_error=reason[:1000])
        platforms = set(self.senders)

        async def write(s: AsyncSession) -> bool:
            if not await mark(s):
                return False
            log.warning(
                "outbox %s (%s to %s) is dead: %s", row.id, row.purpose, row.chat_id, reason
            )
            await tell_admins_dead(
                s, row, gave_up, admins=self.admins, platforms=platforms, now=now
            )
            return True

        return write

    def gone(self, row: Claimed, reason: str, why: str = "gone") -> Write:
        self.failed += 1
        now = self.clock.now()
        event = TargetGoneEvent(row.platform, row.chat_id, row.purpose, reason, now, why)
        mark = self.update(row, status=OutboxStatus.DEAD, last_error=f"gone: {reason}"[:1000])

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

    def moved(self, row: Claimed, new_chat_id: str, reason: str) -> Write:
        now = self.clock.now()
        old = row.chat_id
        mark = self.update(
            row,
            status=OutboxStatus.PENDING,
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
                    OUTBOX.c.status == OutboxStatus.PENDING,
                )
                .values(chat_id=new_chat_id)
            )
            log.info("%s chat %s moved to %s", row.platform, old, new_chat_id)
            self.wake()
            return True

        return write
