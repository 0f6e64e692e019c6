"""``coalition-bot run`` with a probe thread, for ``bench.soak``.

``--trace FOLDER``: under tracemalloc, a snapshot every ``--every`` seconds (0.snap, 1.snap, ...).
``--mem FILE``: one JSON line every ``--every`` seconds with what tracemalloc cannot see: glibc
malloc's totals (``mallinfo2``: held from the system, in use, free but kept), SQLite's own
allocations (``sqlite3_memory_used``: page caches, schemas, statements), the open sqlite3
connections and the threads. Costs next to nothing, so those runs' RSS figures stand.

    python -m bench.soak_probe [--trace FOLDER [--frames N] | --mem FILE] [--every SECONDS]
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import json
import sqlite3
import sys
import threading
import time
import tracemalloc
from pathlib import Path


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def dump(folder: Path, every: float) -> None:
    for i in range(1_000_000):
        time.sleep(every)
        tracemalloc.take_snapshot().dump(str(folder / f"{i}.snap"))


def status() -> dict[str, int]:
    """The kB lines of /proc/self/status that say where resident memory is."""
    keep = ("VmRSS", "RssAnon", "RssFile", "VmData", "Threads")
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in keep:
            out[key] = int(value.split()[0])
    return out


def mappings() -> dict[str, int]:
    """Resident kB by kind of mapping (/proc/self/smaps): the main arena's brk heap, the
    other malloc arenas (heaps at 64 MiB-aligned addresses), thread stacks (8 MiB mappings),
    files, and the rest of the anonymous memory (pymalloc's arenas, large mmaps)."""
    kinds = dict.fromkeys(("brk_kb", "arenas_kb", "stacks_kb", "files_kb", "other_anon_kb"), 0)
    kind = "other_anon_kb"
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            start, end = (int(x, 16) for x in head[0].split("-"))
            path = head[5] if len(head) > 5 else ""
            if path == "[heap]":
                kind = "brk_kb"
            elif head[4] != "0" or path.startswith("/"):
                kind = "files_kb"
            elif end - start == 8 << 20:
                kind = "stacks_kb"
            elif start % (64 << 20) == 0 and end - start <= 64 << 20:
                kind = "arenas_kb"
            else:
                kind = "other_anon_kb"
        elif head[0] == "Rss:":
            kinds[kind] += int(head[1])
    return kinds


def record(file: Path, every: float, trim: bool) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.mallinfo2.restype = MallInfo2
    lite = ctypes.CDLL(ctypes.util.find_library("sqlite3"))  # the one _sqlite3 loaded
    lite.sqlite3_memory_used.restype = ctypes.c_int64
    lite.sqlite3_memory_highwater.restype = ctypes.c_int64
    began = time.monotonic()
    with file.open("a") as out:
        while True:
            time.sleep(every)
            trimmed = {}
            if trim:  # the experiment: what malloc_trim gives back, and what it costs
                before, began_trim = status()["VmRSS"], time.perf_counter()
                libc.malloc_trim(0)
                trimmed = {
                    "trim_ms": round((time.perf_counter() - began_trim) * 1e3, 2),
                    "trim_gave_kb": before - status()["VmRSS"],
                }
            m = libc.mallinfo2()
            connections = sum(isinstance(o, sqlite3.Connection) for o in gc.get_objects())
            row = {
                "t": round(time.monotonic() - began, 1),
                **status(),
                **mappings(),
                "malloc_held_kb": (m.arena + m.hblkhd) // 1024,
                "malloc_used_kb": (m.uordblks + m.hblkhd) // 1024,
                "malloc_free_kb": m.fordblks // 1024,
                "sqlite_kb": lite.sqlite3_memory_used() // 1024,
                "sqlite_high_kb": lite.sqlite3_memory_highwater(0) // 1024,
                "sqlite_connections": connections,
                "py_blocks": sys.getallocatedblocks(),
                **trimmed,
            }
            out.write(json.dumps(row) + "\n")
            out.flush()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--trace", type=Path)
    parser.add_argument("--mem", type=Path)
    parser.add_argument("--every", type=float, default=60.0)
    parser.add_argument("--frames", type=int, default=1, help="with --trace: frames per trace")
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) before each sample")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start(args.frames)
        threading.Thread(target=dump, args=(args.trace, args.every), daemon=True).start()
    if args.mem:
        threading.Thread(target=record, args=(args.mem, args.every, args.trim), daemon=True).start()
    from bot.app.cli import main

    sys.exit(main(["run"]))
