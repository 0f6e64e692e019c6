"""Best practices at scale: 100,000 notes, then ``practices search`` and ``practices`` listing
latencies through the core (parsing, query, snippets, reply), on SQLite and PostgreSQL.

    .venv/bin/python bench/practices.py [--notes 100000] [--runs 300] [--only sqlite|postgresql]

PostgreSQL: BENCH_POSTGRES_URL (default: the local test server), in a schema of its own that
is dropped afterwards. Targets: search p99 < 50 ms, listing p99 < 20 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from bot.app.assembly import build_core
from bot.app.config import Settings
from bot.clock import FakeClock
from bot.core.dispatch import Core
from bot.core.incoming import Incoming
from bot.practices.service import Author, add_words, note_row, vocabulary
from storage.db import Database, create_schema, drop_schema
from storage.models import PracticeNote, PracticeTag

VERBOSE = "-v" in sys.argv
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
_SEED = (
    "border security training financing terrorism investigation prison mentoring youth "
    "community dialogue police intelligence sharing partners cooperation capacity building "
    "human rights rule law victims support online radicalisation counter narratives schools "
    "teachers religious leaders women participation data protection aviation cargo screening "
    "customs biometric travel documents watchlists prosecution judges courts legislation "
    "sanctions money laundering charities oversight cyber attacks infrastructure drills "
    "exercises ports maritime rehabilitation reintegration returnees families municipalities"
)
SEED_WORDS = _SEED.split()
NAMES = ["Ana", "Ben", "Chidi", "Dilnoza", "Eitan", "Fatima", "Goran", "Hana", "Ivan", "Jia"]
SEARCHES = [
    "training",
    "border security",
    "financing investigations",
    '"money laundering"',
    "prison mentoring youth",
    "finacing",  # a typo
    "rehabilitation returnees #pillar1",
    "zyxwv",  # no match
    "radicalisation online",
    "customs",
]
LISTINGS = [
    "practices",
    "practices page 5",
    "practices #pillar2",
    "practices #3e",
    "practices #pillar1 #3",
    "practices by Fatima",
    "practices page 200",
    "practices #pp14",  # a tag no note has
]


def vocabulary_pool(rng: random.Random, size: int = 20000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ter", "ran", "sec", "vi", "do", "pol", "tri", "na", "zu"]
    words = list(SEED_WORDS)
    while len(words) < size:
        words.append("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return words


def make_note(rng: random.Random, words: list[str], cum_weights: list[float]) -> str:
    title = " ".join(rng.choices(words, cum_weights=cum_weights, k=rng.randint(3, 6)))
    body = " ".join(rng.choices(words, cum_weights=cum_weights, k=rng.randint(30, 120)))
    tags = [f"#pillar{rng.randint(1, 4)}", rng.choice(["#3e", "#3a", "#4d", "#5", "#pp2", "#8b"])]
    return f"{title}\n{body}. {' '.join(tags)}"


async def bulk_load(db: Database, count: int, seed: int = 1) -> float:
    """Inserts ``count`` notes with their tags and vocabulary, a few thousand per statement."""
    rng = random.Random(seed)
    words = vocabulary_pool(rng)
    weights = list(itertools.accumulate(1 / (i + 1) ** 0.9 for i in range(len(words))))  # Zipf
    start = time.perf_counter()
    when = datetime(2024, 1, 1, tzinfo=UTC)
    note_id = 0
    vocab: dict[str, tuple[str, int]] = {}
    from bot.code.document import load
    from bot.practices.parse import parse_tags

    doc = load()
    batch = 2000
    async with db.session() as s:
        for offset in range(0, count, batch):
            notes, tags = [], []
            for _ in range(min(batch, count - offset)):
                note_id += 1
                body = make_note(rng, words, weights)
                name = rng.choice(NAMES)
                author = Author(
                    "telegram" if note_id % 3 else "slack", f"u{note_id % 500}", name, "-1001"
                )
                keys = parse_tags(body, doc).keys
                row = note_row(author, body, keys, "approved", when + timedelta(minutes=note_id))
                row["id"] = note_id
                notes.append(row)
                tags += [{"note_id": note_id, "tag": k} for k in keys]
                for w, st in vocabulary(body).items():
                    vocab[w] = (st, vocab.get(w, (st, 0))[1] + 1)
            await s.exec(insert(PracticeNote), params=notes)  # type: ignore[call-overload]
            await s.exec(insert(PracticeTag), params=tags)  # type: ignore[call-overload]
        await add_words(s, db.dialect, vocab)
        if db.dialect == "postgresql":
            await s.exec(
                text("SELECT setval(pg_get_serial_sequence('practice_notes', 'id'), :n)"),
                params={"n": note_id},
            )  # type: ignore[call-overload]
        await s.commit()
    async with db.engine.connect() as conn:  # fresh statistics, as autovacuum would give
        if db.dialect == "postgresql":
            await conn.execute(text("ANALYZE"))
        else:
            await conn.execute(text("ANALYZE"))
        await conn.commit()
    return time.perf_counter() - start


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(core: Core, commands: list[str], runs: int) -> dict[str, float]:
    samples: list[float] = []
    per: dict[str, list[float]] = {}
    for i in range(runs):
        command = commands[i % len(commands)]
        incoming = Incoming("telegram", "-1001", "bench", command, "Bench", is_direct=False)
        t = time.perf_counter()
        reply = await core.handle(incoming)
        samples.append((time.perf_counter() - t) * 1000)
        per.setdefault(command, []).append(samples[-1])
        if i < len(commands):
            from messages import render_plain

            assert "Something went wrong" not in render_plain.render(reply), command
    if VERBOSE:
        for command, times in per.items():
            print(
                f"    {max(times):7.2f} ms max {statistics.median(times):7.2f} ms median  {command}"
            )
    return {
        "p50": statistics.median(samples),
        "p95": pct(samples, 95),
        "p99": pct(samples, 99),
        "max": max(samples),
    }


async def bench(kind: str, count: int, runs: int) -> None:
    schema = None
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="bench-practices-"))
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        db = Database(url)
    else:
        schema = await create_schema(POSTGRES_URL, "bench")
        db = Database(POSTGRES_URL, schema=schema)
    try:
        await db.start()
        loaded = await bulk_load(db, count)
        print(f"{kind}: loaded {count:,} notes in {loaded:.1f} s")
        settings = Settings(data_dir=Path(tempfile.mkdtemp()), admins=frozenset())
        core = build_core(settings, db=db, clock=FakeClock(datetime(2026, 11, 25, tzinfo=UTC)))
        await measure(core, ["practices"], 20)  # warm the pool and caches
        search = await measure(core, [f"practices search {q}" for q in SEARCHES], runs)
        listing = await measure(core, LISTINGS, runs)
        for name, r, target in (("search", search, 50), ("listing", listing, 20)):
            verdict = "ok" if r["p99"] < target else "OVER TARGET"
            print(
                f"{kind}: practices {name:7s} p50 {r['p50']:6.2f} ms  p95 {r['p95']:6.2f} ms  "
                f"p99 {r['p99']:6.2f} ms  max {r['max']:6.2f} ms  (target p99 < {target} ms: "
                f"{verdict})"
            )
    finally:
        await db.close()
        if schema:
            await drop_schema(POSTGRES_URL, schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("-v", action="store_true", help="the slowest time of each command")
    args = parser.parse_args()
    for kind in ("sqlite", "postgresql"):
        if args.only in (None, kind):
            asyncio.run(bench(kind, args.notes, args.runs))


if __name__ == "__main__":
    main()
