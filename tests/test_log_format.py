"""``LOG_FORMAT=json``: one JSON object a line with the time in UTC and its zone, the level,
logger, message and the ids a record carries, secrets still hidden; plain text has the zone
too. Both through the CLI's own start (``coalition-bot ask`` at DEBUG) and through
``configure`` in a fresh interpreter (for a record with ids and a secret)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.test_database_errors import run
from tests.test_exit_codes import FAILING_SEARCH

SECRET = "123456:AAHdistinctfakesecretvalue"
LOGGING = f"""
import logging
from bot.base.logs import configure
configure("INFO", [{SECRET!r}], {{fmt!r}})
logging.getLogger("bot.outbox.sending").warning(
    "outbox %s: sent to /bot%s/sendMessage", 7, {SECRET!r},
    extra={{{{"platform": "telegram", "chat_id": "42", "row_id": 7}}}},
)
"""


def _log(fmt: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", LOGGING.format(fmt=fmt)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_json_lines_carry_utc_time_level_logger_message_and_ids_with_secrets_hidden() -> None:
    (line,) = _log("json").splitlines()
    record = json.loads(line)
    assert record["level"] == "WARNING"
    assert record["logger"] == "bot.outbox.sending"
    assert record["message"] == "outbox 7: sent to /bot***/sendMessage"
    assert (record["platform"], record["chat_id"], record["row_id"]) == ("telegram", "42", 7)
    assert record["time"].endswith("+00:00")
    assert datetime.fromisoformat(record["time"]).utcoffset() is not None
    assert SECRET not in line


def test_text_lines_have_the_time_zone_too() -> None:
    (line,) = _log("text").splitlines()
    when, level, rest = line.split(" ", 2)
    assert datetime.fromisoformat(when).utcoffset() is not None and when.endswith("+00:00")
    assert (level, rest) == ("WARNING", "bot.outbox.sending: outbox 7: sent to /bot***/sendMessage")


def test_every_line_of_a_debug_run_is_json(tmp_path: Path) -> None:
    done = run(
        ["ask", "review"],
        tmp_path,
        COALITION_DATA_DIR=str(tmp_path / "data"),
        LOG_LEVEL="DEBUG",
        LOG_FORMAT="json",
        TELEGRAM_BOT_TOKEN=SECRET,
    )
    assert done.returncode == 0, done.stderr
    lines = [x for x in done.stderr.splitlines() if not x.startswith("coalition-bot: created")]
    assert lines  # DEBUG logs something (the database's drivers at least)
    for line in lines:
        record = json.loads(line)
        assert {"time", "level", "logger", "message"} <= record.keys()
        assert record["time"].endswith("+00:00")
    assert SECRET not in done.stdout + done.stderr


def _json_lines(stderr: str) -> list[dict[str, object]]:
    lines = [x for x in stderr.splitlines() if not x.startswith("coalition-bot: created")]
    return [json.loads(line) for line in lines]  # every line JSON, or this fails


def test_the_cores_busy_and_error_lines_carry_the_platform_chat_and_member(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    json_log = {"COALITION_DATA_DIR": str(data), "LOG_FORMAT": "json", "LOG_LEVEL": "WARNING"}
    assert run(["ask", "review"], tmp_path, **json_log).returncode == 0  # the database made
    holder = sqlite3.connect(data / "coalition.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing: the answer is "busy"
    try:
        busy = run(
            ["ask", "--user", "ana", "subscribe"],
            tmp_path,
            **json_log,
            COALITION_DB_BUSY_TIMEOUT="0.2",
        )
    finally:
        holder.rollback()
        holder.close()
    (line,) = [r for r in _json_lines(busy.stderr) if "too busy" in str(r["message"])]
    assert (line["level"], line["platform"], line["user_ref"]) == (
        "WARNING",
        "console",
        "console:ana",
    )
    assert line["chat_id"]

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(FAILING_SEARCH)
    root = Path(__file__).resolve().parent.parent
    failed = run(
        ["ask", "--user", "ana", "search", "x"],
        tmp_path,
        **json_log,
        PYTHONPATH=f"{hooks}{os.pathsep}{root}",
    )
    (line,) = [r for r in _json_lines(failed.stderr) if r["level"] == "ERROR"]
    assert str(line["message"]).startswith("error ")
    assert (line["platform"], line["user_ref"]) == ("console", "console:ana")
    assert "RuntimeError: a bug" in str(line["exception"])


def test_run_says_why_it_could_not_start_as_a_json_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    done = run(
        ["run"],
        tmp_path,
        COALITION_DATA_DIR=str(tmp_path / "a-file" / "data"),
        TELEGRAM_BOT_TOKEN=SECRET,
        TELEGRAM_API_BASE_URL="http://127.0.0.1:9",
        LOG_FORMAT="json",
        LOG_LEVEL="WARNING",
    )
    assert done.returncode == 2, done.stderr
    (line,) = _json_lines(done.stderr)
    assert line["level"] == "ERROR"
    assert str(line["message"]).startswith("configuration error: cannot create the data folder")
    assert SECRET not in done.stderr
