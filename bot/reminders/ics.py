"""The cycle as an iCalendar file (RFC 5545), made with the ``icalendar`` library.

Every review and milestone is one VEVENT whose UID is derived from its stable key, so a
calendar app that subscribes to or re-imports the file updates events instead of duplicating
them. An expected date has STATUS:TENTATIVE and says so in its summary and description; a
date known only to the month spans the whole month.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.reminders.cycle import Cycle, Milestone
from messages.catalogue import date_text, say

UID_DOMAIN = "coalition-bot.review-cycle"
PRODID = "-//Coalition of the 2018 Code of Conduct//coalition-bot review cycle//EN"


def _month_end(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def build(cycle: Cycle, milestones: list[Milestone], now: datetime) -> bytes:
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", say("review.heading"))
    for r in cycle.reviews:
        ev = Event()
        label = cycle.review_label(r)
        resolution = r.resolution or say("review.no_resolution")
        ev.add("uid", f"review-{r.number}@{UID_DOMAIN}")
        ev.add("dtstamp", now)
        ev.add("dtstart", r.adopted)
        ev.add("dtend", r.adopted + timedelta(days=1))
        summary = (
            say("review.ics_strategy_summary", resolution=resolution)
            if r.number == 0
            else say("review.ics_review_summary", label=label, resolution=resolution)
        )
        ev.add("summary", summary)
        note = f"{r.note}. " if r.note else ""
        ev.add("description", f"{note}{say('review.source', source=r.source)}")
        ev.add("status", "CONFIRMED")
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    for m in milestones:
        ev = Event()
        ev.add("uid", f"{m.key}@{UID_DOMAIN}")
        ev.add("dtstamp", now)
        lines: list[str] = []
        if m.precision == "month":
            ev.add("dtstart", m.on_date.replace(day=1))
            ev.add("dtend", _month_end(m.on_date))
            lines.append(say("review.ics_month", month=date_text(m.on_date, "month")))
        elif m.at_time:
            tz = ZoneInfo(m.tz or "UTC")
            start = datetime.combine(m.on_date, time.fromisoformat(m.at_time), tzinfo=tz)
            ev.add("dtstart", start)
            ev.add("duration", timedelta(hours=1))
        else:
            ev.add("dtstart", m.on_date)
            ev.add("dtend", m.on_date + timedelta(days=1))
        if m.expected:
            ev.add("summary", say("review.ics_expected_summary", title=m.title))
            lines.insert(0, say("review.ics_expected"))
        else:
            ev.add("summary", m.title)
        if m.source:
            lines.append(say("review.source", source=m.source))
        ev.add("description", "\n".join(lines))
        ev.add("status", "TENTATIVE" if m.expected else "CONFIRMED")
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()
