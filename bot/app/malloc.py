"""The C allocator's share of ``coalition-bot run``'s memory.

glibc's malloc gives each thread that allocates an arena of its own (up to eight per core),
and memory freed in an arena stays with that arena. ``run`` has a thread per SQLite connection
(aiosqlite), and the pool opens and closes connections as load comes and goes, so each arena
keeps its own free fragments: under ``bench.soak`` (40 updates/s, SQLite) malloc held 10-13 MB
free in six arenas, growing as connections came and went, against 1-2 MB in two arenas with
the same traffic. SQLite's own memory (page caches, statements) stayed under 1 MB throughout.
Two arenas keep the main thread's allocations apart from the others' and cost nothing
measurable here: the threads wait on SQLite and on the GIL, not on malloc's lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import platform

log = logging.getLogger(__name__)

ARENAS = 2
"""Most malloc arenas ``run`` uses; ``MALLOC_ARENA_MAX`` in the environment, when set, wins."""

M_ARENA_MAX = -8  # glibc's malloc.h


def limit_arenas(most: int = ARENAS) -> bool:
    """Caps glibc's malloc arenas at ``most``, unless ``MALLOC_ARENA_MAX`` says otherwise.
    Call it before any thread starts: glibc fixes its limit once eight arenas exist. True when
    the cap was set; False elsewhere (musl, macOS), where there is nothing to cap."""
    if os.environ.get("MALLOC_ARENA_MAX") or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        return bool(libc.mallopt(M_ARENA_MAX, most))
    except (OSError, AttributeError) as e:
        log.debug("could not cap malloc arenas: %s", e)
        return False
