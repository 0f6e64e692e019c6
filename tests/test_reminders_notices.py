"""Subscribed chats are told once when an admin adds, moves, confirms or removes a milestone:
through the harness and the outbox rows, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlmodel import select

from bot.base.clock import FakeClock
from bot.outbox.queue import dedupe_key
from bot.outbox.worker import DeliveryWorker
from bot.reminders import notices, store
from bot.testing import TestBot
from messages.model import Reply
from messages.render_plain import render
from messages.serialize import from_json
from storage.db import Database
from storage.models import OutboxMessage

ADMIN = {"user": "admin1"}
TENTH = "Tenth review of the Strategy (adoption by the General Assembly)"


async def notice_rows(db: Database) -> list[OutboxMessage]:
    async with db.session() as s:
        rows = await s.exec(select(OutboxMessage).where(OutboxMessage.purpose == notices.PURPOSE))
        return sorted(rows.all(), key=lambda r: r.id or 0)


async def subscribe_three(bot: TestBot, db: Database, clock: FakeClock) -> None:
    """Two active chats (a DM on Telegram, a Slack channel) and one paused group."""
    assert (await bot.ask("subscribe", user="u1")).startswith("Subscribed")
    ok = await bot.ask("subscribe 7d", user="UADMIN", chat="C1", platform="slack")
    assert ok.startswith("Subscribed")
    assert (await bot.ask("subscribe", **ADMIN, chat="-100")).startswith("Subscribed")
    async with db.session() as s:
        paused = await store.pause(
            s, platform="telegram", chat_id="-100", reason="kicked", now=clock.now()
        )
        await s.commit()
    assert paused == 1


async def test_moving_a_milestone_tells_every_active_chat_once(
    db_testbot: TestBot, db: Database, clock: FakeClock
) -> None:
    await subscribe_three(db_testbot, db, clock)
    out = await db_testbot.ask("milestone move 1 2028-06-20", **ADMIN)
    assert out == (
        f"Milestone #1 moved to 20 June 2028 (expected) — {TENTH}.\n\n"
        "2 subscribed chats will be told."
    )
    rows = await notice_rows(db)
    assert sorted((r.platform, r.chat_id) for r in rows) == [
        ("slack", "C1"),
        ("telegram", "dm-u1"),
    ]  # not the paused group
    occurrence = f"review-10-adoption:moved:2028-06-20:day:expected:{clock.now().isoformat()}"
    for r in rows:
        assert r.status == "pending" and r.next_attempt_at == clock.now()
        assert r.dedupe_key == dedupe_key(notices.PURPOSE, r.platform, r.chat_id, occurrence)
    text = render(from_json(rows[0].payload))
    assert "Review-cycle calendar update" in text
    assert f"{TENTH} has moved from June 2028 to 20 June 2028." in text
    assert "The date is expected, not confirmed" in text
    assert "reminders follow the new date" in text
    # The same date again changes nothing a subscriber sees: nobody is told twice.
    again = await db_testbot.ask("milestone move 1 2028-06-20", **ADMIN)
    assert again.endswith("Nothing subscribers see has changed, so no chat is told.")
    assert len(await notice_rows(db)) == 2


async def test_confirm_add_and_remove_are_announced(
    db_testbot: TestBot, db: Database, clock: FakeClock
) -> None:
    await subscribe_three(db_testbot, db, clock)
    out = await db_testbot.ask("milestone confirm 1 PGA letter", **ADMIN)
    assert out.endswith("2 subscribed chats will be told.")
    confirmed = await notice_rows(db)
    assert {":confirmed:2028-06-01:month:confirmed:" in r.dedupe_key for r in confirmed} == {True}
    text = render(from_json(confirmed[0].payload))
    assert f"{TENTH} is confirmed for June 2028." in text
    assert "The date is confirmed. This chat's reminders follow this date." in text
    assert "Source: PGA letter." in text
    again = await db_testbot.ask("milestone confirm 1", **ADMIN)
    assert again.endswith("no chat is told.")

    clock.advance(minutes=5)
    out = await db_testbot.ask("milestone add 2027-03-15 Call for submissions", **ADMIN)
    assert out.endswith("2 subscribed chats will be told.")
    clock.advance(minutes=5)
    out = await db_testbot.ask("milestone remove 2", **ADMIN)
    assert out.endswith("2 subscribed chats will be told.")
    texts = [render(from_json(r.payload)) for r in (await notice_rows(db))[2:]]
    assert len(texts) == 4
    assert sum("New milestone: Call for submissions, 15 March 2027." in t for t in texts) == 2
    removed = [t for t in texts if "has been removed" in t]
    assert len(removed) == 2
    assert "Call for submissions (15 March 2027) has been removed from the calendar." in removed[0]
    assert "This chat will get no reminders for it." in removed[0]
    # Removing it again: there is no such milestone any more, so nothing is queued.
    assert "no milestone #2" in await db_testbot.ask("milestone remove 2", **ADMIN)
    assert len(await notice_rows(db)) == 6


async def test_each_move_back_and_forth_is_announced(
    db_testbot: TestBot, db: Database, clock: FakeClock
) -> None:
    assert (await db_testbot.ask("subscribe", user="u1")).startswith("Subscribed")
    for day in ("2028-06-20", "2028-06-22", "2028-06-20"):
        out = await db_testbot.ask(f"milestone move 1 {day}", **ADMIN)
        assert out.endswith("1 subscribed chat will be told.")
        clock.advance(seconds=1)
    texts = [render(from_json(r.payload)) for r in await notice_rows(db)]
    assert [t.split("\n\n")[0].split("\n")[1] for t in texts] == [
        f"{TENTH} has moved from June 2028 to 20 June 2028.",
        f"{TENTH} has moved from 20 June 2028 to 22 June 2028.",
        f"{TENTH} has moved from 22 June 2028 to 20 June 2028.",
    ]


async def test_no_subscriber_and_a_failed_change_queue_nothing(
    db_testbot: TestBot, db: Database
) -> None:
    out = await db_testbot.ask("milestone move 1 2028-06-20", **ADMIN)
    assert out.endswith("No subscribed chat to tell.")
    assert "not a date" in await db_testbot.ask("milestone move 1 2028-13-01", **ADMIN)
    assert "no milestone #9" in await db_testbot.ask("milestone confirm 9", **ADMIN)
    assert await notice_rows(db) == []


class Recorder:
    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, chat_id: str, reply: Reply) -> str:
        self.sent.append((chat_id, render(reply)))
        return f"m{len(self.sent)}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        raise AssertionError("no edits here")


async def test_the_worker_delivers_the_notice(
    db_testbot: TestBot, db: Database, clock: FakeClock
) -> None:
    assert (await db_testbot.ask("subscribe", user="u1")).startswith("Subscribed")
    await db_testbot.ask("milestone move 1 2028-06-20", **ADMIN)
    sender = Recorder()
    worker = DeliveryWorker(db, {"telegram": sender}, clock, rng=random.Random(1))
    assert await worker.drain() == 1
    clock.advance(seconds=timedelta(hours=1).total_seconds())
    assert await worker.drain() == 0  # once
    ((chat, text),) = sender.sent
    assert chat == "dm-u1" and "moved from June 2028 to 20 June 2028" in text
