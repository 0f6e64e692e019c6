"""Delivery under faults: the real ``coalition-bot run`` (a subprocess, or two) against the fake
Telegram and Slack servers, with hundreds of messages queued in its database, while this
script injects faults between the bot and the platforms (a proxy in front of each fake) or
kills the bot. For each scenario it prints what was expected, delivered, lost, duplicated
and dead-lettered, and the time to drain.

Scenarios (all at production settings; ``COALITION_TIME_FACTOR`` runs the bot's clock, and
every fault's duration, that many times faster where a scenario says so):

    a  10 SIGKILLs mid-delivery, a restart after each
    c  a 30-minute outage of both platforms (503), then a 10-minute 429 storm (Retry-After 1)
    d  Telegram's sendMessage hanging for 90 seconds while Slack works
    f  two instances on one database throughout

    .venv/bin/python -m bench.faults [--scenarios acdf] [--messages 300]
        [--tree PATH]   run that checkout's bot instead (e.g. an old commit, for "before")
        [--database postgresql]   each scenario in a database of its own on a throw-away
                        PostgreSQL cluster (storage/testing/faults.py) instead of a SQLite file

Each row ends with the load average at its end (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.testing.helpers import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.slack.testing.fake import BOT_TOKEN, SIGNING_SECRET, FakeSlack  # noqa: E402
from adapters.telegram.testing.fake import TOKEN, FakeTelegram  # noqa: E402
from messages.model import Heading, Paragraph, Reply, text  # noqa: E402
from messages.serialize import to_json  # noqa: E402
from storage.testing.faults import ThrowAwayCluster  # noqa: E402

SEND = {"sendmessage", "chat.postMessage"}


@dataclass
class Fault:
    kind: str  # "429", "down", "hang"
    start: float  # loop time
    end: float
    platforms: frozenset[str]
    retry_after: int = 1


@dataclass
class Proxy:
    """Forwards the bot's calls to a fake platform, except a send while a fault is on."""

    platform: str
    upstream: str
    latency: float = 0.0  # real seconds added to every send
    faults: list[Fault] = field(default_factory=list)
    port: int = 0
    refused: int = 0
    _runner: web.AppRunner | None = None
    _session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def _fault(self) -> Fault | None:
        now = asyncio.get_running_loop().time()
        for f in self.faults:
            if self.platform in f.platforms and f.start <= now < f.end:
                return f
        return None

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.path.rstrip("/").rsplit("/", 1)[-1]
        body = await request.read()
        if method in SEND or method.lower() in SEND:
            fault = self._fault()
            if fault is not None and fault.kind == "hang":
                await asyncio.sleep(fault.end - asyncio.get_running_loop().time())
            elif fault is not None:
                self.refused += 1
                return self._refusal(fault)
            if self.latency:
                await asyncio.sleep(self.latency)
        assert self._session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in {"host"}}
        async with self._session.request(
            request.method, self.upstream + request.path_qs, data=body, headers=headers
        ) as r:
            data = await r.read()
            return web.Response(
                body=data, status=r.status, content_type=r.content_type or "application/json"
            )

    def _refusal(self, fault: Fault) -> web.Response:
        if self.platform == "telegram":
            code, text_ = (
                (429, "Too Many Requests: retry after 1")
                if fault.kind == "429"
                else (
                    502,
                    "Bad Gateway",
                )
            )
            payload: dict[str, Any] = {"ok": False, "error_code": code, "description": text_}
            if fault.kind == "429":
                payload["parameters"] = {"retry_after": fault.retry_after}
            return web.json_response(payload, status=code)
        if fault.kind == "429":
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(fault.retry_after)},
            )
        return web.Response(status=503, text="Service Unavailable")


