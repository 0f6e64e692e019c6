"""Inline queries through the Telegram adapter: ``@bot <words>`` typed in some chat, answered
by the real python-telegram-bot Application polling our fake Bot API on 127.0.0.1, in one
process. Queries go one at a time (a person typing), cycling through a reference, search words,
the review countdown and an empty query, so the figure is the bot's own latency, not a queue's.

Latency runs from the moment getUpdates hands the inline query out to the moment the bot's
answerInlineQuery reaches the server (the fake's own work is in the figure); "from push" also
counts the long poll's wake-up. Target: p99 under 20 ms. "CPU time per query" is the process's
CPU time (bot, library and fake together) per round trip: on a machine shared with other work
the wall-clock figures include waiting for a core, and this one does not.

    .venv/bin/python bench/telegram_inline.py [--queries 400]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from adapters.telegram.config import TelegramConfig  # noqa: E402
from adapters.telegram.testing.fake import Call, FakeTelegram, running_bot, user  # noqa: E402
from bench.stats import percentile  # noqa: E402
from bot.app.assembly import build_core  # noqa: E402
from bot.base.settings import Settings  # noqa: E402

QUERIES = ("3e", "financing", "review", "", "4a-c", "border security", "pillars 2", "preamble 2")


async def main(queries: int) -> None:
    logging.basicConfig(level=logging.WARNING)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        core = build_core(Settings(data_dir=Path(tmp)))
        await core.database()  # migrated first, as the runtime's start does
        async with FakeTelegram(flood=None) as fake:
            config = TelegramConfig(token=fake.token, api_base_url=fake.base_url, poll_timeout=5)
            async with running_bot(core, fake, config):
                asker = user(1001, "Ana")
                # Each answer is caught as it arrives (a listener), so the harness does not
                # read the fake's ever longer list of calls in the middle of the figures.
                answers: dict[str, asyncio.Future[Call]] = {}

                def caught(call: Call) -> None:
                    waiting = answers.get(str(call.params.get("inline_query_id")))
                    if call.method == "answerInlineQuery" and waiting and not waiting.done():
                        waiting.set_result(call)

                fake.listeners.append(caught)
                served: list[float] = []
                pushed: list[float] = []
                cpu: list[float] = []
                deadline = time.monotonic() + 120  # bounded in time as in count
                for i in range(queries + 20):
                    if time.monotonic() > deadline:
                        break
                    start, start_cpu = time.perf_counter(), time.process_time()
                    qid = fake.inline_query(asker, QUERIES[i % len(QUERIES)])
                    answers[qid] = asyncio.get_running_loop().create_future()
                    call = await asyncio.wait_for(answers[qid], 10)
                    del answers[qid]
                    update_id = max(fake.served_at)
                    if i >= 20:  # the first answers warm the caches and the search index
                        served.append((call.at - fake.served_at[update_id]) * 1000)
                        pushed.append((call.at - start) * 1000)
                        cpu.append((time.process_time() - start_cpu) * 1000)
            # Every answer passed the fake's checks (what Telegram would refuse).
            refused = [c.params for c in fake.calls_to("answerInlineQuery") if not c.ok]
            assert not refused, refused[:1]
        await core.close()
    print(f"inline queries answered: {len(served)} (one at a time, {len(QUERIES)} kinds)")
    print(
        "load average before: {:.1f} {:.1f} {:.1f}; after: {:.1f} {:.1f} {:.1f}".format(
            *load, *os.getloadavg()
        )
    )
    figures = (
        ("getUpdates → answer", served),
        ("from push → answer", pushed),
        ("CPU time per query", cpu),
    )
    for name, values in figures:
        print(
            f"  {name}: p50 {statistics.median(values):.1f} ms, "
            f"p90 {percentile(values, 0.9):.1f} ms, "
            f"p99 {percentile(values, 0.99):.1f} ms, max {max(values):.1f} ms"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=400)
    asyncio.run(main(parser.parse_args().queries))
