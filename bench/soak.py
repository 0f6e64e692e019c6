"""Memory over time: the real ``coalition-bot run`` (SQLite) against the fake Telegram and Slack
(adapters/*/testing/fake.py, in this process) with a steady stream of updates from new and
known chats, its resident memory (VmRSS) read every ``--rss-every`` seconds and printed
every ``--sample``.

Prints the samples and the least-squares slope in MB per minute, over all the readings, of the
whole run and of its second half (bounded caches, the SQLite page cache and the allocator fill
during the first minutes; what is left after that is growth). RSS wobbles by 1-2 MB within a
minute (malloc's free memory between two trims): with one reading a minute, a single late
wobble decided the second half's slope (+0.14 MB/min from one high reading at minute 28 of 30,
while the bot's own probe read +0.03), so the slopes take a reading every five seconds.
``--trace`` runs the bot under tracemalloc and prints the source lines whose memory grew most
between the first sample after the warm-up and the last (tracemalloc itself costs memory and
CPU, so those runs' RSS figures are not the figures).

    .venv/bin/python -m bench.soak [--minutes 5] [--rate 40] [--mem] [--trace [--frames N]]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.contact import App, make_bot  # noqa: E402

TEXTS = ("paragraph 3e", "search financing", "pillars 2", "about", "3(e), 5", "help", "review")


FLAT = 0.05
"""MB per minute over the second half within which RSS counts as flat: 1.5 MB over 30 minutes,
about 1% of the bot's RSS, and twice the slope's own scatter when samples wobble by 0.5 MB."""

PARTS = (
    ("VmRSS", "RSS"),
    ("malloc_held_kb", "malloc held"),
    ("malloc_free_kb", "of it free"),
    ("brk_kb", "main arena"),
    ("arenas_kb", "other arenas"),
    ("other_anon_kb", "other anon (pymalloc)"),
    ("stacks_kb", "stacks"),
    ("sqlite_kb", "SQLite"),
)


def parts(path: Path, half: float) -> None:
    """The probe's figures (``--mem``): each sample, and each part's slope over the second
    half, so growth is put where it is."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if not rows:
        print("--mem: no samples")
        return
    print("\nwhere the memory is (MB; connections and threads at the sample):")
    print("  min  " + "  ".join(f"{label:>10.10}" for _, label in PARTS) + "  conns threads")
    for r in rows:
        cells = "  ".join(f"{r.get(key, math.nan) / 1024:10.1f}" for key, _ in PARTS)
        print(f"  {r['t'] / 60:4.1f} {cells}  {r['sqlite_connections']:5d} {r['Threads']:7d}")
    late = [r for r in rows if r["t"] / 60 >= half]
    print(
        "slopes over the second half (MB/min): "
        + ", ".join(
            f"{label} {slope([(r['t'] / 60, r.get(key, math.nan) / 1024) for r in late]):+.3f}"
            for key, label in PARTS
        )
    )


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (minutes, MB) points, MB per minute."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


async def traffic(
    app: App, args: argparse.Namespace, stop: asyncio.Event, counts: dict[str, int]
) -> None:
    """``args.rate`` updates a second, alternating Telegram and Slack; a share ``args.new`` of
    them from a chat and member never seen, the rest from a pool of ``args.known``."""
    new_ids = itertools.count(20_000_000)
    known = itertools.cycle(range(1_000, 1_000 + args.known))
    in_flight: set[asyncio.Task[None]] = set()
    started = time.perf_counter()

    async def one(platform: str, chat: int, text: str) -> None:
        try:
            if platform == "telegram":
                await app.fakes.telegram_update(chat, text)
            else:
                await app.fakes.slack_update(chat, text)
            counts["answered"] += 1
        except Exception:
            counts["failed"] += 1

    for n in itertools.count():
        if stop.is_set():
            break
        delay = started + n / args.rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if len(in_flight) >= 500:  # bounded: the bot has fallen far behind; count it
            counts["skipped"] += 1
            continue
        k = n // 2  # each platform's own count: both get the same share of new chats
        is_new = (k * args.new) % 1 + args.new > 1 - 1e-9  # an even spread of the new share
        chat = next(new_ids) if is_new else next(known)
        counts["new" if is_new else "known"] += 1
        platform = "telegram" if n % 2 == 0 else "slack"
        task = asyncio.create_task(one(platform, chat, TEXTS[n % len(TEXTS)]))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
        if n % 1000 == 0:
            app.fakes.forget()
    await asyncio.gather(*in_flight)


