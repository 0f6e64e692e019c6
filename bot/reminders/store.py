"""Milestones and subscriptions in the database.

The shipped milestones are inserted once per key (``ON CONFLICT DO NOTHING``), so a new
release can add a milestone while an admin's corrections, and removals (kept as
``removed_at``), stay as the admin left them.

Each subscription's ``next_due`` (see ``storage.models.Subscription``) may be early but never
late, so every change that can bring a reminder forward lowers it in its own transaction:
subscribing (or resuming) sets it to ``UNPLANNED``; a milestone added, moved or newly shipped
lowers it, for every subscription whose reminder of that milestone comes before its next
one, to that reminder's moment (``_bring_forward``). A removed or moved milestone can leave
it early, which costs the scan one read: the tick that reads the row stores the exact
moment. A milestone change and a chunk of the scan never interleave (``hold_schedule``), so
a chunk never stores a moment planned from milestones that changed under it.
"""

from __future__ import annotations

import logging
import secrets
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, delete, literal, or_, text, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox import queue as outbox
from bot.reminders import cycle, notices
from bot.reminders.cycle import Milestone
from bot.reminders.timing import (
    Options,
    leads_from_text,
    leads_to_text,
    milestone_due,
    reminded,
)
from messages.catalogue import say
from storage.db import Database
from storage.models import UNPLANNED, ReminderScan, Subscription
from storage.models import Milestone as MilestoneRow
from storage.upsert import insert

REMINDER = "reminder"  # the reminders' outbox purpose (scan.PURPOSE); here, as scan imports store


@dataclass(frozen=True, slots=True)
class ReminderRef:
    """What a queued reminder is about, as its outbox row's ``ref`` carries it: the
    milestone, its date when the reminder was planned, and the lead time in days. Written by
    the scan and read back by the "still wanted?" check, here and nowhere else; the row's
    ``dedupe_key`` is never parsed."""

    milestone: str
    on_date: date
    lead: int

    def __str__(self) -> str:
        return self.format(self.milestone, self.on_date, self.lead)

    @staticmethod
    def format(milestone: str, on_date: date, lead: int) -> str:
        """``str(ReminderRef(...))`` without making one: the scan writes a million."""
        return f"{milestone}:{on_date.isoformat()}:{lead}d"

    @classmethod
    def parse(cls, ref: str | None) -> ReminderRef | None:
        """The reference, or None for one this release does not read (a row written by
        hand, or before migration 0012 filled the column)."""
        if not ref:
            return None
        try:
            milestone, on_date, lead = ref.rsplit(":", 2)
            return cls(milestone, date.fromisoformat(on_date), int(lead.removesuffix("d")))
        except ValueError:
            return None


log = logging.getLogger(__name__)

_seeded: weakref.WeakSet[Database] = weakref.WeakSet()

SCHEDULE_LOCK = 0x7363616E  # "scan": PostgreSQL advisory lock of milestone changes vs the scan
_CLASSES = 100  # (lead times, zone, time of day) classes per UPDATE of ``_bring_forward``


async def hold_schedule(session: Any, dialect: str, *, exclusive: bool) -> None:
    """Serialises what plans reminders with what changes milestones, for the rest of the
    transaction: on PostgreSQL an advisory lock (shared for the scan's chunks, exclusive for a
    milestone change); on SQLite the write lock of the caller's write session (``BEGIN
    IMMEDIATE``), taken here if no statement took it yet."""
    if dialect == "postgresql":
        fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        await session.exec(text(f"SELECT {fn}({SCHEDULE_LOCK})"))
    else:  # the first statement begins the transaction, and BEGIN IMMEDIATE takes the lock
        await session.exec(text("SELECT 1"))


