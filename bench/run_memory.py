"""Resident memory of ``coalition-bot run`` and what the languages add to it (issue 20).

Each round starts the real ``run`` (Telegram polling and Slack over HTTP, against the fakes of
``bench.contact``, a SQLite database of its own), waits until both platforms answer (its first
answers, in English), and reads VmRSS: *at start*. Then five members each choose one of the
other languages (``language ru`` …) and ask ``help`` and ``search financing``, which reads every
catalogue (the core's and each platform's) and the glossary and stemmers of that language; VmRSS
again: *all catalogues*. A tree from before there were languages answers the same messages
(in English: it knows no ``language``), so the two trees get the same work and the difference
is what the languages cost. Rounds alternate the trees, so the machine's load falls on both.

    .venv/bin/python -m bench.run_memory [--rounds 3] [--tree before=/tmp/before]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.contact import make_bot  # noqa: E402

LANGUAGES = ("ru", "fr", "es", "ar", "zh")


async def one(name: str, tree: Path, work: Path) -> tuple[float, float]:
    """VmRSS (MB) of one ``run`` once it answers, then after an answer in every language."""
    app = await make_bot(name, tree, work)
    try:
        await app.start()
        await asyncio.sleep(1)  # the start's last tasks (menus, the outbox worker) settle
        at_start = app.rss_mb()
        for i, lang in enumerate(LANGUAGES, 100):
            for line in (f"language {lang}", "help", "search financing"):
                await app.fakes.telegram_update(i, line)
                await app.fakes.slack_update(i, line)
        await asyncio.sleep(1)
        return at_start, app.rss_mb()
    finally:
        await app.stop()
        await app.fakes.stop()


async def bench(args: argparse.Namespace) -> None:
    trees = [(n, Path(p).resolve()) for n, p in (t.split("=", 1) for t in args.tree)]
    trees.append(("this", ROOT))
    found: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in trees}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, tree in trees:
                found[name].append(await one(f"{name}{r}", tree, Path(tmp)))
    for name, samples in found.items():
        start = statistics.median(s for s, _ in samples)
        loaded = statistics.median(a for _, a in samples)
        print(
            f"{name}: VmRSS at start {start:.1f} MB, after every language {loaded:.1f} MB "
            f"(median of {len(samples)}; {', '.join(f'{s:.1f}/{a:.1f}' for s, a in samples)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tree", action="append", default=[], help="name=DIR, another checkout")
    asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    main()
