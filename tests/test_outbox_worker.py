"""The delivery worker on SQLite and PostgreSQL: outcomes, back-off, edits, paused targets,
moved chats, and a process killed in the middle of delivery."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot.base.clock import FakeClock
from bot.outbox.hooks import DeliveryHooks
from bot.outbox.queue import dedupe_key, enqueue
from bot.outbox.sender import Rejected, RetryLater, TargetGone, TargetMoved
from bot.outbox.worker import DeliveryWorker, WorkerConfig
from bot.reminders import delivery_hooks, store
from bot.reminders.timing import Options
from messages import render_plain
from messages.catalogue import say
from messages.model import Heading, Paragraph, Reply, text
from messages.serialize import from_json
from storage import languages
from storage.db import Database
from storage.models import OutboxMessage


class FakeSender:
    """A platform that records what it accepted; ``failures`` scripts exceptions per chat."""

    def __init__(self, platform: str = "telegram") -> None:
        self.platform = platform
        self.sent: list[tuple[str, str]] = []  # (chat_id, first heading)
        self.edits: list[tuple[str, str, str]] = []
        self.failures: dict[str, list[Exception]] = {}
        self.on_accept: Any = None  # called with the count of accepted messages

    async def send(self, chat_id: str, reply: Reply) -> str:
        queued = self.failures.get(chat_id)
        if queued:
            raise queued.pop(0)
        self.sent.append((chat_id, render_plain.render(reply).split("\n")[0]))
        if self.on_accept is not None:
            self.on_accept(len(self.sent))
        return f"m{len(self.sent)}"

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        self.edits.append((chat_id, message_id, render_plain.render(reply)))


def note(title: str) -> Reply:
    return Reply.of(Heading(title), Paragraph(text("body")))


async def put(
    db: Database,
    clock: FakeClock,
    occurrence: str,
    *,
    chat: str = "c1",
    platform: str = "telegram",
    purpose: str = "message",  # a purpose no feature checks: these test the worker itself
    edit_of: str | None = None,
) -> str:
    async with db.session() as s:
        await enqueue(
            s,
            purpose=purpose,
            platform=platform,
            chat_id=chat,
            occurrence=occurrence,
            reply=note(occurrence),
            now=clock.now(),
        )
        key = dedupe_key(purpose, platform, chat, occurrence)
        if edit_of:
            row = (await s.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))).one()
            row.payload = {**row.payload, "edit_of": edit_of}
            s.add(row)
        await s.commit()
    return key


async def rows(db: Database) -> dict[str, OutboxMessage]:
    async with db.session() as s:
        return {r.dedupe_key: r for r in (await s.exec(select(OutboxMessage))).all()}


def worker(
    db: Database,
    clock: FakeClock,
    *senders: Any,
    admins: frozenset[str] = frozenset(),
    **config: Any,
) -> DeliveryWorker:
    return DeliveryWorker(
        db,
        {s.platform: s for s in senders},
        clock,
        config=WorkerConfig(**config),
        rng=random.Random(7),
        admins=admins,
        hooks=reminder_hooks(frozenset({"telegram:admin1", "slack:UADMIN"})),
    )


def reminder_hooks(admins: frozenset[str]) -> DeliveryHooks:
    """The hooks the assembly registers: reminders pause a gone chat and tell the admins."""
    hooks = DeliveryHooks()
    delivery_hooks.register(hooks, admins)
    return hooks


async def test_sends_and_records_the_message_id(db: Database, clock: FakeClock) -> None:
    key = await put(db, clock, "a")
    sender = FakeSender()
    assert await worker(db, clock, sender).drain() == 1
    row = (await rows(db))[key]
    assert (row.status, row.platform_message_id, row.attempts) == ("sent", "m1", 1)
    assert row.sent_at == clock.now()
    assert sender.sent == [("c1", "a")]
    assert await worker(db, clock, sender).drain() == 0  # sent once, never again


async def test_claims_only_platforms_it_can_send_to(db: Database, clock: FakeClock) -> None:
    await put(db, clock, "t", platform="telegram")
    slack_key = await put(db, clock, "s", platform="slack")
    sender = FakeSender("telegram")
    await worker(db, clock, sender).drain()
    assert (await rows(db))[slack_key].status == "pending"
    assert sender.sent == [("c1", "t")]


async def test_retry_after_is_honoured_and_backs_off(db: Database, clock: FakeClock) -> None:
    key = await put(db, clock, "a")
    sender = FakeSender()
    sender.failures["c1"] = [RetryLater("429", retry_after=30), RetryLater("502")]
    w = worker(db, clock, sender, backoff_base=10)
    assert await w.run_once() == 1
    row = (await rows(db))[key]
    wait = (row.next_attempt_at - clock.now()).total_seconds()
    assert row.status == "pending" and 30 <= wait <= 33
    assert await w.run_once() == 0  # not due yet, and the platform is held back
    clock.advance(seconds=34)
    assert await w.run_once() == 1
    row = (await rows(db))[key]
    wait = (row.next_attempt_at - clock.now()).total_seconds()
    assert row.attempts == 2 and 10 <= wait <= 20  # base x 2^1, half to full jitter
    clock.advance(seconds=21)
    assert await w.drain() == 1
    assert (await rows(db))[key].status == "sent"


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    w = DeliveryWorker(
        None,  # type: ignore[arg-type]
        {},
        FakeClock(__import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").UTC)),
        config=WorkerConfig(backoff_base=5, backoff_cap=60),
        rng=random.Random(1),
    )
    for attempts, full in [(1, 5), (2, 10), (3, 20), (4, 40), (5, 60), (9, 60)]:
        for _ in range(20):
            assert full / 2 <= w.backoff(attempts, None) <= full
    assert 12 <= w.backoff(3, 12) <= 13.2


async def test_dead_only_at_the_end_of_the_retry_window(db: Database, clock: FakeClock) -> None:
    """Transient failures are retried for the whole window (48 hours by default), however
    many attempts that takes, with the back-off capped at minutes; only then is the row dead,
    and the admins are told once, through the outbox."""
    key = await put(db, clock, "a")
    sender = FakeSender()
    sender.failures["c1"] = [RetryLater(f"503 #{i}") for i in range(10_000)]
    w = worker(db, clock, sender, admins=frozenset({"telegram:admin1"}))
    start = clock.now()
    waits = []
    for _ in range(12):  # the back-off grows, and stops growing at 5 minutes
        assert await w.run_once() == 1
        row = (await rows(db))[key]
        assert row.status == "pending"
        waits.append((row.next_attempt_at - clock.now()).total_seconds())
        clock.set(row.next_attempt_at)
    assert waits[0] <= 5 and max(waits) <= 300 and waits[-1] >= 150
    clock.set(start + timedelta(hours=47, minutes=59))  # late in the window: still retried
    assert await w.run_once() == 1
    row = (await rows(db))[key]
    assert row.status == "pending"
    clock.set(max(row.next_attempt_at, start + timedelta(hours=48)))
    assert await w.run_once() == 1  # the first failure past the window ends it
    row = (await rows(db))[key]
    assert row.status == "dead" and "503" in (row.last_error or "")
    assert "48 hours" in (row.last_error or "")
    assert sender.sent == []
    # The admins are told once (on the platforms this worker sends to), and only once.
    await w.drain()
    notices = [r for r in (await rows(db)).values() if r.purpose == "admin_notice"]
    assert [(n.chat_id, n.status) for n in notices] == [("admin1", "sent")]
    assert [h for c, h in sender.sent] == ["A message could not be delivered"]


async def test_a_rate_limit_never_spends_the_window(db: Database, clock: FakeClock) -> None:
    """A 429 with Retry-After past the window's end does not dead-letter the row."""
    key = await put(db, clock, "a")
    sender = FakeSender()
    clock.advance(hours=60)
    sender.failures["c1"] = [RetryLater("429", retry_after=1.0)]
    w = worker(db, clock, sender)
    assert await w.run_once() == 1
    assert (await rows(db))[key].status == "pending"
    clock.advance(seconds=2)
    assert await w.drain() == 1
    assert (await rows(db))[key].status == "sent" and sender.sent == [("c1", "a")]


