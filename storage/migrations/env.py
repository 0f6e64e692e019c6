"""Alembic's environment: runs on the connection the bot hands it, or on DATABASE_URL when
called from the ``alembic`` command line."""

from __future__ import annotations

import asyncio

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


async def _run_from_settings() -> None:
    from bot.app.config import Settings
    from storage.db import Database

    db = Database(Settings.load().database_url)
    async with db.engine.begin() as conn:
        await conn.run_sync(run)
    await db.close()


if (connection := config.attributes.get("connection")) is not None:
    run(connection)
else:
    asyncio.run(_run_from_settings())
