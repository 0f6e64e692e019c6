"""Claims: which rows a lane takes, under a lease measured in the database's time.

A lane claims a batch of its platform's rows: ``pending`` rows that are due, and ``sending``
rows whose lease (``claimed_until``) has expired because the worker that claimed them died.
On PostgreSQL claims take turns (an advisory lock for the claim's statement), the
candidates are locked with ``SELECT ... FOR UPDATE SKIP LOCKED`` and flipped to ``sending``
in the same statement, and the lease is measured with the server's ``now()``, so instances
whose clocks disagree still agree on whose claim has run out; on SQLite (one machine, one
writer) the process clock does. Kept apart from the worker because it is the one part
that is SQL through and through, and the part another instance's behaviour depends on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Interval, and_, func, literal, or_, update
from sqlalchemy import text as sql
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import select

from bot.base.clock import Clock
from bot.outbox.config import WorkerConfig
from bot.outbox.hooks import Queued
from bot.outbox.queue import OUTBOX
from storage.models import OutboxStatus, is_open

if TYPE_CHECKING:
    from storage.db import Database

CANDIDATES = 20  # a claim ranks at most this many batches of claimable rows, in queue order
# PostgreSQL: an advisory lock per schema and platforms, held by a claim's transaction.
CLAIM_LOCK = sql(
    "SELECT pg_advisory_xact_lock(1869968483, hashtext(coalesce(current_schema(), '') || ':' "
    "|| :platforms))"
)  # 1869968483: "outc"


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    dedupe_key: str
    purpose: str
    platform: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int  # including this one
    created_at: datetime
    ref: str | None = None

    def queued(self) -> Queued:
        return Queued(
            self.id,
            self.dedupe_key,
            self.purpose,
            self.platform,
            self.chat_id,
            self.payload,
            self.ref,
        )


class Claims:
    """One worker's claims: taking rows, renewing their lease, and telling its own rows
    from rows another instance has taken over."""

    def __init__(
        self,
        database: Callable[[], Awaitable[Database]],
        clock: Clock,
        config: WorkerConfig,
        worker_id: str,
    ) -> None:
        self.database = database
        self.clock = clock
        self.config = config
        self.id = worker_id

    def lease_time(self, dialect: str, plus: timedelta = timedelta(0)) -> ColumnElement[Any]:
        """Now (plus ``plus``), for leases: the database server's clock on PostgreSQL
        (shifted by how far the worker's clock is from the wall, which is nothing outside
        tests), this process's on SQLite, where every instance shares one machine."""
        if dialect == "postgresql":
            offset = self.clock.now() - datetime.now(UTC) + plus
            return func.now() + literal(offset, Interval())
        return literal(self.clock.now() + plus, OUTBOX.c.claimed_until.type)

    def lease(self, dialect: str) -> ColumnElement[Any]:
        return self.lease_time(dialect, self.config.lease)

    def ours(self, ids: Sequence[int]) -> ColumnElement[bool]:
        """The rows among ``ids`` that this worker still holds: a row another instance took
        over after a lost lease, or one already settled, is left alone."""
        return and_(
            OUTBOX.c.id.in_(ids),
            OUTBOX.c.claimed_by == self.id,
            OUTBOX.c.status == OutboxStatus.SENDING,
        )

    async def renew(self, ids: Sequence[int]) -> None:
        """Renews the lease of ``ids`` (those still ours), in a transaction of its own."""
        db = await self.database()
        async with db.session() as s:
            await s.exec(
                update(OUTBOX).where(self.ours(ids)).values(claimed_until=self.lease(db.dialect))
            )
            await s.commit()

    async def claim(
        self,
        platforms: list[str],
        limit: int | None = None,
        *,
        exclude: Sequence[str] = (),
    ) -> list[Claimed]:
        """Claims up to ``limit`` due rows: each chat's oldest first, at most ``per_chat`` of
        one chat, every chat's first row before any chat's second (so one chat's backlog
        never fills a batch while others wait), none for the chats in ``exclude``.

        A chat's rows are claimed only while its oldest unsettled row may itself be claimed:
        not while it backs off after a failure or is being sent by another instance. So a
        chat's messages go in the order they were queued, one at a time, whichever instance
        sends them (its rows held behind a failed one are handed back, and rows are only
        ever tried oldest first, so the oldest is the only one that can be waiting)."""
        db = await self.database()
        now = self.clock.now()
        lease_now = self.lease_time(db.dialect)

        def claimable(t: Any) -> ColumnElement[bool]:
            return or_(
                and_(t.c.status == OutboxStatus.PENDING, t.c.next_attempt_at <= now),
                and_(t.c.status == OutboxStatus.SENDING, t.c.claimed_until < lease_now),
            )

        head = OUTBOX.alias("head")
        oldest = (
            select(func.min(head.c.id))
            .where(
                head.c.platform == OUTBOX.c.platform,
                head.c.chat_id == OUTBOX.c.chat_id,
                is_open(head.c.status),
            )
            .correlate_except(head)  # the candidate's, two selects out
            .scalar_subquery()
        )
        # Whether that oldest row may be claimed: a scalar per candidate (two index lookups),
        # where a NOT EXISTS let PostgreSQL plan an anti-join that ran the MIN per pair.
        first = OUTBOX.alias("first")
        first_claimable = select(claimable(first)).where(first.c.id == oldest).scalar_subquery()
        row_is_due = [OUTBOX.c.platform.in_(platforms), is_open(OUTBOX.c.status), claimable(OUTBOX)]
        where = [*row_is_due, first_claimable]
        if exclude:
            where.append(OUTBOX.c.chat_id.not_in(list(exclude)))
        limit = limit or self.config.batch
        # The ranking looks at the first ``CANDIDATES`` batches' worth of claimable rows in
        # queue order (through the index of unsettled rows, however few are wanted), so a
        # claim's cost does not grow with the rows queued behind them. In queue order, a
        # chat's claimable rows are all ahead of its others: the ranking sees its oldest.
        due_first = (
            select(OUTBOX.c.id, OUTBOX.c.chat_id)
            .where(*where)
            .order_by(OUTBOX.c.id)
            .limit(self.config.batch * CANDIDATES)
            .subquery("due_first")
        )
        chat = (due_first.c.chat_id,)
        rank = func.row_number().over(partition_by=chat, order_by=due_first.c.id).label("rank")
        queued = func.count().over(partition_by=chat).label("queued")
        ranked = select(due_first.c.id, rank, queued).subquery("ranked")
        candidates = (
            select(OUTBOX.c.id)
            .select_from(OUTBOX.join(ranked, ranked.c.id == OUTBOX.c.id))
            # The conditions again on the row itself: PostgreSQL re-checks these on a row
            # another instance claimed meanwhile, and skips it.
            .where(ranked.c.rank <= self.config.per_chat, *row_is_due)
            # Every chat's first before any chat's second; among them, the chats with the
            # most to send first: they need the most turns of their own limit (one message
            # in 1.25 s on Telegram), and a queue drained chat by chat in id order would
            # end with a few chats left, each sending slowly (bench.delivery scenario 3).
            .order_by(ranked.c.rank, ranked.c.queued.desc(), OUTBOX.c.id)
            .limit(limit)
        )
        if db.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True, of=OUTBOX)
        picked = candidates.cte("picked")
        stmt = (
            update(OUTBOX)
            .where(OUTBOX.c.id.in_(select(picked.c.id)))
            .values(
                status=OutboxStatus.SENDING,
                claimed_by=self.id,
                claimed_until=self.lease(db.dialect),
                attempts=OUTBOX.c.attempts + 1,
            )
            .returning(
                OUTBOX.c.id,
                OUTBOX.c.dedupe_key,
                OUTBOX.c.purpose,
                OUTBOX.c.platform,
                OUTBOX.c.chat_id,
                OUTBOX.c.payload,
                OUTBOX.c.attempts,
                OUTBOX.c.created_at,
                OUTBOX.c.ref,
            )
        )
        async with db.session() as s:
            if db.dialect == "postgresql":
                # Claims of a platform's rows take turns: with SKIP LOCKED alone, an instance
                # could take a chat's second row while another's claim of its first was not
                # yet committed (both read it as pending). Held for one statement (~ms).
                lock = CLAIM_LOCK.bindparams(platforms=",".join(sorted(platforms)))
                await s.exec(lock)  # type: ignore[call-overload]
            result = await s.exec(stmt)
            rows = [Claimed(*r) for r in result.all()]
            await s.commit()
        rows.sort(key=lambda r: r.id)
        return rows