async def test_rejected_is_dead_at_once(db: Database, clock: FakeClock) -> None:
    key = await put(db, clock, "a")
    sender = FakeSender()
    sender.failures["c1"] = [Rejected("message is too long")]
    await worker(db, clock, sender).drain()
    row = (await rows(db))[key]
    assert row.status == "dead" and row.attempts == 1 and "too long" in (row.last_error or "")


async def test_target_gone_pauses_and_tells_the_admins(db: Database, clock: FakeClock) -> None:
    await store.subscribe(
        db, platform="telegram", chat_id="c1", options=Options(), by="u", now=clock.now()
    )
    key = await put(db, clock, "a")
    sender = FakeSender()
    sender.failures["c1"] = [TargetGone("bot was blocked by the user")]
    await worker(db, clock, sender).drain()
    found = await rows(db)
    assert found[key].status == "dead"
    sub = await store.get_subscription(db, "telegram", "c1")
    assert sub is not None and sub.paused_at == clock.now()
    assert "blocked" in (sub.paused_reason or "")
    notices = [r for r in found.values() if r.purpose == "admin_notice"]
    assert [(n.platform, n.chat_id, n.status) for n in notices] == [("telegram", "admin1", "sent")]
    assert sender.sent == [("admin1", "A chat stopped taking messages")]
    # Subscribing again resumes it.
    await store.subscribe(
        db, platform="telegram", chat_id="c1", options=Options(), by="u", now=clock.now()
    )
    sub = await store.get_subscription(db, "telegram", "c1")
    assert sub is not None and sub.paused_at is None


