"""The README's back-up-and-restore procedure, as an operator follows it, through the CLI: a
``coalition-bot run`` with a subscription and practice notes is backed up with ``coalition-bot
backup PATH`` while it runs (on PostgreSQL: with the pg_dump command ``backup`` prints), goes
on sending after it, and stops; ``coalition-bot restore PATH`` puts the copy in a fresh place
(a data folder; a new database), and a bot started there, Slack set up too, runs again.
Counted at the fake platforms, every note on every platform: lost (never posted), duplicated
(posted more than once) and dead, expected 0, 0 and 0. What the restore held (open in the copy,
so perhaps sent by the old bot after the backup) is counted apart: the operator looks in the
chat (here: the fake's record) and skips what is there, releases what is not."""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from adapters.slack.testing.fake import BOT_TOKEN, SIGNING_SECRET, FakeSlack
from adapters.telegram.testing.fake import TOKEN, FakeTelegram, private_chat, user
from bot.testing.helpers import free_port, run_cli
from tests.conftest import new_postgres_schema
from tests.test_telegram_run import clean_env, finish

ANA = user(1001, "Ana", username="ana")
SHARED_TG, SHARED_SLACK = -1001000, "C0SHARED"
BEFORE = "Port screening\nJoint cargo screening at the port, every week. #pillar2"
DURING = "Border liaison\nA weekly call between the two border services. #pillar3"


