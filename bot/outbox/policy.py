"""When to try a send again: the one place that decides it, for every caller.

Two kinds of caller retry *in place* (the outbox worker retries through the table instead):

* the rest of a long reply whose first message is already out (each sender's tail): going
  back to the outbox would post the first message twice, so the sender waits here;
* an answer to a person who is waiting (each adapter's answer path): waited out briefly, then
  dropped with a log line, since the person can ask again.

Neither tries again a request that may have been taken (``RetryLater.maybe_sent``: it went
out and no answer came): better one answer missing, which the person sees and asks again,
than one posted twice. The outbox decides that case for itself (it waits for the answer).

Each is a ``RetryPolicy``; ``retry`` runs a call under one. The platforms' own policies differ
only in their numbers, which are named below so that a reader sees all four side by side.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.outbox.sender import RetryLater

log = logging.getLogger(__name__)

T = TypeVar("T")


def linear(attempt: int) -> float:
    """Seconds before try ``attempt + 1`` when the platform named no wait: 1, 2, 3, ..."""
    return float(attempt)


def doubling(attempt: int) -> float:
    """Seconds before try ``attempt + 1`` when the platform named no wait: 2, 4, 8, ..."""
    return 2.0**attempt


@dataclass(frozen=True)
class RetryPolicy:
    """How often, and how long, a transient failure (``RetryLater``) is tried again in place.

    ``attempts`` counts every try, the first included. A wait the platform asks for (its
    Retry-After) that is longer than ``longest_wait`` either ends the retries
    (``cap_long_waits=False``: better to give up than to keep a person waiting) or is cut to
    ``longest_wait`` (``True``)."""

    attempts: int
    longest_wait: float
    fallback: Callable[[int], float] = linear
    cap_long_waits: bool = False

    def wait(self, attempt: int, problem: RetryLater) -> float | None:
        """Seconds to wait after failed try ``attempt`` (1-based), or None to give up."""
        if attempt >= self.attempts:
            return None
        wait = problem.retry_after if problem.retry_after is not None else self.fallback(attempt)
        if wait > self.longest_wait:
            return self.longest_wait if self.cap_long_waits else None
        return wait


# The rest of a reply whose first message is out: 4 tries, waits up to a minute.
TELEGRAM_TAIL = RetryPolicy(attempts=4, longest_wait=60.0, fallback=doubling, cap_long_waits=True)
SLACK_TAIL = RetryPolicy(attempts=4, longest_wait=60.0, fallback=linear)
# An answer to someone waiting: 3 tries, a Retry-After longer than this drops it.
TELEGRAM_ANSWER = RetryPolicy(attempts=3, longest_wait=30.0, fallback=linear)
SLACK_ANSWER = RetryPolicy(attempts=3, longest_wait=20.0, fallback=linear)


async def retry(
    make: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    before_retry: Callable[[], Awaitable[object]] | None = None,
) -> T:
    """Runs ``make`` until it succeeds, raises anything but ``RetryLater``, or ``policy``
    gives up (the last ``RetryLater`` is raised then). ``make`` raises delivery errors, so the
    caller translates its platform's errors first; ``before_retry`` runs before each new try
    (a rate limiter's slot)."""
    attempt = 1
    while True:
        try:
            return await make()
        except RetryLater as e:
            wait = None if e.maybe_sent else policy.wait(attempt, e)
            if wait is None:
                raise
            log.info("asked to wait %.1fs (%s); retrying", wait, e)
            await sleep(wait)
            if before_retry is not None:
                await before_retry()
            attempt += 1
