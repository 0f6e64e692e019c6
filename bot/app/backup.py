"""``coalition-bot backup PATH``: a consistent copy of the database while the bot runs.

SQLite runs in WAL mode, so copying ``coalition.db`` of a running bot can lose what is still in
the ``-wal`` file, or copy a page mid-write. sqlite3's online backup API copies the database as
one read transaction sees it: everything committed before it began, nothing half-written, while
the bot keeps writing. The copy is written beside PATH and renamed into place only when whole
and checked, and an existing file is never replaced. PostgreSQL has its own tool: the command
says which ``pg_dump`` to run. ``coalition-bot restore`` (``bot.app.restore``) puts either back.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from bot.base.settings import Settings, mask_url

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (``sqlite+aiosqlite:///path``), None for another database or
    an in-memory one."""
    scheme, sep, rest = url.partition(":///")
    if not sep or not scheme.startswith("sqlite"):
        return None
    path = rest.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def pg_dump_command(url: str, path: str) -> str:
    """The ``pg_dump`` for the configured PostgreSQL database, password masked (libpq reads it
    from PGPASSWORD or ~/.pgpass)."""
    plain = mask_url(url).replace("postgresql+asyncpg://", "postgresql://", 1)
    return f"pg_dump --format=custom --file={path} '{plain}'"


def backup(
    settings: Settings, target: str, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    source = sqlite_path(settings.database_url)
    if source is None:
        print(
            "coalition-bot: backup copies SQLite databases; for PostgreSQL run "
            f"{pg_dump_command(settings.database_url, target)} (restore it with "
            f"coalition-bot restore {target}, DATABASE_URL naming the database to restore "
            "into, every bot on it stopped: it runs pg_restore --clean --if-exists and holds "
            "what the old bot may have sent since)",
            file=err,
        )
        return EXIT_USAGE
    if not source.is_file():
        print(f"coalition-bot: there is no database to back up at {source}", file=err)
        return EXIT_FAILURE
    dest = Path(target)
    if dest.is_dir():
        dest = dest / source.name
    if dest.exists():
        print(f"coalition-bot: {dest} exists; an existing file is never replaced", file=err)
        return EXIT_USAGE
    partial = dest.with_name(dest.name + ".partial")
    try:
        copy(source, partial)
        os.replace(partial, dest)
    except (OSError, sqlite3.Error) as e:
        partial.unlink(missing_ok=True)
        print(f"coalition-bot: could not back up {source} to {dest}: {e}", file=err)
        return EXIT_FAILURE
    print(f"backed up {source} to {dest} ({dest.stat().st_size:,} bytes)", file=out)
    return EXIT_OK


def copy(source: Path, dest: Path) -> None:
    """``source`` as one read transaction sees it, into a new file ``dest``, checked."""
    src = sqlite3.connect(source, timeout=30)  # read only; ro mode cannot always read a WAL
    try:
        target = sqlite3.connect(dest)
        try:
            src.backup(target)
            # A single file to restore: no -wal beside it.
            target.execute("PRAGMA journal_mode=DELETE").fetchone()
            (result,) = target.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise sqlite3.DatabaseError(f"the copy failed its integrity check: {result}")
        finally:
            target.close()
    finally:
        src.close()
