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


def note_ref(note_id: int) -> str:
    """A relay's outbox ``ref``: the note it publishes."""
    return f"practice:{note_id}"


def note_of(ref: str | None) -> int | None:
    """The note a relay's ``ref`` names; None for one this release does not read."""
    head, _, number = (ref or "").partition(":")
    if head != "practice" or not number.isascii() or not number.isdigit():
        return None
    return int(number)


async def relay_still_wanted(session: AsyncSession, row: Queued) -> str | None:
    """The relay's note is its row's ``ref`` (``note_ref``), never read out of its key."""
    number = note_of(row.ref)
    if number is None:
        return None  # not a reference this check understands: send as queued
    status = (
        await session.exec(select(PracticeNote.status).where(col(PracticeNote.id) == number))
    ).first()
    if status is None:
        return f"note {number} no longer exists"
    if status not in SENDABLE:
        return f"note {number} is {status}"
    return None
