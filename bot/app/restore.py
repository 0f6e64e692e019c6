"""``coalition-bot restore PATH``: a backup put back so that nothing is lost or sent twice.

A backup is a moment, and the bot it was taken from went on sending after it: every message
open in the copy may since have reached its chat. Sent again blindly, Telegram and Slack show
it twice (neither takes an idempotency key, and neither lets a bot read back what it posted
in every chat; Matrix dedupes a transaction id for about half an hour, for the same access
token only, but its rooms' history can be read back). Dropped, a message the old bot never
sent is lost. So the restore decides nothing it cannot know: it puts the copy in place
(SQLite: the file, the database it replaces kept beside it; PostgreSQL: ``pg_restore``), then

- expires the copy's leases (their holders are gone: the restored bot scans and polls at
  once),
- runs the reminders' catch-up to now, as a start would, so that reminders due between the
  backup and now are queued here, where they can be held, rather than sent by the first scan,
- holds (``bot.outbox.held``) every open message due by now: an operator who can see the
  chats sends them (``outbox release``) or settles them as sent (``outbox skip``); where the
  platform lets the restored bot look (Matrix), it looks when it starts. Messages due later
  go out at their time: the old bot, stopped before the restore, cannot have sent them.

``--in-place`` does only the second half, for a database already restored by other means.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.app.backup import copy, sqlite_path
from bot.base.settings import Settings, mask_url
from messages.catalogue import say

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class RestoreError(Exception):
    """The restore stopped before changing anything it cannot undo; the message says why."""


@dataclass(frozen=True, slots=True)
class Settled:
    queued: int  # reminders the catch-up queued (due since the copy's last scan)
    held: int


def restore(
    settings: Settings,
    path: str | None,
    *,
    in_place: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr  # as they are now, not at import
    if (path is None) != in_place:
        print(f"coalition-bot: {say('outbox.restore_usage')}", file=err)
        return EXIT_USAGE
    try:
        asyncio.run(_refuse_if_running(settings))
        if path is not None:
            target = sqlite_path(settings.database_url)
            if settings.database_url.startswith("sqlite"):
                if target is None:
                    raise RestoreError(say("outbox.restore_no_file", path=settings.database_url))
                kept = _put_sqlite(Path(path), target)
                said = "outbox.restore_copied_kept" if kept else "outbox.restore_copied"
                print(say(said, source=path, target=target, kept=kept or ""), file=out)
            else:
                _pg_restore(settings.database_url, Path(path))
                print(
                    say(
                        "outbox.restore_copied",
                        source=path,
                        target=mask_url(settings.database_url),
                    ),
                    file=out,
                )
        settled = asyncio.run(_settle(settings))
    except RestoreError as e:
        print(f"coalition-bot: {e}", file=err)
        return EXIT_FAILURE
    if settled.queued:
        print(say("outbox.restore_caught_up", count=settled.queued), file=out)
    print(
        say("outbox.restore_held", count=settled.held)
        if settled.held
        else say("outbox.restore_nothing_held"),
        file=out,
    )
    return EXIT_OK


async def _refuse_if_running(settings: Settings) -> None:
    """A bot still running on the database would go on sending what the restore holds, and
    write over the copy: every instance must be stopped first. Its leases say whether one
    runs (the due-scan's is renewed every 15 s while it does)."""
    from bot.base.database import make_database, unavailable
    from storage.leases import live

    target = sqlite_path(settings.database_url)
    if settings.database_url.startswith("sqlite") and (target is None or not target.exists()):
        return  # nothing there yet: nothing runs on it
    db = make_database(settings)
    try:
        try:
            held = await live(db)
        except Exception as e:
            raise RestoreError(str(unavailable(settings, e))) from e
    finally:
        await db.close()
    if held:
        name, _, left = held[0]
        raise RestoreError(say("outbox.restore_running", lease=name, seconds=max(1, round(left))))


def _put_sqlite(backup: Path, target: Path) -> Path | None:
    """The backup copied in as ``target`` (checked, whole or not at all); the database it
    replaces, with its ``-wal`` and ``-shm``, renamed beside it: the path it now has."""
    if not backup.is_file():
        raise RestoreError(say("outbox.restore_no_file", path=backup))
    try:
        check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            (result,) = check.execute("PRAGMA integrity_check").fetchone()
            outbox = check.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'"
            ).fetchone()
        finally:
            check.close()
    except sqlite3.Error as e:
        raise RestoreError(say("outbox.restore_not_a_backup", path=backup, reason=e)) from e
    if result != "ok" or outbox is None:
        reason = result if result != "ok" else "no outbox table"
        raise RestoreError(say("outbox.restore_not_a_backup", path=backup, reason=reason))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)  # left by a restore cut short
    try:
        copy(backup, partial)
    except (OSError, sqlite3.Error) as e:
        partial.unlink(missing_ok=True)
        raise RestoreError(say("outbox.restore_not_a_backup", path=backup, reason=e)) from e
    kept: Path | None = None
    if target.exists():
        _checkpoint(target)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = target.with_name(f"{target.name}.before-restore-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = target.with_name(target.name + suffix)
            if part.exists():
                os.replace(part, kept.with_name(kept.name + suffix))
    os.replace(partial, target)
    return kept


def _checkpoint(database: Path) -> None:
    """What the database's ``-wal`` holds written into it (SQLite removes the ``-wal`` when
    the last connection closes): the kept file is whole on its own, and no stale ``-wal`` is
    left beside the name the copy takes, were the renames cut short. A database too damaged
    to open is kept as it is, ``-wal`` and all."""
    try:
        con = sqlite3.connect(database, timeout=5)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        pass


def _pg_restore(url: str, backup: Path) -> None:
    """``pg_restore --clean --if-exists`` of the dump into the configured database, the
    password handed over in the environment, never on the command line."""
    from sqlalchemy.engine import make_url

    if not backup.is_file():
        raise RestoreError(say("outbox.restore_no_file", path=backup))
    tool = shutil.which("pg_restore")
    if tool is None:
        raise RestoreError(say("outbox.restore_no_pg_restore"))
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    done = subprocess.run(
        [
            tool,
            "--clean",
            "--if-exists",
            f"--dbname={plain.render_as_string(hide_password=False)}",
            str(backup),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise RestoreError(
            say("outbox.restore_pg_failed", code=done.returncode, reason=" ".join(lines[-3:]))
        )


async def _settle(settings: Settings) -> Settled:
    from bot.base.database import open_database
    from bot.base.settings import REMINDER_GRACE_HOURS
    from bot.outbox.held import hold
    from bot.reminders.scan import scan
    from storage.leases import expire_all

    db = await open_database(settings)  # migrated: the copy may be an older release's
    try:
        await expire_all(db)
        now = datetime.now(UTC)
        caught_up = await scan(
            db, now, grace=timedelta(hours=REMINDER_GRACE_HOURS.read(settings.env))
        )
        async with db.session(write=True) as s:
            held = await hold(s, through=now)
            await s.commit()
    finally:
        await db.close()
    return Settled(queued=caught_up.queued, held=held)
