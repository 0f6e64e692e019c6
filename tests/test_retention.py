"""Retention on SQLite and PostgreSQL: finished outbox rows, claims, the directory and members'
conversation topics go after the retention age, in bounded batches; dead letters, pending rows
and rows queued with ``keep_sent`` (a note's relays) stay; and nothing a catch-up scan could
queue again is pruned, so pruning never sends a reminder twice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import select

from bot.base.clock import FakeClock
from bot.reminders import store
from bot.reminders.scheduler import ReminderScheduler
from bot.reminders.timing import Options
from storage.db import Database
from storage.models import (
    UNPLANNED,
    Chat,
    ConversationTopic,
    Member,
    OutboxMessage,
    PracticeClaim,
    ReminderScan,
    SlackEvent,
    Subscription,
)
from storage.retention import prune

NOW = datetime(2027, 6, 1, 12, tzinfo=UTC)


def row(key: str, status: str, age: timedelta, *, keep_sent: bool = False) -> OutboxMessage:
    return OutboxMessage(
        dedupe_key=key,
        purpose="reminder",
        keep_sent=keep_sent,
        platform="telegram",
        chat_id="c",
        payload={},
        status=status,
        next_attempt_at=NOW - age,
        created_at=NOW - age,
    )


async def keys(db: Database) -> set[str]:
    async with db.session() as s:
        return set((await s.exec(select(OutboxMessage.dedupe_key))).all())


async def count(db: Database, model: type) -> int:
    async with db.session() as s:
        return int((await s.exec(select(func.count()).select_from(model))).one())


async def test_what_goes_and_what_stays(db: Database) -> None:
    old, recent = timedelta(days=100), timedelta(days=1)
    async with db.session() as s:
        s.add_all(
            [
                row("sent-old", "sent", old),
                row("skipped-old", "skipped", old),
                row("dead-old", "dead", old),
                row("pending-old", "pending", old),
                row("kept-old", "sent", old, keep_sent=True),
                row("sent-recent", "sent", recent),
                row("sent-in-grace", "sent", timedelta(hours=40)),
            ]
        )
        for age, tag in ((old, "old"), (recent, "new")):
            s.add(PracticeClaim(platform="t", user_id="u", text_hash=tag, claimed_at=NOW - age))
            s.add(SlackEvent(event_id=f"E{tag}", seen_at=NOW - age))
            s.add(Chat(platform="t", chat_id=tag, first_seen=NOW - age, last_seen=NOW - age))
            s.add(Member(platform="t", user_id=tag, first_seen=NOW - age, last_seen=NOW - age))
            s.add(
                ConversationTopic(
                    platform="t",
                    chat_id="c",
                    user_id=tag,
                    kind="pillar",
                    value="2",
                    question="pillar 2",
                    at=NOW - age,
                )
            )
        await s.commit()
    # retention 1 day, but a 24-hour grace period (+1 day) keeps anything from the last 2 days
    pruned = await prune(db, NOW, older_than=timedelta(hours=30), keep_within=timedelta(days=2))
    assert await keys(db) == {
        "dead-old",
        "pending-old",
        "kept-old",
        "sent-recent",
        "sent-in-grace",
    }
    assert pruned.rows == {
        "outbox": 2,
        "practice_claims": 1,
        "slack_events": 1,
        "chats": 1,
        "members": 1,
        "conversation_topics": 1,
    }
    for model in (PracticeClaim, SlackEvent, Chat, Member, ConversationTopic):
        assert await count(db, model) == 1
    assert not pruned.more


async def test_bounded_batches_leave_the_rest_for_the_next_run(db: Database) -> None:
    async with db.session() as s:
        s.add_all(row(f"k{i}", "sent", timedelta(days=100)) for i in range(7))
        await s.commit()
    first = await prune(db, NOW, older_than=timedelta(days=90), batch=2, max_batches=2)
    assert (first.rows["outbox"], first.more) == (4, True)
    second = await prune(db, NOW, older_than=timedelta(days=90), batch=2, max_batches=2)
    assert (second.rows["outbox"], second.more) == (3, False)
    assert await keys(db) == set()


async def test_the_leader_prunes_hourly_and_a_catch_up_scan_sends_nothing_twice(
    db: Database,
) -> None:
    """A reminder sent yesterday survives a 1-hour retention age because a catch-up scan
    (here: one after the watermark was lost) could queue it again within the grace period."""
    clock = FakeClock(datetime(2027, 5, 1, 8, 59, tzinfo=UTC))
    now = clock.now()
    for m in await store.milestones(db, now):
        await store.change_milestone(db, m.id, by="t", now=now, remove=True)
    await store.add_milestone(
        db, on_date=date(2027, 5, 8), precision="day", title="X", by="t", now=now, announce=False
    )
    await store.subscribe(
        db, platform="telegram", chat_id="c1", options=Options((7,)), by="t", now=now
    )
    scheduler = ReminderScheduler(db, clock, retention=timedelta(hours=1))
    await scheduler.tick()
    clock.advance(minutes=2)
    assert (await scheduler.tick()).queued == 1  # type: ignore[union-attr]
    async with db.session() as s:
        [sent] = (await s.exec(select(OutboxMessage))).all()
        sent.status = "sent"
        s.add(sent)
        await s.commit()
    clock.advance(hours=20)
    await scheduler.tick()  # prunes (the first prune was at the first tick): keeps it
    assert len(await keys(db)) == 1
    async with db.session() as s:  # the watermark is lost: the next scan looks back 24 h,
        await s.exec(delete(ReminderScan))  # type: ignore[call-overload]
        # and so is each row's next_due (which alone would keep it from planning again)
        await s.exec(update(Subscription).values(next_due=UNPLANNED))  # type: ignore[call-overload]
        await s.commit()
    clock.advance(minutes=1)
    result = await scheduler.tick()
    assert result is not None and result.planned == 1 and result.queued == 0  # not again
    clock.advance(days=3)
    await scheduler.tick()  # outside grace + 1 day now: pruned
    assert await keys(db) == set()
    await scheduler.stop()