async def _bring_forward(session: Any, m: Milestone) -> int:
    """Lowers ``next_due`` of the active subscriptions to the moment of their first reminder
    of ``m`` (worked out per class of lead times, zone and time of day), where it is now
    later or None; the number of rows changed. A row whose next reminder comes first anyway
    is not written. Reminders due before the scan's watermark are never sent, so they do not
    count. One statement per ``_CLASSES`` classes, reading through the ``next_due`` index
    only the rows later than the earliest new moment."""
    state = await session.get(ReminderScan, 1)
    handled: datetime | None = state.scanned_until if state else None
    t = Subscription.__table__  # type: ignore[attr-defined]
    classes = (
        await session.exec(
            select(t.c.lead_days, t.c.tz, t.c.at_time)  # type: ignore[call-overload]
            .where(t.c.paused_at.is_(None))
            .distinct()
        )
    ).all()
    firsts: list[tuple[str, str, str, datetime]] = []
    for raw, tz, at in classes:
        try:
            leads = leads_from_text(raw)
            dues = [milestone_due(m, lead, at, tz) for lead in leads if reminded(m, lead, leads)]
        except (ValueError, OSError, KeyError):  # the scan reports that row, never plans it
            continue
        ahead = [d for d in dues if handled is None or d > handled]
        if ahead:
            firsts.append((raw, tz, at, min(ahead)))
    changed = 0
    for i in range(0, len(firsts), _CLASSES):
        batch = firsts[i : i + _CLASSES]
        first = case(
            *(
                (
                    and_(t.c.lead_days == raw, t.c.tz == tz, t.c.at_time == at),
                    literal(due, t.c.next_due.type),
                )
                for raw, tz, at, due in batch
            ),
            else_=None,
        )
        lowest = min(due for *_, due in batch)
        result = await session.exec(
            update(t)
            .where(
                t.c.paused_at.is_(None),
                or_(t.c.next_due.is_(None), t.c.next_due > lowest),
                first.is_not(None),
                or_(t.c.next_due.is_(None), t.c.next_due > first),
            )
            .values(next_due=first)
        )
        changed += max(int(result.rowcount), 0)
    return changed


def as_milestone(row: MilestoneRow) -> Milestone:
    assert row.id is not None
    return Milestone(
        id=row.id,
        key=row.key,
        title=row.title,
        on_date=row.on_date,
        status=row.status,
        precision=row.precision,
        at_time=row.at_time,
        tz=row.tz,
        source=row.source,
    )


_SEEDED = ("title", "on_date", "precision", "at_time", "tz", "status", "source")


async def ensure_seeded(db: Database, now: datetime) -> None:
    """Brings the milestones in line with the review cycle this release ships: a milestone it
    adds is inserted; one it corrects (a date, a title, a status) is updated, unless an admin
    has changed or removed it (``updated_by``, ``removed_at``: the admin's word stands). Before,
    a database seeded by an earlier release kept that release's milestones for ever. A
    milestone that may now come sooner has its subscriptions' next moment brought forward."""
    if db in _seeded:
        return
    seeds = {seed["key"]: seed for seed in cycle.load().seeds}
    if seeds:
        async with db.session(write=True) as s:
            await hold_schedule(s, db.dialect, exclusive=True)
            rows = (
                await s.exec(select(MilestoneRow).where(MilestoneRow.key.in_(list(seeds))))  # type: ignore[attr-defined]
            ).all()
            known = {row.key: row for row in rows}
            sooner: list[Milestone] = []
            new = [
                {**seed, "created_at": now, "updated_at": now}
                for key, seed in seeds.items()
                if key not in known
            ]
            if new:  # a release that ships a milestone: its reminders may be due before others
                stmt = insert(db.dialect, MilestoneRow).on_conflict_do_nothing(
                    index_elements=["key"]
                )
                await s.exec(stmt, params=new)
                sooner += [Milestone(id=0, **{k: r[k] for k in _SEEDED}, key=r["key"]) for r in new]
            for key, row in known.items():
                seed = seeds[key]
                if row.updated_by is not None or row.removed_at is not None:
                    continue
                if all(getattr(row, f) == seed[f] for f in _SEEDED):
                    continue
                moved = (row.on_date, row.precision) != (seed["on_date"], seed["precision"])
                for f in _SEEDED:
                    setattr(row, f, seed[f])
                row.updated_at = now
                s.add(row)
                log.info("milestone %s: updated to the review cycle this release ships", key)
                if moved:
                    await s.flush()
                    sooner.append(as_milestone(row))
            for m in sooner:
                await _bring_forward(s, m)
            await s.commit()
    _seeded.add(db)


async def milestones(db: Database, now: datetime) -> list[Milestone]:
    """The active milestones, earliest first."""
    await ensure_seeded(db, now)
    async with db.session() as s:
        return await active_milestones(s)


# The statements every "remind me ..." and every listing runs, built once (building one cost
# about as much CPU as running it).
_ACTIVE = (
    select(MilestoneRow)
    .where(MilestoneRow.removed_at.is_(None))  # type: ignore[union-attr]
    .order_by(MilestoneRow.on_date, MilestoneRow.id)  # type: ignore[arg-type]
)
_OF_CHAT = select(Subscription).where(
    Subscription.platform == bindparam("platform"),  # type: ignore[arg-type]
    Subscription.chat_id == bindparam("chat_id"),  # type: ignore[arg-type]
)
_CHOSEN = (
    "lead_days",
    "tz",
    "at_time",
    "since",
    "paused_at",
    "paused_reason",
    "next_due",
    "locale",
)
_UPSERTS: dict[str, Any] = {}


