"""The README's back-up-and-restore procedure, as an operator follows it, through the CLI: a
``coalition-bot run`` with a subscription, a pending reminder and practice notes is backed up
with ``coalition-bot backup PATH`` while it runs; the copy becomes ``coalition.db`` of a fresh
data folder (on PostgreSQL: the pg_dump and pg_restore commands ``backup`` prints, into a new
database); a bot started there, counted at the fake platforms. The README's guarantee: nothing
that was in the copy is lost (a row pending in it is sent), a row sent before the backup is
never sent again, and a row sent *after* the backup (pending in the copy) is sent again, once,
on Telegram and Slack, which have no idempotency key."""

from __future__ import annotations

import asyncio
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
from bot.testing.helpers import free_port
from tests.conftest import new_postgres_schema
from tests.test_telegram_run import clean_env, finish

ANA = user(1001, "Ana", username="ana")
SHARED_TG, SHARED_SLACK = -1001000, "C0SHARED"
BEFORE = "Port screening\nJoint cargo screening at the port, every week. #pillar2"
DURING = "Border liaison\nA weekly call between the two border services. #pillar3"


def cli(cwd: Path, store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    env = clean_env(cwd, **store.settings, COALITION_HEALTH_PORT="off")
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=cwd,
    )


async def acli(cwd: Path, store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a thread: the fakes answer the running bot on this loop meanwhile."""
    return await asyncio.to_thread(cli, cwd, store, *args)


def counts(listing: str) -> dict[str, dict[str, int]]:
    """``outbox list``'s per-platform line: ``telegram: 0 pending, 0 sending, 1 sent, ...``."""
    found = {}
    for platform, rest in re.findall(r"^(\w+): (\d+ pending.*?skipped)", listing, re.M):
        found[platform] = {k: int(n) for n, k in re.findall(r"(\d+) (\w+)", rest)}
    return found


class Store:
    """Where a bot keeps its database, and the README's way to back it up and restore it."""

    settings: dict[str, str]

    def statuses(self) -> list[tuple[str, ...]]:
        """(purpose, platform, chat, status) of every outbox row, oldest first."""
        raise NotImplementedError

    async def backup(self, cwd: Path, into: Path) -> None:
        raise NotImplementedError

    def restore(self, into: Path) -> Store:
        """A fresh place holding the backup in ``into``."""
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

    async def backup(self, cwd: Path, into: Path) -> None:
        done = await acli(cwd, self, "backup", str(into))  # a folder: the file's own name
        assert done.returncode == 0, done.stderr
        copy = into / "coalition.db"
        assert done.stdout.startswith(f"backed up {self.data / 'coalition.db'} to {copy} (")

    def restore(self, into: Path) -> Store:
        # A fresh data folder with the copy as its coalition.db (no -wal, no -shm).
        restored = SQLiteStore(self.data.parent / "restored")
        restored.data.mkdir()
        shutil.copy(into / "coalition.db", restored.data / "coalition.db")
        return restored


class PostgresStore(Store):
    """A throw-away database on the test server (created and dropped by the test)."""

    def __init__(self, data: Path, name: str) -> None:
        self.name, self.url = name, f"{SERVER}/{name}"
        self.settings = {"COALITION_DATA_DIR": str(data), "DATABASE_URL": self.url}
        psql("postgres", f'CREATE DATABASE "{name}"')

    def statuses(self) -> list[tuple[str, ...]]:
        rows = psql(self.name, QUERY).splitlines()
        return [tuple(r.split("|")) for r in rows if r]

    async def backup(self, cwd: Path, into: Path) -> None:
        # As the README says: ``backup`` prints the pg_dump command (exit 2); run it.
        done = await acli(cwd, self, "backup", str(into / "coalition.dump"))
        assert done.returncode == 2, done.stderr
        [command] = re.findall(r"run (pg_dump .*?) \(restore with", done.stderr)
        self.restore_with = re.findall(
            r"restore with (pg_restore .*?--dbname=\.\.\.)", done.stderr
        )[0]
        subprocess.run(shlex.split(command), check=True, timeout=120)

    def restore(self, into: Path) -> Store:
        restored = PostgresStore(into.parent / "restored", f"{self.name}_r")
        command = self.restore_with.replace("--dbname=...", f"--dbname={restored.url}")
        subprocess.run(
            [*shlex.split(command), str(into / "coalition.dump")],
            check=True,
            timeout=120,
            capture_output=True,
        )
        return restored


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


async def test_a_backup_taken_while_running_restores_without_loss_or_resend(
    tmp_path: Path, store: Store, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    telegram = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_telegram.base_url}

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
        # The second note's Telegram relay is refused for now (a rate limit for 15 s): it is
        # pending when the backup is taken (the CLI takes a few seconds), and sent after it.
        fake_telegram.fail(
            "sendMessage", 429, "Too Many Requests", retry_after=15, chat_id=SHARED_TG
        )
        assert "shared channel" in await said(fake_telegram, f"practice {DURING}", 3)
        await until(
            lambda: len(fake_telegram.calls_to("sendMessage", chat_id=SHARED_TG)) == 2,
            "the failed attempt",
        )

        await store.backup(tmp_path, backups)  # as the README says, while the bot runs

        await until(
            lambda: len(fake_telegram.calls_to("sendMessage", chat_id=SHARED_TG)) == 3,
            "the second note's relay sent after the backup",
            within=120,
        )
    finally:
        first.send_signal(signal.SIGTERM)
    code, output = await finish(first, timeout=60)
    assert code == 0, output
    assert "Traceback" not in output

    restored = store.restore(backups)
    in_copy = restored.statuses()
    # In the copy: the first note's Telegram relay sent, the second's pending (it failed
    # once), both Slack relays pending.
    assert sorted(r for r in in_copy if r[0] == "relay") == [
        ("relay", "slack", SHARED_SLACK, "pending"),
        ("relay", "slack", SHARED_SLACK, "pending"),
        ("relay", "telegram", str(SHARED_TG), "pending"),
        ("relay", "telegram", str(SHARED_TG), "sent"),
    ], in_copy
    sent_before = fake_telegram.calls_to("sendMessage", chat_id=SHARED_TG)
    first_texts = [c.params["text"] for c in sent_before if c.ok]

    # The bot started on the restored copy, with Slack set up too.
    fake_telegram.calls.clear()
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
        await until(
            lambda: len(fake_slack.of("chat.postMessage", channel=SHARED_SLACK)) >= 2,
            "both notes relayed to Slack",
            within=120,
        )
        listing = ""

        async def drained() -> bool:
            nonlocal listing
            listing = (await acli(tmp_path, restored, "outbox", "list")).stdout
            c = counts(listing)
            return all(c[p]["pending"] == c[p]["sending"] == 0 for p in c)

        for _ in range(120):
            if await drained():
                break
            await asyncio.sleep(0.5)
        else:
            raise AssertionError(listing)
        await asyncio.sleep(2)  # a re-send would have come by now: the outbox is drained
        await fake_telegram.wait_for("getUpdates", timeout=60)
        assert "7 days before" in await said(fake_telegram, "subscriptions", 1)
    finally:
        second.send_signal(signal.SIGTERM)
    code, output = await finish(second, timeout=60)
    assert code == 0, output

    final = counts(listing)
    assert final["telegram"]["dead"] == final["slack"]["dead"] == 0, listing
    slack_posts = fake_slack.of("chat.postMessage", channel=SHARED_SLACK)
    resent = [c for c in fake_telegram.calls_to("sendMessage", chat_id=SHARED_TG) if c.ok]
    # Lost: nothing. Each note reached Slack once (pending in the copy, sent by the restore).
    assert len(slack_posts) == 2, [p.params for p in slack_posts]
    # Sent before the backup: never again. Sent after it: once again, as the README says.
    assert len(resent) == 1, [c.params["text"] for c in resent]
    assert "Border liaison" in resent[0].params["text"]
    assert any("Port screening" in t for t in first_texts)

    # The notes and the subscription's next reminder are in the restored folder.
    export = cli(tmp_path, restored, "practices", "export", "--format", "json")
    assert export.returncode == 0, export.stderr
    assert "Port screening" in export.stdout and "Border liaison" in export.stdout
