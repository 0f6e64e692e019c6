"""The C allocator's share of ``coalition-bot run``'s memory: two arenas, trimmed each minute.

glibc's malloc gives each thread that allocates an arena of its own (up to eight per core),
and memory freed in an arena stays with that arena. ``run`` has a thread per SQLite connection
(aiosqlite), and the pool opens and closes connections as load comes and goes, so each arena
keeps its own free fragments: under ``bench.soak`` (40 updates/s, SQLite) malloc held 10-13 MB
free in six arenas, growing as connections came and went, against 1-2 MB in two arenas with
the same traffic. SQLite's own memory (page caches, statements) stayed under 1 MB throughout.
Two arenas keep the main thread's allocations apart from the others' and cost nothing
measurable here: the threads wait on SQLite and on the GIL, not on malloc's lock.

Capped, what was left growing was the free memory inside the main arena (0.3-0.5 MB a minute
with nothing else growing, ``bench.soak --mem``): short-lived buffers freed between long-lived
ones (cache entries) leave holes that malloc keeps and only hands back from the top of the
heap. ``malloc_trim(0)`` returns the free pages wherever they are; once a minute it took
0.3 ms and gave back about 1.5 MB each time.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import logging
import os
import platform
from functools import cache

log = logging.getLogger(__name__)

ARENAS = 2
"""Most malloc arenas ``run`` uses; ``MALLOC_ARENA_MAX`` in the environment, when set, wins."""

M_ARENA_MAX = -8  # glibc's malloc.h
TRIM_EVERY = 60.0  # seconds between two malloc_trim calls


@cache
def _glibc() -> ctypes.CDLL | None:
    if platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c"))
    except OSError as e:
        log.debug("could not load the C library: %s", e)
        return None


def limit_arenas(most: int = ARENAS) -> bool:
    """Caps glibc's malloc arenas at ``most``, unless ``MALLOC_ARENA_MAX`` says otherwise.
    Call it before any thread starts: glibc fixes its limit once eight arenas exist. True when
    the cap was set; False elsewhere (musl, macOS), where there is nothing to cap."""
    libc = _glibc()
    if os.environ.get("MALLOC_ARENA_MAX") or libc is None:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, most))


def trim() -> None:
    """Hands malloc's free pages back to the system (nothing where malloc is not glibc's)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


class HeapTrimmer:
    """A service of ``run``: ``trim`` every ``every`` seconds, on the event loop (it takes well
    under a millisecond for this process's heap)."""

    name = "heap trimmer"

    def __init__(self, every: float = TRIM_EVERY) -> None:
        self.every = every
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            trim()
