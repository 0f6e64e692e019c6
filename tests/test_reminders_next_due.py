"""The due-scan reads only what is due: each subscription's ``next_due`` (migration 0007),
kept by every change that can bring a reminder forward, on SQLite and PostgreSQL; nothing is
missed or sent twice across daylight-saving changes, downtime, or a scan cut short."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, text
from sqlmodel import select

from bot.base.clock import FakeClock
from bot.reminders import scan, store
from bot.reminders.timing import Options, due_at
from bot.testing.helpers import utc
from storage import migrate
from storage.db import Database, create_schema, drop_schema
from storage.models import UNPLANNED, OutboxMessage, Subscription
from tests.conftest import IN_CI, POSTGRES_URL, _postgres_reachable


async def only_milestone(db: Database, now: datetime, on: date) -> int:
    """Removes the shipped milestones and adds one on ``on``."""
    for m in await store.milestones(db, now):
        await store.change_milestone(db, m.id, by="t", now=now, remove=True)
    added = await store.add_milestone(
        db, on_date=on, precision="day", title="Day X", by="t", now=now, announce=False
    )
    return added.milestone.id


async def subscribe(db: Database, now: datetime, chat: str, **options: Any) -> None:
    await store.subscribe(
        db, platform="telegram", chat_id=chat, options=Options(**options), by="t", now=now
    )


async def next_due(db: Database, chat: str) -> datetime | None:
    sub = await store.get_subscription(db, "telegram", chat)
    assert sub is not None
    return sub.next_due


async def outbox_keys(db: Database) -> list[str]:
    async with db.session() as s:
        return sorted((await s.exec(select(OutboxMessage.dedupe_key))).all())


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements run on ``db`` meanwhile."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)


async def test_a_tick_reads_only_the_subscriptions_that_are_due(
    db: Database, clock: FakeClock
) -> None:
    """40 subscriptions at 40 different moments: a tick with nothing due reads none of them,
    and a tick reads exactly those due in its window, through the ``next_due`` index."""
    clock.set(utc(2027, 3, 1))
    await only_milestone(db, clock.now(), date(2027, 3, 10))
    for i in range(40):
        at = f"{8 + i // 4:02d}:{(i % 4) * 15:02d}"  # 08:00, 08:15, ... 17:45
        await subscribe(db, clock.now(), f"c{i}", leads=(7,), at=at)
    first = await scan.scan(db, clock.now())
    assert first.read == 40  # each planned once, when new
    clock.set(utc(2027, 3, 2))
    with statements(db) as seen:
        quiet = await scan.scan(db, clock.now())
    assert (quiet.read, quiet.queued) == (0, 0)
    touching = [s for s in seen if "subscriptions" in s]
    assert len(touching) == 1 and "next_due <=" in touching[0]  # one indexed range read
    clock.set(utc(2027, 3, 3, 9, 0))  # 08:00 ... 09:00: five subscriptions
    due = await scan.scan(db, clock.now())
    assert (due.read, due.queued) == (5, 5)
    clock.set(utc(2027, 3, 3, 9, 30))
    assert (await scan.scan(db, clock.now())).read == 2  # 09:15 and 09:30
    assert (await scan.scan(db, clock.now())).read == 0


async def test_next_due_follows_subscriptions_zones_lead_times_and_milestones(
    db: Database, clock: FakeClock
) -> None:
    clock.set(utc(2027, 3, 1))
    mid = await only_milestone(db, clock.now(), date(2027, 4, 2))
    vienna = "Europe/Vienna"
    await subscribe(db, clock.now(), "c1", leads=(7, 0), tz=vienna)
    assert await next_due(db, "c1") == UNPLANNED  # the next tick works it out
    await scan.scan(db, clock.now())
    assert await next_due(db, "c1") == due_at(date(2027, 4, 2), 7, "09:00", vienna)
    # New lead times, then a new zone: each resets, and the scan finds the new moment.
    clock.advance(minutes=30)
    await subscribe(db, clock.now(), "c1", leads=(30, 7, 0), tz=vienna)
    assert await next_due(db, "c1") == UNPLANNED
    await scan.scan(db, clock.now())
    assert await next_due(db, "c1") == utc(2027, 3, 3, 8)  # 30 days before, 09:00 CET
    ny = "America/New_York"
    clock.advance(minutes=30)
    await subscribe(db, clock.now(), "c1", leads=(30, 7, 0), tz=ny)
    await scan.scan(db, clock.now())
    assert await next_due(db, "c1") == utc(2027, 3, 3, 14)  # 09:00 EST
    # A milestone moved: the 30-day reminder of 2 April (3 March) is gone, the 7-day one of
    # 15 March is new. next_due may stay early (one read too many), never late ...
    await store.change_milestone(db, mid, by="t", now=clock.now(), on_date=date(2027, 3, 15))
    moved = due_at(date(2027, 3, 15), 7, "09:00", ny)  # 8 March 14:00 (30 days: passed)
    early = await next_due(db, "c1")
    assert early is not None and clock.now() < early <= moved
    clock.set(early)
    assert (await scan.scan(db, clock.now())).queued == 0
    assert await next_due(db, "c1") == moved  # ... and the tick that reads it makes it exact
    # A milestone added before the next reminder brings it forward in the same transaction.
    await store.add_milestone(
        db, on_date=date(2027, 3, 5), precision="day", title="Y", by="t", now=clock.now()
    )
    added = due_at(date(2027, 3, 5), 0, "09:00", ny)
    assert await next_due(db, "c1") == added  # its class's own moment: exact at once
    clock.set(added)
    assert (await scan.scan(db, clock.now())).queued == 1
    clock.set(moved)
    assert (await scan.scan(db, clock.now())).queued == 1
    # Paused: never read; subscribing again resumes it.
    async with db.session() as s:
        await store.pause(s, platform="telegram", chat_id="c1", reason="gone", now=clock.now())
        await s.commit()
    assert await next_due(db, "c1") is None
    await subscribe(db, clock.now(), "c1", leads=(0,), tz=ny)
    assert await next_due(db, "c1") == UNPLANNED
    clock.advance(seconds=30)
    await scan.scan(db, clock.now())
    assert await next_due(db, "c1") == due_at(date(2027, 3, 15), 0, "09:00", ny)


async def test_nothing_missed_or_doubled_across_daylight_saving_and_downtime(
    db: Database, clock: FakeClock
) -> None:
    """Vienna and London put their clocks forward on 28 March 2027. Ticks every 6 hours from
    19 to 29 March and at each due moment, with the bot down (no tick) from 27 March 20:00 to
    28 March 14:00 UTC, over two of the reminders: every reminder the full planner
    (``planned_between``, which reads all subscriptions) finds for the period is queued
    exactly once, and only the two missed while down go out late."""
    clock.set(utc(2027, 3, 19))
    await only_milestone(db, clock.now(), date(2027, 3, 29))
    await subscribe(db, clock.now(), "vienna", leads=(7, 1, 0), tz="Europe/Vienna", at="02:30")
    await subscribe(db, clock.now(), "london", leads=(7, 1, 0), tz="Europe/London", at="09:00")
    await subscribe(db, clock.now(), "nairobi", leads=(1,), tz="Africa/Nairobi", at="23:45")
    await scan.scan(db, clock.now())
    start, end = clock.now(), utc(2027, 3, 30)
    planned = await scan.planned_between(db, start, end)
    expected = sorted(p.key for p in planned)
    assert len(expected) == 7
    down = (utc(2027, 3, 27, 20), utc(2027, 3, 28, 14))
    ticks = {start + timedelta(hours=6 * k) for k in range(1, 41)} | {p.due for p in planned}
    late = 0
    for tick in sorted(t for t in ticks if not down[0] <= t <= down[1]):
        clock.set(tick)
        late += (await scan.scan(db, clock.now())).late
    assert await outbox_keys(db) == expected
    assert late == 2  # Vienna's 02:30 (03:30 CEST after the gap) and London's 09:00 BST


async def test_a_scan_cut_short_is_finished_by_the_next(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fault: the third chunk's transaction fails (an error on its outbox insert), with 7
    reminders due in chunks of 2. The two chunks before it stay done; the next scan reads only
    the 3 subscriptions left and queues their reminders: 7 in all, none twice, none lost."""
    clock.set(utc(2027, 3, 1))
    await only_milestone(db, clock.now(), date(2027, 3, 5))
    for i in range(7):
        await subscribe(db, clock.now(), f"c{i}", leads=(0,))
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 5, 9))
    real_insert = scan.enqueue_many  # the outbox's fast path, as the scan calls it
    calls = 0

    async def failing_insert(*args: Any, **kwargs: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("the fault")
        return await real_insert(*args, **kwargs)

    monkeypatch.setattr(scan, "enqueue_many", failing_insert)
    monkeypatch.setattr(scan, "_resized", lambda chunk, _rows, _cpu: chunk)  # stays 2
    with pytest.raises(RuntimeError):
        await scan.scan(db, clock.now(), chunk=2)
    assert len(await outbox_keys(db)) == 4
    monkeypatch.setattr(scan, "enqueue_many", real_insert)
    clock.advance(seconds=30)
    result = await scan.scan(db, clock.now(), chunk=2)
    assert (result.read, result.queued, result.late) == (3, 3, 0)
    keys = await outbox_keys(db)
    assert len(keys) == len(set(keys)) == 7


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_the_migration_back_fills_next_due(kind: str, tmp_path: Path) -> None:
    """Upgrading from 0006 with subscriptions in place: active rows get the first moment not
    yet scanned (never later than their next reminder), paused rows none; the first tick
    after the upgrade queues what is due and stores exact moments."""
    if kind == "sqlite":
        db, schema = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"), None
    else:
        if not await _postgres_reachable():
            if IN_CI:
                pytest.fail("PostgreSQL not reachable; with CI=true the test must run")
            pytest.skip("PostgreSQL not reachable")
        schema = await create_schema(POSTGRES_URL, "t")
        db = Database(POSTGRES_URL, schema=schema)
    try:
        await migrate.upgrade(db.engine, "0006")
        watermark = utc(2027, 3, 1, 12)
        async with db.engine.begin() as conn:
            for chat, paused in (("c1", None), ("c2", "2027-02-01 00:00:00")):
                await conn.execute(
                    text(
                        "INSERT INTO subscriptions (platform, chat_id, lead_days, tz, at_time, "
                        "since, created_at, paused_at) VALUES ('telegram', :chat, '0', 'UTC', "
                        "'09:00', :since, :since, :paused)"
                    ),
                    {
                        "chat": chat,
                        "since": datetime(2027, 1, 1) if kind == "sqlite" else utc(2027, 1, 1),
                        "paused": (
                            None
                            if paused is None
                            else datetime(2027, 2, 1)
                            if kind == "sqlite"
                            else utc(2027, 2, 1)
                        ),
                    },
                )
            await conn.execute(
                text(
                    "INSERT INTO reminder_scans (id, scanned_until, skipped_total, updated_at) "
                    "VALUES (1, :w, 0, :w)"
                ),
                {"w": watermark.replace(tzinfo=None) if kind == "sqlite" else watermark},
            )
        await db.start()
        assert await next_due(db, "c1") == watermark
        assert await next_due(db, "c2") is None
        async with db.session() as s:
            indexed = await s.exec(select(func.count()).select_from(Subscription))
            assert indexed.one() == 2
        now = watermark + timedelta(minutes=1)
        await only_milestone(db, now, date(2027, 3, 2))
        assert (await scan.scan(db, now)).read == 1
        assert await next_due(db, "c1") == utc(2027, 3, 2, 9)
        later = await scan.scan(db, utc(2027, 3, 2, 9))
        assert (later.read, later.queued) == (1, 1)
    finally:
        await db.close()
        if schema:
            await drop_schema(POSTGRES_URL, schema)


async def test_a_scan_that_loses_the_lease_stops_between_chunks(
    db: Database, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``keep_going`` (the scheduler's: still the leader, not stopping) says no after the first
    chunk of 2: that chunk stays done, the watermark stays, and the next scan queues the rest."""
    clock.set(utc(2027, 3, 1))
    await only_milestone(db, clock.now(), date(2027, 3, 5))
    for i in range(5):
        await subscribe(db, clock.now(), f"c{i}", leads=(0,))
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 5, 9))
    monkeypatch.setattr(scan, "_resized", lambda chunk, _rows, _cpu: chunk)
    cut = await scan.scan(db, clock.now(), chunk=2, keep_going=lambda: False)
    assert (cut.read, cut.queued) == (2, 2)
    clock.advance(seconds=30)
    rest = await scan.scan(db, clock.now(), chunk=2)
    assert (rest.read, rest.queued, rest.since) == (3, 3, cut.since)
    assert len(await outbox_keys(db)) == 5


async def test_a_milestone_change_and_a_scan_chunk_never_interleave(
    db: Database, clock: FakeClock
) -> None:
    """While a milestone change holds the schedule (PostgreSQL: the exclusive advisory lock;
    SQLite: its write transaction) a scan waits, so it never stores a moment planned from
    milestones that are changing under it."""
    clock.set(utc(2027, 3, 1))
    await only_milestone(db, clock.now(), date(2027, 3, 5))
    await subscribe(db, clock.now(), "c1", leads=(0,))
    async with db.session(write=True) as s:
        await store.hold_schedule(s, db.dialect, exclusive=True)
        waiting = asyncio.create_task(scan.scan(db, clock.now()))
        await asyncio.sleep(0.2)
        assert not waiting.done()
        await s.commit()
    assert (await asyncio.wait_for(waiting, 10)).read == 1