def cli(cwd: Path, store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    env = clean_env(cwd, **store.settings, COALITION_HEALTH_PORT="off")
    return run_cli(*args, env=env, cwd=cwd, timeout=120)


async def acli(cwd: Path, store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a thread: the fakes answer the running bot on this loop meanwhile."""
    return await asyncio.to_thread(cli, cwd, store, *args)


class Store:
    """Where a bot keeps its database, and the README's way to back it up and restore it."""

    settings: dict[str, str]

    def statuses(self) -> list[tuple[str, ...]]:
        """(purpose, platform, chat, status) of every outbox row, oldest first."""
        raise NotImplementedError

    async def backup(self, cwd: Path, into: Path) -> Path:
        """The backup file, taken as the README says, while the bot runs."""
        raise NotImplementedError

    def fresh(self) -> Store:
        """A new, empty place to restore into."""
        raise NotImplementedError


QUERY = "SELECT purpose, platform, chat_id, status FROM outbox ORDER BY id"


class SQLiteStore(Store):
    def __init__(self, data: Path) -> None:
        self.data, self.settings = data, {"COALITION_DATA_DIR": str(data)}

    def statuses(self) -> list[tuple[str, ...]]:
        c = sqlite3.connect(f"file:{self.data / 'coalition.db'}?mode=ro", uri=True)
        try:
            return [tuple(r) for r in c.execute(QUERY)]
        finally:
            c.close()

    async def backup(self, cwd: Path, into: Path) -> Path:
        done = await acli(cwd, self, "backup", str(into))  # a folder: the file's own name
        assert done.returncode == 0, done.stderr
        copy = into / "coalition.db"
        assert done.stdout.startswith(f"backed up {self.data / 'coalition.db'} to {copy} (")
        return copy

    def fresh(self) -> Store:
        return SQLiteStore(self.data.parent / "restored")  # restore creates the folder


class PostgresStore(Store):
    """A throw-away database on the test server (created and dropped by the test)."""

    def __init__(self, data: Path, name: str) -> None:
        self.data, self.name, self.url = data, name, f"{SERVER}/{name}"
        self.settings = {"COALITION_DATA_DIR": str(data), "DATABASE_URL": self.url}
        psql("postgres", f'CREATE DATABASE "{name}"')

    def statuses(self) -> list[tuple[str, ...]]:
        rows = psql(self.name, QUERY).splitlines()
        return [tuple(r.split("|")) for r in rows if r]

    async def backup(self, cwd: Path, into: Path) -> Path:
        # As the README says: ``backup`` prints the pg_dump command (exit 2); run it.
        dump = into / "coalition.dump"
        done = await acli(cwd, self, "backup", str(dump))
        assert done.returncode == 2, done.stderr
        [command] = re.findall(r"run (pg_dump .*?) \(restore it with", done.stderr)
        assert "coalition-bot restore" in done.stderr, done.stderr
        await asyncio.to_thread(subprocess.run, shlex.split(command), check=True, timeout=120)
        return dump

    def fresh(self) -> Store:
        return PostgresStore(self.data.parent / "restored", f"{self.name}_r")


SERVER = "postgresql://postgres@127.0.0.1:5432"


def psql(database: str, sql: str) -> str:
    done = subprocess.run(
        ["psql", f"{SERVER}/{database}", "-AtqX", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    if request.param == "sqlite":
        yield SQLiteStore(tmp_path / "data")
        return
    if shutil.which("pg_restore") is None:
        pytest.skip("no pg_dump/pg_restore here")
    await new_postgres_schema()  # skips (or fails under CI) without a server
    name = f"restore_{uuid.uuid4().hex[:10]}"
    try:
        yield PostgresStore(tmp_path / "data", name)
    finally:
        for db in (name, f"{name}_r"):
            psql("postgres", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


async def start_run(cwd: Path, store: Store, **settings: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.app.cli",
        "run",
        env=clean_env(
            cwd,
            **store.settings,
            COALITION_HEALTH_PORT="off",
            TELEGRAM_POLL_TIMEOUT="1",
            TELEGRAM_SHARED_CHAT_ID=str(SHARED_TG),
            SLACK_SHARED_CHANNEL_ID=SHARED_SLACK,
            **settings,
        ),
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def said(fake: FakeTelegram, text: str, answered: int) -> str:
    """Ana says ``text`` in her private chat; the bot's answer (its ``answered``-th there)."""
    fake.message(private_chat(ANA), ANA, text)
    for _ in range(300):
        sent = fake.calls_to("sendMessage", chat_id=ANA["id"])
        if len(sent) >= answered:
            return str(sent[answered - 1].params["text"])
        await asyncio.sleep(0.1)
    raise AssertionError(
        f"no answer to {text!r}: {[(c.method, c.params) for c in fake.calls[-8:]]}"
    )


async def until(condition: Callable[[], bool], what: str, within: float = 60) -> None:
    for _ in range(int(within * 10)):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def said_in_log(process: asyncio.subprocess.Process, words: str) -> list[str]:
    """The lines of ``process``'s log up to the first holding ``words`` (the rest stays in
    the pipe, for ``finish``)."""
    assert process.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(60):
        while not lines or words not in lines[-1]:
            line = (await process.stderr.readline()).decode()
            assert line, f"the log ended before {words!r}: {lines}"
            lines.append(line)
    return lines


HELD_LINE = re.compile(r"^\s*(\d+)\s+(\w+)\s+(\w+):(\S+)\s+attempts \d+\s+.+? UTC  (.*)$", re.M)
NOTES = {"Port screening": BEFORE, "Border liaison": DURING}


async def test_a_backup_taken_while_running_restores_without_loss_or_resend(
    tmp_path: Path, store: Store, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    telegram = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_telegram.base_url}

    def posts(platform: str, title: str) -> int:
        """How many times the note titled ``title`` reached the shared chat of ``platform``,
        as its members would see it."""
        if platform == "telegram":
            calls = fake_telegram.calls_to("sendMessage", chat_id=SHARED_TG)
            return sum(1 for c in calls if c.ok and title in str(c.params["text"]))
        calls = fake_slack.of("chat.postMessage", channel=SHARED_SLACK)
        return sum(1 for c in calls if c.error is None and title in json.dumps(c.params))

    # The first bot: Telegram only (Slack's shared channel is named, Slack not yet set up, so
    # its relays wait in the outbox).
    first = await start_run(tmp_path, store, **telegram)
    try:
        await fake_telegram.wait_for("getUpdates", timeout=60)
        assert "7 days before" in await said(fake_telegram, "subscribe 7d", 1)
        assert "shared channel" in await said(fake_telegram, f"practice {BEFORE}", 2)
        await until(
            lambda: ("relay", "telegram", str(SHARED_TG), "sent") in store.statuses(),
            "the first note's Telegram relay marked sent",
        )
        # The second note's Telegram relay is refused (a rate limit, retried each second) until
        # the backup is taken: pending in the copy, then sent by this bot after it.
        fake_telegram.fail(
            "sendMessage", 429, "Too Many Requests", retry_after=1, chat_id=SHARED_TG, times=10**6
        )
        assert "shared channel" in await said(fake_telegram, f"practice {DURING}", 3)
        await until(
            lambda: len(fake_telegram.calls_to("sendMessage", chat_id=SHARED_TG)) >= 2,
            "the refused attempt",
        )

        backup = await store.backup(tmp_path, backups)  # as the README says, while it runs

        assert fake_telegram.stop_failing("sendMessage") > 0
        await until(
            lambda: posts("telegram", "Border liaison") == 1,
            "the second note's relay sent after the backup",
        )
    finally:
        first.send_signal(signal.SIGTERM)
    code, output = await finish(first, timeout=60)
    assert code == 0, output
    assert "Traceback" not in output

    # The restore, as the README says: into a fresh place, by the CLI.
    restored = store.fresh()
    done = await acli(tmp_path, restored, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    assert "Messages held: 3." in done.stdout, done.stdout
    # In the copy the first note's Telegram relay was sent (and stays so); the second's was
    # pending (it had been refused), both Slack relays too: all three due, all held.
    assert sorted(r for r in restored.statuses() if r[0] == "relay") == [
        ("relay", "slack", SHARED_SLACK, "held"),
        ("relay", "slack", SHARED_SLACK, "held"),
        ("relay", "telegram", str(SHARED_TG), "held"),
        ("relay", "telegram", str(SHARED_TG), "sent"),
    ]

    # The bot started on the restored copy, with Slack set up too; meanwhile the operator
    # goes through what is held, looking in each chat.
    port = free_port()
    second = await start_run(
        tmp_path,
        restored,
        **telegram,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=fake_slack.base_url,
        SLACK_HTTP_PORT=str(port),
    )
    try:
        # The operator reads the log (it says so at every start while anything is held).
        log = await said_in_log(second, "messages held since a restore: ")
        assert "messages held since a restore: 3 " in log[-1], log
        listing = (await acli(tmp_path, restored, "outbox", "held")).stdout
        held = HELD_LINE.findall(listing)
        assert len(held) == 3 and "Messages held: 3." in listing, listing
        decisions = []
        for row_id, purpose, platform, _chat, summary in held:
            assert purpose == "relay", listing
            [title] = [t for t in NOTES if t in summary]
            decisions.append(("skip" if posts(platform, title) else "release", row_id))
        # Telegram's second relay is in its chat; neither Slack relay is in Slack's.
        assert sorted(a for a, _ in decisions) == ["release", "release", "skip"], listing
        for done in await asyncio.gather(
            *(acli(tmp_path, restored, "outbox", action, row_id) for action, row_id in decisions)
        ):
            assert done.returncode == 0, done.stderr

        await until(lambda: posts("slack", "Border liaison") == 1, "the released relays")
        await until(
            lambda: not {s for *_, s in restored.statuses()} & {"pending", "sending", "held"},
            "the outbox drained",
        )
        # Every row settled: nothing is left to send. The notes and the subscription are in
        # the restored place meanwhile.
        export = await acli(tmp_path, restored, "practices", "export", "--format", "json")
        assert export.returncode == 0, export.stderr
        assert "Port screening" in export.stdout and "Border liaison" in export.stdout
        assert "7 days before" in await said(fake_telegram, "subscriptions", 4)
    finally:
        second.send_signal(signal.SIGTERM)
    code, output = await finish(second, timeout=60)
    assert code == 0, "".join(log) + output
    assert "Traceback" not in "".join(log) + output

    # Counted at the platforms, over both bots: every note reached every shared chat once.
    reached = {(p, t): posts(p, t) for p in ("telegram", "slack") for t in NOTES}
    lost = [k for k, n in reached.items() if n == 0]
    duplicated = [k for k, n in reached.items() if n > 1]
    final = restored.statuses()
    dead = [r for r in final if r[3] == "dead"]
    assert (lost, duplicated, dead) == ([], [], []), (reached, final)
    # Held apart: 3, settled by the operator, 1 skipped (it was in its chat), 2 released.
    relays = sorted(r[1:] for r in final if r[0] == "relay")
    assert relays == [
        ("slack", SHARED_SLACK, "sent"),
        ("slack", SHARED_SLACK, "sent"),
        ("telegram", str(SHARED_TG), "sent"),
        ("telegram", str(SHARED_TG), "skipped"),
    ], final
