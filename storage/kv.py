"""Reading and writing the ``kv`` table: one value per key, replaced whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from storage.db import Database


async def get(db: Database, key: str) -> str | None:
    async with db.engine.connect() as conn:
        row = (await conn.execute(text("SELECT value FROM kv WHERE key = :k"), {"k": key})).first()
    return None if row is None else str(row[0])


async def put(db: Database, key: str, value: str) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO kv (key, value) VALUES (:k, :v) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"k": key, "v": value},
        )