def _upsert(dialect: str) -> Any:
    """A chat's subscription written whatever it was, returned as written; its values the
    named parameters ``platform``, ``chat_id``, ``created_at``, ``created_by`` and
    ``_CHOSEN`` (a replaced one keeps when and by whom it was first made)."""
    stmt = _UPSERTS.get(dialect)
    if stmt is None:
        names = ("platform", "chat_id", "created_at", "created_by", *_CHOSEN)
        ins = insert(dialect, Subscription).values({n: bindparam(n) for n in names})
        stmt = _UPSERTS[dialect] = ins.on_conflict_do_update(
            index_elements=["platform", "chat_id"],
            set_={n: getattr(ins.excluded, n) for n in _CHOSEN},
        ).returning(Subscription)
    return stmt


async def prepare(db: Database, now: datetime) -> None:
    """Runs a chat's subscription read, the milestones' and the upsert once, the upsert
    rolled back, so that SQLAlchemy has compiled them before the first member's "remind me"
    (the upsert with RETURNING alone cost 8 ms of CPU the first time)."""
    async with db.session() as s:
        await s.exec(_OF_CHAT, params={"platform": "", "chat_id": ""})
        await s.exec(_ACTIVE)
        values: dict[str, Any] = dict.fromkeys(_CHOSEN)
        values.update(lead_days="", tz="UTC", at_time="09:00", since=now, locale="en")
        values.update(platform="", chat_id="", created_at=now, created_by=None)
        await s.exec(_upsert(db.dialect), params=values)
        await s.rollback()  # nothing written


async def active_milestones(s: AsyncSession) -> list[Milestone]:
    """``milestones`` within a session of the caller's (which has seeded them)."""
    return [as_milestone(r) for r in (await s.exec(_ACTIVE)).all()]


async def get_milestone(db: Database, milestone_id: int, now: datetime) -> Milestone | None:
    await ensure_seeded(db, now)
    async with db.session() as s:
        row = await s.get(MilestoneRow, milestone_id)
    return as_milestone(row) if row and row.removed_at is None else None


@dataclass(frozen=True, slots=True)
class Announced:
    """An admin's change and the number of subscribed chats queued to be told of it."""

    milestone: Milestone
    told: int
    news: bool = True  # False when subscribers would see no difference: nobody is told


async def add_milestone(
    db: Database,
    *,
    on_date: date,
    precision: str,
    title: str,
    by: str,
    now: datetime,
    announce: bool = True,
) -> Announced:
    """Adds a milestone and, in the same transaction, queues its announcement to every active
    subscription (unless ``announce`` is False)."""
    await ensure_seeded(db, now)
    row = MilestoneRow(
        key=f"m-{secrets.token_hex(6)}",
        title=title,
        on_date=on_date,
        precision=precision,
        status=cycle.EXPECTED,
        source=say("review.source_added_by", name=by),  # in the adding admin's language
        created_at=now,
        updated_at=now,
        updated_by=by,
    )
    async with db.session(write=True) as s:
        await hold_schedule(s, db.dialect, exclusive=True)
        s.add(row)
        await s.flush()
        added = as_milestone(row)
        await _bring_forward(s, added)
        told = 0
        if announce:
            told = await notices.announce(
                s, db.dialect, change=notices.ADDED, milestone=added, before=None, now=now
            )
        await s.commit()
    return Announced(added, told)


