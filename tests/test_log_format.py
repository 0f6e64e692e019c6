"""``LOG_FORMAT=json``: one JSON object a line with the time in UTC and its zone, the level,
logger, message and the ids a record carries, secrets still hidden; plain text has the zone
too. Both through the CLI's own start (``coalition-bot ask`` at DEBUG) and through
``configure`` in a fresh interpreter (for a record with ids and a secret)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.test_database_errors import run

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
