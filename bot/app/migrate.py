"""``coalition-bot migrate``: the schema brought to this release's, said migration by
migration, so that an upgrade is a step an operator runs and sees (``run`` still migrates at
start, which finds nothing left to do). ``--check`` only says whether the schema is current,
for a deploy script; ``--to REV`` reverts to an older revision before rolling back the code.
"""

from __future__ import annotations

import asyncio
import sys

from bot.base.database import make_database, start_database, unavailable
from bot.base.settings import Settings

EXIT_OK, EXIT_FAILURE, EXIT_STALE = 0, 1, 3


def _name(revision: str | None) -> str:
    return revision or "empty"


async def _migrate(settings: Settings, check: bool, to: str | None) -> int:
    from storage.migrate import downgrade, head, history, pending, revision_of

    db = make_database(settings)
    try:
        try:
            at = await revision_of(db.engine)
        except Exception as e:
            raise unavailable(settings, e) from e
        try:
            todo = pending(at)
        except ValueError:
            print(
                f"coalition-bot: the schema is at revision {at}, newer than this release "
                f"knows (its newest is {head()}): run the release that migrated it, or its "
                f"coalition-bot migrate --to {head()} to go back",
                file=sys.stderr,
            )
            return EXIT_STALE
        if check:
            if todo:
                print(
                    f"schema at revision {_name(at)}, this release needs {head()}: "
                    f"{len(todo)} migration(s) to apply (coalition-bot migrate)"
                )
                return EXIT_STALE
            print(f"schema current (revision {head()})")
            return EXIT_OK
        if to is not None:
            known = [r for r, _ in history()]
            if to not in known:
                print(
                    f"coalition-bot: no revision {to}; known: {', '.join(known)}",
                    file=sys.stderr,
                )
                return 2
            if at is None or known.index(to) >= known.index(at):
                print(f"nothing to revert: the schema is at revision {_name(at)}")
                return EXIT_OK
            first, last = known.index(to), known.index(at)
            undone = [name for r, name in history() if first < known.index(r) <= last]
            await downgrade(db.engine, to)
            for name in reversed(undone):
                print(f"reverted {name}")
            print(f"schema at revision {to}")
            return EXIT_OK
        if not todo:
            print(f"schema current (revision {head()}): nothing to apply")
            return EXIT_OK
        await start_database(settings, db)  # the same path as at start: lock, Alembic
        for _, name in todo:
            print(f"applied {name}")
        print(f"schema at revision {head()}")
        return EXIT_OK
    finally:
        await db.close()


def migrate(settings: Settings, *, check: bool = False, to: str | None = None) -> int:
    return asyncio.run(_migrate(settings, check, to))
