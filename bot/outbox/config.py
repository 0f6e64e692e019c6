"""The delivery worker's settings: what an admin may set, and the defaults the guarantees in
``bot.outbox.worker`` are measured at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class WorkerConfig:
    """Durations are in the clock's seconds (a ``ScaledClock`` makes them run faster)."""

    batch: int = 50  # rows a lane holds claimed (it claims more when half are gone)
    concurrency: int = 8  # sends in flight per lane
    per_chat: int = 5  # rows of one chat in one claim (each chat's oldest first)
    hold: float = 5.0  # a claimed row whose chat is not free within this goes back to pending
    global_429: int = 3  # 429s for this many chats within ``global_429_window``: platform-wide
    global_429_window: float = 1.0
    lease: timedelta = timedelta(minutes=2)
    # How long a send may take before its outcome counts as unknown (and it is tried again):
    # long, since a platform that hangs may still take the message (see the worker's notes).
    send_timeout: float = 600.0
    retry_window: timedelta = timedelta(hours=48)  # transient failures retried this long
    max_attempts: int | None = None  # an extra cap on attempts of any kind; None: no cap
    backoff_base: float = 5.0  # seconds before the second attempt; doubles each time
    backoff_cap: float = 300.0
    edit_wait: float = 5.0  # seconds an edit waits for its original to be sent
    idle_poll: float = 2.0  # seconds between looks at an empty outbox (wake() cuts it short)
    mark_retry: float = 1.0  # seconds between tries to record an outcome the database refused
    stop_wait: float = 45.0  # seconds stop() waits for the sends in flight
    stop_grace: float = 5.0  # seconds stop() keeps trying to record an outcome

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WorkerConfig:
        """The admin's settings (declared in ``bot.base.settings``); ``ConfigError`` if bad."""
        from bot.base.settings import OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_WINDOW_HOURS

        return cls(
            retry_window=timedelta(hours=OUTBOX_RETRY_WINDOW_HOURS.read(env)),
            max_attempts=OUTBOX_MAX_ATTEMPTS.read(env) or None,
        )

    @property
    def low_water(self) -> int:
        """Fewer rows ready than this, and a lane claims more."""
        return max(1, self.batch // 2)
