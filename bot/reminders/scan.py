"""The due-scan: milestones x subscriptions x lead times into outbox rows.

Each scan looks at the moments between the last scan's watermark (``reminder_scans``) and now,
once: a reminder due in that window is queued unless it is older than the grace period, in
which case it is skipped and counted. So a bot that was down catches up once on start: what
it missed by less than the grace period (default 24 h) goes out marked as late; anything
older is reported, not sent. A reminder queued on time carries a second note, for a platform
that takes it only much later; the delivery worker adds it when the send happens after
``late_after`` (see ``_payload``). Nothing due before a subscription's ``since`` (when its
settings took effect) is sent to it: a lead time longer than the time left before a
milestone simply has no reminder.

A tick costs what is due, not what is subscribed: each subscription stores its next due
moment (``Subscription.next_due``, indexed; ``store`` keeps it never later than the truth),
and the scan reads only rows with ``next_due <= now``. It plans them per class of (lead times,
zone, time of day), queues their reminders and stores each row's next moment in one
transaction per chunk; chunks are sized to about ``LOOP_BUDGET`` of the event loop's CPU time,
so even a tick that queues a million reminders never holds the loop for long. The watermark
moves once no row is due any more. A row's ``next_due`` is also the lower bound of what is
planned for it, so a scan cut short between chunks is finished by the next one, each
reminder once.

Every row's ``dedupe_key`` is (reminder, platform, chat, milestone key, milestone date, lead),
so a second scan of the same moment, a second instance, or a retry never queues the same
reminder twice; moving a milestone gives it new reminders for the new date.
"""

from __future__ import annotations

import asyncio
import logging
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import select

from bot.outbox.queue import Many, dedupe_key, enqueue_many, payload_encoder
from bot.reminders import store
from bot.reminders.cycle import Milestone
from bot.reminders.replies import delivered_late_blocks, reminder_reply
from bot.reminders.timing import due_at, leads_from_text, milestone_due, reminded, reminder_day
from messages.locale import speaking
from messages.model import Reply
from messages.serialize import to_json
from storage.db import Database
from storage.models import Milestone as MilestoneRow
from storage.models import OutboxMessage, ReminderScan, Subscription

log = logging.getLogger(__name__)

PURPOSE = store.REMINDER
GRACE = timedelta(hours=24)
LATE_AFTER = timedelta(minutes=10)  # later than this after its due time, a reminder says so
CHUNK = 500  # subscriptions in the scan's first transaction; then sized to LOOP_BUDGET
LOOP_BUDGET = 0.015  # seconds of the event loop's CPU time per chunk (the target is < 20 ms)
_MIN_CHUNK, _MAX_CHUNK = 50, 5_000
_RETRY_UNPLANNABLE = timedelta(days=1)  # a zone this machine cannot load may load on another
_SLACK = timedelta(days=2)  # time zones move a local day by at most 14 hours either way

SubRow = tuple[str, str, str, str, str, datetime]  # platform, chat, leads, tz, at, since


@dataclass(frozen=True, slots=True)
class Planned:
    due: datetime
    platform: str
    chat_id: str
    milestone: Milestone
    lead: int
    tz: str
    locale: str = "en"  # the subscription's: the language its reminders are written in

    @property
    def ref(self) -> store.ReminderRef:
        return store.ReminderRef(self.milestone.key, self.milestone.on_date, self.lead)

    @property
    def occurrence(self) -> str:
        # The reference is the occurrence: one row per reminder.
        return store.ReminderRef.format(self.milestone.key, self.milestone.on_date, self.lead)

    @property
    def key(self) -> str:
        return dedupe_key(PURPOSE, self.platform, self.chat_id, self.occurrence)


@dataclass(frozen=True, slots=True)
class ScanResult:
    since: datetime
    until: datetime
    planned: int = 0
    queued: int = 0  # new rows (the others were already queued)
    late: int = 0
    skipped: int = 0  # missed by more than the grace period
    read: int = 0  # subscriptions read: those due, not all of them


def _candidates(
    milestones: list[Milestone], leads: set[int], start: datetime, end: datetime
) -> dict[int, list[Milestone]]:
    """For each lead time, the milestones whose reminder day can fall in the window."""
    lo: date = (start - _SLACK).date()
    hi: date = (end + _SLACK).date()
    out: dict[int, list[Milestone]] = {}
    for lead in leads:
        hits = [m for m in milestones if lo <= reminder_day(m, lead) <= hi]
        if hits:
            out[lead] = hits
    return out


