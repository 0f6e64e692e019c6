"""Two instances on one database against a real Synapse: when the one that syncs stops, dies or
freezes, the other takes the sync over within a minute, and every message a member sent is
answered exactly once (the answers are counted at the homeserver, as the member reads them).

Every duration is production's times FACTOR (1/30), so the ratios hold: the sync lease's 45 s
ttl and 15 s renewal (``LeaseTimes().scaled``), the sync's 30 s long poll, and the issue's
bound of a minute. The three ways to stop:

- *stops*: a clean stop releases the lease, so the standby takes over at its next try;
- *dies*: the process ends without releasing anything; the lease runs out on its own;
- *freezes*: the holder's database stops answering (a partition, a frozen proxy: PostgreSQL
  behind ``PausableProxy``), so it can renew nothing and write no sync token, while it stays
  up and its sync may go on answering until it notices its lease ran out. What it answered in
  that time, the other answers again from the last stored token, and the homeserver drops the
  repeat (the transaction id comes from the event answered, with the same access token)."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import pytest

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.config import MatrixConfig
from adapters.matrix.testing.fixtures import MATRIX, Cast
from adapters.matrix.testing.synapse import wait_until
from bot.app.assembly import build_core
from bot.base.settings import Settings
from storage.db import Database
from storage.leases import LeaseTimes
from storage.testing.faults import PausableProxy
from tests.test_matrix_conversation import env_for

pytestmark = MATRIX

FACTOR = 1 / 30
TIMES = LeaseTimes().scaled(FACTOR)  # ttl 1.5 s, renewed every 0.5 s
SYNC_TIMEOUT = 30.0 * FACTOR  # the long poll: 1 s
BOUND = 60.0 * FACTOR  # the minute: 2 s


def instance(cast: Cast, data: Path, db: Database | None = None) -> MatrixAdapter:
    """One instance of the bot: its own core (its own engine on the shared database)."""
    settings = Settings(data_dir=data, env=env_for(cast))
    core = build_core(settings, db=db)
    config = dataclasses.replace(MatrixConfig.from_settings(settings), sync_timeout=SYNC_TIMEOUT)
    return MatrixAdapter(core, config, sync_lease=TIMES)


async def stopped(adapter: MatrixAdapter) -> None:
    await adapter.stop()
    await adapter.core.close()


async def died(adapter: MatrixAdapter) -> None:
    """Ends the instance as a killed process would: nothing released, nothing written."""
    tasks = [t for t in (adapter._keeper, adapter._sync) if t is not None]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    adapter._keeper = adapter._sync = None
    await adapter.client.close()
    await adapter.core.close()


def answered(cast: Cast, room: str) -> list[str]:
    """The first line of every answer in the room, oldest first, as the member reads them."""
    return [e["content"]["body"].split("\n")[0] for e in cast.from_bot(room)]


async def answered_once(cast: Cast, room: str, expected: list[str]) -> None:
    await wait_until(lambda: len(answered(cast, room)) >= len(expected), timeout=10)
    await asyncio.sleep(SYNC_TIMEOUT)  # a long poll more: time for a repeat, were one coming
    assert answered(cast, room) == expected


async def syncing_pair(cast: Cast, a: MatrixAdapter, b: MatrixAdapter) -> tuple[str, list[str]]:
    """a syncs and has answered one message in a direct room; b stands by."""
    await a.start()
    await b.start()
    assert a.lease is not None and a.lease.held
    assert b.lease is not None and not b.lease.held
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in a.client.rooms, timeout=10)
    cast.say(cast.ana, room, "paragraph 3e")
    await wait_until(lambda: answered(cast, room), timeout=10)
    done = a.batches
    await wait_until(lambda: a.batches > done, timeout=10)  # its token is written
    assert b.batches == 0
    return room, ["Paragraph 3(e)"]


async def took_over(b: MatrixAdapter, since: float) -> float:
    await wait_until(lambda: b.lease is not None and b.lease.held and b.batches > 0, BOUND * 2)
    took = time.monotonic() - since
    print(f"takeover after {took / FACTOR:.0f} s (production seconds)")
    return took


@pytest.mark.parametrize("ending", ["stops", "dies"])
async def test_the_standby_takes_over_when_the_syncing_instance_ends(
    cast: Cast, tmp_path: Path, ending: str
) -> None:
    a, b = instance(cast, tmp_path), instance(cast, tmp_path)  # one SQLite database
    try:
        room, expected = await syncing_pair(cast, a, b)
        began = time.monotonic()
        await (stopped(a) if ending == "stops" else died(a))
        cast.say(cast.ana, room, "preamble 2")  # while no instance syncs
        took = await took_over(b, began)
        assert took <= (BOUND if ending == "dies" else TIMES.renew_every + SYNC_TIMEOUT)
        cast.say(cast.ana, room, "paragraph 8")  # after the takeover
        await answered_once(cast, room, [*expected, "Preamble 2", "Paragraph 8"])
    finally:
        await stopped(b)
        if a.lease is not None and a._keeper is not None:
            await stopped(a)


@pytest.mark.postgres
async def test_the_standby_takes_over_when_the_syncing_instance_freezes(
    cast: Cast, tmp_path: Path, behind_proxy: tuple[Database, Database, PausableProxy]
) -> None:
    a_db, b_db, proxy = behind_proxy
    a, b = instance(cast, tmp_path / "a", a_db), instance(cast, tmp_path / "b", b_db)
    try:
        room, expected = await syncing_pair(cast, a, b)
        proxy.pause()  # a stays up but can renew nothing and write no token
        began = time.monotonic()
        cast.say(cast.ana, room, "preamble 2")  # a may still answer this one
        took = await took_over(b, began)
        assert took <= BOUND
        assert a.lease is not None and not a.lease.held  # a counts itself holder no longer
        await wait_until(lambda: a._sync is None, timeout=TIMES.ttl)  # and has stopped syncing
        cast.say(cast.ana, room, "paragraph 8")
        await answered_once(cast, room, [*expected, "Preamble 2", "Paragraph 8"])
    finally:
        await stopped(b)
        await proxy.stop()  # a's connections end, so its stop cannot hang on them
        await asyncio.wait_for(a.stop(), 10)
        await a.core.close()
