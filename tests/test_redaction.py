"""No secret of the settings in any output of any command, at ``LOG_LEVEL=DEBUG``: the one
redaction filter on the root logger's handlers (bot/base/logs.py) covers every library's
logger, httpx's request lines with the Telegram token in their URL included."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

import pytest

from adapters.slack.testing.fake import BOT_TOKEN as SLACK_TOKEN
from adapters.slack.testing.fake import SIGNING_SECRET, FakeSlack
from adapters.telegram.testing.fake import TOKEN as TELEGRAM_TOKEN
from adapters.telegram.testing.fake import FakeTelegram
from bot.base.logs import ClipFilter, RedactFilter, configure
from bot.testing.helpers import free_port
from tests.test_config_check import cli
from tests.test_telegram_run import clean_env

DB_PASSWORD = "dbPASSWORDn0tforLOGS"


def secrets_of(settings: dict[str, str]) -> list[str]:
    return [
        settings["TELEGRAM_BOT_TOKEN"],
        settings["TELEGRAM_BOT_TOKEN"].split(":")[1],
        settings["SLACK_BOT_TOKEN"],
        settings["SLACK_BOT_TOKEN"].removeprefix("xoxb-"),
        settings["SLACK_SIGNING_SECRET"],
        DB_PASSWORD,
    ]


def assert_no_secret(settings: dict[str, str], out: str, err: str) -> None:
    matrix = [settings["MATRIX_ACCESS_TOKEN"]] if "MATRIX_ACCESS_TOKEN" in settings else []
    for secret in secrets_of(settings) + matrix:
        assert secret not in out, (secret, out)
        assert secret not in err, (secret, err)


async def test_config_check_connect_at_debug_shows_no_secret(
    tmp_path: Path, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    settings = {
        "LOG_LEVEL": "DEBUG",
        "DATABASE_URL": f"postgresql+asyncpg://bot:{DB_PASSWORD}@127.0.0.1:{free_port()}/x",
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_API_BASE_URL": fake_telegram.base_url,
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_BASE_URL": fake_slack.base_url,
    }
    code, out, err = await cli(tmp_path, "config", "check", "--connect", **settings)
    assert code == 1, out + err  # the database is down; both platforms answer
    assert "HTTP Request: POST" in err and "/bot***/getMe" in err  # httpx logged, redacted
    assert "ok      telegram  getMe: @" in out and "ok      slack     auth.test" in out
    assert_no_secret(settings, out, err)


UNREACHABLE = {
    "LOG_LEVEL": "DEBUG",
    "DATABASE_URL": f"postgresql+asyncpg://bot:{DB_PASSWORD}@127.0.0.1:9/coalition",
    "TELEGRAM_BOT_TOKEN": "987654321:AAHdistinctTELEGRAMtokenFORredaction",
    "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9",
    "SLACK_BOT_TOKEN": "xoxb-distinct-SLACK-token-for-redaction",
    "SLACK_SIGNING_SECRET": "distinctSIGNINGsecret0123456789",
    "SLACK_API_BASE_URL": "http://127.0.0.1:9/api/",
    "MATRIX_HOMESERVER": "http://127.0.0.1:9",
    "MATRIX_USER_ID": "@bot:example.org",
    "MATRIX_ACCESS_TOKEN": "distinctMATRIXaccessTOKEN0123",
}


@pytest.mark.parametrize(
    "command",
    [
        ["config", "check", "--connect"],
        ["config", "check"],
        ["config", "settings"],
        ["config", "settings", "--markdown"],
        ["ask", "help"],
        ["ask", "subscriptions"],
        ["outbox", "list"],
        ["backup", "copy.db"],
        ["help"],
    ],
    ids=" ".join,
)
async def test_no_command_shows_a_secret_at_debug(tmp_path: Path, command: list[str]) -> None:
    code, out, err = await cli(tmp_path, *command, **UNREACHABLE)
    assert code in (0, 1, 2), out + err  # backup: 2, PostgreSQL is pg_dump's
    assert_no_secret(UNREACHABLE, out, err)


def test_the_filter_hides_secrets_in_messages_arguments_and_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "GET %s", ("/botT0KEN/x",), None)
    try:
        raise ValueError("password p@ss w0rd")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    f = RedactFilter(["T0KEN", "p@ss w0rd", ""])
    assert f.filter(record)
    assert record.getMessage() == "GET /bot***/x"
    assert record.exc_text and "p@ss w0rd" not in record.exc_text and "***" in record.exc_text
    assert f.hide("u:p%40ss%20w0rd@h") == "u:***@h"  # percent-encoded, as in a URL


def test_configure_puts_the_redaction_before_the_clip_and_replaces_it() -> None:
    saved = logging.root.handlers[:]
    logging.root.handlers = []
    try:
        configure("INFO", ["first"])
        configure("INFO", ["second"])
        (handler,) = logging.root.handlers
        kinds = [type(f) for f in handler.filters]
        assert kinds == [RedactFilter, ClipFilter]
        assert handler.filters[0].secrets == ["second"]  # type: ignore[union-attr]
    finally:
        logging.root.handlers = saved


# Every other subcommand, each once, in processes run four at a time (most of their time is
# the interpreter's start): what each prints, at DEBUG, with the distinct secrets above.
EVERY_OTHER = [
    (["console"], "help\nsubscribe\nreview\nquit\n"),
    (["reminders", "due"], None),
    (["calendar"], None),
    (["practices", "export"], None),
    (["practices", "export", "--format", "json", "--all"], None),
    (["outbox", "held"], None),
    (["outbox", "release", "--all"], None),
    (["outbox", "skip", "--all"], None),
    (["outbox", "retry", "1"], None),
    (["migrate"], None),
    (["migrate", "--check"], None),
    (["restore", "copy.db"], None),
    (["restore", "--in-place"], None),
    (["slack-manifest"], None),
    (["slack-manifest", "--http", "--request-url", "https://bot.example.org/slack/events"], None),
    (["completion", "bash"], None),
    (["completion", "zsh"], None),
    (["help", "outbox", "list"], None),
    (["--version"], None),
]


async def _cli(
    cwd: Path, args: list[str], stdin: str | None, settings: dict[str, str], stop_after: float
) -> tuple[int, str, str]:
    """The CLI in a child process; SIGTERM after ``stop_after`` seconds if still running."""
    cwd.mkdir()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.app.cli",
        *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=clean_env(cwd, **settings),
        cwd=cwd,
    )
    talk = asyncio.ensure_future(proc.communicate((stdin or "").encode()))
    done, _ = await asyncio.wait({talk}, timeout=stop_after)
    if not done:
        proc.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(talk, 30)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_every_other_subcommand_shows_no_secret_at_debug(tmp_path: Path) -> None:
    four = asyncio.Semaphore(4)

    async def one(i: int, args: list[str], stdin: str | None) -> None:
        async with four:
            code, out, err = await _cli(tmp_path / str(i), args, stdin, UNREACHABLE, 20)
        assert code in (0, 1, 2, 3), (args, out + err)
        assert_no_secret(UNREACHABLE, out, err)

    # run, briefly: on SQLite (PostgreSQL's start wait is a minute), every platform unreachable,
    # so that their clients log their failing requests (the token in Telegram's URL)
    sqlite = {k: v for k, v in UNREACHABLE.items() if k != "DATABASE_URL"}

    async def run_briefly() -> None:
        async with four:
            code, out, err = await _cli(tmp_path / "run", ["run"], None, sqlite, 4)
        assert code in (0, 1, -signal.SIGTERM), out + err  # a stop signal during its start
        assert "DEBUG" in err  # it logged at DEBUG, the requests that failed among it
        assert_no_secret(sqlite, out, err)

    runs = [run_briefly(), *(one(i, a, s) for i, (a, s) in enumerate(EVERY_OTHER))]
    failed = [e for e in await asyncio.gather(*runs, return_exceptions=True) if e is not None]
    assert not failed, failed  # every failure, after every process has ended
