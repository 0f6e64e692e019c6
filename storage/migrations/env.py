"""Alembic's environment: runs on the connection the bot hands it, or on ``DATABASE_URL`` when
called from the ``alembic`` command line (to write a migration). It reads the URL itself, so
storage imports nothing of the bot's settings."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_url() -> None:
    from storage.db import Database

    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit(
            "alembic: set DATABASE_URL (e.g. sqlite+aiosqlite:///dev.db) to the database to "
            "compare the models with"
        )
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.run_sync(run)
    await db.close()


if (connection := config.attributes.get("connection")) is not None:
    run(connection)
else:
    asyncio.run(_run_from_url())
