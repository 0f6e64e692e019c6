"""Telling the subscribed chats that an admin changed the calendar.

A milestone added, moved, confirmed or removed is announced once to every subscription that is
not paused, through the outbox and in the transaction of the change itself: the change and its
notices are committed together or not at all. The rows are written by one
``INSERT ... SELECT`` over the subscriptions (the outbox's ``enqueue_each``), so a large
coalition costs one statement.

The occurrence names the milestone, the change, the resulting date, precision and status, and
the moment of the change: the same change is never queued twice for a chat, while moving a
milestone back and forth announces every move. A change that changes nothing a subscriber
sees (confirming a confirmed date, moving to the same date) is not announced at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.outbox.queue import enqueue_each
from bot.reminders.cycle import Milestone
from bot.reminders.replies import milestone_notice
from messages.locale import speaking
from storage.models import Subscription

PURPOSE = "milestone_notice"
ADDED, MOVED, CONFIRMED, REMOVED = "added", "moved", "confirmed", "removed"

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
    number of chats that will be told (the caller commits). Each chat is told in its
    subscription's language (one statement per language in use, not the admin's)."""
    if not worth_telling(change, milestone, before):
        return 0
    active = _SUBS.c.paused_at.is_(None)
    found = await session.exec(select(_SUBS.c.locale).where(active).distinct())
    locales = [row[0] for row in found.all()]
    told = 0
    for locale in sorted(locales):
        with speaking(locale):
            reply = milestone_notice(change, milestone, before)
        told += await enqueue_each(
            session,
            select(_SUBS.c.platform, _SUBS.c.chat_id).where(active, _SUBS.c.locale == locale),
            purpose=PURPOSE,
            occurrence=occurrence(change, milestone, now),
            reply=reply,
            now=now,
        )
    return told
