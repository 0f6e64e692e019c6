"""Queueing proactive messages.

``enqueue`` runs inside the caller's session and transaction, so the message and the data it
belongs to (a reminder's occurrence, a recorded note) are committed together or not at all.
The unique ``dedupe_key`` turns a second enqueue of the same (purpose, target, occurrence)
into a no-op, which is what makes retries, catch-up scans and several instances safe.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from messages.model import Reply
from messages.serialize import to_json
from storage.models import OutboxMessage
from storage.upsert import insert

# Messages to the coalition admins (a chat gone, a message given up on); a hook that reacts to
# a failed delivery skips these, so that an admin's own broken chat does not notify itself.
ADMIN_NOTICE = "admin_notice"


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
    return bool(result.rowcount)  # type: ignore[attr-defined]
