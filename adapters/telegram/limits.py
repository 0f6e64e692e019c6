"""Telegram's sending limits, kept by the shared limiter (``bot.outbox.pacing``).

Telegram asks bots for at most about 30 messages a second overall, about one a second in a
chat (a short burst is tolerated) and 20 a minute in a group (``telegram.constants.FloodLimit``
holds the figures). Answers keep to those figures (a three-part answer goes out at once).

The outbox's bulk messages keep to stricter ones, against a strict reading of the limits
(``adapters.telegram.testing.fake.FloodControl``, ``bench/delivery.py``): 29 in any second overall,
spread evenly (at 30 in bursts the old limiter drew 76 overall 429s in 2,000 messages); no
more than one in 1.25 s in a chat (at 1.05 s, 2 per-chat 429s in 1,000 messages: on this
loaded machine the time a request takes to reach the server varies by up to ~0.2 s, p99
56 ms); 20 in any 61 s in a group. Overall 429s remain under load, for the same reason (the
figures are in the README); each costs that message a retry a second later.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram.constants import FloodLimit

from bot.outbox import pacing
from bot.outbox.pacing import Limit, Window

__all__ = ["TELEGRAM_LIMITS", "Limit", "Limits", "RateLimiter", "Window", "is_group"]

_PER_SECOND = int(FloodLimit.MESSAGES_PER_SECOND)
_PER_MINUTE_IN_GROUP = int(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP)


def is_group(chat_id: str) -> bool:
    """Groups, supergroups and channels have negative ids in the Bot API."""
    return chat_id.startswith("-")


# Answers: Telegram's figures. One a second in a chat on average, so a three-part answer
# goes out at once.
_OVERALL = Limit(_PER_SECOND, 1.0)
_CHAT = Limit(3 * int(FloodLimit.MESSAGES_PER_SECOND_PER_CHAT), 3.0)
_GROUP = Limit(_PER_MINUTE_IN_GROUP, 60.0)
# The outbox: a margin under each, and no bursts.
_BULK_OVERALL = Limit(_PER_SECOND - 1, 1.0)
_BULK_CHAT = Limit(1, 1.25)
_BULK_GROUP = Limit(_PER_MINUTE_IN_GROUP, 61.0)


@dataclass(frozen=True)
class Limits(pacing.Limits):
    overall: Limit = _OVERALL
    chat: Limit = _CHAT
    group: Limit | None = _GROUP
    bulk_overall: Limit | None = _BULK_OVERALL
    bulk_chat: Limit | None = _BULK_CHAT
    bulk_group: Limit | None = _BULK_GROUP
    bulk_rate: float | None = 29.5

    def is_group(self, chat_id: str) -> bool:
        return is_group(chat_id)


TELEGRAM_LIMITS = Limits()


class RateLimiter(pacing.RateLimiter):
    """The shared limiter, with Telegram's limits unless told otherwise."""

    def __init__(
        self,
        limits: pacing.Limits | None = TELEGRAM_LIMITS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        super().__init__(limits, clock=clock, sleep=sleep)
