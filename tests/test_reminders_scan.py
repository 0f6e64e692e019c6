"""The due-scan on SQLite and PostgreSQL: time zones across daylight-saving changes,
29 February, lead times longer than the time left, and the catch-up after downtime."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.base.clock import FakeClock
from bot.reminders import scan, store
from bot.reminders.timing import Options, due_at
from bot.testing.helpers import utc
from messages.render_plain import render
from messages.serialize import from_json
from storage.db import Database
from storage.models import UNPLANNED, OutboxMessage, ReminderScan, Subscription


async def reminders(db: Database) -> list[OutboxMessage]:
    async with db.session() as s:
        rows = await s.exec(select(OutboxMessage).where(OutboxMessage.purpose == "reminder"))
        return sorted(rows.all(), key=lambda r: r.dedupe_key)


async def setup(
    db: Database,
    clock: FakeClock,
    on: date,
    *,
    leads: tuple[int, ...] = (7, 0),
    tz: str = "UTC",
    at: str = "09:00",
    chat: str = "c1",
) -> int:
    """Removes the shipped milestones and adds one on ``on``; subscribes ``chat``."""
    now = clock.now()
    for m in await store.milestones(db, now):
        await store.change_milestone(db, m.id, by="t", now=now, remove=True)
    m = (
        await store.add_milestone(
            db, on_date=on, precision="day", title="Day X", by="t", now=now, announce=False
        )
    ).milestone
    await store.subscribe(
        db, platform="telegram", chat_id=chat, options=Options(leads, tz, at), by="t", now=now
    )
    return m.id


def test_due_times_keep_the_wall_clock_across_daylight_saving() -> None:
    vienna = "Europe/Vienna"
    # March 2027: clocks go forward on Sunday 28 March.
    assert due_at(date(2027, 4, 2), 7, "09:00", vienna) == utc(2027, 3, 26, 8)  # CET
    assert due_at(date(2027, 4, 2), 0, "09:00", vienna) == utc(2027, 4, 2, 7)  # CEST
    # October 2027: clocks go back on Sunday 31 October.
    assert due_at(date(2027, 11, 1), 7, "09:00", vienna) == utc(2027, 10, 25, 7)  # CEST
    assert due_at(date(2027, 11, 1), 0, "09:00", vienna) == utc(2027, 11, 1, 8)  # CET
    # 02:30 does not exist on 28 March: the reminder lands just after the gap, at 03:30 CEST.
    assert due_at(date(2027, 3, 29), 1, "02:30", vienna) == utc(2027, 3, 28, 1, 30)
    # 02:30 happens twice on 31 October: the first one (still CEST).
    assert due_at(date(2027, 11, 1), 1, "02:30", vienna) == utc(2027, 10, 31, 0, 30)


async def test_a_subscription_that_cannot_be_planned_is_skipped_not_fatal(
    db: Database, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Rows stored before time zones were checked (or by hand): the scan skips and reports
    each once, and everyone else's reminders still go out."""
    clock.set(utc(2027, 5, 1, 8))
    await setup(db, clock, date(2027, 5, 8), leads=(7,), chat="good")
    now = clock.now()
    async with db.session() as s:
        for chat, tz, at, leads in (
            ("zone", "posix/Nowhere/Atlantis", "09:00", "7"),
            ("time", "UTC", "9h00", "7"),
            ("leads", "UTC", "09:00", "7,soon"),
        ):
            s.add(
                Subscription(
                    platform="telegram",
                    chat_id=f"{chat}-{db.dialect}",  # reported once per process: per test
                    lead_days=leads,
                    tz=tz,
                    at_time=at,
                    since=now,
                    created_at=now,
                )
            )
        await s.commit()
    await scan.scan(db, clock.now())  # the watermark
    for _ in range(2):
        clock.advance(hours=1, minutes=30)
        with caplog.at_level(logging.ERROR, logger="bot.reminders.scan"):
            await scan.scan(db, clock.now())
    assert [r.chat_id for r in await reminders(db)] == ["good"]
    reported = [r.getMessage() for r in caplog.records if "cannot plan" in r.getMessage()]
    assert len(reported) == 3  # once each, not once per tick
    assert any("posix/Nowhere/Atlantis" in m for m in reported)