def plan(
    milestones: list[Milestone], subs: Iterable[SubRow], start: datetime, end: datetime
) -> Iterator[Planned]:
    """Reminders due in ``(start, end]`` and not before their subscription's ``since``.

    A subscription that cannot be planned (a time zone this machine cannot load, lead times
    or a time of day that don't parse: rows written before they were checked, or by hand) is
    skipped and logged, once per process; it never stops the scan for anyone else."""
    parsed: dict[str, tuple[int, ...]] = {}
    all_leads: set[int] = set()
    good: list[SubRow] = []
    for s in subs:
        try:
            if s[2] not in parsed:
                parsed[s[2]] = leads_from_text(s[2])
            due_at(date(2000, 1, 1), 0, s[4], s[3])  # loads the zone, reads the time
        except (ValueError, OSError, KeyError) as e:  # ZoneInfoNotFoundError is a KeyError
            _unplannable(s, e)
            continue
        all_leads.update(parsed[s[2]])
        good.append(s)
    by_lead = _candidates(milestones, all_leads, start, end)
    if not by_lead:
        return
    for platform, chat_id, lead_days, tz, at, since in good:
        for lead in parsed[lead_days]:
            for m in by_lead.get(lead, ()):
                if not reminded(m, lead, parsed[lead_days]):
                    continue  # a month milestone: a longer lead says the same that month
                due = milestone_due(m, lead, at, tz)
                if start < due <= end and due >= since:
                    yield Planned(due, platform, chat_id, m, lead, tz)


_reported: set[tuple[str, str, str, str, str]] = set()


def _unplannable(sub: SubRow, error: Exception) -> None:
    platform, chat_id, leads, tz, at, _since = sub
    if (platform, chat_id, leads, tz, at) in _reported:
        return
    _reported.add((platform, chat_id, leads, tz, at))
    log.error(
        "due-scan: skipping the subscription of %s chat %s: cannot plan it "
        "(lead times %r, time zone %r, at %r: %s); subscribing again with valid settings fixes it",
        platform,
        chat_id,
        leads[:64],
        tz[:64],
        at[:16],
        error,
    )


async def _distinct_leads(session: Any) -> set[int]:
    rows = (await session.exec(select(Subscription.lead_days).distinct())).all()
    leads: set[int] = set()
    for raw in rows:
        try:
            leads.update(leads_from_text(raw))
        except ValueError:
            continue  # that row is reported and skipped by ``plan``
    return leads


async def _subscriptions(session: Any) -> list[SubRow]:
    t = Subscription.__table__  # type: ignore[attr-defined]
    result = await session.exec(
        select(  # type: ignore[call-overload]
            t.c.platform, t.c.chat_id, t.c.lead_days, t.c.tz, t.c.at_time, t.c.since
        ).where(t.c.paused_at.is_(None))
    )
    return [tuple(r) for r in result.all()]  # type: ignore[misc]


async def planned_between(
    db: Database, start: datetime, end: datetime, *, milestones: list[Milestone] | None = None
) -> list[Planned]:
    """Every reminder due in ``(start, end]`` for the active subscriptions, earliest first."""
    ms = milestones if milestones is not None else await store.milestones(db, end)
    async with db.session() as s:
        if not _candidates(ms, await _distinct_leads(s), start, end):
            return []
        subs = await _subscriptions(s)
    return sorted(plan(ms, subs, start, end), key=lambda p: (p.due, p.platform, p.chat_id))


async def queued_keys(db: Database, keys: list[str]) -> set[str]:
    t = OutboxMessage.__table__  # type: ignore[attr-defined]
    found: set[str] = set()
    async with db.session() as s:
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = await s.exec(select(t.c.dedupe_key).where(t.c.dedupe_key.in_(chunk)))
            found.update(rows.all())
    return found


def _payload(p: Planned, late_after: timedelta, is_late: bool) -> dict[str, Any]:
    """The reminder as outbox data. One queued on time also carries ``late_after`` (an ISO
    moment) and ``late_blocks``, which the delivery worker adds when it gets the reminder out
    only after that moment (the platform was down or rate-limiting for a long while)."""
    with speaking(p.locale):  # the receiving chat's language, not the scan's
        payload = to_json(reminder_reply(p.milestone, p.lead, late=is_late))
        if not is_late:
            payload["late_after"] = (p.due + late_after).isoformat()
            payload["late_blocks"] = to_json(Reply(delivered_late_blocks(p.lead, p.due, p.tz)))[
                "blocks"
            ]
    return payload


@dataclass(slots=True)
class _Class:
    """What every subscription with these lead times, zone and time of day has in common:
    its reminders of the current milestones, earliest first."""

    dues: list[tuple[datetime, Milestone, int]]  # (due, milestone, lead)
    window: list[tuple[datetime, Milestone, int]]  # those due in the scan's window

    def next_after(self, moment: datetime, since: datetime) -> datetime | None:
        """The first reminder due after ``moment`` and not before ``since``."""
        low = max(moment, since)
        i = bisect_right(self.dues, moment, key=lambda d: d[0])
        for due, _m, _lead in self.dues[i:]:
            if due >= low:
                return due
        return None


