"""Lanes: one platform's share of the worker, and the scheduling of its claimed rows.

A lane is a scheduler, not a batch: it keeps up to ``batch`` rows claimed and starts each as
soon as its chat may take a message, whatever its place in the queue; one at a time per chat,
in the order they were queued. Which chat has room is the sender's limiter's to say
(``bot.outbox.pacing``: each chat's and group's limit, and the platform's overall one,
shared with the adapter's answers, which go first). A chat without room is passed over, not
waited for in a sending slot; one that will not have room within ``hold`` seconds goes back
to pending, attempt unspent, for the moment it will. A 429 for one chat gates that chat; 429s
for several chats at once gate the platform.

Everything here is state and arithmetic on it, no I/O: the worker does the claiming,
sending and recording (``bot.outbox.worker``), so the scheduling rules can be read, and
changed, in one place.
"""

from __future__ import annotations

import asyncio
import collections
import heapq
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.base.clock import Clock, wall_seconds
from bot.outbox.config import WorkerConfig

if TYPE_CHECKING:
    from bot.outbox.claims import Claimed
    from bot.outbox.pacing import RateLimiter

log = logging.getLogger(__name__)

MAX_EXCLUDED = 1000  # chats a claim may name as not to be claimed
MAX_DUE_AGAIN = 10_000  # moments a lane keeps of rows it handed back (past it: the poll)


@dataclass(slots=True)
class Turn:
    """What one look at the held rows decided."""

    start: list[Claimed] = field(default_factory=list)  # to send now
    back: list[tuple[Claimed, float]] = field(default_factory=list)  # to pending, in clock s
    soonest: float | None = None  # wall seconds until the next held row may go
    paced: bool = False  # some held row waits for the limiter (the wall), not the clock


class Lane:
    """One platform's claimed rows, sends in flight and gates.

    ``held`` rows are claimed and not started; ``running`` are being sent. ``chat_gates``
    hold a chat back (a 429, or its sending limit); ``gate`` the whole platform."""

    def __init__(self, platform: str, config: WorkerConfig, clock: Clock) -> None:
        self.platform = platform
        self.config = config
        self.clock = clock
        self.concurrency = config.concurrency
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

    def gated(self) -> bool:
        return self.gate is not None and self.gate > self.clock.now()

    def gate_wait(self, chat_id: str) -> float:
        """Clock seconds before a message may go to ``chat_id`` after a Retry-After."""
        now = self.clock.now()
        gates = [g for g in (self.gate, self.chat_gates.get(chat_id)) if g is not None]
        return max([0.0, *((g - now).total_seconds() for g in gates)])

    def idle_wait(self) -> float:
        """The poll, or less when the lane's Retry-After gate opens sooner."""
        wait = self.config.idle_poll
        if self.gate is not None:
            wait = min(wait, (self.gate - self.clock.now()).total_seconds())
        return max(0.01, wait)

    def excluded(self) -> list[str]:
        """Chats not to claim for now: those held or sending (their next row follows when
        they are done) and those gated (a 429, or their sending limit)."""
        now = self.clock.now()
        for chat in [c for c, until in self.chat_gates.items() if until <= now]:
            del self.chat_gates[chat]
        chats = self.chats_busy() | set(self.chat_gates)
        return sorted(chats)[:MAX_EXCLUDED]

    def due_again_in(self, after: float) -> None:
        """A row handed back is due again in ``after`` clock seconds: the lane claims then,
        not at its next poll (a queue's last messages waited up to ``idle_poll`` for a retry
        due long before: bench.delivery's last second)."""
        due = asyncio.get_running_loop().time() + wall_seconds(self.clock, after)
        self.next_claim = min(self.next_claim, due)
        if len(self.due_again) < MAX_DUE_AGAIN:
            heapq.heappush(self.due_again, due)

    def claimed(self, wanted: int, got: int, loop_now: float) -> None:
        """After a claim: when the next one may look (a short claim says the queue has no
        more for now, so not before the poll, unless a row handed back is due sooner)."""
        while self.due_again and self.due_again[0] <= loop_now:
            heapq.heappop(self.due_again)  # due by now: this claim looked
        if got < wanted:
            self.next_claim = loop_now + wall_seconds(self.clock, self.config.idle_poll)
            if self.due_again:
                self.next_claim = min(self.next_claim, self.due_again[0])

    def rate_limited(self, chat_id: str, retry_after: float) -> None:
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
        self.refusals.append((now, chat_id))
        while self.refusals and self.refusals[0][0] < now - window:
            self.refusals.popleft()
        refused = {chat for _, chat in self.refusals}
        if len(refused) >= self.config.global_429:
            self.gate = until if self.gate is None else max(self.gate, until)
            log.warning(
                "%s: %d chats refused in a row: the whole platform waits %.1f s",
                self.platform,
                len(refused),
                retry_after,
            )
        self.hold(chat_id, until)

    def plan(self, limiter: RateLimiter | None) -> Turn:
        """Which held rows start now: oldest first, one at a time per chat, while the lane
        has a free slot. A row whose chat will not be free within ``hold`` goes back to
        pending, attempt unspent, for when it will (gated until then). Keeps the rest in
        ``held``."""
        now = self.clock.now()
        per_wall = 1.0 / max(1e-9, wall_seconds(self.clock, 1.0))  # clock seconds a wall second
        hold = wall_seconds(self.clock, self.config.hold)
        platform_wait = 0.0 if self.gate is None else (self.gate - now).total_seconds()
        busy = {r.chat_id for r, _ in self.running.values()}
        handed: dict[str, float] = {}  # chat -> wall seconds until it is free
        keep: list[Claimed] = []
        turn = Turn()
        running = len(self.running)
        waiting = 0  # rows kept because their chat (or the platform) has no room yet
        for row in self.held:
            chat = row.chat_id
            if chat in handed:
                turn.back.append((row, handed[chat] * per_wall))
                continue
            if chat in busy:
                keep.append(row)  # after the chat's row in front of it
                continue
            busy.add(chat)
            gate = self.chat_gates.get(chat)
            on_clock = max(platform_wait, 0.0 if gate is None else (gate - now).total_seconds())
            wait = wall_seconds(self.clock, on_clock) if on_clock > 0 else 0.0
            paced = False
            if wait <= 0:
                if running >= self.concurrency:
                    keep.append(row)
                    continue
                wait = limiter.chat_wait(chat) if limiter is not None else 0.0
                if wait <= 0:
                    turn.start.append(row)
                    running += 1
                    continue
                paced = True
            if wait > hold:
                handed[chat] = wait
                turn.back.append((row, wait * per_wall))
                continue
            keep.append(row)
            waiting += 1
            turn.paced = turn.paced or paced
            turn.soonest = wait if turn.soonest is None else min(turn.soonest, wait)
        self.held = keep
        self.waiting = waiting
        for row, after in turn.back:
            self.hold(row.chat_id, now + timedelta(seconds=after))
            self.due_again_in(after)
        return turn
