"""What the worker tells the coalition admins: a message given up on (a dead letter), once,
through the outbox itself (key ``dead:<row id>``), in the transaction that records it dead.

Apart from the outcomes because it is the worker's only text, and so the only part that
reaches into the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox.queue import ADMIN_NOTICE, enqueue
from messages.catalogue import say
from messages.model import Heading, Paragraph, Reply, text

if TYPE_CHECKING:
    from bot.outbox.claims import Claimed


def dead_letter_notice(row: Claimed, reason: str) -> Reply:
    return Reply.of(
        Heading(say("outbox.dead_heading")),
        Paragraph(
            text(
                say(
                    "outbox.dead_body",
                    id=row.id,
                    purpose=row.purpose,
                    platform=row.platform,
                    chat=row.chat_id,
                    reason=reason,
                )
            )
        ),
        Paragraph(text(say("outbox.dead_hint", id=row.id))),
    )


async def tell_admins_dead(
    session: AsyncSession,
    row: Claimed,
    reason: str,
    *,
    admins: Iterable[str],
    platforms: set[str],
    now: datetime,
) -> None:
    """Queues the dead-letter notice to each admin (``platform:user_id``) on a platform this
    worker sends to. Not for an admin notice itself: a broken admin chat would tell itself."""
    if row.purpose == ADMIN_NOTICE:
        return
    notice = dead_letter_notice(row, reason[:300])
    for admin in sorted(admins):
        platform, _, user_id = admin.partition(":")
        if platform in platforms and user_id:
            await enqueue(
                session,
                purpose=ADMIN_NOTICE,
                platform=platform,
                chat_id=user_id,
                occurrence=f"dead:{row.id}",
                reply=notice,
                now=now,
            )
