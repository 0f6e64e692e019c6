"""What the worker tells the coalition admins: a message given up on (a dead letter), once,
through the outbox itself (key ``dead:<row id>``), in the transaction that records it dead.

Apart from the outcomes because it is the worker's only text, and so the only part that
reaches into the catalogue. Every admin notice (this one, a chat gone, a Slack app removed)
is written in the language of the admin's own chat, read in the transaction that queues it
(``queue_for_admins``); why a message failed travels as a code (``bot.outbox.sender.WHY``),
said at that moment in that language, while the English reason stays the operator's, in the
log and the row's ``last_error``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox.queue import ADMIN_NOTICE, enqueue
from messages.catalogue import say, sentences
from messages.locale import ENGLISH, speaking
from messages.model import Heading, Paragraph, Reply, text
from storage.languages import admin_locales

if TYPE_CHECKING:
    from bot.outbox.claims import Claimed


@dataclass(frozen=True, slots=True)
class GaveUp:
    """Why a message was given up on: the last failure's code (``WHY``), and, for a failure
    that could have passed, how long it was tried (attempts, or the retry window)."""

    why: str
    attempts: int | None = None
    window: timedelta | None = None


def why_text(why: str) -> str:
    """The sentence for a failure's code, in the answer's language."""
    return say(f"outbox.why_{why}")


def _tried(gave_up: GaveUp) -> str:
    if gave_up.attempts is not None:
        return say("outbox.dead_attempts", count=gave_up.attempts)
    if gave_up.window is not None:
        seconds = gave_up.window.total_seconds()
        if seconds >= 3600 and seconds % 3600 == 0:
            return say("outbox.dead_hours", count=int(seconds // 3600))
        return say("outbox.dead_minutes", count=max(1, round(seconds / 60)))
    return ""


def dead_letter_notice(row: Claimed, gave_up: GaveUp) -> Reply:
    """The notice, in the language being spoken (``speaking``)."""
    body = say(
        "outbox.dead_body", id=row.id, purpose=row.purpose, platform=row.platform, chat=row.chat_id
    )
    return Reply.of(
        Heading(say("outbox.dead_heading")),
        Paragraph(text(sentences([body, why_text(gave_up.why), _tried(gave_up)]))),
        Paragraph(text(say("outbox.dead_hint", id=row.id))),
    )


async def queue_for_admins(
    session: AsyncSession,
    admins: Iterable[tuple[str, str]],
    notice: Callable[[], Reply],
    *,
    occurrence: str,
    now: datetime,
) -> None:
    """Queues ``notice()`` to each admin (platform, user id), made in the language of that
    admin's chat (English when none was chosen), once per ``occurrence``."""
    targets = sorted(set(admins))
    locales = await admin_locales(session, targets)
    for platform, user_id in targets:
        with speaking(locales.get((platform, user_id), ENGLISH)):
            reply = notice()
        await enqueue(
            session,
            purpose=ADMIN_NOTICE,
            platform=platform,
            chat_id=user_id,
            occurrence=occurrence,
            reply=reply,
            now=now,
        )


async def tell_admins_dead(
    session: AsyncSession,
    row: Claimed,
    gave_up: GaveUp,
    *,
    admins: Iterable[str],
    platforms: set[str],
    now: datetime,
) -> None:
    """Queues the dead-letter notice to each admin (``platform:user_id``) on a platform this
    worker sends to. Not for an admin notice itself: a broken admin chat would tell itself."""
    if row.purpose == ADMIN_NOTICE:
        return
    pairs = [a.partition(":")[::2] for a in admins]
    await queue_for_admins(
        session,
        [(p, uid) for p, uid in pairs if p in platforms and uid],
        lambda: dead_letter_notice(row, gave_up),
        occurrence=f"dead:{row.id}",
        now=now,
    )
