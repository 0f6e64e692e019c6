"""CPU per update of a first contact: the real ``coalition-bot run`` beside a minimal
python-telegram-bot + slack-bolt echo app (bench/echo_app.py), each in its own process against
its own fake Telegram and fake Slack (adapters/*/testing/fake.py, in this process, so the
fakes' work is not counted).

For each app and platform, phases of updates alternate between *known* chats (a pool of chats
and members that have written before) and *new* ones (a chat and a member never seen); the CPU
time the app's process spent (user + system, from /proc, all threads: the database thread too)
divided by the updates is its cost per update. Rounds alternate the apps too, so a change of load
on a shared machine falls on all of them alike. ``--tree`` adds another checkout of the bot (say
the commit before a change) as one more app, so before and after are measured in one run.

Telegram: private text messages, polled (getUpdates → sendMessage). Slack: signed slash commands
to the HTTP endpoint, answered through the response_url. ``--concurrency`` updates in flight per
platform.

    .venv/bin/python -m bench.contact [--updates 1000] [--rounds 3] [--tree before=/tmp/before]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import itertools
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from bot.testing.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.slack.testing.fake import (  # noqa: E402
    BOT_TOKEN,
    SIGNING_SECRET,
    Call,
    FakeSlack,
    sign,
    slash_command,
)
from adapters.telegram.testing.fake import FakeTelegram, private_chat, user  # noqa: E402

TEXT = "paragraph 3e"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


class Fakes:
    """One fake Telegram and one fake Slack for one app, with the waiting done by chat (Telegram)
    and by response_url key (Slack). The fakes' records of past calls are dropped as they come,
    so a long run does not fill this process's memory."""

    def __init__(self) -> None:
        self.telegram = FakeTelegram(flood=None)
        self.slack = FakeSlack()
        # One chat's answers come in the order it asked (a known chat may have two in flight).
        self._telegram_waiting: dict[int, collections.deque[asyncio.Future[None]]] = {}
        self._slack_waiting: dict[str, asyncio.Future[None]] = {}
        self._keys = itertools.count(1)
        self.http: aiohttp.ClientSession | None = None
        self.slack_port = 0
        self.unanswered: list[str] = []  # updates with no answer within 60 s

    async def start(self) -> Fakes:
        await self.telegram.start()
        await self.slack.start()
        self.telegram.listeners.append(self._on_telegram)
        record = self.slack._record

        async def on_slack(call: Call) -> None:
            if call.method == "response_url":
                waiting = self._slack_waiting.pop(call.params["key"], None)
                if waiting is not None and not waiting.done():
                    waiting.set_result(None)
                return
            await record(call)

        self.slack._record = on_slack  # type: ignore[method-assign]
        self.http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256))
        return self

    async def stop(self) -> None:
        if self.http is not None:
            await self.http.close()
        await self.telegram.stop()
        await self.slack.stop()

    def forget(self) -> None:
        """Drops what the fakes remember of past calls and messages."""
        t = self.telegram
        t.calls.clear()
        t.messages.clear()
        t.served_at.clear()
        t.chats.clear()
        t._message_ids.clear()
        self.slack.calls.clear()

    def _on_telegram(self, call: Any) -> None:
        if call.method == "sendMessage":
            chat = int(call.params["chat_id"])
            queue = self._telegram_waiting.get(chat)
            if queue:
                waiting = queue.popleft()
                if not queue:
                    del self._telegram_waiting[chat]
                if not waiting.done():
                    waiting.set_result(None)

    async def telegram_update(self, uid: int, text: str = TEXT) -> None:
        """A private message from member ``uid``, answered."""
        member = user(uid, f"Member{uid}")
        answered = asyncio.get_running_loop().create_future()
        self._telegram_waiting.setdefault(uid, collections.deque()).append(answered)
        self.telegram.message(private_chat(member), member, text)
        update_id = self.telegram.last_update_id
        try:
            await asyncio.wait_for(answered, 60)
        except TimeoutError:
            self.unanswered.append(f"telegram update {update_id} from {uid}")

    async def slack_update(self, n: int, text: str = TEXT) -> None:
        """A slash command from user U{n} in channel C{n}, answered."""
        assert self.http is not None
        key = f"k{next(self._keys)}"
        answered = asyncio.get_running_loop().create_future()
        self._slack_waiting[key] = answered
        body = slash_command(
            text, response_url=self.slack.response_url(key), user=f"U{n}", channel=f"C{n}"
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        url = f"http://127.0.0.1:{self.slack_port}/slack/events"
        async with self.http.post(url, data=body.encode(), headers=headers) as r:
            await r.read()
            if r.status != 200:
                raise RuntimeError(f"slack endpoint answered {r.status}")
        try:
            await asyncio.wait_for(answered, 60)
        except TimeoutError:
            self._slack_waiting.pop(key, None)
            self.unanswered.append(f"slack command {key} from U{n}")


@dataclass
class App:
    """An app under test in its own process, with its own fakes."""

    name: str
    command: list[str]
    cwd: Path
    env: dict[str, str]
    fakes: Fakes
    log: Path
    process: subprocess.Popen[bytes] | None = None
    cpu: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    idle: float = 0.0  # CPU seconds per second with nothing to do (timers, pollers)

    async def start(self) -> None:
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("ab"),
        )
        await self.ready()

    async def ready(self, timeout: float = 180) -> None:
        """Both platforms answer (the first answers also open the database)."""
        deadline = time.monotonic() + timeout
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited {self.process.returncode}: see {self.log}")
            try:
                await self.fakes.slack_update(1, "about")
                break
            except (aiohttp.ClientError, RuntimeError, OSError):
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.3)
        await self.fakes.telegram_update(1, "about")

    def cpu_seconds(self) -> float:
        assert self.process is not None
        return cpu_seconds(self.process.pid)

    def rss_mb(self) -> float:
        assert self.process is not None
        return rss_mb(self.process.pid)

    async def stop(self) -> int:
        """SIGTERM, as a service manager stops it; its exit status."""
        if self.process is None:
            return 0
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        for _ in range(300):
            if self.process.poll() is not None:
                return self.process.returncode
            await asyncio.sleep(0.1)
        self.process.kill()
        return self.process.wait()


