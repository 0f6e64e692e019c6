"""Latency of the core: p50/p99 of ``paragraph`` and ``search`` messages in one process, and
the wall time of ``coalition-bot ask help`` as a fresh process.

Run: .venv/bin/python -m bench.core [--calls 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stats import percentile
from bot.app.assembly import build_core
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.core.incoming import Incoming

PARAGRAPHS = ["paragraph 3e", "3(e)", "para 4a-c", "preamble 2", "p 8", "3e, 5", "§10", "pp14"]
SEARCHES = [
    "search financing",
    "search financed",
    'search "foreign terrorist fighters"',
    "search human rights",
    "search finacing",
    "search women youth",
    "search cooperation information sharing",
    "search terrorism",
    "search FTF",
    "search money laundering",
    "search what does the code say about organised crime",
    "search human rights page 2",
]


async def measure(core: Core, texts: list[str], calls: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per message. On a machine shared with other work the wall time's
    tail is mostly waiting for a core; the CPU time is the answer's own cost."""
    wall: list[float] = []
    cpu: list[float] = []
    for i, t in zip(range(calls), itertools.cycle(texts), strict=False):
        m = Incoming("telegram", f"chat{i % 50}", f"user{i % 50}", t, user_name="Bench")
        start, start_cpu = time.perf_counter(), time.thread_time()
        await core.handle(m)
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return wall, cpu


def ask_help_seconds(runs: int) -> list[float]:
    exe = shutil.which("coalition-bot") or str(Path(sys.executable).parent / "coalition-bot")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COALITION_DATA_DIR": tmp}
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([exe, "ask", "help"], check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
    return times


async def main(calls: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)))
        await measure(core, PARAGRAPHS + SEARCHES, 500)  # warm: database opened, members cached
        for name, texts in (("paragraph", PARAGRAPHS), ("search", SEARCHES)):
            s, cpu = await measure(core, texts, calls)
            print(
                f"{name:9} calls={len(s)} p50={percentile(s, 0.5) * 1e3:.3f} ms "
                f"p99={percentile(s, 0.99) * 1e3:.3f} ms max={max(s) * 1e3:.3f} ms "
                f"(CPU p50={percentile(cpu, 0.5) * 1e3:.3f} ms "
                f"p99={percentile(cpu, 0.99) * 1e3:.3f} ms)"
            )
        await core.close()
    t = ask_help_seconds(runs)
    print(
        f"ask help  runs={runs} median={statistics.median(t):.3f} s "
        f"min={min(t):.3f} s max={max(t):.3f} s (fresh process)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.calls, args.runs))
