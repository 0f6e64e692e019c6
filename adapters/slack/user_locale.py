"""A Slack member's language, as their Slack is set (``users.info`` with ``include_locale``).

Asked only when the core needs it (a member who chose a language in the bot costs no call),
and kept per member for ``TTL``: a member's Slack language changes rarely, and a busy channel
must not cost a users.info per message (Tier 4: about 100 a minute). A failed call is
remembered for a minute, as "nothing known", so a Slack that refuses is not asked again at
every message; the member is then answered by the next rule (English).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.sender import call
from bot.outbox.sender import DeliveryError

log = logging.getLogger(__name__)

TTL = 3600.0  # seconds a member's locale is trusted
FAILED_TTL = 60.0  # seconds a failed look-up is not tried again
_MAX = 20_000


class UserLocales:
    def __init__(
        self,
        client: AsyncWebClient,
        *,
        ttl: float = TTL,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl = ttl
        self._now = monotonic
        self._cache: dict[str, tuple[float, str | None]] = {}

    async def of(self, user: str) -> str | None:
        """The member's Slack locale ("fr-FR"), or None when Slack says none or cannot."""
        hit = self._cache.get(user)
        if hit is not None and hit[0] > self._now():
            return hit[1]
        try:
            info = await call(lambda: self._client.users_info(user=user, include_locale=True))
            locale = (info.get("user") or {}).get("locale")
            found, ttl = (str(locale) if locale else None), self._ttl
        except DeliveryError as e:
            log.info("slack: users.info gave no locale for %s: %s", user, e)
            found, ttl = None, FAILED_TTL
        if len(self._cache) >= _MAX:
            self._cache.clear()
        self._cache[user] = (self._now() + ttl, found)
        return found
