"""A database that cannot be opened is one sentence naming the setting to fix, and a non-zero
exit; the console still answers what needs no database. The default database lives in the
user's data folder, wherever the command is run from."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.database import DatabaseUnavailable
from bot.base.settings import Settings
from bot.testing import TestBot
from bot.testing.helpers import free_port, run_cli
from storage.db import Database
from storage.errors import Fault, busy, fault, locked, transient
from tests.conftest import IN_CI, POSTGRES_URL


def run(
    args: list[str], cwd: Path, stdin: str | None = None, **settings: str
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "SLACK_", "DATABASE_URL", "COALITION_", "LOG_LEVEL"))
    }
    env.update(settings)
    return run_cli(*args, env=env, cwd=cwd, stdin=stdin, timeout=60)


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "review"],
        ["reminders", "due"],
        ["practices", "export"],
    ],
)
def test_a_closed_port_is_one_sentence_naming_database_url(tmp_path: Path, args: list[str]) -> None:
    port = free_port()
    url = f"postgresql+asyncpg://bot:pa55@127.0.0.1:{port}/coalition"
    done = run(args, tmp_path, DATABASE_URL=url)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "coalition-bot: cannot open the database at DATABASE_URL="
        f"postgresql+asyncpg://bot:***@127.0.0.1:{port}/coalition: connection refused\n"
    )


def test_a_server_that_never_answers_is_given_up_on_and_named(tmp_path: Path) -> None:
    # A host that takes the TCP connection and never says a word (a firewall, a hung server):
    # asyncpg alone would wait 60 s; `ask` gives up after connect_timeout (10 s by default,
    # 1 s here through the URL) with the one sentence.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        url = f"postgresql+asyncpg://bot@127.0.0.1:{port}/coalition?connect_timeout=1"
        done = run(["ask", "review"], tmp_path, DATABASE_URL=url)
    assert done.returncode == 1
    assert done.stderr == (
        f"coalition-bot: cannot open the database at DATABASE_URL={url}: "
        "the server did not answer in time (connect_timeout, 10 s by default)\n"
    )


def test_a_connect_timeout_that_is_no_number_is_named(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://bot@127.0.0.1:{free_port()}/coalition?connect_timeout=soon"
    done = run(["ask", "review"], tmp_path, DATABASE_URL=url)
    assert done.returncode == 1
    assert done.stderr == (
        f"coalition-bot: cannot open the database at DATABASE_URL={url}: "
        "connect_timeout=soon is not a number of seconds\n"
    )


@pytest.mark.postgres
def test_a_missing_postgres_database_is_named(tmp_path: Path) -> None:
    if not IN_CI and not _reachable(POSTGRES_URL):
        pytest.skip("no PostgreSQL server")
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/no_such_database_here"
    done = run(["ask", "review"], tmp_path, DATABASE_URL=url)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "cannot open the database at DATABASE_URL=" in done.stderr
    assert 'database "no_such_database_here" does not exist' in done.stderr


def _reachable(url: str) -> bool:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    try:
        socket.create_connection((u.host or "127.0.0.1", u.port or 5432), timeout=2).close()
    except OSError:
        return False
    return True


def test_a_data_folder_that_cannot_be_created_names_coalition_data_dir(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = run(["ask", "review"], tmp_path, COALITION_DATA_DIR=str(blocker / "data"))
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"coalition-bot: cannot create the data folder COALITION_DATA_DIR={blocker / 'data'} "
    )
    assert done.stderr.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere")
def test_an_unwritable_data_folder_names_coalition_data_dir(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = run(["ask", "review"], tmp_path, COALITION_DATA_DIR=str(folder))
    finally:
        folder.chmod(0o700)
    assert done.returncode == 1
    assert f"COALITION_DATA_DIR={folder} is not writable" in done.stderr


def test_the_console_answers_what_needs_no_database_and_says_why_not_the_rest(
    tmp_path: Path,
) -> None:
    url = f"postgresql+asyncpg://bot@127.0.0.1:{free_port()}/coalition"
    done = run(["console"], tmp_path, stdin="help\n3e\nsubscribe\n", DATABASE_URL=url)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(
        f"coalition-bot: cannot open the database at DATABASE_URL={url}: connection refused.\n"
        "The Code, search, pillars and help work;"
    )
    assert "• paragraph — Show a provision of the Code" in done.stdout
    assert "> (e) curb the financing of terrorism;" in done.stdout
    assert (
        "That needs the bot's database, which cannot be opened right now, so I cannot answer "
        f"it. The Code, search, pillars and help still work. (cannot open the database at "
        f"DATABASE_URL={url}: connection refused)" in done.stdout
    )


async def test_in_chat_the_failure_is_a_sentence_without_the_address(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://bot@10.0.0.9:{free_port()}/coalition"
    settings = Settings(data_dir=tmp_path, database_url=url, env={"DATABASE_URL": url})
    core = build_core(settings)
    bot = TestBot(core)
    reply = await bot.ask("subscribe", platform="telegram", user="5")
    assert reply.startswith("That needs the bot's database, which cannot be opened right now")
    assert "10.0.0.9" not in reply and "DATABASE_URL" not in reply
    assert isinstance(core.database_error, DatabaseUnavailable)
    assert (await bot.ask("3e", platform="telegram")).startswith("Paragraph 3(e)")
    await core.close()


async def test_an_overloaded_database_is_a_busy_answer_and_one_log_line_not_a_traceback(
    tmp_path: Path, settings: Settings, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    # Production waits 30 s for a pooled connection; the test waits 0.3 s.
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'busy.db'}", pool_timeout=0.3)
    core = build_core(settings, db=db, clock=clock)
    bot = TestBot(core)
    assert "Next review: Tenth review" in await bot.ask("review")  # opens the database
    held: list[AsyncConnection] = []  # every connection the pool gives, as a flood holds them
    with pytest.raises(PoolTimeout):
        while True:
            held.append(await db.engine.connect())
    assert len(held) == 15  # SQLAlchemy's pool: 5 kept and 10 more under load
    caplog.clear()
    busy = "I have too many requests at once to answer that right now. Please try again"
    for who in ("ana", "ben", "cy"):
        assert (await bot.ask("review", user=who)).startswith(busy)
    assert (await bot.ask("3e")).startswith("Paragraph 3(e)")  # the Code needs no database
    assert not [r for r in caplog.records if r.exc_info]  # no traceback anywhere
    said = [r.getMessage() for r in caplog.records if r.name == "bot.core.dispatch"]
    assert len(said) == 1  # the next ones are summed up within a minute
    assert "too busy to answer 'review' from telegram:ana" in said[0]
    for connection in held:
        await connection.close()
    assert "Next review: Tenth review" in await bot.ask("review")
    await core.close()


def test_the_default_database_is_in_the_users_data_folder_wherever_you_stand(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    xdg = {"HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share")}
    data = home / ".local/share/coalition-bot"
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    first = run(["outbox", "list"], one, **xdg)
    assert first.returncode == 0, first.stderr
    assert first.stderr == (
        f"coalition-bot: created the data folder {data} for the database "
        "(COALITION_DATA_DIR moves it)\n"
    )
    second = run(["outbox", "list"], two, **xdg)
    assert second.returncode == 0 and second.stderr == ""  # said once, when created
    assert (data / "coalition.db").is_file()
    assert not (one / "data").exists() and not (two / "data").exists()
    shown = run(["config", "check"], two, **xdg)
    assert f"note    data      {data} (the database and the console history)" in shown.stdout
    assert f"DATABASE_URL=sqlite+aiosqlite:///{data / 'coalition.db'}" in shown.stdout


def test_coalition_data_dir_and_database_url_still_override_and_are_named_when_wrong(
    tmp_path: Path,
) -> None:
    mine = tmp_path / "mine"
    done = run(["outbox", "list"], tmp_path, COALITION_DATA_DIR=str(mine))
    assert done.returncode == 0 and (mine / "coalition.db").is_file()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = run(["outbox", "list"], tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{blocker}/x.db")
    assert done.returncode == 1
    assert done.stderr == (
        f"coalition-bot: cannot open the database at DATABASE_URL=sqlite+aiosqlite:///{blocker}"
        f"/x.db: {blocker} is a file, not a folder\n"
    )
    db = tmp_path / "elsewhere" / "bot.db"
    done = run(["outbox", "list"], tmp_path, DATABASE_URL=f"sqlite+aiosqlite:///{db}")
    assert done.returncode == 0 and db.is_file()


def test_a_database_another_process_writes_to_is_named_busy_within_the_bound(
    tmp_path: Path,
) -> None:
    # The database exists and is current; then another connection (as another process would)
    # takes SQLite's write lock and keeps it while the member subscribes.
    data = tmp_path / "data"
    assert run(["ask", "review"], tmp_path, COALITION_DATA_DIR=str(data)).returncode == 0
    holder = sqlite3.connect(data / "coalition.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        done = run(
            ["ask", "subscribe"],
            tmp_path,
            COALITION_DATA_DIR=str(data),
            COALITION_DB_BUSY_TIMEOUT="1",
        )
        took = time.monotonic() - began
    finally:
        holder.rollback()
        holder.close()
    assert "The database is busy: another process is writing to it." in done.stdout, done
    assert "Traceback" not in done.stdout + done.stderr
    assert took < 1 + 5  # the bound, plus the interpreter's start-up on a loaded machine


# What an error means is told from its type and its code (SQLite's result code, PostgreSQL's
# SQLSTATE), on real errors from both databases, never from its message.


async def _probe_table(db: Database) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(text("CREATE TABLE fault_probe (k INTEGER PRIMARY KEY)"))
        await conn.execute(text("INSERT INTO fault_probe (k) VALUES (1)"))


async def test_a_broken_constraint_is_an_integrity_fault(db: Database) -> None:
    await _probe_table(db)
    with pytest.raises(Exception) as raised:
        async with db.engine.begin() as conn:
            await conn.execute(text("INSERT INTO fault_probe (k) VALUES (1)"))
    assert fault(raised.value) is Fault.INTEGRITY
    assert not transient(raised.value)


async def test_a_held_write_lock_is_locked_on_sqlite_and_busy_on_postgresql(
    db: Database, tmp_path: Path
) -> None:
    await _probe_table(db)
    if db.dialect == "sqlite":
        assert db.url.database
        holder = sqlite3.connect(db.url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        waiter = Database(db.url.render_as_string(), busy_timeout=0.1)
        try:
            with pytest.raises(Exception) as raised:
                async with waiter.engine.begin() as conn:
                    await conn.execute(text("INSERT INTO fault_probe (k) VALUES (2)"))
        finally:
            holder.rollback()
            holder.close()
            await waiter.close()
        assert fault(raised.value) is Fault.LOCKED
        assert busy(raised.value) and locked(raised.value)
        return
    async with db.engine.connect() as holding:
        await holding.execute(text("LOCK TABLE fault_probe IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(Exception) as raised:
            async with db.engine.begin() as conn:
                await conn.execute(text("SET LOCAL lock_timeout = '100ms'"))
                await conn.execute(text("INSERT INTO fault_probe (k) VALUES (2)"))
        await holding.rollback()
    assert fault(raised.value) is Fault.BUSY  # SQLSTATE 55P03, lock_not_available
    assert busy(raised.value) and not locked(raised.value)


async def test_a_full_pool_is_busy(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}", pool_timeout=0.1)
    held: list[AsyncConnection] = []
    with pytest.raises(PoolTimeout) as raised:
        while True:
            held.append(await db.engine.connect())
    assert fault(raised.value) is Fault.BUSY and not locked(raised.value)
    for connection in held:
        await connection.close()
    await db.close()


async def test_a_server_not_there_is_unavailable() -> None:
    db = Database(f"postgresql+asyncpg://bot@127.0.0.1:{free_port()}/coalition")
    with pytest.raises(Exception) as raised:
        await db.start()
    await db.close()
    assert fault(raised.value) is Fault.UNAVAILABLE and transient(raised.value)


def test_a_file_in_the_way_is_no_database_fault(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError) as raised:
        Database(f"sqlite+aiosqlite:///{blocker}/x.db")
    assert fault(raised.value) is None  # a setting to fix: not worth waiting for


@pytest.mark.postgres
async def test_a_missing_postgresql_database_is_no_fault_worth_waiting_for() -> None:
    if not IN_CI and not _reachable(POSTGRES_URL):
        pytest.skip("no PostgreSQL server")
    db = Database(POSTGRES_URL.rsplit("/", 1)[0] + "/no_such_database_here")
    with pytest.raises(Exception) as raised:
        await db.start()
    await db.close()
    assert fault(raised.value) is None  # SQLSTATE 3D000
