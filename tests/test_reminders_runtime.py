"""The reminder flow end to end in one runtime: APScheduler's catch-up tick, the worker, the
console's sender, and the command line."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.console.adapter import ConsoleSender, incoming
from bot.app import cli
from bot.app.assembly import add_background_services, build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.runtime import Runtime
from bot.outbox.queue import enqueue
from bot.reminders import scan, store
from bot.reminders.timing import Options
from messages.model import Heading, Reply
from storage.db import Database

ROOT = Path(__file__).resolve().parent.parent


async def test_console_flow_prints_the_reminder(
    settings: Settings, clock: FakeClock, db: Database
) -> None:
    out = io.StringIO()
    runtime = Runtime(build_core(settings, db=db, clock=clock))
    runtime.add_sender(ConsoleSender(out))
    worker, scheduler = add_background_services(runtime)
    core = runtime.core
    tomorrow = (clock.now() + timedelta(days=1)).date()
    added = await core.handle(incoming(f"milestone add {tomorrow} Counter-Terrorism Week", "me"))
    assert "added" in added.blocks[0].text[0].text  # type: ignore[union-attr]
    await core.handle(incoming("subscribe 1d 0d", "me"))
    first = await scheduler.tick()  # 09:00 UTC: the 1-day reminder is due this minute
    assert first is not None and first.queued == 1
    clock.advance(days=1, minutes=1)
    result = await scheduler.tick()
    assert result is not None and result.queued == 1
    assert await worker.drain() == 2
    printed = out.getvalue()
    assert f"Tomorrow: Counter-Terrorism Week, {tomorrow.day} {tomorrow:%B %Y}" in printed
    assert "Review-cycle reminder" in printed
    assert f"Today: Counter-Terrorism Week, {tomorrow.day} {tomorrow:%B %Y} (expected)." in printed
    assert "[message " in printed
    await scheduler.stop()


async def test_the_console_heads_its_messages_in_its_language(
    settings: Settings, clock: FakeClock, db: Database
) -> None:
    """A reminder arrives in the console with its head in the console's language (what
    ``--lang`` or ``language`` chose), the reminder itself in its subscription's."""
    out = io.StringIO()
    runtime = Runtime(build_core(settings, db=db, clock=clock))
    core = runtime.core
    core.languages.local = "ru"
    runtime.add_sender(ConsoleSender(out, locale=lambda: core.languages.local))
    worker, scheduler = add_background_services(runtime)
    tomorrow = (clock.now() + timedelta(days=1)).date()
    await core.handle(incoming(f"milestone add {tomorrow} Counter-Terrorism Week", "me"))
    await core.handle(incoming("subscribe 1d", "me"))
    first = await scheduler.tick()
    assert first is not None and first.queued == 1
    assert await worker.drain() == 1
    printed = out.getvalue()
    assert "[сообщение " in printed and "[message " not in printed, printed
    await scheduler.stop()


async def test_runtime_catches_up_on_start(tmp_path: Path) -> None:
    """A real APScheduler run: the first tick is the catch-up, and the worker sends."""
    # 30 min after the one-month reminder of "June 2028", due on the first of May
    clock = FakeClock(datetime(2028, 5, 1, 9, 30, tzinfo=UTC))
    settings = Settings(data_dir=tmp_path)
    db = Database(settings.database_url)
    await db.start()
    await store.subscribe(
        db,
        platform="console",
        chat_id="console",
        options=Options(),
        by="me",
        now=clock.now() - timedelta(days=3),
    )
    async with db.session() as s:  # the bot last scanned yesterday, then went down
        from storage.models import ReminderScan

        s.add(ReminderScan(scanned_until=clock.now() - timedelta(days=1), updated_at=clock.now()))
        await s.commit()
    out = io.StringIO()
    runtime = Runtime(build_core(settings, db=db, clock=clock))
    runtime.add_sender(ConsoleSender(out))
    add_background_services(runtime)
    await runtime.start()
    try:
        for _ in range(300):  # at most 3 s; normally a few ms
            if "Review-cycle reminder" in out.getvalue():
                break
            await asyncio.sleep(0.01)
    finally:
        await runtime.stop()
    assert "Review-cycle reminder" in out.getvalue()
    assert "Coming up (1 month before): Tenth review" in out.getvalue()
    assert "This reminder is late" in out.getvalue()  # due 30 minutes before the start


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"}


