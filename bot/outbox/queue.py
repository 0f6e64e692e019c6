"""Queueing proactive messages.

``enqueue`` runs inside the caller's session and transaction, so the message and the data it
belongs to (a reminder's occurrence, a recorded note) are committed together or not at all.
The unique ``dedupe_key`` turns a second enqueue of the same (purpose, target, occurrence)
into a no-op, which is what makes retries, catch-up scans and several instances safe.

When a transaction that queued something commits, the callbacks given to ``on_commit`` run
(the delivery worker's ``wake``): a relayed note goes out at once rather than at the worker's
next look at an idle outbox, up to 2 s later. Other instances still find it at their poll.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlmodel.ext.asyncio.session import AsyncSession

from messages.model import Reply
from messages.serialize import to_json
from storage.models import OutboxMessage
from storage.upsert import insert

# Messages to the coalition admins (a chat gone, a message given up on); a hook that reacts to
# a failed delivery skips these, so that an admin's own broken chat does not notify itself.
ADMIN_NOTICE = "admin_notice"


_QUEUED = "outbox_queued"  # a session's ``info`` key: it queued something not yet committed
_wakers: list[weakref.WeakMethod[Callable[[], None]]] = []


def on_commit(wake: Callable[[], None]) -> Callable[[], None]:
    """Calls ``wake`` (a bound method, held weakly: a worker that is gone is not kept alive)
    after each commit of a transaction that queued a message in this process; returns the
    function that stops the calls."""
    ref = weakref.WeakMethod(wake)
    _wakers.append(ref)
    return lambda: _wakers.remove(ref) if ref in _wakers else None


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_QUEUED, False):
        for ref in list(_wakers):
            wake = ref()
            if wake is None:
                _wakers.remove(ref)
            else:
                wake()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_QUEUED, None)


def dedupe_key(purpose: str, platform: str, chat_id: str, occurrence: str) -> str:
    return f"{purpose}:{platform}:{chat_id}:{occurrence}"[:255]


async def enqueue(
    session: AsyncSession,
    *,
    purpose: str,
    platform: str,
    chat_id: str,
    occurrence: str,
    reply: Reply,
    now: datetime,
    not_before: datetime | None = None,
) -> bool:
    """Queues a message unless the same one is already queued; True when it was new.

    The caller commits."""
    bind = session.get_bind()
    stmt = (
        insert(bind.dialect.name, OutboxMessage)
        .values(
            dedupe_key=dedupe_key(purpose, platform, chat_id, occurrence),
            purpose=purpose,
            platform=platform,
            chat_id=chat_id,
            payload=to_json(reply),
            status="pending",
            attempts=0,
            next_attempt_at=not_before or now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.exec(stmt)
    new = bool(result.rowcount)  # type: ignore[attr-defined]
    if new:
        session.sync_session.info[_QUEUED] = True
    return new
