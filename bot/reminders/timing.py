"""When a reminder is due: lead times, a local time of day, and the subscriber's time zone.

A reminder with lead time N is due at the subscriber's local time on the calendar day N days
before the milestone's date, so "7 days before at 09:00 Europe/Vienna" stays at 09:00 on the
wall clock across a daylight-saving change. A local time that does not exist that day (02:30 on
the spring-forward night) is taken with the offset in force before the change, which lands the
reminder just after the gap (03:30); a time that happens twice (the autumn night) is the first
of the two (``fold=0``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from bot.base.zones import canonical_zone, zone
from bot.reminders.abbreviations import is_abbreviation, zone_problem
from bot.reminders.cycle import Milestone
from messages.catalogue import date_text, list_text, say

DEFAULT_LEADS: tuple[int, ...] = (30, 7, 1, 0)
MAX_LEAD_DAYS = 730  # one whole cycle
MAX_LEADS = 8
DEFAULT_AT = "09:00"
DEFAULT_TZ = "UTC"

_LEAD = re.compile(r"^(\d{1,4})\s*(d|day|days|w|wk|week|weeks)?$")
_HHMM = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


class BadOption(ValueError):
    """A subscription option the user typed that can't be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Options:
    leads: tuple[int, ...] = DEFAULT_LEADS
    tz: str = DEFAULT_TZ
    at: str = DEFAULT_AT


def check_zone(name: str) -> str:
    """The zone's canonical spelling, or ``BadOption``."""
    if name.upper() in {"UTC", "Z", "GMT"}:
        return "UTC"
    if is_abbreviation(name):  # CET and EST load, but they are offsets, not places
        raise BadOption(zone_problem(name))
    canonical = canonical_zone(name)
    if canonical is None:
        raise BadOption(zone_problem(name))
    return canonical


def check_hhmm(value: str) -> str:
    m = _HHMM.match(value.strip())
    if not m:
        raise BadOption(say("review.bad_time", time=value[:20]))
    return f"{int(m[1]):02d}:{m[2]}"


def parse_lead(token: str) -> int:
    t = token.lower()
    if t in {"day", "today", "0", "dayof", "same-day"}:
        return 0
    m = _LEAD.match(t)
    if not m:
        raise BadOption(say("review.bad_lead", lead=token[:20]))
    days = int(m[1]) * (7 if (m[2] or "d").startswith("w") else 1)
    if days > MAX_LEAD_DAYS:
        raise BadOption(say("review.lead_too_long", lead=token[:20], limit=MAX_LEAD_DAYS))
    return days


@dataclass(frozen=True, slots=True)
class Changes:
    """What one ``subscribe`` gave; None for what it left alone, so a second ``subscribe tz
    Europe/Paris`` keeps the lead times the first one set."""

    leads: tuple[int, ...] | None = None
    tz: str | None = None
    at: str | None = None

    def applied_to(self, current: Options) -> Options:
        return Options(
            self.leads if self.leads is not None else current.leads,
            self.tz if self.tz is not None else current.tz,
            self.at if self.at is not None else current.at,
        )


def parse_changes(args: str) -> Changes:
    """``90d 30d 7d 1d tz Europe/Vienna at 08:30``, every part optional, in any order."""
    words = args.split()
    leads: list[int] = []
    tz: str | None = None
    at: str | None = None
    i = 0
    while i < len(words):
        w = words[i].lower()
        if w in {"tz", "timezone", "zone", "at"}:
            if i + 1 >= len(words):
                raise BadOption(say("review.option_needs_value", option=w))
            value = words[i + 1]
            if w == "at":
                at = check_hhmm(value)
            else:
                tz = check_zone(value)
            i += 2
            continue
        leads.append(parse_lead(words[i]))
        i += 1
    unique = tuple(sorted(set(leads), reverse=True)) or None
    if unique is not None and len(unique) > MAX_LEADS:
        raise BadOption(say("review.too_many_leads", limit=MAX_LEADS))
    return Changes(unique, tz, at)


def leads_to_text(leads: tuple[int, ...]) -> str:
    return ",".join(str(d) for d in leads)


