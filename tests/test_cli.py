"""The command line as a user runs it: fresh processes, real stdin and stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.testing.helpers import run_cli


def run(
    args: list[str], tmp_path: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COALITION_DATA_DIR": str(tmp_path / "data"), "LOG_LEVEL": "WARNING"}
    for key in list(env):
        if key.startswith(("TELEGRAM_", "SLACK_", "DATABASE_URL", "COALITION_ADMINS")):
            del env[key]
    return run_cli(*args, env=env, cwd=tmp_path, stdin=stdin, timeout=60)


def python_c(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``python -c code`` from the project's folder, for checks of what a command imports."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COALITION_DATA_DIR": str(tmp_path)},
        cwd=Path(__file__).parent.parent,
    )


def test_ask_answers_one_message(tmp_path: Path) -> None:
    done = run(["ask", "paragraph", "3e"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Paragraph 3(e)\nLead-in, from Paragraph 3:")
    assert "> (e) curb the financing of terrorism;" in done.stdout


def test_console_answers_each_piped_line_and_exits_zero(tmp_path: Path) -> None:
    done = run(["console", "--user", "ana"], tmp_path, stdin="3e\n\nsearch financed\nnonsense\n")
    assert done.returncode == 0, done.stderr
    assert "Paragraph 3(e)\nLead-in, from Paragraph 3:" in done.stdout
    assert "2 provisions match “financed”" in done.stdout
    assert "I don't know the command “nonsense”" in done.stdout
    assert "Traceback" not in done.stderr


def test_console_with_empty_stdin(tmp_path: Path) -> None:
    done = run(["console"], tmp_path, stdin="")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("url", ["mysql://x", "postgresql+psycopg2://u@h/db"])
def test_bad_database_url_is_a_clear_error(tmp_path: Path, url: str) -> None:
    env_run = run_cli("ask", "help", env={**os.environ, "DATABASE_URL": url}, cwd=tmp_path)
    assert env_run.returncode == 2
    assert (
        "DATABASE_URL must be a URL that starts with postgresql+asyncpg://, postgresql:// or "
        "postgres:// (PostgreSQL), or sqlite+aiosqlite:// or sqlite:// (SQLite)" in env_run.stderr
    )
    assert "Traceback" not in env_run.stderr


def test_config_check_masks_secrets(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=123456:SECRET-TOKEN-VALUE-0123456789\n")
    done = run(["config", "check"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "TELEGRAM_BOT_TOKEN=***" in done.stdout
    assert "SECRET-TOKEN-VALUE" not in done.stdout


def test_ask_help_loads_no_database_or_platform_library(tmp_path: Path) -> None:
    """What keeps `ask help` well under 0.6 s: declaring commands imports no heavy library."""
    heavy = [
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "telegram",
        "slack_bolt",
        "slack_sdk",
        "aiohttp",
        "apscheduler",
        "icalendar",
    ]
    code = (
        "import sys; from bot.app.cli import main; main(['ask', 'help']); "
        f"loaded = set({heavy!r}) & set(sys.modules); assert not loaded, loaded"
    )
    done = python_c(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "• practices — Browse, filter and search" in done.stdout


def test_piped_console_stops_at_quit(tmp_path: Path) -> None:
    done = run(["console"], tmp_path, stdin="3e\nquit\npillars\n")
    assert done.returncode == 0, done.stderr
    assert "curb the financing of terrorism;" in done.stdout
    assert "Measures to prevent and combat terrorism" not in done.stdout  # after quit


def test_files_are_saved_in_the_current_folder_or_out(tmp_path: Path) -> None:
    piped = run(["console"], tmp_path, stdin="calendar\ncalendar\n")
    assert piped.returncode == 0, piped.stderr
    first, second = tmp_path / "review-cycle.ics", tmp_path / "review-cycle-1.ics"
    assert f"Saved review-cycle.ics ({first.stat().st_size:,} bytes) to {first}" in piped.stdout
    assert f"to {second}" in piped.stdout  # the second one does not replace the first
    for ics in (first, second):
        assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
        assert b"UID:review-10-adoption@coalition-bot.review-cycle" in ics.read_bytes()
    assert "(file:" not in piped.stdout
    out = tmp_path / "exports"
    out.mkdir()
    asked = run(["ask", "--out", str(out), "calendar"], tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert f"to {out / 'review-cycle.ics'}" in asked.stdout
    assert (out / "review-cycle.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    done = run(["console", "--out", "nowhere"], tmp_path, stdin="calendar\n")
    assert done.returncode == 2
    assert "--out nowhere: there is no such folder." in done.stderr
    assert not list(tmp_path.glob("*.ics"))


def test_ask_and_piped_console_load_no_terminal_library(tmp_path: Path) -> None:
    """rich and prompt_toolkit are for a terminal: ask and piped input print plain text."""
    code = (
        "import sys, io; from bot.app.cli import main; main(['ask', 'help']); "
        "sys.stdin = io.StringIO('help\\n'); main(['console']); "
        "loaded = {m.split('.')[0] for m in sys.modules} & {'rich', 'prompt_toolkit'}; "
        "assert not loaded, loaded"
    )
    done = python_c(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "• practices — Browse, filter and search" in done.stdout
    assert "\x1b[" not in done.stdout


def test_a_look_up_is_answered_without_an_event_loop(tmp_path: Path) -> None:
    """`ask "paragraph 3e"` imports no asyncio (a third of its start-up, bench/startup.py)."""
    code = (
        "import sys; from bot.app.cli import main; rc = main(['ask', 'paragraph 3e']); "
        "assert rc == 0 and 'asyncio' not in sys.modules, sorted(sys.modules)"
    )
    done = python_c(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "> (e) curb the financing of terrorism;" in done.stdout


def test_an_answer_that_needs_the_database_gets_its_loop_and_acts_once(tmp_path: Path) -> None:
    """The hand drive of `ask` stops at the database's import of asyncio and the answer runs
    again on a loop: one subscription, said once, no trace of the first attempt."""
    done = run(["ask", "remind me a week before"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Subscribed.") == 1
    assert done.stderr.count("coalition-bot:") == 1  # the data folder's notice, once
    assert "created the data folder" in done.stderr
    listed = run(["ask", "what reminders do I have"], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("When: 7 days before") == 1