class _Planner:
    """Plans a chunk of due subscriptions, sharing the work of each (lead times, zone, time of
    day) class across the scan: per row there is only the class lookup and two comparisons.
    Rebuilt when the milestones differ from the previous chunk's."""

    def __init__(self, start: datetime, end: datetime) -> None:
        self.start = start
        self.end = end
        self.milestones: tuple[Milestone, ...] | None = None
        self.classes: dict[tuple[str, str, str], _Class | None] = {}

    def use(self, milestones: list[Milestone]) -> None:
        if self.milestones != tuple(milestones):
            self.milestones = tuple(milestones)
            self.classes = {}

    def cls(self, row: DueRow) -> _Class | None:
        key = (row[3], row[4], row[5])
        if key in self.classes:
            return self.classes[key]
        found: _Class | None = None
        try:
            leads = leads_from_text(row[3])
            due_at(date(2000, 1, 1), 0, row[5], row[4])  # loads the zone, reads the time
            dues = sorted(
                (
                    (milestone_due(m, lead, row[5], row[4]), m, lead)
                    for m in self.milestones or ()
                    for lead in leads
                    if reminded(m, lead, leads)
                ),
                key=lambda d: (d[0], d[1].key, d[2]),
            )
            window = [d for d in dues if self.start < d[0] <= self.end]
            found = _Class(dues, window)
        except (ValueError, OSError, KeyError) as e:  # ZoneInfoNotFoundError is a KeyError
            _unplannable((row[1], row[2], row[3], row[4], row[5], row[6]), e)
        self.classes[key] = found
        return found

    def plan(self, rows: list[DueRow]) -> tuple[list[Planned], dict[datetime | None, list[int]]]:
        """The reminders due for these rows in ``(start, end]``, on or after the row's
        ``next_due`` (what lies before it was queued already) and its ``since``; and each
        row's new ``next_due``, grouped by value: the first reminder after ``end``, or None
        (nothing ahead), or a day later for settings that cannot be planned."""
        planned: list[Planned] = []
        moved: dict[datetime | None, list[int]] = {}
        for row in rows:
            c = self.cls(row)
            if c is None:  # tried again in a day (reported once per process)
                moved.setdefault(self.end + _RETRY_UNPLANNABLE, []).append(row[0])
                continue
            since, next_due = row[6], row[7]
            low = since if next_due is None or next_due < since else next_due
            for due, m, lead in c.window:
                if due >= low:
                    planned.append(Planned(due, row[1], row[2], m, lead, row[4], row[8]))
            moved.setdefault(c.next_after(self.end, since), []).append(row[0])
        return planned, moved


DueRow = tuple[int, str, str, str, str, str, datetime, datetime | None, str]
# id, platform, chat, leads, tz, at, since, next_due, locale


async def _due(session: Any, now: datetime, limit: int) -> list[DueRow]:
    """Up to ``limit`` active subscriptions due by ``now``, through the ``next_due`` index;
    locked on PostgreSQL until the chunk commits, so a concurrent subscribe (which resets
    the row) waits instead of being overwritten."""
    t = Subscription.__table__  # type: ignore[attr-defined]
    stmt = (
        select(  # type: ignore[call-overload]
            t.c.id,
            t.c.platform,
            t.c.chat_id,
            t.c.lead_days,
            t.c.tz,
            t.c.at_time,
            t.c.since,
            t.c.next_due,
            t.c.locale,
        )
        .where(t.c.next_due <= now, t.c.paused_at.is_(None))
        .order_by(t.c.next_due)
        .limit(limit)
        .with_for_update()
    )
    return [tuple(r) for r in (await session.exec(stmt)).all()]  # type: ignore[misc]


async def _active_milestones(session: Any) -> list[Milestone]:
    rows = (
        await session.exec(
            select(MilestoneRow)
            .where(MilestoneRow.removed_at.is_(None))  # type: ignore[union-attr]
            .order_by(MilestoneRow.on_date, MilestoneRow.id)  # type: ignore[arg-type]
        )
    ).all()
    return [store.as_milestone(r) for r in rows]


async def _advance(session: Any, moved: dict[datetime | None, list[int]]) -> None:
    """Stores each row's new ``next_due``, in one ``executemany`` (one round trip)."""
    t = Subscription.__table__  # type: ignore[attr-defined]
    stmt = (
        update(t)
        .where(t.c.id == bindparam("id_"))
        .values(next_due=bindparam("due_", type_=t.c.next_due.type))
    )
    params = [{"id_": i, "due_": moment} for moment, ids in moved.items() for i in ids]
    await session.exec(stmt, params=params)