def leads_from_text(raw: str) -> tuple[int, ...]:
    return tuple(int(x) for x in raw.split(",") if x.strip())


@lru_cache(maxsize=65536)
def due_at(on_date: date, lead: int, at: str, tz: str) -> datetime:
    """The UTC instant a reminder with this lead time is due (see the module's docstring)."""
    day = on_date - timedelta(days=lead)
    local = datetime.combine(day, time.fromisoformat(at), tzinfo=zone(tz))
    return local.astimezone(UTC)


def month_lead(lead: int) -> int:
    """A lead time in days as whole months before a month-precision milestone ("June 2028"):
    under a fortnight is the start of the month itself, 30 days one month, 90 days three."""
    return (lead + 15) // 30


def reminder_day(m: Milestone, lead: int) -> date:
    """The calendar day a reminder with this lead falls on. A milestone known only to the
    month is reminded relative to the month, on the first of a month: the day before an
    unknown day is no day at all, so "1 day before" on 31 May would be a false precision."""
    if m.precision != "month":
        return m.on_date - timedelta(days=lead)
    months = m.on_date.year * 12 + m.on_date.month - 1 - month_lead(lead)
    return date(months // 12, months % 12 + 1, 1)


def reminded(m: Milestone, lead: int, leads: Iterable[int]) -> bool:
    """Whether this lead gives its own reminder: for a month milestone, leads that fall in the
    same month (7 days, 1 day and the day itself all mean "this month") give one, the
    longest's, so nobody is told the same thing three times."""
    if m.precision != "month":
        return True
    same = [other for other in leads if month_lead(other) == month_lead(lead)]
    return lead == max(same)


def milestone_due(m: Milestone, lead: int, at: str, tz: str) -> datetime:
    """The UTC instant a reminder of ``m`` with this lead time is due."""
    return due_at(reminder_day(m, lead), 0, at, tz)


def milestone_lead_text(m: Milestone, lead: int) -> str:
    """ "30 days before" for a dated milestone; "1 month before" or "as the month begins" for
    one known only to the month."""
    if m.precision != "month":
        return lead_text(lead)
    months = month_lead(lead)
    if months == 0:
        return say("review.lead_month_of")
    return say("review.lead_months", months=months)


def local_text(when: datetime, tz: str) -> str:
    """``Tue 2 May 2028, 09:00 CEST``: the subscriber's wall clock, with its zone's name."""
    local = when.astimezone(zone(tz))
    return f"{date_text(local, 'weekday')}, {local:%H:%M} {local.tzname()}"


def lead_text(lead: int) -> str:
    if lead == 0:
        return say("review.lead_day_of")
    if lead == 1:
        return say("review.lead_one_day")
    if lead % 7 == 0 and lead >= 14:
        return say("review.lead_weeks", weeks=lead // 7, days=lead)
    return say("review.lead_days", days=lead)


def leads_list_text(leads: tuple[int, ...]) -> str:
    parts = [lead_text(d) for d in leads]
    return list_text(parts)


@dataclass(frozen=True, slots=True)
class Upcoming:
    due: datetime
    milestone: Milestone
    lead: int


def upcoming_reminders(
    milestones: Iterable[Milestone],
    leads: tuple[int, ...],
    at: str,
    tz: str,
    *,
    since: datetime,
    now: datetime,
) -> tuple[list[Upcoming], list[Upcoming]]:
    """What a subscription will get, earliest first, and what it won't because the moment
    passed before it subscribed (a lead time longer than the time left), for milestones still
    ahead."""
    coming: list[Upcoming] = []
    passed: list[Upcoming] = []
    for m in milestones:
        if m.starts() + timedelta(days=1) < now:
            continue
        for lead in leads:
            if not reminded(m, lead, leads):
                continue
            item = Upcoming(milestone_due(m, lead, at, tz), m, lead)
            if item.due > now and item.due >= since:
                coming.append(item)
            elif item.due < since:
                passed.append(item)
    coming.sort(key=lambda u: u.due)
    passed.sort(key=lambda u: u.due)
    return coming, passed
