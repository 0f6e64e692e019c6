"""Opening the database from the settings, with failures told in one sentence that names the
setting to fix (``DATABASE_URL``, or ``COALITION_DATA_DIR`` for the default SQLite folder)
instead of a driver's traceback.

The default data folder is created here, and said once when it is: the user learns where their
data lives the first time it starts to live there.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from bot.base.settings import COALITION_DB_BUSY_TIMEOUT, Settings, mask_url

if TYPE_CHECKING:
    from storage.db import Database


class DatabaseUnavailable(Exception):
    """The database cannot be opened. The message is one sentence naming the setting."""


class DataFolderUnusable(DatabaseUnavailable):
    """The data folder cannot be created or written: a setting to change, not an outage to
    wait out (``run`` exits 2 at once)."""


def prepare_data_dir(settings: Settings) -> None:
    """Creates the data folder for the default SQLite database, saying so the first time;
    ``DatabaseUnavailable`` naming COALITION_DATA_DIR when it cannot be created or written."""
    if not settings.default_database:
        return
    folder = settings.data_dir
    if folder.is_dir():
        if not os.access(folder, os.W_OK | os.X_OK):
            raise DataFolderUnusable(
                f"the data folder COALITION_DATA_DIR={folder} is not writable; make it "
                "writable or point COALITION_DATA_DIR (or DATABASE_URL) elsewhere"
            )
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataFolderUnusable(
            f"cannot create the data folder COALITION_DATA_DIR={folder} "
            f"({e.strerror or e}); point COALITION_DATA_DIR (or DATABASE_URL) at a folder you "
            "can write"
        ) from None
    print(
        f"coalition-bot: created the data folder {folder} for the database "
        "(COALITION_DATA_DIR moves it)",
        file=sys.stderr,
    )


def reason(error: BaseException) -> str:
    """What went wrong, in a few words, from the innermost cause that says something."""
    seen: list[BaseException] = []
    e: BaseException | None = error
    while e is not None and e not in seen:
        seen.append(e)
        e = e.__cause__ or (None if e.__suppress_context__ else e.__context__)
    for e in reversed(seen):
        if isinstance(e, ConnectionRefusedError) or "Connect call failed" in str(e):
            return "connection refused"
        if isinstance(e, TimeoutError):
            return "the server did not answer in time (connect_timeout, 10 s by default)"
        if isinstance(e, FileExistsError | NotADirectoryError) and e.filename:
            return f"{e.filename} is a file, not a folder"
        if isinstance(e, OSError) and e.strerror:
            return e.strerror.lower()
        text = str(e).strip().splitlines()[0] if str(e).strip() else ""
        if text and not text.startswith("("):
            return text.rstrip(".")
    return type(error).__name__


def unavailable(settings: Settings, error: BaseException) -> DatabaseUnavailable:
    """The one sentence for a database that failed to open."""
    why = reason(error)
    if settings.default_database:
        return DatabaseUnavailable(
            f"cannot open the database in COALITION_DATA_DIR={settings.data_dir}: {why}"
        )
    return DatabaseUnavailable(
        f"cannot open the database at DATABASE_URL={mask_url(settings.database_url)}: {why}"
    )


def make_database(settings: Settings) -> Database:
    """The ``Database`` for the settings, not yet opened (its folder prepared)."""
    from storage.db import Database

    prepare_data_dir(settings)
    try:
        return Database(
            settings.database_url, busy_timeout=COALITION_DB_BUSY_TIMEOUT.read(settings.env)
        )
    except Exception as e:
        raise unavailable(settings, e) from e


async def start_database(settings: Settings, db: Database) -> None:
    """Opens and migrates ``db``; ``DatabaseUnavailable`` in one sentence on failure."""
    try:
        await db.start()
    except Exception as e:
        raise unavailable(settings, e) from e


async def open_database(settings: Settings) -> Database:
    """A started database for a one-shot command; the caller closes it."""
    db = make_database(settings)
    try:
        await start_database(settings, db)
    except DatabaseUnavailable:
        await db.close()
        raise
    return db
