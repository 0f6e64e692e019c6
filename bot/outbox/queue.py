"""Queueing proactive messages: the outbox's whole write API for features.

``enqueue`` (one message), ``enqueue_many`` (a fan-out: the due-scan's million reminders),
``cancel`` (pending rows no longer wanted) and ``status_of``; a feature writes or changes
outbox rows through these and nothing else, so the row's shape is known here only.

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
from typing import Any, NamedTuple

from sqlalchemy import String, event, func, literal, update
from sqlalchemy.orm import Session
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from messages.model import Reply
from messages.serialize import to_json
from storage.models import OutboxMessage, OutboxStatus
from storage.upsert import insert

# Messages to the coalition admins (a chat gone, a message given up on); a hook that reacts to
# a failed delivery skips these, so that an admin's own broken chat does not notify itself.
ADMIN_NOTICE = "admin_notice"
EDIT_OF = "edit_of"  # a payload's key naming the row whose sent message it edits

OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
__all__ = [
    "ADMIN_NOTICE",
    "EDIT_OF",
    "Many",
    "OutboxStatus",
    "cancel",
    "dedupe_key",
    "enqueue",
    "enqueue_each",
    "enqueue_many",
    "on_commit",
    "payload_encoder",
    "revive",
    "status_of",
]


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
    """The row's unique key: one row per (purpose, target, occurrence). A feature may compute
    it to name a row it queued (to cancel it, to edit its message); none parses it: what a
    row is about travels as its ``ref``."""
    return f"{purpose}:{platform}:{chat_id}:{occurrence}"[:255]


def _queued(session: AsyncSession) -> None:
    session.sync_session.info[_QUEUED] = True


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
    ref: str | None = None,
    edit_of: str | None = None,
    keep_sent: bool = False,
) -> bool:
    """Queues a message unless the same one is already queued; True when it was new.

    ``ref`` is the feature's own reference, handed to its hooks (``Queued.ref``); ``edit_of``
    the key of a row whose sent message this one replaces (the worker waits for that one to
    be sent, and skips this one when it never was); ``keep_sent`` keeps the row once sent
    past retention, for a message the feature will edit however old. The caller commits."""
    payload = to_json(reply)
    if edit_of is not None:
        payload[EDIT_OF] = edit_of
    bind = session.get_bind()
    stmt = (
        insert(bind.dialect.name, OutboxMessage)
        .values(
            dedupe_key=dedupe_key(purpose, platform, chat_id, occurrence),
            purpose=purpose,
            platform=platform,
            chat_id=chat_id,
            payload=payload,
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=not_before or now,
            created_at=now,
            ref=ref,
            keep_sent=keep_sent,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.exec(stmt)
    new = bool(result.rowcount)  # type: ignore[attr-defined]
    if new:
        _queued(session)
    return new


class Many(NamedTuple):
    """One row of ``enqueue_many``: its target, occurrence, reference and payload, the
    payload already encoded (``payload_encoder``), so a fan-out encodes each distinct
    message once."""

    platform: str
    chat_id: str
    occurrence: str
    ref: str | None
    payload: Any  # what payload_encoder returned


def payload_encoder(session: AsyncSession) -> Any:
    """The payload column's own serialiser for this session's database, so rows written by
    ``enqueue_many`` match what the ORM writes; call it with ``to_json(reply)``."""
    process = OUTBOX.c.payload.type.bind_processor(session.get_bind().dialect)
    return process or (lambda v: v)


_CHUNK = 10_000  # rows per statement
_SQLITE_MANY = (
    "INSERT INTO outbox (dedupe_key, purpose, platform, chat_id, payload, status, attempts, "
    "next_attempt_at, created_at, ref) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
    "ON CONFLICT (dedupe_key) DO NOTHING"
)
_POSTGRES_MANY = (
    "INSERT INTO outbox (dedupe_key, purpose, platform, chat_id, payload, status, attempts, "
    "next_attempt_at, created_at, ref) "
    "SELECT k, $7, p, c, ($4::json[])[i], $8, 0, $5, $5, r "
    "FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $6::int[], $9::varchar[]) "
    "AS u(k, p, c, i, r) "
    "ON CONFLICT (dedupe_key) DO NOTHING"
)


async def enqueue_many(
    session: AsyncSession, purpose: str, rows: list[Many], *, now: datetime
) -> int:
    """``enqueue`` for many rows of one purpose, due ``now``: ``INSERT ... ON CONFLICT DO
    NOTHING``, the number new (a repeated fan-out reports zero). The caller commits.

    The hot path of a big fan-out: values go to the driver as they are, encoded once (the
    payloads by the caller, the timestamp here) with the columns' own type processors:
    ``executemany`` on SQLite, one ``unnest`` of arrays per chunk on PostgreSQL, where each
    distinct payload travels once per chunk and rows refer to it by position."""
    if not rows:
        return 0
    conn = await session.connection()
    process = OUTBOX.c.created_at.type.bind_processor(conn.dialect)
    when = process(now) if process else now
    pending = str(OutboxStatus.PENDING)
    inserted = 0
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        keys = [f"{purpose}:{r[0]}:{r[1]}:{r[2]}"[:255] for r in chunk]
        if conn.dialect.name == "postgresql":
            distinct = list(dict.fromkeys(r[4] for r in chunk))
            position = {p: n for n, p in enumerate(distinct, 1)}
            result = await conn.exec_driver_sql(
                _POSTGRES_MANY,
                (
                    keys,
                    [r[0] for r in chunk],
                    [r[1] for r in chunk],
                    distinct,
                    when,
                    [position[r[4]] for r in chunk],
                    purpose,
                    pending,
                    [r[3] for r in chunk],
                ),
            )
        else:
            result = await conn.exec_driver_sql(
                _SQLITE_MANY,
                [
                    (k, purpose, r[0], r[1], r[4], pending, when, when, r[3])
                    for k, r in zip(keys, chunk, strict=True)
                ],
            )
        inserted += max(result.rowcount, 0)
    if inserted:
        _queued(session)
    return inserted


async def enqueue_each(
    session: AsyncSession,
    targets: Any,
    *,
    purpose: str,
    occurrence: str,
    reply: Reply,
    now: datetime,
    ref: str | None = None,
) -> int:
    """``enqueue`` of one message to every target a query selects (``targets``: a select of
    two text columns, platform and chat id, such as the active subscriptions), in one
    ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``: a large coalition costs one statement.
    The number new; the caller commits."""
    platform, chat_id = (c for c in targets.selected_columns)
    key = func.substr(
        literal(f"{purpose}:", String)
        + platform
        + literal(":", String)
        + chat_id
        + literal(f":{occurrence}", String),
        1,
        255,
    )
    rows = targets.with_only_columns(
        key,
        literal(purpose, String),
        platform,
        chat_id,
        literal(to_json(reply), OUTBOX.c.payload.type),
        literal(str(OutboxStatus.PENDING), String),
        literal(0),
        literal(now, OUTBOX.c.next_attempt_at.type),
        literal(now, OUTBOX.c.created_at.type),
        literal(ref, String),
    )
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
        "ref",
    ]
    stmt = (
        insert(session.get_bind().dialect.name, OutboxMessage)
        .from_select(columns, rows)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.exec(stmt)
    inserted = max(int(result.rowcount), 0)  # type: ignore[attr-defined]
    if inserted:
        _queued(session)
    return inserted


async def cancel(
    session: AsyncSession,
    *,
    reason: str,
    keys: list[str] | None = None,
    platform: str | None = None,
    chat_id: str | None = None,
    purposes: tuple[str, ...] = (),
) -> int:
    """Marks the matching rows still ``pending`` as ``skipped`` with ``reason``, in the
    caller's transaction; the number cancelled. Rows named by ``keys``, or a chat's rows of
    ``purposes``. A row already being sent is not touched: its feature's "still wanted?"
    check, just before the send, catches it."""
    where = [OUTBOX.c.status == OutboxStatus.PENDING]
    if keys is not None:
        where.append(OUTBOX.c.dedupe_key.in_(keys))
    if platform is not None:
        where.append(OUTBOX.c.platform == platform)
    if chat_id is not None:
        where.append(OUTBOX.c.chat_id == chat_id)
    if purposes:
        where.append(OUTBOX.c.purpose.in_(purposes))
    if len(where) == 1:
        raise ValueError("cancel needs keys or a target")
    result = await session.exec(
        update(OUTBOX).where(*where).values(status=OutboxStatus.SKIPPED, last_error=reason[:1000])
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def revive(session: AsyncSession, *, now: datetime, row_id: int | None = None) -> int:
    """``outbox retry``: the dead row ``row_id`` (or a skipped one), or with no id every dead
    row, back to pending; the number revived. A revived message gets a fresh retry window
    (measured from ``created_at``), and its feature's check runs again before it is sent.
    The caller commits."""
    stmt = update(OUTBOX).values(
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
        claimed_by=None,
        claimed_until=None,
    )
    if row_id is None:
        stmt = stmt.where(OUTBOX.c.status == OutboxStatus.DEAD)
    else:
        revivable = (OutboxStatus.DEAD, OutboxStatus.SKIPPED)
        stmt = stmt.where(OUTBOX.c.id == row_id, OUTBOX.c.status.in_(revivable))
    result = await session.exec(stmt)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def status_of(session: AsyncSession, key: str) -> OutboxStatus | None:
    """The status of the row with ``key``, None when there is none."""
    found = (await session.exec(select(OUTBOX.c.status).where(OUTBOX.c.dedupe_key == key))).first()
    return None if found is None else OutboxStatus(found)
