"""One process: the core, the platforms' senders, and the background services, started and
stopped together in one asyncio loop (the console, ``coalition-bot run``, the tests)."""

from __future__ import annotations

import logging
from typing import Protocol

from bot.core.dispatch import Core
from bot.outbox.sender import Sender

log = logging.getLogger(__name__)


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

    def add_sender(self, sender: Sender) -> None:
        self.senders[sender.platform] = sender

    def add_service(self, service: Service) -> None:
        self.services.append(service)

    async def start(self) -> None:
        await self.core.database()
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
