"""``/healthz``, ``/readyz`` and ``/metrics`` on a local port of their own, for an orchestrator's
probes and a Prometheus scraper.

- ``/healthz``: the process and its loop are alive (it answers at all). Restart when it fails.
- ``/readyz``: the database answers ``SELECT 1`` within two seconds and the delivery worker's
  loop is running. Take the instance out of rotation (don't restart it) when it fails; the
  body says which part failed.
- ``/metrics``: ``bot.app.metrics`` in Prometheus' text format.
- ``/calendar.ics``: the review cycle to subscribe to (``bot.reminders.feed``), with ETag and
  Last-Modified so a calendar app's conditional GET is answered 304. Public, read-only data;
  expose this one path through your HTTPS proxy at ``COALITION_PUBLIC_URL`` and nothing else.

The port is ``COALITION_HEALTH_PORT`` (default 9464) on ``COALITION_HEALTH_HOST`` (default
127.0.0.1: the figures are for the machine's own scraper, not the internet); ``off`` turns it
off. A port already taken (a second instance on one machine) costs the endpoints, with a
warning that names the setting, not the bot. The listener has the same limits as every other
(``bot.base.http``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import format_datetime
from typing import TYPE_CHECKING

from aiohttp import web
from sqlalchemy import text

from bot.app.metrics import Metrics
from bot.base.http import HttpLimits, Listener
from bot.reminders import feed

if TYPE_CHECKING:
    from bot.core.runtime import Runtime
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scheduler import ReminderScheduler

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 9464  # the port registered for Prometheus exporters of this kind
READY_TIMEOUT = 2.0  # seconds /readyz waits for the database
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


@dataclass(frozen=True, slots=True)
class HealthConfig:
    host: str = DEFAULT_HOST
    port: int | None = DEFAULT_PORT  # None: off

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> HealthConfig:
        from bot.base.settings import COALITION_HEALTH_HOST, COALITION_HEALTH_PORT

        return cls(host=COALITION_HEALTH_HOST.read(env), port=COALITION_HEALTH_PORT.read(env))


class HealthServer:
    """A ``Service``: started last, so ``/readyz`` turns ready once everything else runs."""

    name = "health"

    def __init__(
        self,
        runtime: Runtime,
        worker: DeliveryWorker,
        leads: Callable[[], bool],
        config: HealthConfig,
        limits: HttpLimits,
    ) -> None:
        core = runtime.core
        self.core = core
        self.worker = worker
        self.config = config
        self.metrics = Metrics(core.database, core.clock.now, leads, platforms=core.platforms)
        worker.observe(self.metrics.deliveries)
        core.answer_observers.append(self.metrics.answers)
        self.port: int | None = None
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics)
        self.calendar = feed.CalendarFeed(core)
        app.router.add_get(feed.PATH, self._calendar)
        self._listener = Listener(app, config.host, config.port or 0, name="health", limits=limits)

    async def start(self) -> None:
        if self.config.port is None:
            return
        try:
            self.port = await self._listener.start()
        except OSError as e:
            log.warning(
                "health: cannot listen on %s:%s (%s); /healthz, /readyz and /metrics are off "
                "(set COALITION_HEALTH_PORT to a free port, or off)",
                self.config.host,
                self.config.port,
                e.strerror or e,
            )
            return
        log.info("health: http://%s:%s/healthz, /readyz, /metrics", self.config.host, self.port)

    async def stop(self) -> None:
        await self._listener.stop()
        self.port = None

    async def _healthz(self, request: web.Request) -> web.StreamResponse:
        return web.json_response({"ok": True})

    async def _readyz(self, request: web.Request) -> web.StreamResponse:
        database = await self._database_state()
        worker = "running" if self.worker.running else "stopped"
        ready = database == "ok" and worker == "running"
        body = {"ready": ready, "database": database, "worker": worker}
        return web.json_response(body, status=200 if ready else 503)

    async def _database_state(self) -> str:
        try:
            async with asyncio.timeout(READY_TIMEOUT):
                db = await self.core.database()
                async with db.session() as s:
                    await s.exec(text("SELECT 1"))  # type: ignore[call-overload]
        except TimeoutError:
            return f"no answer within {READY_TIMEOUT:g} s"
        except Exception as e:
            return f"unreachable: {type(e).__name__}"
        return "ok"

    async def _metrics(self, request: web.Request) -> web.StreamResponse:
        body = await self.metrics.render()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    async def _calendar(self, request: web.Request) -> web.StreamResponse:
        try:
            current = await self.calendar.current()
        except Exception:
            log.exception("health: could not build %s", feed.PATH)
            return web.Response(status=503, text="the calendar is not available just now\n")
        etag = f'"{current.etag}"'
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(current.last_modified, usegmt=True),
            "Cache-Control": "public, max-age=3600",
        }
        if _not_modified(request, etag, current):
            return web.Response(status=304, headers=headers)
        headers["Content-Type"] = feed.CONTENT_TYPE
        return web.Response(body=current.body, headers=headers)


def _not_modified(request: web.Request, etag: str, current: feed.Feed) -> bool:
    """RFC 9110: If-None-Match decides when present; If-Modified-Since only without it."""
    if (wanted := request.headers.get("If-None-Match")) is not None:
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        return etag in tags or "*" in tags
    since = request.if_modified_since
    return since is not None and current.last_modified <= since


def add_health(
    runtime: Runtime, worker: DeliveryWorker, scheduler: ReminderScheduler
) -> HealthServer:
    env = runtime.core.settings.env

    def leads() -> bool:
        leadership = scheduler.leadership
        return leadership is not None and leadership.is_leader

    server = HealthServer(
        runtime, worker, leads, HealthConfig.from_env(env), HttpLimits.from_env(env)
    )
    runtime.add_service(server)
    return server
