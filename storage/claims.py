"""Claims on ids that several instances may be offered at once (Slack's event ids): the first
instance to insert an id owns it. The SQL lives here so adapters never write it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, delete, select

from storage.db import Database
from storage.models import SlackEvent
from storage.upsert import insert

EVENT_ID_MAX = 64  # the column's width; Slack's ids are a dozen characters


async def claim_event(db: Database, event_id: str, now: datetime) -> bool:
    """True when this call inserted the id, i.e. no instance claimed it before."""
    async with db.session() as s:
        stmt = insert(db.dialect, SlackEvent).values(event_id=event_id, seen_at=now)
        result = await s.exec(stmt.on_conflict_do_nothing(index_elements=["event_id"]))
        await s.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def prune_events(db: Database, older_than: datetime, most: int) -> int:
    """Deletes at most ``most`` ids claimed before ``older_than``, so a prune is always a short
    transaction; returns how many."""
    old = select(SlackEvent.event_id).where(col(SlackEvent.seen_at) < older_than)
    async with db.session() as s:
        result = await s.exec(
            delete(SlackEvent).where(col(SlackEvent.event_id).in_(old.limit(most)))
        )
        await s.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
