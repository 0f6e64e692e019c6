"""The documented exit statuses (README's *Running it*, ``coalition-bot help``), each through
the CLI as a subprocess: 0 answered, 1 a failure (a database that cannot be opened or is too
busy to answer, an internal error, a connection check that failed, a message to retry that does
not exist, a file that cannot be saved, a reader that closed the pipe), 2 usage or a setting (at
once, no retry), 3 a schema behind the release (``migrate --check``), 130 after SIGINT
(Ctrl-C), 0 after SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

from adapters.telegram.testing.fake import TOKEN, FakeTelegram
from bot.testing.helpers import free_port
from tests.test_config_check import cli
from tests.test_telegram_run import clean_env, finish, start


async def test_ask_with_an_empty_message_is_a_usage_error(tmp_path: Path) -> None:
    for text in ("", "   "):
        code, out, err = await cli(tmp_path, "ask", text)
        assert code == 2, out + err
        assert out == ""
        assert err == (
            'coalition-bot: ask needs a message, such as coalition-bot ask "paragraph 3e"\n'
        )


async def test_run_stopped_by_sigint_exits_130_and_by_sigterm_0(
    tmp_path: Path, fake_telegram: FakeTelegram
) -> None:
    for stop_signal, expected in ((signal.SIGINT, 130), (signal.SIGTERM, 0)):
        fake_telegram.calls.clear()
        process = await start(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake_telegram.base_url,
            TELEGRAM_POLL_TIMEOUT="1",
            LOG_LEVEL="INFO",
        )
        try:
            await fake_telegram.wait_for("getUpdates", timeout=30)
        finally:
            process.send_signal(stop_signal)
        code, output = await finish(process)
        assert code == expected, output
        assert f"{stop_signal.name}: stopping" in output


async def test_run_with_a_data_folder_that_cannot_be_created_exits_2_at_once(
    tmp_path: Path, fake_telegram: FakeTelegram
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    began = time.monotonic()
    code, output = await finish(
        await start(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake_telegram.base_url,
            COALITION_DATA_DIR=str(tmp_path / "a-file" / "data"),
            LOG_LEVEL="INFO",
        )
    )
    assert code == 2, output
    assert time.monotonic() - began < 15  # the database's start wait is 60 s
    assert "trying again" not in output
    assert (
        f"coalition-bot: configuration error: cannot create the data folder "
        f"COALITION_DATA_DIR={tmp_path / 'a-file' / 'data'}" in output
    )
    assert "Traceback" not in output


async def test_ask_calendar_in_a_read_only_folder_is_a_clear_error_and_exit_1(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    # root writes through permissions: /proc is a folder nobody can create a file in.
    out = "/proc" if os.geteuid() == 0 else str(folder)
    try:
        code, stdout, err = await cli(tmp_path, "ask", "calendar", "--out", out)
    finally:
        folder.chmod(0o755)
    assert code == 1, stdout + err
    assert "The review cycle as a calendar file" in stdout
    assert f"coalition-bot: Could not save review-cycle.ics in {out}: " in err
    assert "Traceback" not in stdout + err
    assert not list(folder.iterdir())


async def test_0_an_answer(tmp_path: Path) -> None:
    code, out, err = await cli(tmp_path, "ask", "paragraph 3e")
    assert code == 0, err
    assert out.startswith("Paragraph 3(e)\n")


async def test_1_a_database_that_cannot_be_opened(tmp_path: Path) -> None:
    url = "sqlite+aiosqlite:////proc/no-such-folder/coalition.db"
    code, out, err = await cli(tmp_path, "outbox", "list", DATABASE_URL=url)
    assert code == 1, out + err
    assert err == f"coalition-bot: cannot open the database at DATABASE_URL={url}: " + (
        "no such file or directory\n"
    )


async def test_1_a_database_too_busy_to_answer(tmp_path: Path) -> None:
    code, out, err = await cli(tmp_path, "ask", "review")  # creates and migrates it
    assert code == 0, out + err
    holder = sqlite3.connect(tmp_path / "data" / "coalition.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing, for the whole wait
    try:
        code, out, err = await cli(tmp_path, "ask", "subscribe", COALITION_DB_BUSY_TIMEOUT="0.2")
    finally:
        holder.rollback()
        holder.close()
    assert code == 1, out + err
    assert out.startswith(
        "The database is busy: another process"
    )  # what it says stays the answer, on stdout


FAILING_SEARCH = """
import bot.answers.code as answers


async def failing(ctx):  # a bug in one command
    raise RuntimeError("a bug")


answers.search = failing
"""


async def test_1_an_internal_error(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(FAILING_SEARCH)
    path = f"{hooks}{os.pathsep}{Path(__file__).resolve().parent.parent}"
    code, out, err = await cli(tmp_path, "ask", "search", "financing", PYTHONPATH=path)
    assert code == 1, out + err
    assert "Something went wrong" in out
    assert "RuntimeError: a bug" in err  # the traceback behind the reference, for the operator


async def test_1_a_connection_check_that_failed(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{free_port()}"
    code, out, err = await cli(
        tmp_path,
        "config",
        "check",
        "--connect",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=base,
    )
    assert code == 1, out + err
    assert f"failed  telegram  getMe at {base}: " in out + err
    assert "ok      database" in out + err  # only the failed check fails the command


async def test_1_a_message_to_retry_that_does_not_exist(tmp_path: Path) -> None:
    code, out, err = await cli(tmp_path, "outbox", "retry", "999")
    assert code == 1, out + err
    assert err.endswith("There is no message 999 in the outbox (see outbox list).\n")


async def test_1_a_reader_that_closed_the_pipe_quietly(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line (as ``| head -0``)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.app.cli",
        "ask",
        "paragraph 3e",
        stdout=write,
        stderr=asyncio.subprocess.PIPE,
        env=clean_env(tmp_path),
        cwd=tmp_path,
    )
    os.close(write)
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 1
    assert err == b""  # quietly: no traceback, no "Exception ignored"


async def test_2_a_bad_option_and_a_bad_setting(tmp_path: Path) -> None:
    code, out, err = await cli(tmp_path, "outbox", "list", "--nope")
    assert code == 2, out + err
    assert "unrecognized arguments: --nope" in err
    code, out, err = await cli(tmp_path, "ask", "3e", LOG_LEVEL="LOUD")
    assert code == 2, out + err
    assert out == ""
    assert err.startswith("coalition-bot: configuration error: LOG_LEVEL must be one of ")


async def test_3_a_schema_behind_the_release(tmp_path: Path) -> None:
    assert (await cli(tmp_path, "migrate"))[0] == 0
    code, out, err = await cli(tmp_path, "migrate", "--to", "0013")
    assert code == 0, out + err
    code, out, err = await cli(tmp_path, "migrate", "--check")
    assert code == 3, out + err
    assert len(out.splitlines()) == 1
    assert out.startswith("schema at revision 0013") and "to apply (coalition-bot migrate)" in out
    assert (await cli(tmp_path, "migrate", "--check"))[0] == 3  # --check changed nothing
