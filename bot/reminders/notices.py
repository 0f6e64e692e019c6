"""Telling the subscribed chats that an admin changed the calendar.

A milestone added, moved, confirmed or removed is announced once to every subscription that is
not paused, through the outbox and in the transaction of the change itself: the change and its
notices are committed together or not at all. The rows are written by one
``INSERT ... SELECT`` over the subscriptions, so a large coalition costs one statement.

The occurrence names the milestone, the change, the resulting date, precision and status, and
the moment of the change: the same change is never queued twice for a chat, while moving a
milestone back and forth announces every move. A change that changes nothing a subscriber
sees (confirming a confirmed date, moving to the same date) is not announced at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, func, literal, select

from bot.reminders.cycle import Milestone
from bot.reminders.replies import milestone_notice
from messages.serialize import to_json
from storage.models import OutboxMessage, Subscription
from storage.upsert import insert

PURPOSE = "milestone_notice"
ADDED, MOVED, CONFIRMED, REMOVED = "added", "moved", "confirmed", "removed"

_OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
_SUBS = Subscription.__table__  # type: ignore[attr-defined]


def occurrence(change: str, m: Milestone, now: datetime) -> str:
    state = f"{m.on_date.isoformat()}:{m.precision}:{m.status}"
    return f"{m.key}:{change}:{state}:{now.isoformat()}"


def worth_telling(change: str, m: Milestone, before: Milestone | None) -> bool:
    """False for a change no subscriber would notice."""
    if change == MOVED and before is not None:
        return (m.on_date, m.precision) != (before.on_date, before.precision)
    if change == CONFIRMED and before is not None:
        return before.expected
    return True


async def announce(
    session: Any,
    dialect: str,
    *,
    change: str,
    milestone: Milestone,
    before: Milestone | None,
    now: datetime,
) -> int:
    """Queues the notice for every active subscription, in the caller's transaction; the
    number of chats that will be told (the caller commits)."""
    if not worth_telling(change, milestone, before):
        return 0
    payload = to_json(milestone_notice(change, milestone, before))
    # The same key as bot.outbox.queue.dedupe_key(PURPOSE, platform, chat_id, occurrence).
    key = func.substr(
        literal(f"{PURPOSE}:", String)
        + _SUBS.c.platform
        + literal(":", String)
        + _SUBS.c.chat_id
        + literal(f":{occurrence(change, milestone, now)}", String),
        1,
        255,
    )
    rows = select(
        key,
        literal(PURPOSE, String),
        _SUBS.c.platform,
        _SUBS.c.chat_id,
        literal(payload, _OUTBOX.c.payload.type),
        literal("pending", String),
        literal(0),
        literal(now, _OUTBOX.c.next_attempt_at.type),
        literal(now, _OUTBOX.c.created_at.type),
    ).where(_SUBS.c.paused_at.is_(None))
    columns = [
        "dedupe_key",
        "purpose",
        "platform",
        "chat_id",
        "payload",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
    ]
    stmt = (
        insert(dialect, OutboxMessage)
        .from_select(columns, rows)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.exec(stmt)
    return max(int(result.rowcount), 0)
