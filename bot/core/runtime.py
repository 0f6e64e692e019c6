"""One process: the core, the platforms' senders, and the background services, started and
stopped together in one asyncio loop (the console, ``coalition-bot run``, the tests)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

from bot.core.dispatch import Core
from bot.outbox.sender import Sender
from storage.errors import unavailable

log = logging.getLogger(__name__)

DATABASE_START_WAIT = 60.0  # seconds `run` waits for an unreachable database before giving up
FIRST_DELAY, MAX_DELAY = 0.5, 10.0  # the back-off between attempts: doubling, capped


class DatabaseUnreachable(Exception):
    """The database did not answer for the whole start wait; ``waited`` seconds, the last
    error as ``__cause__``."""

    def __init__(self, waited: float, reason: str) -> None:
        super().__init__(f"no answer for {waited:.0f} s ({reason})")
        self.waited = waited
        self.reason = reason


def unreachable(error: BaseException) -> bool:
    """True for errors that say the database server is not (yet) there (``storage.errors``:
    refused, reset or timed-out connections, a server starting up or shutting down). A wrong
    password, a missing database or a data folder that cannot be used are not worth waiting
    for."""
    from bot.base.database import DataFolderUnusable

    if isinstance(error, DataFolderUnusable):
        return False  # a setting to change: waiting cannot help
    return unavailable(error)


async def open_database(core: Core, wait: float = DATABASE_START_WAIT) -> None:
    """Opens (and migrates) the core's database, retrying with a doubling back-off while the
    server is unreachable, for at most ``wait`` seconds: a bot started with its database (a
    container restart, a boot race) waits for it instead of failing at once.
    ``DatabaseUnreachable`` after that; other errors at once. ``wait`` 0: no retry (the
    console and one-shot commands, which say what failed at once)."""
    if wait <= 0:
        await core.database()
        return
    began = time.monotonic()
    delay = FIRST_DELAY
    while True:
        try:
            await core.database()
            return
        except Exception as e:
            if not unreachable(e):
                raise
            waited = time.monotonic() - began
            if waited + delay > wait:
                raise DatabaseUnreachable(waited, _reason(e)) from e
            log.warning(
                "the database is not reachable (%s); trying again in %.1f s", _reason(e), delay
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY)


def _reason(error: BaseException) -> str:
    for e in (error.__cause__, error):
        if e is not None and (text := str(e).strip()):
            return text.splitlines()[0][:200]
    return type(error).__name__


class Service(Protocol):
    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None:
        """Stops taking new work and finishes what is in flight."""
        ...


class Runtime:
    def __init__(self, core: Core) -> None:
        self.core = core
        self.senders: dict[str, Sender] = {}
        self.services: list[Service] = []
        self._started: list[Service] = []
        self.database_wait = 0.0  # `run` sets DATABASE_START_WAIT; the console fails at once

    def add_sender(self, sender: Sender) -> None:
        self.senders[sender.platform] = sender

    def add_service(self, service: Service) -> None:
        self.services.append(service)

    async def start(self) -> None:
        await open_database(self.core, self.database_wait)
        for s in self.services:
            log.info("starting %s", s.name)
            await s.start()
            self._started.append(s)

    async def stop(self) -> None:
        while self._started:
            s = self._started.pop()
            try:
                await s.stop()
            except Exception:
                log.exception("stopping %s failed", s.name)
        await self.core.close()
