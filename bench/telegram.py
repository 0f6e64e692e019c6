"""Updates through the Telegram adapter: the real python-telegram-bot Application polling our
fake Bot API on 127.0.0.1, the core, a SQLite database, and the answers posted back.

Two runs over 200 private chats:

* saturated: every chat sends its next message as soon as the bot has answered the last one,
  so the bot always has 200 updates in hand: the most it sustains, in updates per second;
* paced: the chats together send a fixed rate below that (default 100 a second), the load a
  busy coalition would be: the latency an update sees when the bot is not overloaded.

Latency runs from the moment getUpdates hands an update out to the moment the bot's
sendMessage for it reaches the server. The fake server runs in the same process and event
loop, so its own work is in the figures. Telegram's sending limits are off unless --limits
(with them, the overall 30 messages a second is the ceiling, by design).

    .venv/bin/python bench/telegram.py [--chats 200] [--per-chat 10] [--rate 100] [--seconds 12]
    (or .venv/bin/python -m bench.telegram ...)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# python-telegram-bot package (``telegram``): put the project root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from adapters.telegram.adapter import install  # noqa: E402
from adapters.telegram.config import TelegramConfig  # noqa: E402
from adapters.telegram.limits import TELEGRAM_LIMITS  # noqa: E402
from adapters.telegram.testing.fake import Call, FakeTelegram, private_chat, user  # noqa: E402
from bench.stats import percentile  # noqa: E402
from bot.app.assembly import build_core  # noqa: E402
from bot.base.settings import Settings  # noqa: E402
from bot.core.runtime import Runtime  # noqa: E402

WORDS = [
    "paragraph 3e",
    "search financing",
    "pillars 2",
    "3(e)",
    "preamble 2",
    "about",
    "/paragraph 4a-c",
    "/start paragraph_8",
]


class Traffic:
    """Members writing to the bot, and the time each update waited for its answer."""

    def __init__(self, fake: FakeTelegram, chats: int) -> None:
        self.fake = fake
        self.members = [user(500_000 + i, f"Member{i}") for i in range(chats)]
        # One chat's answers come in the order it asked, so the first waiting update is
        # the one each sendMessage answers.
        self.waiting: dict[int, collections.deque[tuple[int, asyncio.Future[float]]]] = (
            collections.defaultdict(collections.deque)
        )
        self.latencies: list[float] = []
        fake.listeners.append(self._on_call)

    def _on_call(self, call: Call) -> None:
        if call.method != "sendMessage":
            return
        queue = self.waiting.get(call.params["chat_id"])
        if queue:
            update_id, answered = queue.popleft()
            self.latencies.append(call.at - self.fake.served_at[update_id])
            answered.set_result(call.at)

    def send(self, i: int, k: int) -> asyncio.Future[float]:
        member = self.members[i]
        self.fake.message(private_chat(member), member, WORDS[(i + k) % len(WORDS)])
        answered: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[member["id"]].append((self.fake.last_update_id, answered))
        return answered

    async def one_chat(self, i: int, count: int) -> None:
        for k in range(count):
            await asyncio.wait_for(self.send(i, k), 60)


def report(title: str, latencies: list[float], count: int, elapsed: float) -> None:
    ms = [x * 1000 for x in latencies]
    print(title)
    print(f"  updates handled per second: {count / elapsed:,.0f} ({count} in {elapsed:.2f} s)")
    print(
        "  getUpdates -> sendMessage: "
        f"p50 {statistics.median(ms):.1f} ms, p90 {percentile(ms, 0.9):.1f} ms, "
        f"p99 {percentile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms"
    )


async def bench(args: argparse.Namespace) -> None:
    fake = await FakeTelegram(flood=None).start()
    folder = tempfile.TemporaryDirectory(prefix="bench-telegram-")
    core = build_core(Settings(data_dir=Path(folder.name)))
    runtime = Runtime(core)
    config = TelegramConfig(token=fake.token, api_base_url=fake.base_url, poll_timeout=10)
    limits = TELEGRAM_LIMITS if args.limits else None
    install(runtime, config, limits=limits, request_timeout=60, connection_pool=args.pool)
    await runtime.start()
    traffic = Traffic(fake, args.chats)
    chats = range(args.chats)
    limited = ", Telegram sending limits ON" if args.limits else ""
    try:
        # Warm-up: every chat writes once (first sight records a chat and a member).
        await asyncio.gather(*(traffic.one_chat(i, 1) for i in chats))
        traffic.latencies.clear()

        started = time.perf_counter()
        await asyncio.gather(*(traffic.one_chat(i, args.per_chat) for i in chats))
        elapsed = time.perf_counter() - started
        report(
            f"Saturated: {args.chats} chats, each asking again once answered{limited}",
            traffic.latencies,
            len(traffic.latencies),
            elapsed,
        )

        traffic.latencies.clear()
        total = round(args.rate * args.seconds)
        pending: list[asyncio.Future[float]] = []
        started = time.perf_counter()
        for n in range(total):
            delay = started + n / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            pending.append(traffic.send(n % args.chats, n // args.chats))
        await asyncio.wait_for(asyncio.gather(*pending), 60)
        elapsed = time.perf_counter() - started
        report(
            f"Paced: {args.rate:g} updates a second spread over {args.chats} chats{limited}",
            traffic.latencies,
            total,
            elapsed,
        )
    finally:
        await runtime.stop()
        await fake.stop()
        folder.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--per-chat", type=int, default=10, help="saturated run: per chat")
    parser.add_argument("--rate", type=float, default=100.0, help="paced run: updates/second")
    parser.add_argument("--seconds", type=float, default=12.0, help="paced run: how long")
    parser.add_argument("--limits", action="store_true", help="enforce Telegram's send limits")
    parser.add_argument("--pool", type=int, default=32, help="HTTP connections to the API")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(bench(args))


if __name__ == "__main__":
    main()
