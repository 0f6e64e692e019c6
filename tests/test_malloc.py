"""``coalition-bot run``'s hold on glibc's malloc (bot/app/malloc.py), each case in a fresh
interpreter. The arenas: threads that each open a SQLite connection, as aiosqlite's do, share
two instead of one each, counted by glibc itself (``malloc_info``); the cap holds only when set
before the threads start, and the uncapped case shows the count is not two regardless. The
trimmer: a heap left full of holes (short-lived buffers freed between long-lived ones) is given
back to the system within one interval."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import ctypes, ctypes.util, sqlite3, sys, tempfile, threading
from bot.app.malloc import limit_arenas

capped = limit_arenas() if sys.argv[1] == "cap" else False
folder = tempfile.mkdtemp()
together = threading.Barrier(6)

def connection() -> None:
    db = sqlite3.connect(f"{folder}/t.db", timeout=30)
    together.wait()  # all six threads alive at once: none can take over another's arena
    db.execute("SELECT 1").fetchall()  # the connection's memory comes from this thread
    together.wait()
    db.close()

threads = [threading.Thread(target=connection) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
path = f"{folder}/info.xml"
stream = ctypes.c_void_p(libc.fopen(path.encode(), b"w"))
libc.malloc_info(0, stream)
libc.fclose(stream)
print(capped, open(path).read().count("<heap nr="))
"""


def arenas(mode: str) -> tuple[bool, int]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    capped, count = done.stdout.split()
    return capped == "True", int(count)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's arenas only")
def test_threads_share_two_arenas_once_capped() -> None:
    assert arenas("cap") == (True, 2)
    capped, count = arenas("free")
    assert not capped and count > 2  # one per thread without the cap


FRAGMENTS = """
import asyncio, random
from bot.app.malloc import HeapTrimmer

def rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")

kept, freed = [], []
for i in range(100_000):  # 1-5 KB buffers (malloc's, not pymalloc's), one in seven kept
    (kept if i % 7 == 0 else freed).append(bytes(random.choice((1200, 3000, 5000))))
freed.clear()

async def main() -> None:
    before = rss_mb()
    trimmer = HeapTrimmer(every=0.05)  # production: a minute
    await trimmer.start()
    await asyncio.sleep(0.3)
    await trimmer.stop()
    print(before, rss_mb())

asyncio.run(main())
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc_trim only")
def test_the_trimmer_gives_the_free_holes_back() -> None:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", FRAGMENTS], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    before, after = map(float, done.stdout.split())
    assert before - after > 100  # of some 270 MB freed (malloc kept it all), most given back
