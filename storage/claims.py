"""Claims on ids that several instances may be offered at once (Slack's event ids and request
signatures): the first instance to insert an id owns it. The SQL lives here so adapters never
write it."""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Table
from sqlmodel import col, delete, select

from storage.db import Database
from storage.models import SlackEvent
from storage.upsert import insert

EVENT_ID_MAX = 64  # the column's width; Slack's ids are a dozen characters
_EVENTS: Table = SlackEvent.__table__  # type: ignore[attr-defined]


@functools.cache
def _claim_statement(dialect: str) -> Any:
    """Built once per dialect, so a claim only binds its rows (SQLAlchemy compiles it once)."""
    stmt = insert(dialect, _EVENTS).on_conflict_do_nothing(index_elements=["event_id"])
    return stmt.returning(_EVENTS.c.event_id)


async def claim_events(db: Database, event_ids: Collection[str], now: datetime) -> set[str]:
    """The ids of ``event_ids`` this call inserted, i.e. that no instance claimed before.

    One ``INSERT ... ON CONFLICT DO NOTHING RETURNING event_id`` for all of them (SQLAlchemy
    sends the rows as one multi-row VALUES), on a plain connection rather than an ORM session:
    it is on the answer's path of every Slack request. The rows go in sorted order, so two
    instances claiming overlapping batches at once lock the ids in the same order and never
    deadlock (PostgreSQL): the second waits for the first to commit, then finds them taken."""
    if not event_ids:
        return set()
    rows = [{"event_id": i, "seen_at": now} for i in sorted(event_ids)]
    async with db.engine.begin() as conn:
        result = await conn.execute(_claim_statement(db.dialect), rows)
        return {row[0] for row in result}


async def prune_events(db: Database, older_than: datetime, most: int, *, prefix: str = "") -> int:
    """Deletes at most ``most`` ids claimed before ``older_than`` (only those starting with
    ``prefix`` when given), so a prune is always a short transaction; returns how many."""
    old = select(SlackEvent.event_id).where(col(SlackEvent.seen_at) < older_than)
    if prefix:
        old = old.where(col(SlackEvent.event_id).startswith(prefix, autoescape=True))
    async with db.session() as s:
        result = await s.exec(
            delete(SlackEvent).where(col(SlackEvent.event_id).in_(old.limit(most)))
        )
        await s.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