def top_growth(folder: Path, first: int, limit: int = 15) -> None:
    """The lines whose memory grew most from snapshot ``first`` to the last one."""
    names = sorted(folder.glob("*.snap"), key=lambda p: int(p.stem))
    if len(names) < 2:
        print("tracemalloc: fewer than two snapshots")
        return
    first, last = min(first, len(names) - 2), len(names) - 1
    a = tracemalloc.Snapshot.load(str(names[first]))
    b = tracemalloc.Snapshot.load(str(names[last]))
    filters = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "<frozen*"),
    ]
    stats = b.filter_traces(filters).compare_to(a.filter_traces(filters), "lineno")
    print(f"\ntracemalloc: growth between snapshots {names[first].stem} and {names[last].stem}")
    for s in stats[:limit]:
        print(f"  {s.size_diff / 1024:+9.1f} KiB {s.count_diff:+7d} blocks  {s.traceback[0]}")
    print(f"  total: {sum(s.size_diff for s in stats) / 1024:+.1f} KiB")


async def soak(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    app = await make_bot("soak", ROOT, work)
    snaps = work / "snapshots"
    probe: list[str] = []
    if args.trace:
        snaps.mkdir()
        probe += ["--trace", str(snaps), "--frames", str(args.frames)]
    if args.mem:
        probe += ["--mem", str(work / "mem.jsonl"), *(["--trim"] if args.trim else [])]
    if probe:
        probe += ["--every", str(args.sample)]
        app.command = [sys.executable, "-m", "bench.soak_probe", *probe]
    app.env.update(dict(kv.split("=", 1) for kv in args.env))
    print(
        f"bench.soak: coalition-bot run (SQLite), {args.rate:g} updates/s, {args.new:.0%} from "
        f"new chats, {args.known} known chats, {args.minutes:g} minutes, RSS read every "
        f"{args.rss_every:g} s, printed every {args.sample:g} s"
        f"{' (tracemalloc on)' if args.trace else ''}; log in {app.log}"
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    counts = dict.fromkeys(("answered", "failed", "skipped", "new", "known"), 0)
    samples: list[tuple[float, float]] = []
    try:
        await app.start()
    except BaseException:
        await app.stop()
        await app.fakes.stop()
        raise
    stop = asyncio.Event()
    began = time.perf_counter()
    cpu0 = app.cpu_seconds()
    driver = asyncio.create_task(traffic(app, args, stop, counts))
    try:
        end = began + args.minutes * 60
        next_reading = next_line = began
        while True:
            now = time.perf_counter()
            if now >= next_reading:
                minute = (now - began) / 60
                mb = app.rss_mb()
                samples.append((minute, mb))
                next_reading += args.rss_every
                if now >= next_line:
                    load = os.getloadavg()[0]
                    print(
                        f"  {minute:6.2f} min  RSS {mb:7.1f} MB  answered "
                        f"{counts['answered']:7d}  failed {counts['failed']}  load {load:.2f}",
                        flush=True,
                    )
                    next_line += args.sample
            if now >= end:
                break
            await asyncio.sleep(min(next_reading, end) - now + 0.001)
            if driver.done():
                driver.result()
    finally:
        stop.set()
        await driver
        cpu = app.cpu_seconds() - cpu0
        code = await app.stop()
        await app.fakes.stop()
    half = [p for p in samples if p[0] >= args.minutes / 2]
    last10 = [p for p in samples if p[0] >= args.minutes - 10]
    total = counts["answered"] + counts["failed"]
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"updates: {total} ({counts['new']} from new chats, {counts['known']} from known), "
        f"answered {counts['answered']}, failed {counts['failed']}, not sent (500 in flight) "
        f"{counts['skipped']}; bot CPU {cpu / max(total, 1) * 1e3:.2f} ms per update; "
        f"exit status on SIGTERM {code}"
    )
    second = slope(half)
    verdict = "flat" if abs(second) <= FLAT else "NOT flat"
    print(
        f"RSS: first {samples[0][1]:.1f} MB, last {samples[-1][1]:.1f} MB, max "
        f"{max(mb for _, mb in samples):.1f} MB; slope {slope(samples):+.3f} MB/min over the "
        f"whole run, {slope(last10):+.3f} MB/min over the last 10 minutes, {second:+.3f} MB/min "
        f"over the second half: {verdict} (flat: within ±{FLAT} MB/min)"
    )
    if args.mem:
        parts(work / "mem.jsonl", args.minutes / 2)
    if args.trace:
        top_growth(snaps, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--rate", type=float, default=40.0, help="updates a second")
    parser.add_argument("--new", type=float, default=0.5, help="share from new chats")
    parser.add_argument("--known", type=int, default=500, help="chats in the known pool")
    parser.add_argument(
        "--sample", type=float, default=60.0, help="seconds between printed samples"
    )
    parser.add_argument(
        "--rss-every",
        type=float,
        default=5.0,
        help="seconds between RSS readings (all of them go into the slopes)",
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc the bot")
    parser.add_argument(
        "--frames", type=int, default=1, help="with --trace: stack frames kept per allocation"
    )
    parser.add_argument(
        "--mem", action="store_true", help="record malloc, SQLite and thread figures"
    )
    parser.add_argument(
        "--trim", action="store_true", help="with --mem: malloc_trim(0) before each sample"
    )
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="for the bot"
    )
    asyncio.run(soak(parser.parse_args()))


if __name__ == "__main__":
    main()
