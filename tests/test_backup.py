"""``coalition-bot backup PATH`` copies a live SQLite database consistently (a writer keeps
committing while it runs) and the copy restores: the bot started on it has every row."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from bot.app.backup import pg_dump_command, sqlite_path
from bot.testing.helpers import run_cli
from tests.test_telegram_run import clean_env


def cli(tmp_path: Path, *args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = clean_env(tmp_path, COALITION_DATA_DIR=str(data), COALITION_HEALTH_PORT="0")
    return run_cli(*args, env=env, cwd=tmp_path, timeout=120)


def test_a_live_database_is_backed_up_and_restored(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = cli(tmp_path, "ask", "subscribe", "7d", data=data)
    assert done.returncode == 0, done.stderr
    database = data / "coalition.db"

    # A writer that keeps committing pairs of rows, in WAL mode as the bot does: a consistent
    # copy holds whole pairs only, and nothing committed before the copy began is missing.
    writer = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
    writer.execute("CREATE TABLE ticks (n INTEGER)")
    before = 200
    for n in range(before):
        writer.execute("INSERT INTO ticks VALUES (?), (?)", (n, n))
    stop = threading.Event()

    def write() -> None:
        n = before
        while not stop.is_set():
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO ticks VALUES (?)", (n,))
            writer.execute("INSERT INTO ticks VALUES (?)", (n,))
            writer.execute("COMMIT")
            n += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        done = cli(tmp_path, "backup", str(tmp_path / "copy.db"), data=data)
    finally:
        stop.set()
        thread.join()
        writer.close()
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"backed up {database} to {tmp_path / 'copy.db'} (")
    assert not (tmp_path / "copy.db.partial").exists()

    copy = sqlite3.connect(tmp_path / "copy.db")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
        (rows,) = copy.execute("SELECT count(*) FROM ticks").fetchone()
        (odd,) = copy.execute(
            "SELECT count(*) FROM (SELECT n FROM ticks GROUP BY n HAVING count(*) != 2)"
        ).fetchone()
    finally:
        copy.close()
    assert rows > 2 * before and odd == 0  # the writer's rows during the copy: whole pairs

    # Restore: the copy as the database of a fresh data folder; the subscription is there.
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(tmp_path / "copy.db", restored / "coalition.db")
    done = cli(tmp_path, "ask", "subscriptions", data=restored)
    assert done.returncode == 0, done.stderr
    assert "When: 7 days before" in done.stdout


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert cli(tmp_path, "ask", "subscribe", data=data).returncode == 0
    (tmp_path / "copy.db").write_text("keep me")
    done = cli(tmp_path, "backup", str(tmp_path / "copy.db"), data=data)
    assert done.returncode == 2
    assert done.stderr == (
        f"coalition-bot: {tmp_path / 'copy.db'} exists; an existing file is never replaced\n"
    )
    assert (tmp_path / "copy.db").read_text() == "keep me"
    done = cli(tmp_path, "backup", str(tmp_path), data=data)  # a folder: the file's own name
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "coalition.db").is_file()


def test_postgresql_is_told_the_pg_dump_command(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://bot:s3cret@db.example.org:5432/coalition"
    assert pg_dump_command(url, "/srv/b.dump") == (
        "pg_dump --format=custom --file=/srv/b.dump "
        "'postgresql://bot:***@db.example.org:5432/coalition'"
    )
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "backup", "/srv/b.dump"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "pg_dump --format=custom --file=/srv/b.dump 'postgresql://bot:***@" in done.stderr
    assert "s3cret" not in done.stderr + done.stdout


def test_sqlite_path() -> None:
    assert sqlite_path("sqlite+aiosqlite:////srv/c.db") == Path("/srv/c.db")
    assert sqlite_path("sqlite+aiosqlite:///rel/c.db?timeout=5") == Path("rel/c.db")
    assert sqlite_path("sqlite+aiosqlite:///:memory:") is None
    assert sqlite_path("postgresql+asyncpg://u@h/db") is None