async def change_milestone(
    db: Database,
    milestone_id: int,
    *,
    by: str,
    now: datetime,
    status: str | None = None,
    on_date: date | None = None,
    precision: str | None = None,
    source: str | None = None,
    remove: bool = False,
    announce: str | None = None,
) -> Announced | None:
    """Applies an admin's change and, in the same transaction, queues the announcement
    ``announce`` (``notices.MOVED``, ``CONFIRMED`` or ``REMOVED``) to every active
    subscription; None when there is no such active milestone."""
    await ensure_seeded(db, now)
    async with db.session(write=True) as s:
        await hold_schedule(s, db.dialect, exclusive=True)
        row = await s.get(MilestoneRow, milestone_id, with_for_update=True)
        if row is None or row.removed_at is not None:
            return None
        before = as_milestone(row)
        if status is not None:
            row.status = status
        if on_date is not None:
            row.on_date = on_date
        if precision is not None:
            row.precision = precision
        if source is not None:
            row.source = source[:500]
        if remove:
            row.removed_at = now
        row.updated_at = now
        row.updated_by = by
        s.add(row)
        await s.flush()
        after = as_milestone(row)
        if not remove and (after.on_date, after.precision) != (before.on_date, before.precision):
            await _bring_forward(s, after)  # a removal or a new status brings nothing forward
        told = 0
        if announce:
            told = await notices.announce(
                s, db.dialect, change=announce, milestone=after, before=before, now=now
            )
        await s.commit()
    return Announced(after, told, news=notices.worth_telling(announce or "", after, before))


async def get_subscription(db: Database, platform: str, chat_id: str) -> Subscription | None:
    async with db.session() as s:
        return await subscription_in(s, platform, chat_id)


async def subscription_in(s: AsyncSession, platform: str, chat_id: str) -> Subscription | None:
    """``get_subscription`` within a session of the caller's."""
    found = await s.exec(_OF_CHAT, params={"platform": platform, "chat_id": chat_id})
    return found.first()


async def subscribe(
    db: Database,
    *,
    platform: str,
    chat_id: str,
    options: Options,
    by: str,
    now: datetime,
    locale: str = "en",
) -> tuple[Subscription, bool]:
    """Creates or replaces this chat's subscription, resuming a paused one; True when new.
    ``locale`` is the language its reminders are written in (see ``Subscription.locale``).

    ``since`` restarts at ``now``: the new settings apply to what falls due from now on, and
    the next due-scan tick works out the next reminder (``next_due`` is ``UNPLANNED``)."""
    before, after = await resubscribe(
        db,
        platform=platform,
        chat_id=chat_id,
        options=lambda _before: options,
        by=by,
        now=now,
        locale=locale,
    )
    return after, before is None


async def resubscribe(
    db: Database,
    *,
    platform: str,
    chat_id: str,
    options: Callable[[Subscription | None], Options],
    by: str,
    now: datetime,
    locale: str = "en",
) -> tuple[Subscription | None, Subscription]:
    """``subscribe`` with the options made from the subscription as it was (None: none),
    which it returns with the new one: one session for the read and the upsert, which
    returns the row as written (a session, and a statement, each cost about 0.2-0.4 ms of the
    loop's CPU)."""
    async with db.session() as s:
        before = await subscription_in(s, platform, chat_id)
        chosen = options(before)
        values = {
            "lead_days": leads_to_text(chosen.leads),
            "tz": chosen.tz,
            "at_time": chosen.at,
            "since": now,
            "paused_at": None,
            "paused_reason": None,
            "next_due": UNPLANNED,
            "locale": locale,
        }
        values.update(platform=platform, chat_id=chat_id, created_at=now, created_by=by)
        s.expunge_all()  # ``before`` stays as it was: the row comes back as a new object
        after = (await s.exec(_upsert(db.dialect), params=values)).scalars().one()
        await s.commit()
    return before, after


async def unsubscribe(db: Database, platform: str, chat_id: str) -> bool:
    """Removes the chat's subscription and, in the same transaction, cancels the reminders and
    notices queued for it (one already being sent is caught by the worker's check)."""
    async with db.session() as s:
        result = await s.exec(
            delete(Subscription).where(
                Subscription.platform == platform,  # type: ignore[arg-type]
                Subscription.chat_id == chat_id,  # type: ignore[arg-type]
            )
        )
        await outbox.cancel(
            s,
            platform=platform,
            chat_id=chat_id,
            purposes=(REMINDER, notices.PURPOSE),
            reason="the chat unsubscribed",
        )
        await s.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def pause(session: object, *, platform: str, chat_id: str, reason: str, now: datetime) -> int:
    """Pauses every subscription of a target the platform says is gone; in the caller's
    transaction. Subscribing again resumes."""
    stmt = (
        update(Subscription)
        .where(
            Subscription.platform == platform,  # type: ignore[arg-type]
            Subscription.chat_id == chat_id,  # type: ignore[arg-type]
            Subscription.paused_at.is_(None),  # type: ignore[union-attr]
        )
        .values(paused_at=now, paused_reason=reason[:200], next_due=None)
    )
    result = await session.exec(stmt)  # type: ignore[attr-defined]
    return int(result.rowcount)