class Store:
    """Where a scenario's bot keeps its outbox: a SQLite file, or a database of its own on a
    throw-away PostgreSQL cluster."""

    def __init__(self, tmp: Path, cluster: ThrowAwayCluster | None, name: str) -> None:
        self.path = tmp / f"{name}.db"
        self.cluster = cluster
        self.name = f"faults_{name}_{os.getpid()}"

    @property
    def url(self) -> str:
        if self.cluster is None:
            return f"sqlite+aiosqlite:///{self.path}"
        return self.cluster.url.rsplit("/", 1)[0] + f"/{self.name}"

    def _psql(self, sql: str, database: str = "postgres") -> str:
        assert self.cluster is not None
        return self.cluster.psql(sql, database)

    def create(self) -> None:
        if self.cluster is not None:
            self._psql(f'CREATE DATABASE "{self.name}"')

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        columns = (
            "dedupe_key, purpose, platform, chat_id, payload, status, attempts, "
            "next_attempt_at, created_at"
        )
        if self.cluster is None:
            with sqlite3.connect(self.path) as c:
                c.executemany(
                    f"INSERT INTO outbox ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
            return
        values = ",\n".join(
            "(" + ", ".join(_literal(v) for v in r[:7]) + f", '{r[7]}+00', '{r[8]}+00')"
            for r in rows
        )
        self._psql(f"INSERT INTO outbox ({columns}) VALUES {values}", self.name)

    def statuses(self) -> collections.Counter[str]:
        sql = "SELECT status, count(*) FROM outbox GROUP BY status"
        if self.cluster is None:
            with sqlite3.connect(self.path) as c:
                return collections.Counter(dict(c.execute(sql).fetchall()))
        out = self._psql(sql, self.name)
        pairs = (line.split("|") for line in out.splitlines() if "|" in line)
        return collections.Counter({k: int(v) for k, v in pairs})


def _literal(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


def prepare(tree: Path, python: str, store: Store, env: dict[str, str], messages: int) -> list[str]:
    """Migrates the database with the bot under test (``outbox list``), then queues
    ``messages`` rows per platform, one per chat; the chat ids."""
    store.create()
    subprocess.run(
        [python, "-m", "bot.app.cli", "outbox", "list"],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
    )
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    chats: list[str] = []
    rows = []
    for i in range(messages):
        for platform, chat in (("telegram", str(7_000_000 + i)), ("slack", f"CB{i:06d}")):
            payload = json.dumps(
                to_json(Reply.of(Heading(f"fault bench {chat}"), Paragraph(text("x"))))
            )
            key = f"bench:{platform}:{chat}:1"
            rows.append((key, "bench", platform, chat, payload, "pending", 0, now, now))
            chats.append(f"{platform}:{chat}")
    store.insert(rows)
    return chats


@dataclass
class Result:
    scenario: str
    expected: int
    delivered: int
    lost: int
    duplicated: int
    dead: int
    drain: float
    note: str = ""

    def row(self) -> str:
        return (
            f"| {self.scenario} | {self.expected} | {self.delivered} | {self.lost} | "
            f"{self.duplicated} | {self.dead} | {self.drain:.0f} s | {self.note}; {load()} |"
        )


class Bench:
    def __init__(
        self, tree: Path, python: str, messages: int, factor: float, database: str
    ) -> None:
        self.database = database
        self.cluster: ThrowAwayCluster | None = None
        self.tree = tree
        self.python = python
        self.messages = messages
        self.factor = factor
        self.tmp = Path(tempfile.mkdtemp(prefix="faults-"))
        self.telegram = FakeTelegram(flood=None)
        self.slack = FakeSlack()
        self.procs: list[subprocess.Popen[bytes]] = []

    async def __aenter__(self) -> Bench:
        if self.database == "postgresql":
            self.cluster = ThrowAwayCluster()
            await asyncio.to_thread(self.cluster.init)
            await self.cluster.astart()
        await self.telegram.start()
        await self.slack.start()
        self.tg_proxy = Proxy("telegram", self.telegram.base_url, latency=0.02)
        self.slack_proxy = Proxy("slack", f"http://127.0.0.1:{self.slack.port}", latency=0.02)
        await self.tg_proxy.start()
        await self.slack_proxy.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        await self.tg_proxy.stop()
        await self.slack_proxy.stop()
        await self.telegram.stop()
        await self.slack.stop()
        if self.cluster is not None:
            await asyncio.to_thread(self.cluster.remove)

    def env(self, store: Store, factor: float) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
        env.update(
            DATABASE_URL=store.url,
            COALITION_DATA_DIR=str(self.tmp),
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{self.tg_proxy.port}",
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_BASE_URL=f"http://127.0.0.1:{self.slack_proxy.port}/api/",
            SLACK_HTTP_HOST="127.0.0.1",
            SLACK_HTTP_PORT=str(free_port()),
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(self.tree),
        )
        if factor != 1:
            env["COALITION_TIME_FACTOR"] = f"{factor:g}"
        return env

    def start_bot(self, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
        env = {**env, "SLACK_HTTP_PORT": str(free_port())}
        p = subprocess.Popen(
            [self.python, "-m", "bot.app.cli", "run"],
            cwd=self.tree,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("ab"),
        )
        self.procs.append(p)
        return p

    def accepted(self) -> collections.Counter[str]:
        seen: collections.Counter[str] = collections.Counter()
        for call in self.telegram.calls:
            if call.method.lower() == "sendmessage" and call.error_code is None:
                seen[f"telegram:{call.params.get('chat_id')}"] += 1
        for call in self.slack.calls:
            if call.method == "chat.postMessage":  # the proxy keeps refusals from the fake
                seen[f"slack:{call.params.get('channel')}"] += 1
        return seen

    def reset(self) -> None:
        self.telegram.calls.clear()
        self.slack.calls.clear()
        self.tg_proxy.faults.clear()
        self.slack_proxy.faults.clear()

    async def wait_drained(self, chats: list[str], timeout: float) -> float:
        started = time.monotonic()
        wanted = set(chats)
        while time.monotonic() - started < timeout:
            if wanted <= set(self.accepted()):
                break
            await asyncio.sleep(0.1)
        return time.monotonic() - started

    def result(self, name: str, chats: list[str], store: Store, drain: float, note: str) -> Result:
        got = self.accepted()
        delivered = sum(1 for c in chats if got[c])
        return Result(
            name,
            len(chats),
            delivered,
            len(chats) - delivered,
            sum(max(0, got[c] - 1) for c in chats),
            store.statuses()["dead"],
            drain,
            note,
        )

    def stop_bot(self, p: subprocess.Popen[bytes]) -> None:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=90)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    async def scenario(self, name: str) -> Result:
        self.reset()
        store = Store(self.tmp, self.cluster, name)
        log = self.tmp / f"{name}.log"
        factor = self.factor if name == "c" else 1
        env = self.env(store, factor)
        chats = prepare(self.tree, self.python, store, env, self.messages // 2)
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        if name == "a":
            bot = self.start_bot(env, log)
            kills = 0
            step = len(chats) // 11
            while kills < 10 and time.monotonic() - started < 600:
                if sum(self.accepted().values()) >= step * (kills + 1):
                    bot.kill()  # SIGKILL, mid-delivery
                    bot.wait()
                    kills += 1
                    bot = self.start_bot(env, log)
                await asyncio.sleep(0.02)
            drain = await self.wait_drained(chats, 900)
            self.stop_bot(bot)
            note = f"{kills} SIGKILLs, a restart after each"
        elif name == "c":
            outage, storm = 30 * 60 / factor, 10 * 60 / factor
            t0 = loop.time() + 3  # after the bot has started
            both = frozenset({"telegram", "slack"})
            for proxy in (self.tg_proxy, self.slack_proxy):
                proxy.faults = [
                    Fault("down", t0, t0 + outage, both),
                    Fault("429", t0 + outage, t0 + outage + storm, both),
                ]
            bot = self.start_bot(env, log)
            drain = await self.wait_drained(chats, 900)
            self.stop_bot(bot)
            refused = self.tg_proxy.refused + self.slack_proxy.refused
            note = f"30 min 503 then 10 min 429 at clock x{factor:g}; {refused} sends refused"
        elif name == "d":
            t0 = loop.time()
            self.tg_proxy.faults = [Fault("hang", t0, t0 + 90, frozenset({"telegram"}))]
            bot = self.start_bot(env, log)
            slack_chats = [c for c in chats if c.startswith("slack:")]
            slack_drain = await self.wait_drained(slack_chats, 600)
            drain = await self.wait_drained(chats, 900)
            self.stop_bot(bot)
            note = f"Telegram's sends hang 90 s; Slack drained in {slack_drain:.0f} s"
        elif name == "f":
            bots = [self.start_bot(env, log), self.start_bot(env, log)]
            drain = await self.wait_drained(chats, 900)
            for b in bots:
                self.stop_bot(b)
            note = f"two processes, one {'PostgreSQL' if self.cluster else 'SQLite'} database"
        else:
            raise SystemExit(f"unknown scenario {name!r}")
        drain = time.monotonic() - started  # from the first start to the last message
        await asyncio.sleep(0.5)
        return self.result(name, chats, store, drain, note)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", default="acdf")
    parser.add_argument("--messages", type=int, default=300, help="per scenario, both platforms")
    parser.add_argument("--factor", type=float, default=30.0, help="clock factor for c")
    parser.add_argument("--tree", type=Path, default=ROOT)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    print(f"at the start: {load()}", flush=True)
    print("| scenario | expected | delivered | lost | duplicated | dead | time to drain | notes |")
    print("|---|---|---|---|---|---|---|---|")
    bench = Bench(args.tree.resolve(), args.python, args.messages, args.factor, args.database)
    async with bench:
        for name in args.scenarios:
            result = await bench.scenario(name)
            print(result.row(), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
