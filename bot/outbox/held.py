"""Held messages: what a restored backup may already have sent.

A backup is a moment; the bot it was taken from kept running after it. Every message that
was open in the copy (``pending``, or ``sending`` under a claim) and whose time had come by
the restore may have gone out from the old bot in between, and neither Telegram nor Slack
takes an idempotency key nor lets a bot read back what it posted everywhere, so sending it
blindly again can show a member the same message twice. Dropping it can lose one the old
bot never sent. Neither is ours to guess: ``hold`` sets such rows apart in their own state,
which no worker claims, and an operator who can see the chats decides, row by row or all at
once: ``release`` sends them (their feature's "still wanted?" check runs first, as for any
row), ``skip`` settles them as already sent.

Where the platform lets the bot look (``ReadBack``: Matrix), ``check`` does what the operator
would, at the restored bot's start: a held row found in its chat is settled as sent, one
surely not there is released, and one it cannot tell about stays held.

Two kinds of open row are not held. A row due after the restore could not have been sent by
a bot that stopped before it (restoring replaces that bot), so it goes out at its time. An
edit of a message already sent (its payload names the row it edits) shows nothing twice
when it is applied again, so it goes too, unless its original is held: then it is held with
it (released, it waits for the original; the original skipped, it is skipped too).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox.queue import EDIT_OF, OUTBOX
from bot.outbox.sender import ReadBack
from storage.models import OutboxMessage, OutboxStatus, is_open

if TYPE_CHECKING:
    from storage.db import Database

log = logging.getLogger(__name__)

HELD_REASON = "held after a restore: it may have been sent after the backup was taken"
SKIPPED_REASON = "held after a restore; skipped by the operator (it had been sent)"
FOUND_REASON = "held after a restore; found in its chat, so not sent again"
CHECK_LIMIT = 500  # held rows looked for per platform at a start; the rest wait for the next
CHECK_TIMEOUT = 30.0  # seconds one look may take
_CHUNK = 1_000  # ids per UPDATE


async def hold(session: AsyncSession, *, through: datetime) -> int:
    """Holds every open row due by ``through`` (a claimed one whatever its time), edits of
    messages not held apart; the number held. The caller commits."""
    found = await session.exec(
        select(OUTBOX.c.id, OUTBOX.c.dedupe_key, OUTBOX.c.payload).where(
            is_open(OUTBOX.c.status),
            (OUTBOX.c.status == OutboxStatus.SENDING) | (OUTBOX.c.next_attempt_at <= through),
        )
    )
    rows = found.all()
    ids = [i for i, _, payload in rows if _edit_of(payload) is None]  # type: ignore[misc]
    held = {key for _, key, payload in rows if _edit_of(payload) is None}  # type: ignore[misc]
    edits = {i: e for i, _, p in rows if (e := _edit_of(p)) is not None}  # type: ignore[misc]
    if edits:
        already = await session.exec(
            select(OUTBOX.c.dedupe_key).where(
                OUTBOX.c.status == OutboxStatus.HELD,
                OUTBOX.c.dedupe_key.in_(set(edits.values()) - held),
            )
        )
        held.update(already.all())  # type: ignore[arg-type]
        ids += [i for i, original in edits.items() if original in held]
    for start in range(0, len(ids), _CHUNK):
        await session.exec(
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(ids[start : start + _CHUNK]))
            .values(
                status=OutboxStatus.HELD,
                claimed_by=None,
                claimed_until=None,
                last_error=HELD_REASON,
            )
        )
    return len(ids)


def _edit_of(payload: Any) -> str | None:
    """The key of the row whose message this one edits, None for a message of its own."""
    edit_of = payload.get(EDIT_OF) if isinstance(payload, dict) else None
    return str(edit_of) if edit_of else None


def _held(row_id: int | None, platform: str | None) -> list[Any]:
    where = [OUTBOX.c.status == OutboxStatus.HELD]
    if row_id is not None:
        where.append(OUTBOX.c.id == row_id)
    if platform is not None:
        where.append(OUTBOX.c.platform == platform)
    return where


async def release(
    session: AsyncSession, *, now: datetime, row_id: int | None = None, platform: str | None = None
) -> int:
    """Held rows (``row_id``, a ``platform``'s, or all) back to ``pending``, due ``now``, with
    a fresh retry window; the number released. The caller commits."""
    result = await session.exec(
        update(OUTBOX)
        .where(*_held(row_id, platform))
        .values(status=OutboxStatus.PENDING, next_attempt_at=now, created_at=now, last_error=None)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def skip(
    session: AsyncSession, *, row_id: int | None = None, platform: str | None = None
) -> int:
    """Held rows settled as ``skipped`` (the operator saw them sent); the number skipped.
    ``outbox retry ID`` still sends one of them, should that prove wrong. The caller
    commits."""
    result = await session.exec(
        update(OUTBOX)
        .where(*_held(row_id, platform))
        .values(status=OutboxStatus.SKIPPED, last_error=SKIPPED_REASON)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def held_count(session: AsyncSession) -> int:
    """How many rows are held (the ``status`` index serves it)."""
    from sqlalchemy import func

    found = await session.exec(
        select(func.count()).select_from(OUTBOX).where(OUTBOX.c.status == OutboxStatus.HELD)
    )
    return int(found.one())


async def held_rows(session: AsyncSession, limit: int) -> Sequence[OutboxMessage]:
    """The held rows, oldest first, at most ``limit``."""
    q = (
        select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.HELD)
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    return (await session.exec(q)).all()


async def check(
    database: Database, senders: Mapping[str, object], now: datetime
) -> dict[str, tuple[int, int]]:
    """Looks for each held row of a platform that can be read back (``ReadBack``): found,
    it is ``sent`` (with the message id found, for a later edit); surely absent, released;
    a look that fails leaves it held. Per platform, (found, released). Edits are looked for
    through their original: held with it, they are released once it is settled."""
    done: dict[str, tuple[int, int]] = {}
    for platform, sender in senders.items():
        if not isinstance(sender, ReadBack):
            continue
        async with database.session() as s:
            rows = (
                await s.exec(
                    select(OutboxMessage)
                    .where(OutboxMessage.status == OutboxStatus.HELD)
                    .where(OutboxMessage.platform == platform)
                    .order_by(col(OutboxMessage.id))
                    .limit(CHECK_LIMIT)
                )
            ).all()
        found = released = 0
        for row in rows:
            if _edit_of(row.payload) is not None:
                continue  # released below, with or after its original
            try:
                async with asyncio.timeout(CHECK_TIMEOUT):
                    message_id = await sender.find_sent(row.chat_id, row.dedupe_key, row.created_at)
            except Exception as e:  # cannot tell: the operator decides, as without a look
                log.warning("outbox: could not look for held message %s: %s", row.id, e)
                continue
            async with database.session() as s:
                if message_id is None:
                    released += await release(s, now=now, row_id=row.id)
                else:
                    changed = await s.exec(
                        update(OUTBOX)
                        .where(*_held(row.id, None))
                        .values(
                            status=OutboxStatus.SENT,
                            sent_at=now,
                            platform_message_id=message_id,
                            last_error=FOUND_REASON,
                        )
                    )
                    found += int(changed.rowcount)  # type: ignore[attr-defined]
                await s.commit()
        # An edit goes once its original is settled: it waits for one released, applies to
        # one found, and is skipped for one the operator skips. Held while its original is.
        edits = [r for r in rows if _edit_of(r.payload) is not None]
        if edits:
            async with database.session() as s:
                for edit in edits:
                    original = (
                        await s.exec(
                            select(OUTBOX.c.status).where(
                                OUTBOX.c.dedupe_key == _edit_of(edit.payload)
                            )
                        )
                    ).first()
                    if original != OutboxStatus.HELD:
                        released += await release(s, now=now, row_id=edit.id)
                await s.commit()
        done[platform] = (found, released)
        if found or released:
            log.info(
                "outbox: %s held messages looked for: %d found in their chats (not sent "
                "again), %d not there (released)",
                platform,
                found,
                released,
            )
    return done
