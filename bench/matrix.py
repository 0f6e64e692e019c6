"""The outbox draining to Matrix against a real Synapse: the real worker (default settings),
the real Matrix sender (matrix-nio, the production pacing) and a throw-away Synapse on
127.0.0.1 (``adapters.matrix.testing.synapse``), its ``rc_message`` left at Synapse's own
default (0.2 messages a second after a burst of 10, per user).

Two runs, each on a fresh SQLite database, to the same ``--rooms`` rooms (100) the bot is in:

1. *defaults*: one message a room, for ``--window`` seconds (60; a full drain at 0.2/s would
   take minutes): the rate Synapse lets through, its 429s (``M_LIMIT_EXCEEDED``), and whether
   any row spent its retry budget (a rate limit must not: every row still pending or sent);
2. *lifted*: the bot's account exempted through the admin API (``override_ratelimit`` 0/0, as
   the README's set-up asks of the server's admin), ``--per-room`` messages a room (3), drained
   to the end: messages per second, which is then the bot's own bulk pace (10/s).

Messages are counted at the homeserver (each room's timeline, as a member reads it), and the
rate is first to last ``origin_server_ts``.

    .venv/bin/python -m bench.matrix [--rooms 100] [--per-room 3] [--window 60]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from nio import AsyncClient, AsyncClientConfig  # noqa: E402

from adapters.matrix.sender import MatrixSender  # noqa: E402
from adapters.matrix.testing import synapse as hs  # noqa: E402
from bot.base.clock import SystemClock  # noqa: E402
from bot.outbox.queue import enqueue  # noqa: E402
from bot.outbox.sender import RetryLater  # noqa: E402
from bot.outbox.stats import outbox_stats  # noqa: E402
from bot.outbox.worker import DeliveryWorker  # noqa: E402
from messages.model import Heading, Paragraph, Reply, text  # noqa: E402
from storage.db import Database  # noqa: E402


class Counting(MatrixSender):
    """The production sender, counting the rate limits it reports to the worker."""

    limited = 0

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        try:
            return await super().send(chat_id, reply)
        except RetryLater as e:
            if "M_LIMIT_EXCEEDED" in str(e):
                self.limited += 1
            raise


def delivered(server: hs.Synapse, bot: hs.Account, rooms: list[str], tag: str) -> list[int]:
    """The send times (ms) of the bot's messages of this run, at the homeserver."""
    stamps = []
    for room in rooms:
        path = f"/_matrix/client/v3/rooms/{room}/messages?dir=b&limit=100"
        for event in server.request("GET", path, token=bot.access_token)["chunk"]:
            body = event.get("content", {}).get("body", "")
            if event.get("type") == "m.room.message" and tag in body:
                stamps.append(int(event["origin_server_ts"]))
    return sorted(stamps)


async def run(
    name: str,
    server: hs.Synapse,
    bot: hs.Account,
    rooms: list[str],
    per_room: int,
    tmp: Path,
    *,
    window: float | None,
) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp / f'{name}.db'}")
    await db.start()
    clock = SystemClock()
    async with db.session() as s:
        for n in range(per_room):  # in rounds, room after room
            for room in rooms:
                await enqueue(
                    s,
                    purpose="reminder",
                    platform="matrix",
                    chat_id=room,
                    occurrence=f"{name}-{n}",
                    reply=Reply.of(Heading("Reminder"), Paragraph(text(f"{name} {n} {room}"))),
                    now=clock.now(),
                )
        await s.commit()
    client = AsyncClient(
        server.url,
        bot.user_id,
        config=AsyncClientConfig(max_limit_exceeded=0, max_timeouts=0, request_timeout=60),
    )
    client.access_token = bot.access_token
    sender = Counting(client)
    worker = DeliveryWorker(db, {"matrix": sender}, clock)
    expected = per_room * len(rooms)
    started = time.perf_counter()
    cpu = time.process_time()
    await worker.start()
    try:
        while True:
            await asyncio.sleep(0.5)
            elapsed = time.perf_counter() - started
            stats = await outbox_stats(db, clock.now())
            if stats.count("sent") >= expected or (window is not None and elapsed >= window):
                break
            if elapsed > 600:
                print(f"  {name}: not drained after 600 s")
                break
    finally:
        await worker.stop()
        await client.close()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    stats = await outbox_stats(db, clock.now())
    await db.close()
    stamps = delivered(server, bot, rooms, name)
    rate = (len(stamps) - 1) / max(1e-9, (stamps[-1] - stamps[0]) / 1000) if stamps else 0.0
    print(
        f"  {name}: {len(stamps)} of {expected} delivered in {elapsed:.1f} s"
        f"{' (the window)' if window is not None else ''}: {rate:.2f} messages/s at the "
        f"homeserver; {sender.limited} M_LIMIT_EXCEEDED; rows sent {stats.count('sent')}, "
        f"pending {stats.count('pending') + stats.count('sending')}, dead {stats.count('dead')}; "
        f"CPU {1000 * cpu / max(1, len(stamps)):.1f} ms a message"
    )


def _create_room(server: hs.Synapse, token: str) -> str:
    """A room of the bot's, waiting out Synapse's own limit on creating rooms (set-up, not
    the measured drain)."""
    while True:
        try:
            made = server.request(
                "POST", "/_matrix/client/v3/createRoom", {"preset": "private_chat"}, token
            )
            return str(made["room_id"])
        except hs.MatrixError as e:
            if e.status != 429:
                raise
            time.sleep(e.body.get("retry_after_ms", 1000) / 1000)


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.ERROR)
    hs.install()
    with (
        tempfile.TemporaryDirectory() as tmp,
        hs.running(
            Path(tmp) / "synapse",
            config_overrides={"rc_message": None},  # Synapse's default
        ) as server,
    ):
        server.register("admin", admin=True)
        bot = server.register("bot", displayname="Coalition bot")
        limits = f"/_synapse/admin/v1/users/{bot.user_id}/override_ratelimit"
        admin = server.accounts["admin"].access_token
        # The rooms are set-up, not the measure: made without Synapse's limits, which are
        # then put back for the first run.
        server.request("POST", limits, {"messages_per_second": 0, "burst_count": 0}, token=admin)
        rooms = [_create_room(server, bot.access_token) for _ in range(args.rooms)]
        server.request("DELETE", limits, None, token=admin)
        print(f"Synapse {server.url}, {args.rooms} rooms")
        await run("defaults", server, bot, rooms, 1, Path(tmp), window=args.window)
        await asyncio.sleep(5)  # let Synapse's bucket refill a little; no effect once exempt
        server.request(
            "POST",
            f"/_synapse/admin/v1/users/{bot.user_id}/override_ratelimit",
            {"messages_per_second": 0, "burst_count": 0},
            token=server.accounts["admin"].access_token,
        )
        await run("lifted", server, bot, rooms, args.per_room, Path(tmp), window=None)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--per-room", type=int, default=3)
    parser.add_argument("--window", type=float, default=60.0)
    asyncio.run(main(parser.parse_args()))