async def test_target_moved_follows_the_chat(db: Database, clock: FakeClock) -> None:
    await store.subscribe(
        db, platform="telegram", chat_id="-1", options=Options(), by="u", now=clock.now()
    )
    first = await put(db, clock, "a", chat="-1")
    second = await put(db, clock, "b", chat="-1")
    sender = FakeSender()
    sender.failures["-1"] = [TargetMoved("group upgraded", new_chat_id="-100")]
    await worker(db, clock, sender, concurrency=1, batch=1).drain()
    found = await rows(db)
    assert found[first].chat_id == "-100" and found[first].status == "sent"
    assert found[second].chat_id == "-100" and found[second].status == "sent"
    assert sorted(sender.sent) == [("-100", "a"), ("-100", "b")]
    assert await store.get_subscription(db, "telegram", "-1") is None
    assert await store.get_subscription(db, "telegram", "-100") is not None


async def test_edits_follow_their_original(db: Database, clock: FakeClock) -> None:
    original = await put(db, clock, "note-1", purpose="relay")
    edit = await put(db, clock, "note-1-edit", purpose="relay_edit", edit_of=original)
    sender = FakeSender()
    sender.failures["c1"] = [RetryLater("busy")]
    w = worker(db, clock, sender, concurrency=1, backoff_base=1, backoff_cap=1)
    # The original is not sent yet (its first attempt failed): the edit waits for it.
    await w.run_once()
    found = await rows(db)
    assert found[original].status == "pending" and found[edit].status == "pending"
    assert found[edit].attempts == 0 and sender.edits == []
    clock.advance(seconds=6)
    await w.drain()
    assert (await rows(db))[edit].status == "sent"
    assert sender.edits == [("c1", "m1", "note-1-edit\nbody")]
    # An edit of a message that was never sent is skipped, not retried.
    dead = await put(db, clock, "note-2", purpose="relay")
    sender.failures["c1"] = [Rejected("no")]
    await w.drain()
    skipped = await put(db, clock, "note-2-edit", purpose="relay_edit", edit_of=dead)
    await w.drain()
    assert (await rows(db))[skipped].status == "skipped"
    assert len(sender.edits) == 1


