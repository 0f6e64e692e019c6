"""Queued messages are checked again just before they are sent: a reminder whose chat
unsubscribed, or whose milestone was removed or moved, and a relay of a note since withdrawn,
are skipped with a reason instead of sent (on SQLite and PostgreSQL)."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlmodel import select

from bot.app.assembly import build_core, delivery_worker
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.runtime import Runtime
from bot.outbox.sender import Rejected
from bot.outbox.worker import DeliveryWorker
from bot.reminders import cli as reminders_cli
from bot.reminders import notices, scan, store
from bot.reminders.timing import Options
from bot.testing import TestBot
from storage.db import Database
from storage.models import OutboxMessage
from tests.test_outbox_worker import FakeSender

SHARED = {"TELEGRAM_SHARED_CHAT_ID": "-1001000"}


async def outbox(db: Database) -> list[OutboxMessage]:
    async with db.session() as s:
        return list((await s.exec(select(OutboxMessage).order_by(OutboxMessage.id))).all())


def assembled_worker(
    settings: Settings, db: Database, clock: FakeClock, sender: FakeSender
) -> DeliveryWorker:
    """The worker as the process assembly builds it, with every feature's hooks."""
    runtime = Runtime(build_core(settings, db=db, clock=clock))
    runtime.add_sender(sender)
    return delivery_worker(runtime)


async def queue_reminders(db: Database, clock: FakeClock, chats: list[str], on: date) -> int:
    """One milestone ``on`` (a day from now), each chat subscribed with leads 1 and 0 days."""
    await store.add_milestone(
        db, title="Counter-Terrorism Week", on_date=on, precision="day", by="admin", now=clock.now()
    )
    for chat in chats:
        await store.subscribe(
            db,
            platform="telegram",
            chat_id=chat,
            options=Options(leads=(1, 0)),
            by="u",
            now=clock.now() - timedelta(days=1),
        )
    result = await scan.scan(db, clock.now() + timedelta(minutes=1))
    return result.queued


async def test_unsubscribe_and_milestone_changes_skip_queued_reminders(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    tomorrow = (clock.now() + timedelta(days=1)).date()
    chats = ["keep", "gone", "claimed"]
    assert await queue_reminders(db, clock, chats, tomorrow) == 3
    sender = FakeSender()
    worker = assembled_worker(Settings(data_dir=tmp_path), db, clock, sender)
    # "claimed" is already in a worker's hands (sending) when its chat unsubscribes.
    [claimed] = [r for r in await outbox(db) if r.chat_id == "claimed"]
    async with db.session() as s:
        await s.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == claimed.id)  # type: ignore[arg-type]
            .values(status="sending", claimed_by="elsewhere", claimed_until=clock.now())
        )
        await s.commit()
    assert await store.unsubscribe(db, "telegram", "gone")
    assert await store.unsubscribe(db, "telegram", "claimed")
    by_chat = {r.chat_id: r for r in await outbox(db)}
    # Cancelled in unsubscribe's own transaction while still pending.
    assert (by_chat["gone"].status, by_chat["gone"].last_error) == (
        "skipped",
        "the chat unsubscribed",
    )
    clock.advance(minutes=2)  # due now, and the other worker's lease has run out
    await worker.drain()
    by_chat = {r.chat_id: r for r in await outbox(db)}
    assert by_chat["keep"].status == "sent"
    assert (by_chat["claimed"].status, by_chat["claimed"].last_error) == (
        "skipped",
        "the chat unsubscribed",
    )
    assert [c for c, _ in sender.sent] == ["keep"]

    # The milestone moves after the day-of reminder was queued: that one is skipped.
    clock.advance(days=1)
    [milestone] = [m for m in await store.milestones(db, clock.now()) if m.on_date == tomorrow]
    assert (await scan.scan(db, clock.now() + timedelta(minutes=1))).queued == 1
    await store.change_milestone(
        db, milestone.id, by="admin", now=clock.now(), on_date=tomorrow + timedelta(days=30)
    )
    clock.advance(minutes=2)
    await worker.drain()
    [today] = [r for r in await outbox(db) if r.dedupe_key.endswith(":0d")]
    assert today.status == "skipped"
    assert (
        today.last_error
        == f"the milestone moved from {tomorrow} to {tomorrow + timedelta(days=30)}"
    )
    assert [c for c, _ in sender.sent] == ["keep"]


async def test_a_removed_milestone_is_not_reminded(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    tomorrow = (clock.now() + timedelta(days=1)).date()
    assert await queue_reminders(db, clock, ["c1"], tomorrow) == 1
    [milestone] = [m for m in await store.milestones(db, clock.now()) if m.on_date == tomorrow]
    await store.change_milestone(
        db, milestone.id, by="admin", now=clock.now(), remove=True, announce=notices.REMOVED
    )
    sender = FakeSender()
    clock.advance(minutes=2)
    await assembled_worker(Settings(data_dir=tmp_path), db, clock, sender).drain()
    found = {r.purpose: r for r in await outbox(db)}
    assert (found["reminder"].status, found["reminder"].last_error) == (
        "skipped",
        "the milestone was removed",
    )
    assert found["milestone_notice"].status == "sent"  # the removal itself is announced
    assert len(sender.sent) == 1


async def test_outbox_retry_of_a_withdrawn_notes_relay_does_not_publish_it(
    clock: FakeClock, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'retry.db'}"
    settings = Settings(data_dir=tmp_path, database_url=url, env={**SHARED, "DATABASE_URL": url})
    db = Database(url)
    await db.start()
    try:
        bot = TestBot(build_core(settings, db=db, clock=clock), platform="telegram")
        sender = FakeSender()
        sender.failures["-1001000"] = [Rejected("no")]
        worker = assembled_worker(settings, db, clock, sender)
        await bot.ask("practice Port screening\nJoint cargo screening.", user="42", chat="-100")
        await worker.drain()
        [relay] = await outbox(db)
        assert relay.status == "dead"  # the relay died
        await bot.ask("practice withdraw 1", user="42", chat="-100")
        # An admin revives every dead letter, the withdrawn note's relay among them.
        ns = argparse.Namespace(id=relay.id, all_dead=False)
        assert await asyncio.to_thread(reminders_cli.outbox_retry, ns, settings) == 0
        assert (await outbox(db))[0].status == "pending"
        clock.set(datetime.now(UTC) + timedelta(minutes=1))  # the CLI runs on the wall clock
        await worker.drain()
        relay = (await outbox(db))[0]
        assert (relay.status, relay.last_error) == ("skipped", "note 1 is withdrawn")
        assert sender.sent == []
    finally:
        await db.close()


def test_checks_are_registered_by_the_assembly(tmp_path: Path) -> None:
    runtime = Runtime(
        build_core(Settings(data_dir=tmp_path), clock=FakeClock(datetime(2026, 1, 1, tzinfo=UTC)))
    )
    worker = delivery_worker(runtime)
    assert set(worker.hooks.checks) == {"reminder", "milestone_notice", "relay"}
    assert worker.hooks.gone and worker.hooks.moved