def test_29_february() -> None:
    assert due_at(date(2028, 2, 29), 0, "09:00", "UTC") == utc(2028, 2, 29, 9)
    assert due_at(date(2028, 2, 29), 1, "09:00", "UTC") == utc(2028, 2, 28, 9)
    assert due_at(date(2028, 3, 1), 1, "09:00", "UTC") == utc(2028, 2, 29, 9)
    assert due_at(date(2028, 2, 29), 365, "09:00", "UTC") == utc(2027, 3, 1, 9)


async def test_scan_queues_each_reminder_at_its_local_time_across_dst(
    db: Database, clock: FakeClock
) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 4, 2), tz="Europe/Vienna")
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 26, 7, 59))
    assert (await scan.scan(db, clock.now())).queued == 0  # 08:59 CET: not yet
    clock.set(utc(2027, 3, 26, 8, 0))
    assert (await scan.scan(db, clock.now())).queued == 1  # 09:00 CET
    clock.set(utc(2027, 4, 2, 6, 59))
    assert (await scan.scan(db, clock.now())).queued == 0  # 08:59 CEST
    clock.set(utc(2027, 4, 2, 7, 0))
    result = await scan.scan(db, clock.now())
    assert (result.queued, result.late, result.skipped) == (1, 0, 0)
    rows = await reminders(db)
    assert len(rows) == 2
    texts = [render(from_json(r.payload)) for r in rows]
    assert any("Today: Day X, 2 April 2027 (expected)." in t for t in texts)
    assert any("In 7 days: Day X" in t for t in texts)
    assert not any("late" in t for t in texts)


async def test_scan_across_the_october_change(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2027, 10, 1))
    await setup(db, clock, date(2027, 11, 1), tz="Europe/Vienna")
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 10, 25, 7))  # 09:00 CEST
    assert (await scan.scan(db, clock.now())).queued == 1
    clock.set(utc(2027, 11, 1, 7, 59))  # 08:59 CET
    assert (await scan.scan(db, clock.now())).queued == 0
    clock.set(utc(2027, 11, 1, 8))
    assert (await scan.scan(db, clock.now())).queued == 1


async def test_29_february_milestone(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2028, 2, 1))
    await setup(db, clock, date(2028, 2, 29), leads=(1, 0))
    await scan.scan(db, clock.now())
    clock.set(utc(2028, 2, 28, 9))
    assert (await scan.scan(db, clock.now())).queued == 1
    clock.set(utc(2028, 2, 29, 9))
    assert (await scan.scan(db, clock.now())).queued == 1
    texts = [render(from_json(r.payload)) for r in await reminders(db)]
    assert any("Today: Day X, 29 February 2028" in t for t in texts)
    assert any("Tomorrow: Day X, 29 February 2028" in t for t in texts)


async def test_a_lead_time_longer_than_the_time_left_sends_nothing_for_it(
    db: Database, clock: FakeClock
) -> None:
    clock.set(utc(2027, 1, 1, 12))
    await setup(db, clock, date(2027, 2, 10), leads=(90, 30))  # 40 days left
    await scan.scan(db, clock.now())
    results = []
    for day in (11, 12, 20):  # the 30-day reminder is due on 11 January
        clock.set(utc(2027, 1, day, 9, 5))
        results.append(await scan.scan(db, clock.now()))
    rows = await reminders(db)
    assert [r.dedupe_key.rsplit(":", 1)[1] for r in rows] == ["30d"]
    assert [r.queued for r in results] == [1, 0, 0]
    assert sum(r.skipped for r in results) == 0  # the 90-day moment predates the subscription


async def test_catch_up_sends_late_within_grace_and_counts_the_rest(
    db: Database, clock: FakeClock
) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 3, 10), leads=(7, 1, 0))
    await scan.scan(db, clock.now())  # the bot runs, then goes down
    clock.set(utc(2027, 3, 9, 20))  # back 59 hours after the 7-day reminder, 11 after the 1-day
    result = await scan.scan(db, clock.now())
    assert (result.queued, result.late, result.skipped) == (1, 1, 1)
    (row,) = await reminders(db)
    assert row.dedupe_key.endswith(":1d")
    assert "This reminder is late" in render(from_json(row.payload))
    async with db.session() as s:
        state = await s.get(ReminderScan, 1)
    assert state is not None and state.skipped_total == 1
    again = await scan.scan(db, clock.now() + timedelta(minutes=1))
    assert (again.queued, again.skipped) == (0, 0)  # each moment is looked at once