def _prepare(tmp_path: Path) -> None:
    """A subscription, one reminder queued, and one dead message, in the CLI's database."""

    async def go() -> None:
        db = Database(_env(tmp_path)["DATABASE_URL"])
        await db.start()
        now = datetime(2028, 5, 1, tzinfo=UTC)
        await store.subscribe(
            db, platform="telegram", chat_id="-100", options=Options(), by="u", now=now
        )
        await scan.scan(db, now)
        await scan.scan(db, datetime(2028, 5, 2, 9, 0, tzinfo=UTC))  # queues the 30-day one
        async with db.session() as s:
            await enqueue(
                s,
                purpose="relay",
                platform="slack",
                chat_id="C1",
                occurrence="n1",
                reply=Reply.of(Heading("x")),
                now=now,
            )
            await s.commit()
            from sqlalchemy import update

            from storage.models import OutboxMessage

            await s.exec(
                update(OutboxMessage)
                .where(OutboxMessage.purpose == "relay")  # type: ignore[arg-type]
                .values(status="dead", attempts=8, last_error="gave up after 8 attempts: 503")
            )
            await s.commit()
        await db.close()

    asyncio.run(go())


def test_cli_reminders_due_calendar_and_outbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _prepare(tmp_path)
    for key, value in _env(tmp_path).items():
        monkeypatch.setenv(key, value)
    assert cli.main(["reminders", "due", "--at", "2028-05-01T09:00Z"]) == 0
    out = capsys.readouterr().out
    assert "2028-05-01 09:00 UTC  telegram:-100  1 month before  Tenth review" in out
    assert "[already queued]" in out and "1 reminder." in out
    assert "0 reminders were skipped so far" in out
    assert cli.main(["reminders", "due", "--at", "2028-05-25T08:59Z", "--within", "1"]) == 0
    assert "0 reminders." in capsys.readouterr().out

    assert cli.main(["outbox", "list"]) == 0
    listing = capsys.readouterr().out
    assert "dead     relay" in listing and "slack:C1" in listing and "503" in listing
    assert "pending  reminder" in listing
    dead_id = int(next(line for line in listing.splitlines() if "dead" in line).split()[0])
    assert cli.main(["outbox", "retry", str(dead_id)]) == 0
    assert "1 message will be sent again" in capsys.readouterr().out
    assert cli.main(["outbox", "retry", str(dead_id)]) == 1  # not dead any more
    assert cli.main(["outbox", "retry", "--all-dead"]) == 0
    assert "0 messages" in capsys.readouterr().out
    assert cli.main(["outbox", "retry"]) == 2
    assert cli.main(["outbox", "list", "--status", "dead"]) == 0
    assert "No messages (dead)" in capsys.readouterr().out


def test_cli_calendar_prints_an_ics_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "calendar"],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"BEGIN:VCALENDAR")
    assert b"UID:review-10-adoption@coalition-bot.review-cycle" in result.stdout
    assert result.stdout.rstrip().endswith(b"END:VCALENDAR")


def test_ask_does_not_load_the_scheduler(tmp_path: Path) -> None:
    code = (
        "import sys; from bot.app.cli import main; main(['ask', 'help']); "
        "loaded = {'apscheduler', 'icalendar', 'bot.outbox.worker', 'bot.reminders.scheduler', "
        "'bot.reminders.store', 'bot.reminders.scan'} & set(sys.modules); "
        "assert not loaded, loaded"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "subscribe" in result.stdout


def test_console_runs_the_reminder_services(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "console", "--user", "me"],
        cwd=ROOT,
        env={**_env(tmp_path), "LOG_LEVEL": "INFO"},
        input="subscribe 7d tz Europe/Vienna\nsubscriptions\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Subscribed. This chat will get a reminder for each milestone: 7 days before" in (
        result.stdout
    )
    assert "At: 09:00 (Europe/Vienna)" in result.stdout
    assert "starting scheduler" in result.stderr and "starting delivery worker" in result.stderr


def test_subscribe_lead_parse_edge() -> None:
    from bot.reminders.timing import BadOption, Options, parse_changes

    def parse_options(args: str) -> Options:  # a new subscription's options
        return parse_changes(args).applied_to(Options())

    assert parse_options("").leads == (30, 7, 1, 0)
    assert parse_options("1d 30d 1d day").leads == (30, 1, 0)
    assert parse_options("tz utc at 7.05").tz == "UTC"
    assert parse_options("at 7h05").at == "07:05"
    with pytest.raises(BadOption):
        parse_options("tz ../etc/passwd")
    with pytest.raises(BadOption):
        parse_options(" ".join(f"{i}d" for i in range(1, 11)))
