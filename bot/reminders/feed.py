"""The review cycle as a calendar people subscribe to: ``/calendar.ics``, kept current.

Outlook, Google Calendar and Apple Calendar poll a subscribed address; a conditional GET
(``If-None-Match`` / ``If-Modified-Since``) is answered 304 while nothing changed, so polling
costs nothing. The ETag is a hash of the calendar's content made with a fixed DTSTAMP, so it is
the same on every instance and changes only when a review or a milestone does; Last-Modified is
when this process first saw that content (and is the events' DTSTAMP, as RFC 5545 asks of a
published calendar). Only public data is in it: the reviews and milestones anyone can list.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.reminders import cycle

if TYPE_CHECKING:
    from bot.core.context import Services

PATH = "/calendar.ics"
CONTENT_TYPE = "text/calendar; charset=utf-8"
_FIXED_STAMP = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Feed:
    body: bytes
    etag: str  # without quotes
    last_modified: datetime  # whole seconds, UTC


class CalendarFeed:
    """The current calendar, rebuilt on each request (a few milliseconds) and compared."""

    def __init__(self, core: Services) -> None:
        self.core = core
        self._seen: tuple[str, datetime] | None = None  # (etag, since)

    async def current(self) -> Feed:
        from bot.reminders import ics, store

        now = self.core.clock.now()
        milestones = await store.milestones(await self.core.database(), now)
        c = cycle.load()
        etag = hashlib.sha256(ics.build(c, milestones, _FIXED_STAMP)).hexdigest()[:32]
        if self._seen is None or self._seen[0] != etag:
            self._seen = (etag, now.astimezone(UTC).replace(microsecond=0))
        since = self._seen[1]
        return Feed(ics.build(c, milestones, since), etag, since)


def subscribe_urls(public_url: str) -> tuple[str, str]:
    """The feed's https address and its webcal:// twin, which opens the calendar app."""
    https = public_url.rstrip("/") + PATH
    return https, "webcal://" + https.split("://", 1)[1]
