"""``coalition-bot run`` as an operator starts it: a fresh process, settings from the
environment, stopped by a signal."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import weakref
from pathlib import Path

import pytest

from adapters.telegram.testing.fake import TOKEN, FakeTelegram, private_chat, user

ANA = user(1001, "Ana", username="ana")


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env.pop("DATABASE_URL", None)
    env.update({"COALITION_DATA_DIR": str(tmp_path / "data"), "LOG_LEVEL": "WARNING"})
    env.update(settings)
    return env


# What each process ``start`` started has written so far, read as it comes: at LOG_LEVEL=DEBUG
# the bot logs more than a pipe holds (64 KB: the menus of six languages, each request) before
# it answers, and a pipe nobody reads stops it at its next line.
_READING: weakref.WeakKeyDictionary[asyncio.subprocess.Process, asyncio.Future[bytes]] = (
    weakref.WeakKeyDictionary()
)


async def start(tmp_path: Path, **settings: str) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.app.cli",
        "run",
        env=clean_env(tmp_path, **settings),
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    assert process.stdout is not None
    _READING[process] = asyncio.ensure_future(process.stdout.read())
    return process


async def finish(process: asyncio.subprocess.Process, timeout: float = 30) -> tuple[int, str]:
    """The exit status and everything the process wrote (stdout, then stderr, for a process
    ``start`` did not start)."""
    reading = _READING.pop(process, None)
    try:
        if reading is None:
            out, err = await asyncio.wait_for(process.communicate(), timeout)
            written = (out or b"") + (err or b"")
        else:
            await asyncio.wait_for(process.wait(), timeout)
            written = await reading
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return process.returncode, written.decode()


async def test_nothing_configured_exits_non_zero_and_says_what_to_set(tmp_path: Path) -> None:
    code, output = await finish(await start(tmp_path))
    assert code == 2
    assert "no chat platform is configured" in output
    assert "TELEGRAM_BOT_TOKEN" in output and "SLACK_BOT_TOKEN" in output
    assert "coalition-bot console" in output


async def test_a_malformed_setting_is_named_before_anything_starts(tmp_path: Path) -> None:
    code, output = await finish(
        await start(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_MODE="webhook")
    )
    assert code == 2
    assert "configuration error: TELEGRAM_WEBHOOK_URL is not set" in output
    assert TOKEN not in output


async def test_a_token_telegram_refuses(tmp_path: Path, fake_telegram: FakeTelegram) -> None:
    other = "987654321:AAHsomeOTHERtokenTHATisNOTknown_12345"
    code, output = await finish(
        await start(
            tmp_path, TELEGRAM_BOT_TOKEN=other, TELEGRAM_API_BASE_URL=fake_telegram.base_url
        )
    )
    assert code == 2
    assert "Telegram refused TELEGRAM_BOT_TOKEN" in output
    assert other not in output and other.split(":")[1] not in output


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_run_serves_telegram_until_a_signal_then_stops_cleanly(
    tmp_path: Path, fake_telegram: FakeTelegram, stop_signal: signal.Signals
) -> None:
    process = await start(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake_telegram.base_url,
        TELEGRAM_POLL_TIMEOUT="1",
        LOG_LEVEL="DEBUG",  # the most talkative setting must still not show the token
    )
    try:
        await fake_telegram.wait_for("getUpdates", timeout=30)
        fake_telegram.message(private_chat(ANA), ANA, "paragraph 3e")
        [sent] = await fake_telegram.wait_for("sendMessage", chat_id=1001, timeout=15)
        assert sent.params["text"].startswith("<b>Paragraph 3(e)</b>")
    finally:
        if process.returncode is None:
            process.send_signal(stop_signal)
    code, output = await finish(process)
    assert code == (130 if stop_signal == signal.SIGINT else 0), output  # 130: as after Ctrl-C
    assert f"{stop_signal.name}: stopping" in output
    # Updates in hand were finished, then the runtime stopped.
    assert output.index("Application.stop() complete") < output.index("bot.app.run: stopped")
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    assert "<TELEGRAM_BOT_TOKEN>" in output  # PTB did log its URL, masked
    database = tmp_path / "data" / "coalition.db"
    assert database.is_file()
    assert not Path(f"{database}-wal").exists()  # the last connection closed the database
