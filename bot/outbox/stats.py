"""The outbox at a glance: rows by platform and state, and how long the oldest waiting row has
waited. One read for ``coalition-bot outbox list`` and for the metrics (``bot.app.metrics``),
so the operator's terminal and the dashboard never disagree.

Two grouped queries over the outbox table (its ``status`` index serves the second), cheap
enough to run at every scrape; the metrics cache them for a few seconds anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from storage.db import Database
from storage.models import OPEN, OutboxMessage, OutboxStatus

OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
STATES = tuple(str(s) for s in OutboxStatus)
WAITING = tuple(str(s) for s in OPEN)


@dataclass(frozen=True)
class OutboxStats:
    at: datetime
    rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (platform, state) -> count
    oldest_waiting: dict[str, datetime] = field(default_factory=dict)  # platform -> created_at

    @property
    def platforms(self) -> list[str]:
        return sorted({p for p, _ in self.rows})

    def count(self, state: str, platform: str | None = None) -> int:
        return sum(n for (p, s), n in self.rows.items() if s == state and platform in (None, p))

    def oldest_age(self, platform: str) -> float:
        """Seconds the oldest pending or sending row of ``platform`` has waited; 0 if none."""
        oldest = self.oldest_waiting.get(platform)
        return 0.0 if oldest is None else max(0.0, (self.at - oldest).total_seconds())


async def outbox_stats(db: Database, now: datetime) -> OutboxStats:
    by_state = select(OUTBOX.c.platform, OUTBOX.c.status, func.count()).group_by(
        OUTBOX.c.platform, OUTBOX.c.status
    )
    oldest = (
        select(OUTBOX.c.platform, func.min(OUTBOX.c.created_at))
        .where(OUTBOX.c.status.in_(WAITING))
        .group_by(OUTBOX.c.platform)
    )
    async with db.session() as s:
        rows = {(p, st): int(n) for p, st, n in (await s.exec(by_state)).all()}  # type: ignore[call-overload]
        waiting = {p: _aware(t) for p, t in (await s.exec(oldest)).all() if t is not None}  # type: ignore[call-overload]
    return OutboxStats(at=now, rows=rows, oldest_waiting=waiting)


def _aware(when: datetime) -> datetime:
    """SQLite's aggregate comes back as a naive UTC datetime (or text); compare it as UTC."""
    from datetime import UTC

    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
