"""``coalition-bot restore PATH`` and ``outbox held|release|skip`` through the CLI, on SQLite:
a running bot (its lease) is refused and nothing is touched, a file that is no backup is
refused, the database a restore replaces is kept beside it, and what was open and due in the
backup is held and said so; ``--in-place`` holds again only what is open. (The whole story,
on both databases, with bots running: ``tests/test_restore.py``.)"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from bot.app.cli import main
from tests.test_telegram_run import clean_env

NOTE = "Port screening\nJoint cargo screening at the port, every week. #pillar2"


def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: Path, *args: str
) -> tuple[int, str, str]:
    """The CLI in this process (a dozen subprocesses took half a minute), as another test's
    ``outbox retry`` does: exit status, stdout, stderr."""
    for key, value in clean_env(data.parent, COALITION_DATA_DIR=str(data)).items():
        monkeypatch.setenv(key, value)
    for key in [k for k in os.environ if k.startswith(("TELEGRAM_", "SLACK_"))] + ["DATABASE_URL"]:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("COALITION_HEALTH_PORT", "off")
    monkeypatch.setenv("SLACK_SHARED_CHANNEL_ID", "C0SHARED")  # no Slack: relays wait
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def statuses(database: Path) -> list[tuple[str, str]]:
    c = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in c.execute("SELECT purpose, status FROM outbox ORDER BY id")]
    finally:
        c.close()


def test_restore_refuses_a_running_bot_and_holds_what_was_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    old, live = tmp_path / "old", tmp_path / "live"

    def run(data: Path, *args: str) -> tuple[int, str, str]:
        return cli(monkeypatch, capsys, data, *args)

    copy = str(tmp_path / "copy.db")
    assert run(old, "ask", "practice", NOTE)[0] == 0
    assert statuses(old / "coalition.db") == [("relay", "pending")]
    code, _, err = run(old, "backup", copy)
    assert code == 0, err
    # The database to restore over, with a bot running on it (its due-scan lease held).
    assert run(live, "ask", "subscribe", "7d")[0] == 0
    database = live / "coalition.db"
    c = sqlite3.connect(database)
    c.execute(
        "INSERT INTO leases (name, holder, expires_at) "
        "VALUES ('due-scan', 'host:1:ab', (julianday('now') - 2440587.5) * 86400.0 + 40)"
    )
    c.commit()

    code, _, err = run(live, "restore", copy)
    assert code == 1
    assert re.fullmatch(
        r"coalition-bot: A bot is still running on this database: it holds the due-scan "
        r"lease for another \d+ s\. Stop every instance .*\n",
        err,
    ), err
    assert statuses(database) == []  # untouched: still the live bot's (no note there)

    c.execute("UPDATE leases SET expires_at = 0")  # the bot stopped
    c.commit()
    c.close()
    (tmp_path / "not-a-backup.db").write_text("hello")
    code, _, err = run(live, "restore", str(tmp_path / "not-a-backup.db"))
    assert code == 1 and "is not a usable backup of this bot" in err, err
    assert statuses(database) == []
    assert run(live, "restore")[0] == 2  # neither PATH nor --in-place

    code, out, err = run(live, "restore", copy)
    assert code == 0, err
    [kept] = re.findall(r"the database it replaced is kept as (\S+)\.\n", out)
    assert Path(kept).name.startswith("coalition.db.before-restore-")
    assert statuses(Path(kept)) == []  # the live bot's database, as it was
    assert "Messages held: 1. They were open in the backup and due by now" in out
    assert statuses(database) == [("relay", "held")]

    code, out, _ = run(live, "outbox", "held")
    assert code == 0
    [(row_id, text)] = re.findall(r"^\s+(\d+)\s+relay\s+slack:C0SHARED\s.*UTC  (.*)$", out, re.M)
    assert text.startswith("Port screening")
    assert out.endswith(
        "Messages held: 1. The bot a restored backup was taken from may have sent them. "
        "outbox release ID|--all sends, outbox skip ID|--all settles as sent.\n"
    )
    assert run(live, "outbox", "skip", "99")[::2] == (
        1,
        "There is no message 99 in the outbox (see outbox list).\n",
    )
    assert run(live, "outbox", "skip")[0] == 2  # neither ID nor --all
    assert run(live, "outbox", "skip", row_id)[:2] == (
        0,
        "Messages settled as sent (skipped): 1; outbox retry ID sends one after all.\n",
    )
    assert run(live, "outbox", "release", row_id)[::2] == (
        1,
        f"Message {row_id} is skipped, not held.\n",
    )
    assert statuses(database) == [("relay", "skipped")]
    code, out, _ = run(live, "outbox", "list", "--status", "all")
    assert "slack: 0 pending, 0 sending, 0 sent, 0 dead, 1 skipped, 0 held" in out, out

    # In place, on a database already restored: nothing open, nothing held.
    assert run(live, "restore", "--in-place")[:2] == (
        0,
        "Nothing was held: no message in the backup was due by now.\n",
    )
