"""Migrating the schema on start.

Alembic costs about a third of a second to import, and most starts find the schema current,
so the head revision is read from the migration files' text and compared with the database
first; Alembic runs only when there is something to apply. Several instances may start at
once: on PostgreSQL an advisory lock on the schema being migrated, on SQLite a lock file
beside the database (``<file>.migrate.lock``, through ``filelock``), lets one migrate while the
others wait, then find the schema current. Instances on other schemas of the same server (other
deployments, or tests in parallel) do not wait for it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

VERSIONS = Path(__file__).parent / "migrations" / "versions"
MIGRATION_LOCK = 0x636F616C  # "coal": the advisory lock's first key (the schema's hash the 2nd)
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


@cache
def history() -> tuple[tuple[str, str], ...]:
    """Every migration, oldest first: (revision, file name without .py)."""
    down: dict[str, str | None] = {}
    names: dict[str, str] = {}
    for f in VERSIONS.glob("*.py"):
        source = f.read_text("utf-8")
        if m := _REVISION.search(source):
            parent = _DOWN.search(source)
            down[m[1]] = parent[1] if parent else None
            names[m[1]] = f.stem
    chain: list[tuple[str, str]] = []
    at: str | None = head()
    while at is not None:
        chain.append((at, names[at]))
        at = down.get(at)
    return tuple(reversed(chain))


def pending(revision: str | None) -> list[tuple[str, str]]:
    """The migrations ``upgrade`` would apply to a schema at ``revision`` (None: empty);
    ``ValueError`` for a revision this release does not know (a newer release's schema)."""
    known = [r for r, _ in history()]
    if revision is None:
        return list(history())
    if revision not in known:
        raise ValueError(revision)
    return list(history()[known.index(revision) + 1 :])


async def revision_of(engine: AsyncEngine) -> str | None:
    """The schema's revision, None for an empty database."""
    async with engine.connect() as conn:
        return await conn.run_sync(current)


async def downgrade(engine: AsyncEngine, target: str) -> None:
    """Reverts the migrations after ``target`` (their ``downgrade()``: what they added is
    dropped, with its data). Run with the bot stopped."""
    from alembic import command
    from alembic.config import Config

    def down(conn: Connection) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)

    async with engine.begin() as conn:
        await conn.run_sync(down)


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


# The schema the connection's search_path names: only instances migrating the same one wait.
SCHEMA_LOCK = "SELECT pg_advisory_xact_lock(:key, hashtext(coalesce(current_schema(), '')))"
MIGRATE_WAIT = 300.0  # seconds another process's migration may take before we give up


async def upgrade(engine: AsyncEngine, target: str = "head") -> None:
    """Takes the engine, not ``Database``, so that ``storage.db`` can call it without the two
    modules importing each other."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:" and not database.startswith("file:"):
        from filelock import AsyncFileLock

        # SQLite has no lock a transaction can hold across Alembic's own commits and DDL;
        # without this, two processes on a fresh file both see no tables and one fails.
        async with AsyncFileLock(f"{database}.migrate.lock", timeout=MIGRATE_WAIT):
            await _upgrade(engine, target)
    else:
        await _upgrade(engine, target)


async def _upgrade(engine: AsyncEngine, target: str) -> None:
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(SCHEMA_LOCK), {"key": MIGRATION_LOCK})
        if target == "head" and await conn.run_sync(current) == head():
            return
        await conn.run_sync(_alembic_upgrade, target)
