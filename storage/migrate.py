"""Migrating the schema on start.

Alembic costs about a third of a second to import, and most starts find the schema current,
so the head revision is read from the migration files' text and compared with the database
first; Alembic runs only when there is something to apply. On PostgreSQL an advisory lock
lets several instances start at once without racing each other through a migration.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from storage.db import Database

VERSIONS = Path(__file__).parent / "migrations" / "versions"
MIGRATION_LOCK = 0x636F616C  # "coal": the advisory lock key held while migrating
_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]", re.M)


@cache
def head() -> str:
    """The one revision no other migration builds on."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for f in VERSIONS.glob("*.py"):
        source = f.read_text("utf-8")
        if m := _REVISION.search(source):
            revisions.add(m[1])
        parents.update(_DOWN.findall(source))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def current(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_upgrade(conn: Connection, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


async def upgrade(db: Database, target: str = "head") -> None:
    async with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        if target == "head" and await conn.run_sync(current) == head():
            return
        await conn.run_sync(_alembic_upgrade, target)
