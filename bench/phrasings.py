"""How many of the phrasings in ``tests/data/phrasings.tsv`` get the answer of the command they
stand for, and what free text costs per message (p50/p99 in one process).

Run: .venv/bin/python -m bench.phrasings [--rounds 20]

The figure the README quotes: 8 of 110 before free text was understood (commit 0c15e26,
where most answers were "I don't know the command"), 110 of 110 after.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.app.assembly import build_core
from bot.base.settings import Settings
from bot.testing import TestBot
from messages.catalogue import EN, say

TABLE = Path(__file__).parent.parent / "tests" / "data" / "phrasings.tsv"
SPECIAL = {
    "=greeting": "intent.greeting",
    "=thanks": "intent.thanks",
    "=other-language": "intent.other_language",
}


def rows() -> list[tuple[str, str]]:
    out = []
    for line in TABLE.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            typed, expected = line.split("\t")
            out.append((typed, expected))
    return out


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)))
        bot = TestBot(core)
        table = rows()
        right = 0
        for n, (typed, expected) in enumerate(table):
            got = await bot.ask(typed, user=f"member{n}")  # each a fresh conversation
            want = EN.get(SPECIAL.get(expected, ""), None)
            if expected.startswith("=searched:"):  # another language: the note, then the search
                terms = expected.removeprefix("=searched:")
                note = say("intent.other_language_searched", words=terms)
                want = note + "\n\n" + await bot.ask("search " + _query(terms))
            if want is None and expected.startswith("search "):  # may add related provisions
                right += got.startswith(await bot.ask(expected))
                continue
            if want is None and expected == "about":  # may lead with the provision asked about
                right += got.endswith(await bot.ask(expected))
                continue
            right += got == (want if want is not None else await bot.ask(expected))
        print(f"phrasings  {right}/{len(table)} answered as the command they stand for")
        timings: list[float] = []
        for _ in range(rounds):
            for typed, _expected in table:
                start = time.perf_counter()
                await bot.send(typed)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p99 = timings[int(len(timings) * 0.99) - 1]
        print(f"free text  {len(timings)} messages: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        await core.close()


def _query(names: str) -> str:
    """The search a "=searched:" row's terms (named by their first English wording) stand
    for: each term as all its English wordings."""
    from bot.code import glossary

    g = glossary.load()
    return glossary.as_query([g.named(n.strip()) for n in names.split(",")])


if __name__ == "__main__":
    asyncio.run(main())
