"""The due-scan: milestones x subscriptions x lead times into outbox rows.

Each scan looks at the moments between the last scan's watermark (``reminder_scans``) and now,
once: a reminder due in that window is queued, in the same transaction that moves the
watermark, unless it is older than the grace period, in which case it is skipped and counted.
So a bot that was down catches up once on start: what it missed by less than the grace period
(default 24 h) goes out marked as late; anything older is reported, not sent. A reminder
queued on time carries a second note, for a platform that takes it only much later; the
delivery worker adds it when the send happens after ``late_after`` (see ``_payload``).
Nothing due before a subscription's ``since`` (when its settings took effect) is sent to it:
a lead time longer than the time left before a milestone simply has no reminder.

Every row's ``dedupe_key`` is (reminder, platform, chat, milestone key, milestone date, lead),
so a second scan of the same moment, a second instance, or a retry never queues the same
reminder twice; moving a milestone gives it new reminders for the new date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import select

from bot.outbox.queue import dedupe_key
from bot.reminders import store
from bot.reminders.cycle import Milestone
from bot.reminders.replies import delivered_late_blocks, reminder_reply
from bot.reminders.timing import due_at, leads_from_text, milestone_due, reminded, reminder_day
from messages.model import Reply
from messages.serialize import to_json
from storage.db import Database
from storage.models import OutboxMessage, ReminderScan, Subscription

log = logging.getLogger(__name__)

PURPOSE = store.REMINDER
GRACE = timedelta(hours=24)
LATE_AFTER = timedelta(minutes=10)  # later than this after its due time, a reminder says so
_CHUNK = 10_000
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

    @property
    def occurrence(self) -> str:
        return f"{self.milestone.key}:{self.milestone.on_date.isoformat()}:{self.lead}d"

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


_SQLITE_INSERT = (
    "INSERT INTO outbox (dedupe_key, purpose, platform, chat_id, payload, status, attempts, "
    "next_attempt_at, created_at) VALUES (?, 'reminder', ?, ?, ?, 'pending', 0, ?, ?) "
    "ON CONFLICT (dedupe_key) DO NOTHING"
)
_POSTGRES_INSERT = (
    "INSERT INTO outbox (dedupe_key, purpose, platform, chat_id, payload, status, attempts, "
    "next_attempt_at, created_at) "
    "SELECT k, 'reminder', p, c, ($4::json[])[i], 'pending', 0, $5, $5 "
    "FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $6::int[]) AS u(k, p, c, i) "
    "ON CONFLICT (dedupe_key) DO NOTHING"
)


def _encoder(session: Any, db: Database) -> Any:
    """The outbox payload column's own serialiser, so rows match what the ORM would write."""
    column = OutboxMessage.__table__.c.payload  # type: ignore[attr-defined]
    process = column.type.bind_processor(session.get_bind().dialect)
    return process or (lambda v: v)


async def _insert(
    session: Any, db: Database, rows: list[tuple[str, str, str, str]], now: datetime
) -> int:
    """Bulk ``INSERT ... ON CONFLICT DO NOTHING`` of reminder rows; the number inserted.

    The hot path of a big fan-out: values are encoded once (the payload per milestone and
    lead, the timestamp per scan) with the columns' own type processors and handed to the
    driver as they are: ``executemany`` on SQLite, one ``unnest`` of arrays per chunk on
    PostgreSQL. Both count only new rows, so a repeated scan reports zero."""
    if not rows:
        return 0
    conn = await session.connection()
    column = OutboxMessage.__table__.c.created_at  # type: ignore[attr-defined]
    process = column.type.bind_processor(conn.dialect)
    when = process(now) if process else now
    inserted = 0
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        if db.dialect == "postgresql":
            # Each distinct payload travels once per chunk; rows refer to it by position.
            keys, platforms, chats, payloads = (list(c) for c in zip(*chunk, strict=True))
            distinct = list(dict.fromkeys(payloads))
            position = {p: n for n, p in enumerate(distinct, 1)}
            result = await conn.exec_driver_sql(
                _POSTGRES_INSERT,
                (keys, platforms, chats, distinct, when, [position[p] for p in payloads]),
            )
        else:
            result = await conn.exec_driver_sql(_SQLITE_INSERT, [(*r, when, when) for r in chunk])
        inserted += max(result.rowcount, 0)
    return inserted


def _payload(p: Planned, late_after: timedelta, is_late: bool) -> dict[str, Any]:
    """The reminder as outbox data. One queued on time also carries ``late_after`` (an ISO
    moment) and ``late_blocks``, which the delivery worker adds when it gets the reminder out
    only after that moment (the platform was down or rate-limiting for a long while)."""
    payload = to_json(reminder_reply(p.milestone, p.lead, late=is_late))
    if not is_late:
        payload["late_after"] = (p.due + late_after).isoformat()
        payload["late_blocks"] = to_json(Reply(delivered_late_blocks(p.lead, p.due, p.tz)))[
            "blocks"
        ]
    return payload


async def scan(
    db: Database, now: datetime, *, grace: timedelta = GRACE, late_after: timedelta = LATE_AFTER
) -> ScanResult:
    milestones = await store.milestones(db, now)
    async with db.session() as s:
        state = await s.get(ReminderScan, 1)
        start = state.scanned_until if state else now - grace
        if start >= now:
            return ScanResult(since=start, until=now)
        planned: list[Planned] = []
        if _candidates(milestones, await _distinct_leads(s), start, now):
            planned = list(plan(milestones, await _subscriptions(s), start, now))
        rows: list[tuple[str, str, str, str]] = []  # key, platform, chat, encoded payload
        payloads: dict[tuple[str, int, datetime | None, str], str] = {}
        encode = _encoder(s, db)
        skipped = late = 0
        for p in planned:
            age = now - p.due
            if age > grace:
                skipped += 1
                continue
            is_late = age > late_after
            late += is_late
            # A late one says so already; one on time carries its note for a late delivery,
            # which depends on its due moment and time zone.
            cache_key = (
                (p.milestone.key, p.lead, None, "")
                if is_late
                else (p.milestone.key, p.lead, p.due, p.tz)
            )
            if (payload := payloads.get(cache_key)) is None:
                payload = payloads[cache_key] = encode(_payload(p, late_after, is_late))
            rows.append((p.key, p.platform, p.chat_id, payload))
        queued = await _insert(s, db, rows, now)
        if state is None:
            s.add(ReminderScan(id=1, scanned_until=now, skipped_total=skipped, updated_at=now))
        else:
            state.scanned_until = now
            state.skipped_total += skipped
            state.updated_at = now
            s.add(state)
        await s.commit()
    if skipped:
        log.warning(
            "due-scan: %d reminders were missed by more than %s and skipped", skipped, grace
        )
    if queued:
        log.info("due-scan: queued %d reminders (%d late)", queued, late)
    return ScanResult(
        since=start, until=now, planned=len(rows), queued=queued, late=late, skipped=skipped
    )
