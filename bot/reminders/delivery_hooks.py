"""What the reminders want done when the delivery worker finds a chat gone or moved.

Registered on the worker by the process assembly (``bot.app.assembly``); each runs inside the
worker's transaction (see ``bot.outbox.hooks``).

* Gone: the chat's subscriptions are paused (subscribing again resumes them), and the
  coalition admins on that platform are told, once a day per chat, through the outbox.
* Moved: the chat's subscription follows it to the new id (or is dropped when the new chat is
  subscribed already).
* Still wanted? Just before a reminder goes out: the chat is still subscribed (not paused)
  with that lead time, and the milestone is still there on that date; a milestone notice
  goes out only to a chat still subscribed. Otherwise the row is skipped with the reason.
  The reminder is known by its row's ``ref`` (``store.ReminderRef``), never by its key.
* Late: a reminder queued on time carries ``late_after`` (an ISO moment) and ``late_blocks``
  in its payload; sent after that moment (its platform was down or rate-limiting for long),
  it gets those blocks before its closing footers. A reminders' convention, so the
  reminders' hook, run by the worker just before the send (``DeliveryHooks.before_send``).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox.hooks import DeliveryHooks, Queued, TargetGoneEvent, TargetMovedEvent
from bot.outbox.notices import queue_for_admins
from bot.outbox.queue import ADMIN_NOTICE
from bot.reminders.replies import target_gone_notice
from bot.reminders.store import ReminderRef, pause
from messages.model import Footer, Reply
from messages.serialize import from_json
from storage.models import Milestone, Subscription

log = logging.getLogger(__name__)


def register(hooks: DeliveryHooks, admins: frozenset[str]) -> None:
    """Adds the reminders' hooks; ``admins`` are ``platform:user_id`` strings."""

    async def gone(session: AsyncSession, event: TargetGoneEvent) -> None:
        await pause_and_tell(session, event, admins)

    from bot.reminders import notices, scan

    hooks.on_target_gone(gone)
    hooks.on_target_moved(follow_moved_chat)
    hooks.still_wanted(scan.PURPOSE, reminder_still_wanted)
    hooks.still_wanted(notices.PURPOSE, notice_still_wanted)
    hooks.before_send(scan.PURPOSE, late_note)


async def _subscription(session: AsyncSession, row: Queued) -> Subscription | str:
    sub = (
        await session.exec(
            select(Subscription).where(
                Subscription.platform == row.platform,  # type: ignore[arg-type]
                Subscription.chat_id == row.chat_id,  # type: ignore[arg-type]
            )
        )
    ).first()
    if sub is None:
        return "the chat unsubscribed"
    if sub.paused_at is not None:
        return "the subscription is paused"
    return sub


async def notice_still_wanted(session: AsyncSession, row: Queued) -> str | None:
    sub = await _subscription(session, row)
    return sub if isinstance(sub, str) else None


async def reminder_still_wanted(session: AsyncSession, row: Queued) -> str | None:
    """The reminder is its row's ``ref``: milestone, date, lead (``store.ReminderRef``)."""
    sub = await _subscription(session, row)
    if isinstance(sub, str):
        return sub
    ref = ReminderRef.parse(row.ref)
    if ref is None:
        return None  # not a reference this check understands: send as queued
    milestone_key, on_date, days = ref.milestone, ref.on_date.isoformat(), ref.lead
    if str(days) not in sub.lead_days.split(","):
        return f"the chat no longer wants reminders {days} days before"
    milestone = (
        await session.exec(select(Milestone).where(Milestone.key == milestone_key))
    ).first()
    if milestone is None or milestone.removed_at is not None:
        return "the milestone was removed"
    if milestone.on_date.isoformat() != on_date:
        return f"the milestone moved from {on_date} to {milestone.on_date.isoformat()}"
    return None


async def pause_and_tell(
    session: AsyncSession, event: TargetGoneEvent, admins: frozenset[str]
) -> None:
    reason = event.reason[:200]
    count = await pause(
        session, platform=event.platform, chat_id=event.chat_id, reason=reason, now=event.now
    )
    log.warning(
        "%s chat %s is gone (%s); %d subscriptions paused",
        event.platform,
        event.chat_id,
        event.reason,
        count,
    )
    if event.purpose == ADMIN_NOTICE:  # an admin's own chat is gone: no one to tell there
        return
    pairs = [a.partition(":")[::2] for a in admins]
    await queue_for_admins(
        session,
        [(p, uid) for p, uid in pairs if p == event.platform and uid],
        lambda: target_gone_notice(event.platform, event.chat_id, event.why, count),
        occurrence=f"gone:{event.chat_id}:{event.now.date().isoformat()}",
        now=event.now,
    )


async def follow_moved_chat(session: AsyncSession, event: TargetMovedEvent) -> None:
    subs = Subscription.__table__  # type: ignore[attr-defined]
    where = (subs.c.platform == event.platform, subs.c.chat_id == event.old_chat_id)
    taken = (
        await session.exec(
            select(Subscription.id).where(
                Subscription.platform == event.platform,  # type: ignore[arg-type]
                Subscription.chat_id == event.new_chat_id,  # type: ignore[arg-type]
            )
        )
    ).first()
    if taken is not None:
        await session.exec(delete(subs).where(*where))
    else:
        await session.exec(update(subs).where(*where).values(chat_id=event.new_chat_id))


def late_note(row: Queued, reply: Reply, now: datetime) -> Reply:
    """The reply with its payload's ``late_blocks`` when it goes out after ``late_after``;
    evaluated at the send, so time spent waiting for a pacer counts."""
    raw = row.payload.get("late_after")
    if not raw:
        return reply
    try:
        moment = datetime.fromisoformat(str(raw))
        extra = from_json({"blocks": row.payload.get("late_blocks") or []}).blocks
    except Exception as e:  # a bad note must not stop the message itself
        log.warning("outbox %s: unreadable late note: %s", row.id, e)
        return reply
    if not extra or now <= moment:
        return reply
    blocks = reply.blocks
    cut = len(blocks)
    while cut and isinstance(blocks[cut - 1], Footer):
        cut -= 1
    return replace(reply, blocks=blocks[:cut] + extra + blocks[cut:])