async def test_scans_are_idempotent_even_without_the_watermark(
    db: Database, clock: FakeClock
) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 3, 2), leads=(1,))
    clock.set(utc(2027, 3, 1, 9, 30))
    assert (await scan.scan(db, clock.now())).queued == 1
    # A row's next_due alone keeps a second scan from planning it again ...
    async with db.session() as s:  # as if a second instance had not seen the watermark
        state = await s.get(ReminderScan, 1)
        assert state is not None
        await s.delete(state)
        await s.commit()
    result = await scan.scan(db, clock.now())
    assert (result.read, result.planned, result.queued) == (0, 0, 0)
    # ... and with that lost too (every row back to UNPLANNED), the outbox's keys still do.
    async with db.session() as s:
        await s.exec(update(Subscription).values(next_due=UNPLANNED))
        state = await s.get(ReminderScan, 1)
        assert state is not None
        await s.delete(state)
        await s.commit()
    result = await scan.scan(db, clock.now())
    assert (result.read, result.planned, result.queued) == (1, 1, 0)
    assert len(await reminders(db)) == 1


async def test_paused_and_moved_milestones(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2027, 3, 1))
    mid = await setup(db, clock, date(2027, 3, 5), leads=(0,))
    await store.subscribe(
        db, platform="slack", chat_id="C2", options=Options((0,)), by="t", now=clock.now()
    )
    async with db.session() as s:
        await store.pause(s, platform="slack", chat_id="C2", reason="archived", now=clock.now())
        await s.commit()
    await scan.scan(db, clock.now())
    clock.set(utc(2027, 3, 5, 9))
    await scan.scan(db, clock.now())
    assert [r.chat_id for r in await reminders(db)] == ["c1"]  # not the paused one
    # Moving the milestone gives it a new reminder for the new date.
    await store.change_milestone(db, mid, by="t", now=clock.now(), on_date=date(2027, 3, 6))
    clock.set(utc(2027, 3, 6, 9))
    await scan.scan(db, clock.now())
    keys = [r.dedupe_key for r in await reminders(db)]
    assert len(keys) == 2 and any("2027-03-06" in k for k in keys)


async def test_dry_run_lists_what_is_due(db: Database, clock: FakeClock) -> None:
    clock.set(utc(2027, 3, 1))
    await setup(db, clock, date(2027, 3, 10), leads=(7, 0), tz="America/New_York")
    planned = await scan.planned_between(db, utc(2027, 3, 2), utc(2027, 3, 4))
    assert [(p.due, p.lead) for p in planned] == [(utc(2027, 3, 3, 14), 7)]  # 09:00 EST
    assert await scan.queued_keys(db, [planned[0].key]) == set()


async def test_a_grace_of_zero_hours_is_zero_not_the_default(
    db: Database, clock: FakeClock
) -> None:
    """REMINDER_GRACE_HOURS=0 used to be read as unset (24 h). Zero means no catch-up after
    downtime; what fell due since the last tick is still on time."""
    from bot.app.assembly import build_core
    from bot.base.settings import Settings
    from bot.core.runtime import Runtime
    from bot.reminders.scheduler import ReminderScheduler

    core = build_core(Settings(env={"REMINDER_GRACE_HOURS": "0"}), db=db, clock=clock)
    scheduler = ReminderScheduler.for_runtime(Runtime(core), None)
    assert scheduler.grace == timedelta(0)
    clock.set(utc(2027, 5, 1, 8, 59, 50))
    await setup(db, clock, date(2027, 5, 8), leads=(7, 6))  # due 1 May and 2 May, 09:00
    assert await scheduler.tick() is not None  # the watermark
    clock.advance(seconds=25)  # a tick 15 s after the 7-day reminder fell due: on time
    assert (await scheduler.tick()).queued == 1  # type: ignore[union-attr]
    clock.set(utc(2027, 5, 2, 12))  # down from before 09:00 to 12:00: missed, skipped
    result = await scheduler.tick()
    assert result is not None and (result.queued, result.skipped) == (0, 1)
    assert len(await reminders(db)) == 1
    await scheduler.stop()