async def test_a_kill_after_sending_repeats_only_that_message(
    db: Database, clock: FakeClock
) -> None:
    """The hard case: the platform accepted the message, and the process died before the row
    was marked sent. The row's lease expires and it is sent once more; nothing is lost."""
    keys = [await put(db, clock, f"r{i}") for i in range(5)]
    sender = FakeSender()
    doomed = worker(db, clock, sender, concurrency=1, lease=timedelta(minutes=2))
    process = asyncio.create_task(doomed.run_once())

    def kill_after_third(accepted: int) -> None:
        if accepted == 3:
            process.cancel()  # the platform has r2; the process dies before marking it

    sender.on_accept = kill_after_third
    with pytest.raises(asyncio.CancelledError):
        await process
    found = await rows(db)
    assert [found[k].status for k in keys] == ["sent", "sent", "sending", "sending", "sending"]
    sender.on_accept = None
    survivor = worker(db, clock, sender)
    assert await survivor.drain() == 0  # the dead worker's lease still holds
    clock.advance(minutes=2, seconds=1)
    assert await survivor.drain() == 3
    found = await rows(db)
    assert all(found[k].status == "sent" for k in keys)
    delivered = [h for _, h in sender.sent]
    assert sorted(delivered) == ["r0", "r1", "r2", "r2", "r3", "r4"]  # only r2 twice


