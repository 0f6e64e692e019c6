"""App Home publish server time: an ``app_home_opened`` event to the ``views.publish`` call,
through the real Bolt app (signed requests on its HTTP endpoint), the core and a SQLite
database holding a subscription and ``--practices`` shared best practices, against the fake
Slack on 127.0.0.1.

Prints p50/p99/max of (a) building the view (the core's answers to ``review`` and
``subscriptions``, the latest practices, the Block Kit) and (b) the event's arrival to the
``views.publish`` request reaching the fake (the server time Slack's client waits for); the CPU
time of each (the process's: bot, Bolt and fake together), which waiting for a core on a loaded
machine does not inflate as it does wall time; the SQL statements one Home costs; and the load
average before and after.

    .venv/bin/python bench/slack_home.py [--opens 300] [--practices 500]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.slack.adapter import SlackAdapter
from adapters.slack.testing.fake import FakeSlack, app_home_opened, sign
from bench.stats import percentile
from bot.app.assembly import build_core
from bot.base.settings import Settings
from bot.core.incoming import Incoming


async def bench(opens: int, practices: int, data_dir: Path) -> None:
    fake = FakeSlack()
    await fake.start()
    core = build_core(Settings(data_dir=data_dir))
    slack = SlackAdapter(core, fake.http_config())
    await slack.start()
    url = f"http://127.0.0.1:{slack.port}/slack/events"
    try:
        for i in range(practices):
            typed = f"practice #{i} share financial intelligence across borders, case {i} of many"
            m = Incoming(platform="slack", chat_id="C0GENERAL", user_id=f"U{i % 40}", text=typed)
            await core.handle(m)
        dm = Incoming(platform="slack", chat_id="D0ANA", user_id="U0ANA", text="subscribe")
        await core.handle(dm)
        statements = 0

        def count(*_: object) -> None:
            nonlocal statements
            statements += 1

        engine = (await core.database()).engine.sync_engine
        event.listen(engine, "before_cursor_execute", count)
        await slack.home_view("U0ANA", "D0ANA")
        per_home = statements
        event.remove(engine, "before_cursor_execute", count)
        build: list[float] = []
        build_cpu: list[float] = []
        for _ in range(opens):
            t0, c0 = time.perf_counter(), time.process_time()
            await slack.home_view("U0ANA", "D0ANA")
            build.append(time.perf_counter() - t0)
            build_cpu.append(time.process_time() - c0)
        served: list[float] = []
        served_cpu: list[float] = []
        statements = 0
        event.listen(engine, "before_cursor_execute", count)
        async with aiohttp.ClientSession() as http:
            for i in range(opens):
                body = app_home_opened(channel="D0ANA")
                headers = {"Content-Type": "application/json", **sign(body)}
                t0, c0 = time.perf_counter(), time.process_time()
                async with http.post(url, data=body.encode(), headers=headers) as r:
                    await r.read()
                (*_, last) = await fake.wait_for("views.publish", i + 1, timeout=30)
                served.append(last.at - t0)
                served_cpu.append(time.process_time() - c0)
        event.remove(engine, "before_cursor_execute", count)
        per_event = statements / opens
        blocks = len(fake.homes["U0ANA"]["blocks"])
    finally:
        await slack.stop()
        await core.close()
        await fake.stop()

    print(f"slack App Home bench: {opens} opens, {practices} practices, {blocks} blocks in view")
    print(
        f"  SQL statements per Home: {per_home} to build it, "
        f"{per_event:.1f} from the event's arrival to the publish (its claims included)"
    )
    for name, xs in (
        ("build view", build),
        ("  CPU", build_cpu),
        ("event -> views.publish", served),
        ("  CPU (to the answer)", served_cpu),
    ):
        print(
            f"  {name:24s} p50 {percentile(xs, 0.5) * 1000:6.1f} ms   "
            f"p99 {percentile(xs, 0.99) * 1000:6.1f} ms   "
            f"max {max(xs) * 1000:6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opens", type=int, default=300)
    parser.add_argument("--practices", type=int, default=500)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(bench(args.opens, args.practices, Path(tmp)))
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