async def _state(session: Any, now: datetime, grace: timedelta) -> ReminderScan:
    """The watermark's row; a new one (from ``now - grace``) on the first scan ever."""
    state = await session.get(ReminderScan, 1)
    return state or ReminderScan(id=1, scanned_until=now - grace, updated_at=now)


def _resized(chunk: int, rows: int, cpu: float) -> int:
    """The next chunk's size: as many rows as the last chunk's loop CPU time per row says fit
    in ``LOOP_BUDGET``, growing at most twofold a step (a chunk that came short of rows says
    little about the cost of a full one)."""
    if rows < chunk or cpu <= 0:
        return chunk
    fits = int(rows * LOOP_BUDGET / cpu)
    return max(_MIN_CHUNK, min(_MAX_CHUNK, fits, chunk * 2))


async def scan(
    db: Database,
    now: datetime,
    *,
    grace: timedelta = GRACE,
    late_after: timedelta = LATE_AFTER,
    chunk: int = CHUNK,
    keep_going: Callable[[], bool] | None = None,
) -> ScanResult:
    """Queues what fell due in ``(watermark, now]``, reading only subscriptions whose
    ``next_due`` is due, a chunk of rows per transaction (``chunk`` first, then as many as
    take ``LOOP_BUDGET`` of the loop's CPU: the loop is never held for long, however many are
    due, and awaits the database between chunks), then moves the watermark.

    Each chunk queues its rows' reminders and stores their next moments in one transaction:
    a scan cut short (a crash, a lost lease) leaves every row either done or still due, and
    the next scan finishes the job; a row's ``next_due`` is also the lower bound of what is
    planned for it, so nothing done is planned twice. ``keep_going`` is asked between chunks
    (the scheduler's: still the leader, not stopping); when it says no, the scan ends there
    and the watermark stays, for the next leader's scan to finish."""
    await store.ensure_seeded(db, now)
    start: datetime | None = None
    planner: _Planner | None = None
    read = queued = late = skipped = planned_total = 0
    payloads: dict[tuple[str, int, datetime | None, str, str], str] = {}
    while True:
        cpu = time.thread_time()  # this thread's CPU: the loop's, not the database's
        async with db.session(write=True) as s:
            await store.hold_schedule(s, db.dialect, exclusive=False)
            if start is None:  # later chunks need not read the watermark again
                start = (await _state(s, now, grace)).scanned_until
                if start >= now:
                    return ScanResult(since=start, until=now)
                planner = _Planner(start, now)
            assert planner is not None
            rows = await _due(s, now, chunk)
            if rows:
                read += len(rows)
                planner.use(await _active_milestones(s))
                planned, moved = planner.plan(rows)
                encode = payload_encoder(s)
                out: list[Many] = []
                chunk_skipped = 0
                for p in planned:
                    age = now - p.due
                    if age > grace:
                        chunk_skipped += 1
                        continue
                    is_late = age > late_after
                    late += is_late
                    # A late one says so already; one on time carries its note for a late
                    # delivery, which depends on its due moment and time zone.
                    cache_key = (
                        (p.milestone.key, p.lead, None, "", p.locale)
                        if is_late
                        else (p.milestone.key, p.lead, p.due, p.tz, p.locale)
                    )
                    if (payload := payloads.get(cache_key)) is None:
                        payload = payloads[cache_key] = encode(_payload(p, late_after, is_late))
                    occurrence = p.occurrence
                    out.append(Many(p.platform, p.chat_id, occurrence, occurrence, payload))
                queued += await enqueue_many(s, PURPOSE, out, now=now)
                await _advance(s, moved)
                planned_total += len(out)
                if chunk_skipped:
                    skipped += chunk_skipped
                    state = await _state(s, now, grace)
                    state.skipped_total += chunk_skipped
                    state.updated_at = now
                    s.add(state)
            else:
                state = await _state(s, now, grace)  # the identity map's copy: no query
                state.scanned_until = now  # everything due by now is queued or counted
                state.updated_at = now
                s.add(state)
            await s.commit()
        if not rows or (keep_going is not None and not keep_going()):
            break
        chunk = _resized(chunk, len(rows), time.thread_time() - cpu)
        await asyncio.sleep(0)  # between chunks, whoever else waits for the loop runs
    if skipped:
        log.warning(
            "due-scan: %d reminders were missed by more than %s and skipped", skipped, grace
        )
    if queued:
        log.info("due-scan: queued %d reminders (%d late)", queued, late)
    return ScanResult(
        since=start,
        until=now,
        planned=planned_total,
        queued=queued,
        late=late,
        skipped=skipped,
        read=read,
    )