async def test_a_kill_before_sending_loses_nothing(db: Database, clock: FakeClock) -> None:
    keys = [await put(db, clock, f"r{i}") for i in range(3)]
    sender = FakeSender()
    gate = asyncio.Event()

    class Hung(FakeSender):
        async def send(self, chat_id: str, reply: Reply) -> str:
            gate.set()
            await asyncio.Event().wait()  # never answers
            return "never"

    doomed = worker(db, clock, Hung())
    task = asyncio.create_task(doomed.run_once())
    await asyncio.wait_for(gate.wait(), timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    clock.advance(minutes=3)
    assert await worker(db, clock, sender).drain() == 3
    found = await rows(db)
    assert all(found[k].status == "sent" for k in keys)
    assert sorted(h for _, h in sender.sent) == ["r0", "r1", "r2"]


class KeepingSender(FakeSender):
    """Also keeps every accepted reply whole."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: dict[str, Reply] = {}

    async def send(self, chat_id: str, reply: Reply) -> str:
        message_id = await super().send(chat_id, reply)
        self.replies[chat_id] = reply
        return message_id


async def test_late_blocks_are_added_only_after_late_after(db: Database, clock: FakeClock) -> None:
    """The reminders' ``before_send`` hook (the worker knows no ``late_after``), run by the
    worker at the moment of the send, after its retries."""
    from messages.model import Footer
    from messages.serialize import to_json

    late_note = to_json(Reply.of(Paragraph(text("Sorry, late."))))["blocks"]
    threshold = clock.now() + timedelta(minutes=10)
    for chat, late_after in [("early", threshold), ("late", threshold), ("bad", threshold)]:
        async with db.session() as s:
            await enqueue(
                s,
                purpose="anything",
                platform="telegram",
                chat_id=chat,
                occurrence="x",
                reply=Reply.of(Heading(chat), Paragraph(text("body")), Footer(text("foot"))),
                now=clock.now(),
            )
            row = (await s.exec(select(OutboxMessage).where(OutboxMessage.chat_id == chat))).one()
            stamp = "not a moment" if chat == "bad" else late_after.isoformat()
            row.payload = {**row.payload, "late_after": stamp, "late_blocks": late_note}
            s.add(row)
            await s.commit()
    sender = KeepingSender()
    sender.failures["late"] = [RetryLater("502")]
    sender.failures["bad"] = [RetryLater("502")]
    w = worker(db, clock, sender, backoff_base=1)
    w.hooks.before_send("anything", delivery_hooks.late_note)
    await w.drain()
    clock.advance(minutes=11)  # past late_after before the retries
    await w.drain()
    assert {r.status for r in (await rows(db)).values()} == {"sent"}
    plain = {chat: render_plain.render(r) for chat, r in sender.replies.items()}
    assert "Sorry, late." not in plain["early"]  # sent on time
    assert "Sorry, late." not in plain["bad"]  # an unreadable moment is ignored, not fatal
    assert plain["late"].count("Sorry, late.") == 1
    blocks = sender.replies["late"].blocks
    assert isinstance(blocks[-1], Footer) and isinstance(blocks[-2], Paragraph)


async def test_observers_see_each_attempt_with_its_outcome_and_duration(
    db: Database, clock: FakeClock
) -> None:
    """The seam the metrics hang on: one call per attempt, a failing observer harmless."""
    await put(db, clock, "ok", chat="c1")
    await put(db, clock, "later", chat="c2")
    await put(db, clock, "refused", chat="c3")
    sender = FakeSender()
    sender.failures = {"c2": [RetryLater("busy")], "c3": [Rejected("too long")]}
    seen: list[tuple[str, str, float]] = []

    class Watcher:
        def delivered(self, platform: str, outcome: str, seconds: float) -> None:
            seen.append((platform, outcome, seconds))

    class Broken:
        def delivered(self, platform: str, outcome: str, seconds: float) -> None:
            raise RuntimeError("observer bug")

    w = worker(db, clock, sender, backoff_base=1)
    w.observe(Broken())
    w.observe(Watcher())
    assert await w.drain() == 3
    assert sorted(outcome for _, outcome, _ in seen) == ["rejected", "retry", "sent"]
    assert all(platform == "telegram" and 0 <= s < 5 for platform, _, s in seen)
    assert sender.sent == [("c1", "ok")]  # the broken observer cost nothing


async def test_a_message_queued_while_the_worker_idles_goes_at_once(db: Database) -> None:
    """The worker at its defaults looks at an empty outbox every 2 s; a transaction that
    queues a message (a relayed note, a notice) wakes it when it commits. Before, the note
    waited for the next look: 0-2 s, 1.7 s here."""
    from bot.base.clock import SystemClock

    clock = SystemClock()
    sender = FakeSender()
    worker = DeliveryWorker(db, {"telegram": sender}, clock)
    await worker.start()
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(0.3)  # it has looked, found nothing, and waits for its poll
        async with db.session() as s:
            await enqueue(
                s,
                purpose="relay",
                platform="telegram",
                chat_id="shared",
                occurrence="note-1",
                reply=note("A practice"),
                now=clock.now(),
            )
            await s.commit()
        queued = loop.time()
        while not sender.sent and loop.time() - queued < 3:
            await asyncio.sleep(0.005)
        took = loop.time() - queued
    finally:
        await worker.stop()
    assert sender.sent == [("shared", "A practice")]
    assert took < 0.5, took


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def test_migration_0012_fills_ref_from_the_keys_hooks_read(kind: str, tmp_path: Path) -> None:
    """Upgrading from 0011: rows a hook may still see (not sent) get the part of their key
    the hooks used to parse; sent rows and other purposes keep NULL; the reminder's check
    then reads it as before, without the key."""
    from sqlalchemy import text as sql

    from storage import migrate
    from storage.db import create_schema, drop_schema
    from tests.conftest import IN_CI, POSTGRES_URL, _postgres_reachable

    if kind == "sqlite":
        db, schema = Database(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"), None
    else:
        if not await _postgres_reachable():
            if IN_CI:
                pytest.fail("PostgreSQL not reachable; with CI=true the test must run")
            pytest.skip("PostgreSQL not reachable")
        schema = await create_schema(POSTGRES_URL, "t")
        db = Database(POSTGRES_URL, schema=schema)
    when = datetime(2027, 1, 1) if kind == "sqlite" else datetime(2027, 1, 1, tzinfo=UTC)
    old = [
        ("reminder:telegram:-5:review-10:2028-06-01:30d", "reminder", "-5", "pending"),
        ("reminder:telegram:-6:review-10:2028-06-01:7d", "reminder", "-6", "sent"),
        ("relay:slack:C1:practice:12", "relay", "C1", "dead"),
        ("practice_review:slack:U1:practice:12:approved", "practice_review", "U1", "pending"),
    ]
    try:
        await migrate.upgrade(db.engine, "0011")
        async with db.engine.begin() as conn:
            for key, purpose, chat, status in old:
                await conn.execute(
                    sql(
                        "INSERT INTO outbox (dedupe_key, purpose, platform, chat_id, payload, "
                        "status, attempts, next_attempt_at, created_at) VALUES (:key, :purpose, "
                        ":platform, :chat, '{}', :status, 0, :when, :when)"
                    ),
                    {
                        "key": key,
                        "purpose": purpose,
                        "platform": key.split(":")[1],
                        "chat": chat,
                        "status": status,
                        "when": when,
                    },
                )
        await db.start()
        async with db.session() as s:
            refs = {r.dedupe_key: r.ref for r in (await s.exec(select(OutboxMessage))).all()}
        assert refs == {
            old[0][0]: "review-10:2028-06-01:30d",
            old[1][0]: None,  # sent: no check runs for it again
            old[2][0]: "practice:12",
            old[3][0]: None,  # no hook reads it
        }
        parsed = store.ReminderRef.parse(refs[old[0][0]])
        assert parsed == store.ReminderRef("review-10", date(2028, 6, 1), 30)
        assert str(parsed) == refs[old[0][0]]
    finally:
        await db.close()
        if schema:
            await drop_schema(POSTGRES_URL, schema)


async def _notice_text(db: Database, chat: str, kind: str = "dead") -> str:
    """The admin notice of ``kind`` (dead, gone) queued for ``chat``, as plain text."""
    [row] = [
        r
        for r in (await rows(db)).values()
        if r.purpose == "admin_notice" and r.chat_id == chat and f":{kind}:" in r.dedupe_key
    ]
    return render_plain.render(from_json(row.payload))


async def test_admin_notices_are_in_each_admins_language(db: Database, clock: FakeClock) -> None:
    """A dead letter and a chat gone are told to each admin in the language of the admin's
    own chat (their choice as a member, or the chat's), why said there too, from its code; the
    platform's English words stay the operator's (the row's ``last_error``)."""
    now = clock.now()
    await languages.choose(db, "telegram", languages.MEMBER, "admin1", "ru", by="admin1", now=now)
    await languages.choose(db, "telegram", languages.CHAT, "admin2", "zh", by="admin2", now=now)
    await store.subscribe(db, platform="telegram", chat_id="c1", options=Options(), by="u", now=now)
    await put(db, clock, "a", chat="c2")
    await put(db, clock, "b", chat="c1")
    sender = FakeSender()
    sender.failures["c2"] = [Rejected("Bad Request: message is too long")]
    sender.failures["c1"] = [TargetGone("Forbidden: bot was blocked by the user", why="blocked")]
    admins = frozenset({"telegram:admin1", "telegram:admin2", "telegram:admin3"})
    await worker(db, clock, sender, admins=admins, concurrency=1).run_once()
    dead = {a: await _notice_text(db, a) for a in ("admin1", "admin2", "admin3")}
    assert dead["admin1"].startswith(say("outbox.dead_heading", locale="ru"))
    assert say("outbox.why_refused", locale="ru") in dead["admin1"]
    assert say("outbox.why_refused", locale="zh") in dead["admin2"]
    assert "放弃发送。平台" in dead["admin2"]  # two sentences, no space after 。
    assert say("outbox.why_refused", locale="en") in dead["admin3"]  # no choice: English
    assert all("too long" not in t for t in dead.values())
    # The reminders tell the admins the assembly gave their hooks: admin1, in Russian.
    gone = await _notice_text(db, "admin1", "gone")
    assert gone.startswith(say("review.gone_heading", locale="ru"))
    assert say("outbox.why_blocked", locale="ru") in gone and "blocked by" not in gone


async def test_a_failure_past_the_window_says_how_long_it_was_tried(
    db: Database, clock: FakeClock
) -> None:
    await languages.choose(
        db, "telegram", languages.MEMBER, "admin1", "ru", by="admin1", now=clock.now()
    )
    await put(db, clock, "a")
    sender = FakeSender()
    sender.failures["c1"] = [RetryLater("connect failed", why="network") for _ in range(9)]
    w = worker(db, clock, sender, admins=frozenset({"telegram:admin1"}), max_attempts=2)
    await w.run_once()
    clock.advance(hours=1)
    await w.run_once()
    said = await _notice_text(db, "admin1")
    assert say("outbox.why_network", locale="ru") in said
    assert say("outbox.dead_attempts", locale="ru", count=2) in said  # "Сделано 2 попытки."
