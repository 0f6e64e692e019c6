"""The process's HTTP listeners (Slack's events endpoint, Telegram's webhook, the health and
metrics port), hardened the same way, because each faces whoever can reach its port.

Reproduced on this machine before this module existed: 1,100 idle connections under
``ulimit -n 1024`` used up the process's file descriptors, after which every accept failed
and logged a traceback, 112 MB of log in 35 s, and nothing else (database, platform clients)
could open a socket either. So:

- ``raise_open_file_limit`` lifts the soft ``RLIMIT_NOFILE`` to the hard limit at start (the
  soft default of 1024 is a relic; the hard limit is what the administrator allows);
- every listener holds at most ``max_connections`` connections (``COALITION_HTTP_MAX_CONNECTIONS``,
  and never more than a quarter of the open-file limit), so descriptors stay free for the rest
  of the process; at the cap a new connection closes the oldest one that has not sent a byte
  yet (so a flood of idle connections churns through itself while real requests get in), and
  when every held connection is busy the newcomer gets a short 503;
- a connection that sends nothing for ``idle_timeout`` seconds (``COALITION_HTTP_IDLE_TIMEOUT``)
  is closed (aiohttp's keep-alive timer, which since 3.14 also runs before the first request);
- the loop's "accept() out of system resource" errors, and the refusals above, are logged
  once and then summed up at most once a minute (``Throttled``), never a line per event.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import resource
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.web_server import Server

from bot.base.logs import Throttled

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 256  # per listener: Slack and Telegram never need a tenth of it
IDLE_TIMEOUT = 15.0  # seconds a connection may stay silent
MAX_BODY = 1024 * 1024  # bytes; Telegram updates and Slack payloads are a few kilobytes
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
_OUT_OF_RESOURCES = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})


@dataclass(frozen=True, slots=True)
class HttpLimits:
    max_connections: int = MAX_CONNECTIONS
    idle_timeout: float = IDLE_TIMEOUT
    max_body: int = MAX_BODY

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> HttpLimits:
        from bot.base.settings import COALITION_HTTP_IDLE_TIMEOUT, COALITION_HTTP_MAX_CONNECTIONS

        return cls(
            max_connections=COALITION_HTTP_MAX_CONNECTIONS.read(env),
            idle_timeout=COALITION_HTTP_IDLE_TIMEOUT.read(env),
        )

    def connection_cap(self) -> int:
        """``max_connections``, but at most a quarter of the open-file limit (at least 8)."""
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft == resource.RLIM_INFINITY:
            return self.max_connections
        return max(8, min(self.max_connections, soft // 4))


def raise_open_file_limit() -> tuple[int, int]:
    """Lifts the soft open-file limit to the hard one; (before, after)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft == resource.RLIM_INFINITY or soft >= target:
        return soft, soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError) as e:
        log.warning("could not raise the open-file limit from %d to %d: %s", soft, target, e)
        return soft, soft
    log.info("open-file limit raised from %d to %d", soft, target)
    return soft, target


def quiet_accept_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Routes the loop's "out of system resource" accept errors through ``Throttled``; every
    other error goes to the handler that was there before."""
    previous = loop.get_exception_handler()
    throttled = Throttled(log, logging.ERROR)

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, OSError) and error.errno in _OUT_OF_RESOURCES:
            throttled(
                "cannot accept connections: %s (open-file limit %d)",
                error.strerror or error,
                resource.getrlimit(resource.RLIMIT_NOFILE)[0],
            )
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handler)


class _Busy(asyncio.Protocol):
    """What a connection over the cap gets: a 503 and a closed socket, nothing read."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(_BUSY)
        transport.close()


class _Counted(asyncio.Protocol):
    """aiohttp's protocol for one connection, counted from the moment it is accepted (the
    server's own list starts a loop turn later, too late for a burst of accepts) until it is
    lost, and listed as *silent* until its first byte arrives. Every call goes through."""

    def __init__(self, inner: asyncio.Protocol, listener: Listener) -> None:
        self._inner = inner
        self._listener = listener
        self.transport: asyncio.BaseTransport | None = None
        listener.open += 1
        listener.silent[self] = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self._inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self._listener.silent.pop(self, None)
        self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received()

    def pause_writing(self) -> None:
        self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        self._listener.open -= 1
        self._listener.silent.pop(self, None)
        self._inner.connection_lost(exc)

    def evict(self) -> None:
        """Closes a connection that never sent a byte, to make room for a new one."""
        self._listener.silent.pop(self, None)
        if self.transport is not None:
            self.transport.close()


class Listener:
    """An aiohttp application on ``host:port`` with the limits above. ``port`` 0 picks a free
    port; ``bound_port`` says which after ``start``."""

    def __init__(
        self, app: web.Application, host: str, port: int, *, name: str, limits: HttpLimits
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.name = name
        self.limits = limits
        self.bound_port: int | None = None
        self.refused = 0  # connections turned away at the cap
        self.open = 0  # connections held now
        self.evicted = 0  # silent connections closed to make room
        # Connections that have not sent a byte yet, oldest first (a dict keeps the order).
        self.silent: dict[_Counted, None] = {}
        self.cap = limits.max_connections  # settled at start, against the open-file limit
        self._runner: web.AppRunner | None = None
        self._server: asyncio.AbstractServer | None = None
        self._over_cap = Throttled(log, logging.WARNING)

    async def start(self) -> int:
        runner = web.AppRunner(
            self.app,
            access_log=None,
            handle_signals=False,
            keepalive_timeout=self.limits.idle_timeout,
            shutdown_timeout=5.0,
        )
        await runner.setup()
        self.cap = self.limits.connection_cap()
        server = runner.server
        assert server is not None
        try:
            self._server = await asyncio.get_running_loop().create_server(
                lambda: self._protocol(server), self.host, self.port, backlog=128
            )
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.bound_port = int(self._server.sockets[0].getsockname()[1])
        return self.bound_port

    def _protocol(self, server: Server) -> asyncio.BaseProtocol:
        """At the cap, the oldest connection that has not sent a byte makes room (an idle
        flood then only churns through itself, and a real request still gets in); with none
        silent, the newcomer gets a 503."""
        if self.open >= self.cap and self.silent:
            self.evicted += 1
            self._over_cap(
                "%s: %d connections open, the most allowed; closing the oldest silent ones",
                self.name,
                self.cap,
            )
            next(iter(self.silent)).evict()
        elif self.open >= self.cap:
            self.refused += 1
            self._over_cap(
                "%s: %d connections open, the most allowed; turning new ones away",
                self.name,
                self.cap,
            )
            return _Busy()
        return _Counted(server(), self)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
