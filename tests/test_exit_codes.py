"""The documented exit statuses, each through the CLI as a subprocess: 2 for usage and for a
setting that cannot work (at once, no retry), 130 after SIGINT (Ctrl-C), 0 after SIGTERM."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from adapters.telegram.testing.fake import TOKEN, FakeTelegram
from tests.test_config_check import cli
from tests.test_telegram_run import finish, start


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