def bot_env(tree: Path, fakes: Fakes, data: Path, **extra: str) -> dict[str, str]:
    """The environment of ``coalition-bot run`` from ``tree`` against ``fakes``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "SLACK_", "COALITION_", "DATABASE_URL", "OUTBOX_"))
    }
    env.update(
        COALITION_DATA_DIR=str(data),
        TELEGRAM_BOT_TOKEN=fakes.telegram.token,
        TELEGRAM_API_BASE_URL=fakes.telegram.base_url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=fakes.slack.base_url,
        SLACK_HTTP_HOST="127.0.0.1",
        SLACK_HTTP_PORT=str(fakes.slack_port),
        COALITION_HEALTH_PORT="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(tree),
        **extra,
    )
    return env


async def make_bot(name: str, tree: Path, work: Path, **extra: str) -> App:
    fakes = await Fakes().start()
    fakes.slack_port = free_port()
    data = work / name
    data.mkdir(parents=True, exist_ok=True)
    return App(
        name,
        [sys.executable, "-m", "bot.app.cli", "run"],
        tree,
        bot_env(tree, fakes, data, **extra),
        fakes,
        work / f"{name}.log",
    )


async def make_echo(work: Path) -> App:
    fakes = await Fakes().start()
    fakes.slack_port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "bench.echo_app",
        fakes.telegram.base_url,
        fakes.telegram.token,
        fakes.slack.base_url,
        str(fakes.slack_port),
    ]
    return App("echo", command, ROOT, env, fakes, work / "echo.log")


class Chats:
    """Ids of chats (and of the member writing in each): a pool of known ones, and new ones
    that never repeat."""

    def __init__(self, known: int) -> None:
        self.known = known
        self._new = itertools.count(10_000_000)

    def new(self) -> Iterator[int]:
        return self._new

    def pool(self) -> Iterator[int]:
        return itertools.cycle(range(1_000, 1_000 + self.known))


async def drive(
    send: Callable[[int], Awaitable[None]], ids: Iterator[int], count: int, concurrency: int
) -> None:
    """``count`` updates, ``concurrency`` in flight, each worker taking the next id. With a
    known pool larger than ``concurrency`` no chat has two updates in flight."""

    async def worker(share: int) -> None:
        for _ in range(share):
            await send(next(ids))

    shares = [count // concurrency + (i < count % concurrency) for i in range(concurrency)]
    await asyncio.gather(*(worker(s) for s in shares if s))


async def phase(app: App, platform: str, ids: Iterator[int], count: int, conc: int) -> float:
    """CPU seconds of ``app`` per update over ``count`` updates, less what it spends idle in
    as long."""
    send = app.fakes.telegram_update if platform == "telegram" else app.fakes.slack_update
    await asyncio.sleep(0.2)  # let the last phase's background work (a flush) land in it
    before, began = app.cpu_seconds(), time.perf_counter()
    await drive(send, ids, count, conc)
    await asyncio.sleep(1.5)  # the flush of this phase's sightings is part of its cost
    spent = app.cpu_seconds() - before - app.idle * (time.perf_counter() - began)
    app.fakes.forget()
    return spent / count


async def measure_idle(app: App, seconds: float) -> None:
    before, began = app.cpu_seconds(), time.perf_counter()
    await asyncio.sleep(seconds)
    app.idle = (app.cpu_seconds() - before) / (time.perf_counter() - began)


def per_update(app: App, platform: str, kind: str) -> float:
    """Milliseconds of CPU per update: the median of the rounds; "both": the two platforms'
    medians averaged."""
    if platform == "both":
        return statistics.mean(per_update(app, p, kind) for p in ("telegram", "slack"))
    return statistics.median(app.cpu[(platform, kind)]) * 1e3


async def bench(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-contact-"))
    apps = [await make_echo(work)]
    for spec in args.tree:
        name, _, path = spec.partition("=")
        apps.append(await make_bot(name, Path(path).resolve(), work))
    apps.append(await make_bot("this", ROOT, work))
    chats = Chats(args.known)
    print(
        f"bench.contact: {args.updates} updates a phase, {args.concurrency} in flight, "
        f"{args.rounds} rounds; logs in {work}"
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        for app in apps:
            await app.start()  # a failed start is stopped below with the others
        # Warm-up: every known chat writes once, and some new ones (imports, caches).
        for app in apps:
            for platform in ("telegram", "slack"):
                await phase(
                    app,
                    platform,
                    iter(range(1_000, 1_000 + args.known)),
                    args.known,
                    args.concurrency,
                )
                await phase(app, platform, chats.new(), 200, args.concurrency)
        for app in apps:
            await measure_idle(app, args.idle)
        print(
            "idle CPU, subtracted from each phase (ms/s): "
            + ", ".join(f"{a.name} {a.idle * 1e3:.1f}" for a in apps)
        )
        for _ in range(args.rounds):
            for app in apps:
                for platform in ("telegram", "slack"):
                    for kind in ("known", "new"):
                        ids = chats.pool() if kind == "known" else chats.new()
                        took = await phase(app, platform, ids, args.updates, args.concurrency)
                        app.cpu.setdefault((platform, kind), []).append(took)
        rss = {app.name: app.rss_mb() for app in apps}
    finally:
        codes = {app.name: await app.stop() for app in apps}
        for app in apps:
            await app.fakes.stop()
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    echo = apps[0]
    print("\nCPU per update, median of the rounds (ms), and the ratio to the echo app's:")
    print("| app | platform | known chats | new chats | known / echo | new / echo | new / known |")
    print("|---|---|---|---|---|---|---|")
    for app in apps:
        for platform in ("telegram", "slack", "both"):
            known, new = per_update(app, platform, "known"), per_update(app, platform, "new")
            base_known = per_update(echo, platform, "known")
            base_new = per_update(echo, platform, "new")
            print(
                f"| {app.name} | {platform} | {known:.3f} | {new:.3f} | "
                f"{known / base_known:.2f}× | {new / base_new:.2f}× | {new / known:.2f}× |"
            )
    print("\nevery round (ms per update):")
    for app in apps:
        for (platform, kind), values in app.cpu.items():
            print(
                f"  {app.name:8} {platform:8} {kind:5} "
                + " ".join(f"{v * 1e3:.3f}" for v in values)
            )
    print(f"\nresident memory at the end (MB): {rss}; exit status on SIGTERM: {codes}")
    for app in apps:
        lost = app.fakes.unanswered
        print(f"{app.name}: {len(lost)} updates unanswered within 60 s {lost[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=1000, help="updates a phase")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--known", type=int, default=200, help="chats in the known pool")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds to measure idle CPU")
    parser.add_argument(
        "--tree",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="another checkout of the bot to measure beside this one (e.g. before=/tmp/before)",
    )
    asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    main()
