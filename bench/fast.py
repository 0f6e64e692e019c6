"""Fast again (issue 27), in one run: the first answer of a fresh process against a bare
``python -c pass``, the in-process ``paragraph 3e`` round trip, free text's CPU per question,
and (``--slack``) Slack's CPU per update against a bare Bolt echo app.

1. ``coalition-bot ask "paragraph 3e"`` and ``python -c pass``, interleaved, with bytecode
   caches (bench/startup.py, which also prints the import tree's top 15). Target: ≤ 5×.
2. ``paragraph 3e`` through the harness (``TestBot.ask``: ``Core.handle`` and the plain
   rendering) and ``Core.handle`` alone, a Telegram direct chat, median. Target: ≤ 0.03 ms.
3. The expert set (tests/data/expert_questions.jsonl) once, CPU per question (this thread),
   in a core as ``run`` has it: warmed up (``bot.app.warm``), a few notes posted, the phrasing
   set (other sentences) asked first, the heap frozen. Target: p99 ≤ 5 ms.
4. ``--slack``: bench/contact.py's Slack figures (CPU of the app's process per signed slash
   command, known and new chats) beside bench/echo_app.py. Target: ≤ 1.25×.

Run: .venv/bin/python -m bench.fast [--runs 21] [--calls 5000] [--slack]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import startup
from bench.expert import NOTES
from bot.app.assembly import build_core
from bot.app.warm import warm
from bot.base.settings import Settings
from bot.core.incoming import Incoming
from bot.testing import TestBot
from bot.testing.expert import load

ROOT = Path(__file__).resolve().parent.parent


def first_answer(runs: int) -> tuple[float, float]:
    """Medians (s) of ``ask "paragraph 3e"`` and ``python -c pass``, runs interleaved."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COALITION_DATA_DIR": tmp}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: with bytecode caches
        ask = [str(startup.BIN / "coalition-bot"), "ask", "paragraph 3e"]
        bare = [sys.executable, "-c", "pass"]
        startup._wall(ask, env)  # writes the data folder and the bytecode caches
        asks, bares = [], []
        for _ in range(runs):
            bares.append(startup._wall(bare, env))
            asks.append(startup._wall(ask, env))
    return statistics.median(asks), statistics.median(bares)


def phrasings() -> list[str]:
    lines = (ROOT / "tests/data/phrasings.tsv").read_text("utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


async def in_process(calls: int) -> tuple[float, float, list[float]]:
    """(round trip ms, Core.handle ms, free-text CPU ms per question)."""
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)))
        bot = TestBot(core)
        message = Incoming(
            "telegram", "dm-ana", "ana", "paragraph 3e", user_name="Ana", is_direct=True
        )
        for _ in range(500):
            await bot.ask("paragraph 3e")
        trips, handles = [], []
        for _ in range(calls):
            start = time.perf_counter()
            await bot.ask("paragraph 3e")
            trips.append(time.perf_counter() - start)
            start = time.perf_counter()
            await core.handle(message)
            handles.append(time.perf_counter() - start)

        warm(core)
        for user, name, note in NOTES:
            await bot.send(f"practice {note}", user=user, name=name)
        for i, phrasing in enumerate(phrasings()):
            await bot.send(phrasing, user=f"warm{i}")
        gc.collect()
        gc.freeze()  # as run does once started (bot.app.run.settle_heap)
        cpu = []
        for row in load():
            user = row.id.replace(".", "-")
            for turn in row.before:
                await bot.send(turn, user=user)
            start = time.thread_time()
            await bot.send(row.question, user=user)
            cpu.append((time.thread_time() - start) * 1e3)
        await core.close()
    return statistics.median(trips) * 1e3, statistics.median(handles) * 1e3, sorted(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="fresh processes of each")
    parser.add_argument("--calls", type=int, default=5000, help="round trips")
    parser.add_argument("--slack", action="store_true", help="also bench.contact (minutes)")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ask, bare = first_answer(args.runs)
    print(
        f'1. first answer: ask "paragraph 3e" {ask * 1e3:.1f} ms, python -c pass '
        f"{bare * 1e3:.1f} ms: {ask / bare:.2f}x (target <= 5x; medians of {args.runs}, "
        "interleaved)"
    )
    trip, handle, cpu = asyncio.run(in_process(args.calls))
    print(
        f"2. paragraph 3e round trip {trip:.4f} ms (Core.handle alone {handle:.4f} ms; "
        f"target <= 0.03 ms; medians of {args.calls})"
    )
    p99 = cpu[min(len(cpu) - 1, round(0.99 * (len(cpu) - 1)))]
    print(
        f"3. free text, {len(cpu)} questions of the expert set: CPU p50 "
        f"{statistics.median(cpu):.2f} ms, p99 {p99:.2f} ms, max {cpu[-1]:.2f} ms "
        "(target p99 <= 5 ms)"
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.slack:
        print("4. Slack against the echo app: bench.contact (Telegram too)", flush=True)
        os.execv(
            sys.executable,
            [sys.executable, "-m", "bench.contact", "--updates", "500", "--idle", "5"],
        )


if __name__ == "__main__":
    main()
