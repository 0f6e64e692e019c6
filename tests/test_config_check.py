"""``config check``: the same checks as ``run``; with ``--connect`` the database and each
configured platform's identity method (getMe, auth.test) against the fake servers, one line
each, secrets masked, and a non-zero exit on any failure."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from adapters.slack.testing.fake import BOT_TOKEN as SLACK_TOKEN
from adapters.slack.testing.fake import SIGNING_SECRET, FakeSlack
from adapters.telegram.testing.fake import TOKEN as TELEGRAM_TOKEN
from adapters.telegram.testing.fake import FakeTelegram
from bot.testing.helpers import free_port, run_cli

BAD_TELEGRAM_TOKEN = "123456789:AAHthisTOKENisNOTknownTOtheFAKEserver"


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "SLACK_", "COALITION_", "DATABASE_URL", "OUTBOX_"))
    }
    env.update(COALITION_DATA_DIR=str(tmp_path / "data"), LOG_LEVEL="WARNING")
    env.update(settings)
    return env


async def cli(tmp_path: Path, *args: str, **settings: str) -> tuple[int, str, str]:
    """The CLI in a child process, waited for in a thread, so this test's loop keeps serving
    the fake platforms."""
    env = clean_env(tmp_path, **settings)
    done = await asyncio.to_thread(run_cli, *args, env=env, cwd=tmp_path, timeout=60)
    return done.returncode, done.stdout, done.stderr


async def test_a_token_run_refuses_is_refused_by_config_check_too(tmp_path: Path) -> None:
    settings = {"TELEGRAM_BOT_TOKEN": "123456:SHORT"}
    code, out, err = await cli(tmp_path, "config", "check", **settings)
    assert code == 2
    assert out.startswith("failed  setting   TELEGRAM_BOT_TOKEN must be the token from @BotFather")
    assert "SHORT" not in out + err
    run_code, _, run_err = await cli(tmp_path, "run", **settings)
    assert run_code == 2
    assert "TELEGRAM_BOT_TOKEN must be the token from @BotFather" in run_err


async def test_settings_that_only_fail_together_are_refused_like_run_does(tmp_path: Path) -> None:
    settings = {"SLACK_BOT_TOKEN": SLACK_TOKEN}  # neither a signing secret nor an app token
    code, out, _ = await cli(tmp_path, "config", "check", **settings)
    assert code == 2
    assert "failed  setting   SLACK_SIGNING_SECRET is needed in HTTP mode" in out
    run_code, _, run_err = await cli(tmp_path, "run", SLACK_SIGNING_SECRT="x", **settings)
    assert run_code == 2 and run_err.splitlines() == [
        "coalition-bot: note: SLACK_SIGNING_SECRT is not a setting; did you mean "
        "SLACK_SIGNING_SECRET?",
        "coalition-bot: configuration error: SLACK_SIGNING_SECRET is needed in HTTP mode "
        "(Basic Information > App Credentials); or set SLACK_APP_TOKEN to use Socket Mode",
    ]


async def test_connect_reports_each_line_ok_with_secrets_masked(
    tmp_path: Path, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    code, out, err = await cli(
        tmp_path,
        "config",
        "check",
        "--connect",
        TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
        TELEGRAM_API_BASE_URL=fake_telegram.base_url,
        SLACK_BOT_TOKEN=SLACK_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=fake_slack.base_url,
    )
    assert code == 0, out + err
    lines = out.splitlines()
    assert "ok      settings  every value is allowed" in lines
    assert any(
        line.startswith("ok      database  sqlite at sqlite+aiosqlite:///") for line in lines
    )
    assert any(
        line.startswith("ok      telegram  getMe: @") and "polling" in line for line in lines
    )
    assert "ok      slack     auth.test: coalition in Coalition (UBOT), HTTP" in lines
    assert [c.method for c in fake_telegram.calls] == ["getMe"]
    assert [c.method for c in fake_slack.calls] == ["auth.test"]
    for secret in (TELEGRAM_TOKEN, TELEGRAM_TOKEN.split(":")[1], SLACK_TOKEN, SIGNING_SECRET):
        assert secret not in out + err
    assert "TELEGRAM_BOT_TOKEN=***" in lines and "SLACK_SIGNING_SECRET=***" in lines


async def test_connect_fails_when_a_platform_refuses_the_token_or_the_database_is_down(
    tmp_path: Path, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    port = free_port()
    code, out, err = await cli(
        tmp_path,
        "config",
        "check",
        "--connect",
        DATABASE_URL=f"postgresql+asyncpg://bot:pa55word@127.0.0.1:{port}/coalition",
        TELEGRAM_BOT_TOKEN=BAD_TELEGRAM_TOKEN,
        TELEGRAM_API_BASE_URL=fake_telegram.base_url,
        SLACK_BOT_TOKEN="xoxb-not-the-fakes-token",
        SLACK_APP_TOKEN="xapp-whatever",
        SLACK_API_BASE_URL=fake_slack.base_url,
        MATRIX_HOMESERVER=f"http://127.0.0.1:{port}",
        MATRIX_USER_ID="@bot:example.org",
        MATRIX_ACCESS_TOKEN="syt_not_a_homeservers_token",
    )
    assert code == 1, out + err
    lines = out.splitlines()
    # Said at once, as for the database: not "no answer within 15 s" after nio's retries.
    assert "failed  matrix    connection refused" in lines
    assert (
        "failed  database  cannot open the database at DATABASE_URL="
        f"postgresql+asyncpg://bot:***@127.0.0.1:{port}/coalition: connection refused" in lines
    )
    assert f"failed  telegram  getMe at {fake_telegram.base_url}: the token was refused" in lines
    assert f"failed  slack     auth.test at {fake_slack.base_url}: invalid_auth" in lines
    secrets = ("pa55word", BAD_TELEGRAM_TOKEN.split(":")[1], "not-the-fakes-token", "syt_not")
    for secret in secrets:
        assert secret not in out + err
    assert "Traceback" not in err


async def test_check_shows_the_data_folder_and_the_env_files_it_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKN=oops\n")
    code, out, _ = await cli(tmp_path, "config", "check")
    assert code == 0
    assert f"note    data      {tmp_path / 'data'} (the database and the console history)" in out
    assert f"note    .env      read: {tmp_path / '.env'}" in out
    assert "note    setting   TELEGRAM_BOT_TOKN is not a setting; did you mean " in out
    assert "note    platforms none configured" in out


@pytest.mark.parametrize("bad", ["REMINDER_GRACE_HOURS=a day", "OUTBOX_MAX_ATTEMPTS=-1"])
async def test_every_command_stops_on_a_bad_value(tmp_path: Path, bad: str) -> None:
    name, _, value = bad.partition("=")
    code, out, err = await cli(tmp_path, "ask", "help", **{name: value})
    assert code == 2 and out == ""
    assert err.startswith(f"coalition-bot: configuration error: {name} must be ")
    assert "Traceback" not in err
