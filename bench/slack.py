"""Signed slash commands through the Slack adapter's HTTP endpoint (the real Bolt app, the
signature check, the core, a SQLite database) to a fake Slack on 127.0.0.1.

Prints commands per second, and p50/p99 from the request to the ack (the HTTP answer Slack
waits three seconds for) and from the request to the answer reaching the fake's response_url.

    .venv/bin/python bench/slack.py [--requests 3000] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.slack.adapter import SlackAdapter
from adapters.slack.testing.fake import FakeSlack, sign, slash_command
from bench.stats import percentile
from bot.app.assembly import build_core
from bot.base.settings import Settings

QUESTIONS = ("paragraph 3e", "search financing", "pillars 2", "about", "3(e), 5", "help")


async def bench(requests: int, concurrency: int, data_dir: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    core = build_core(Settings(data_dir=data_dir))
    slack = SlackAdapter(core, fake.http_config())
    await slack.start()
    url = f"http://127.0.0.1:{slack.port}/slack/events"
    sent: dict[str, float] = {}
    acked: dict[str, float] = {}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(requests):
        queue.put_nowait(i)

    async def client(http: aiohttp.ClientSession) -> None:
        while not queue.empty():
            i = queue.get_nowait()
            key = f"b{i}"
            body = slash_command(QUESTIONS[i % len(QUESTIONS)], response_url=fake.response_url(key))
            headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
            sent[key] = time.perf_counter()
            async with http.post(url, data=body.encode(), headers=headers) as r:
                await r.read()
                assert r.status == 200, r.status
            acked[key] = time.perf_counter()

    try:
        # Warm up: the first request opens the database and runs Bolt's auth.test.
        async with aiohttp.ClientSession() as http:
            body = slash_command("about", response_url=fake.response_url("warm"))
            headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
            async with http.post(url, data=body.encode(), headers=headers) as r:
                await r.read()
            await fake.wait_for("response_url", 1, timeout=30)
        fake.calls.clear()
        start = time.perf_counter()
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as http:
            await asyncio.wait_for(
                asyncio.gather(*(client(http) for _ in range(concurrency))), timeout=60
            )
        await fake.wait_for("response_url", requests, timeout=60)
        wall = time.perf_counter() - start
    finally:
        await slack.stop()
        await core.close()
        await fake.stop()

    answered = {c.params["key"]: c.at for c in fake.of("response_url")}
    to_ack = [acked[k] - sent[k] for k in sent]
    to_answer = [answered[k] - sent[k] for k in sent]
    print(f"slack bench: {requests} signed slash commands, {concurrency} concurrent")
    print(f"  throughput        {requests / wall:8.0f} commands/s ({wall:.2f} s)")
    print(
        f"  request -> ack    p50 {percentile(to_ack, 0.5) * 1000:6.1f} ms   "
        f"p99 {percentile(to_ack, 0.99) * 1000:6.1f} ms"
    )
    print(
        f"  request -> answer p50 {percentile(to_answer, 0.5) * 1000:6.1f} ms   p99 "
        f"{percentile(to_answer, 0.99) * 1000:6.1f} ms   "
        f"(mean {statistics.mean(to_answer) * 1000:.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(bench(args.requests, args.concurrency, Path(tmp)))


if __name__ == "__main__":
    main()
