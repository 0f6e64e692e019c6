"""Remembering which events were already handled, so Slack's retries (same ``event_id``, an
``X-Slack-Retry-Num`` header) are answered once.

Slack retries an event after three seconds without an acknowledgement, then after one and five
minutes; an hour of memory covers all three. It is per process: with several instances behind
one URL, put sticky routing in front or accept a rare double answer after a crash.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from bot.clock import Clock

KEEP = timedelta(hours=1)
MOST = 20_000


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
