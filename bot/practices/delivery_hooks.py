"""What the practices want of the delivery worker: a relay of a note goes out only while the
note is still approved (not withdrawn or rejected since it was queued), so neither a queued
relay nor ``outbox retry`` of a dead one publishes a withdrawn note.

Registered on the worker by the process assembly (``bot.app.assembly``). A chat that is gone
or has moved needs nothing from the practices: the relay is simply dead, or follows the chat.
"""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox.hooks import DeliveryHooks, Queued
from storage.models import PracticeNote

RELAY = "relay"  # bot.practices.service.RELAY, without importing the service
SENDABLE = frozenset({"approved"})


def register(hooks: DeliveryHooks) -> None:
    hooks.still_wanted(RELAY, relay_still_wanted)


async def relay_still_wanted(session: AsyncSession, row: Queued) -> str | None:
    """The relay's key ends in ``practice:<note id>``."""
    head, _, number = row.dedupe_key.rpartition(":")
    if not head.endswith(":practice") or not number.isascii() or not number.isdigit():
        return None  # not a key this check understands: send as queued
    status = (
        await session.exec(select(PracticeNote.status).where(col(PracticeNote.id) == int(number)))
    ).first()
    if status is None:
        return f"note {number} no longer exists"
    if status not in SENDABLE:
        return f"note {number} is {status}"
    return None
