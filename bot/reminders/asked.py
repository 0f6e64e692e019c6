"""Reminders asked for in words (issue 25, item 3): "what reminders do I have", "stop the
reminders", "remind me a week before and the day before at 08:30".

The router (bot/answers) picks these by meaning from the intents declared in
``bot/commands/review.py`` and hands over the whole question; here it becomes the options
the ``subscribe`` command takes, so a change in words does exactly what the command does.
Stopping answers with an Undo button that subscribes again with the options just removed:
a button is a command the core receives back, so it works on every platform (Telegram and
Slack buttons, Matrix's numbered choices, the console's)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from bot.base.zones import canonical_zone, zone_names
from bot.core.context import Context, error
from bot.reminders import handlers
from bot.reminders.timing import (
    BadOption,
    Changes,
    leads_from_text,
    leads_list_text,
    parse_changes,
)
from messages.catalogue import say
from messages.model import Button, Paragraph, Reply, text

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
}
_UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}
_AMOUNT = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_LEAD = re.compile(rf"\b(\d{{1,3}}|{_AMOUNT})[\s-]*(day|week|fortnight|month)s?\b", re.I)
_SHORT = re.compile(r"\b(\d{1,3})\s*([dw])\b", re.I)
_DAY_BEFORE = re.compile(r"\b(?:the )?day before\b", re.I)
_SAME_DAY = re.compile(r"\b(?:on the day(?: itself)?|the same day|day of)\b", re.I)
_AT = re.compile(
    r"\b(?:(?:at|to|for|by)\s+)?([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?\s*(am|pm|a\.m\.|p\.m\.)?(?=\W|$)",
    re.I,
)
_TZ = re.compile(r"\b([A-Za-z]+(?:[_-][A-Za-z]+)*/[A-Za-z]+(?:[_-][A-Za-z]+)*(?:/[A-Za-z_]+)?)\b")
_UTC = re.compile(r"\b(utc|gmt)\b", re.I)
# A zone the member is leaving, not choosing: "in Nairobi time instead of UTC", "from UTC to
# Vienna".
_NOT_ZONE = re.compile(r"\b(?:instead\s+of|rather\s+than|not|from)\s+$", re.I)
_ZONE_WORD = r"(?:time|timezone|time\s+zone|tz|zone|hours?)"


@cache
def _cities() -> dict[str, str]:
    """The tz database's places by their city ("vienna" → Europe/Vienna, "new york" →
    America/New_York), from the zone names themselves: a city is the last part of a name."""
    out: dict[str, str] = {}
    for name in sorted(set(zone_names().values())):
        if name.startswith("Etc/"):  # Etc/GMT, Etc/UTC: offsets, read as UTC below
            continue
        city = name.rsplit("/", 1)[1].replace("_", " ").lower()
        out.setdefault(city, name)
    return out


@cache
def _city_pattern() -> re.Pattern[str]:
    names = "|".join(re.escape(c) for c in sorted(_cities(), key=len, reverse=True))
    # a city counts next to a word of time ("Vienna time", "time zone to Nairobi") or after
    # "to", "in", "for": "Oral" or "Casey" alone in a sentence is no time zone
    return re.compile(
        rf"\b(?:(?:in|to|for|use|using|on|into)\s+(?:the\s+)?({names})\b"
        rf"|({names})\s+{_ZONE_WORD}\b|{_ZONE_WORD}\s+(?:of\s+|is\s+)?({names})\b)",
        re.I,
    )


def prepare() -> None:
    """Builds the pattern of the tz database's cities (30 ms of CPU, on the first question
    about a time zone otherwise): ``run`` does it at start (bot/app/warm.py)."""
    _city_pattern()


def zone_of(question: str) -> str | None:
    """The time zone a sentence chooses: an IANA name in any case ("america/new_york"), a city
    of the tz database ("Vienna time", "in nairobi time"), or UTC/GMT; the one after "instead
    of" or "from" is the one left, not chosen."""
    found: list[tuple[int, str]] = []
    for m in _TZ.finditer(question):
        if zone := canonical_zone(m[1]):
            found.append((m.start(), zone))
    for m in _city_pattern().finditer(question):
        group = next(g for g in (1, 2, 3) if m[g])
        found.append((m.start(group), _cities()[m[group].lower()]))
    for m in _UTC.finditer(question):
        found.append((m.start(), "UTC"))
    chosen = [z for at, z in sorted(found) if not _NOT_ZONE.search(question[:at])]
    return chosen[0] if chosen else None


def time_of(question: str) -> str | None:
    """The time of day a sentence names: "at 08:30", "to 10:00", "8.30", "at 7am", "9 pm"."""
    rest = _TZ.sub(" ", question)
    for m in _AT.finditer(rest):
        hour, minute, half = int(m[1]), m[2], (m[3] or "").lower().replace(".", "")
        if minute is None and not half and not m[0].lower().startswith("at"):
            continue  # "30 days", "pillar 2": a bare number is no time of day
        if half:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if half == "pm" else 0)
        after = rest[m.end() :].lstrip()
        if minute is None and re.match(r"(?:days?|weeks?|months?|d\b|w\b)", after, re.I):
            continue
        return f"{hour:02d}:{minute or '00'}"
    return None


def lead_days(question: str) -> list[int]:
    """The lead times a sentence names, in days: "a week" 7, "two weeks" 14, "3 days" 3,
    "the day before" 1, "a month" 30, "on the day itself" 0, "30d" 30."""
    found: list[int] = []
    rest = question
    for m in _LEAD.finditer(question):
        n = m[1].lower()
        amount = int(n) if n.isdigit() else _NUMBERS[n]
        found.append(amount * _UNITS[m[2].lower()])
    rest = _LEAD.sub(" ", rest)
    for m in _SHORT.finditer(rest):
        found.append(int(m[1]) * (7 if m[2].lower() == "w" else 1))
    if _DAY_BEFORE.search(rest):
        found.append(1)
    if _SAME_DAY.search(rest):
        found.append(0)
    return list(dict.fromkeys(found))  # ``subscribe`` refuses one past MAX_LEAD_DAYS


def options_of(question: str) -> str:
    """The question as ``subscribe``'s options: lead times, ``at HH:MM``, ``tz Area/City``."""
    rest = _AT.sub(lambda m: m[0] if m[2] is None and not m[3] else " ", question)
    parts = [f"{d}d" for d in lead_days(rest)]
    if at := time_of(question):
        parts += ["at", at]
    if zone := zone_of(question):
        parts += ["tz", zone]
    return " ".join(parts)


async def list_reminders(ctx: Context) -> Reply:
    """ "What reminders do I have": this chat's subscription and its next reminders."""
    return await handlers.subscriptions(Context(ctx.incoming, "", ctx.core))


async def start_reminders(ctx: Context) -> Reply:
    """ "Remind me a week before": subscribes (or changes the subscription) with the lead
    times, time and zone the sentence names; the reply echoes what was set, with Undo."""
    return await _subscribe_with_undo(ctx, options_of(ctx.args))


async def change_reminders(ctx: Context) -> Reply:
    """ "Move my reminders to 10:00", "switch the time zone to Nairobi", "only on the day
    itself": changes what the sentence names and keeps the rest, with Undo. A chat with no
    subscription has nothing to change: it is offered one with those settings (a button),
    not subscribed unasked; a sentence that names nothing to change is told what can be."""
    from bot.reminders import store

    options = options_of(ctx.args)
    if not options:
        asked = Paragraph(text(say("review.change_what")))
        return Reply.of(asked, topic=handlers.SUBSCRIPTION_TOPIC)
    try:
        changes = parse_changes(options)
    except BadOption as e:
        return error(str(e))
    m = ctx.incoming
    db = await ctx.core.database()
    if await store.get_subscription(db, m.platform, m.chat_id) is None:
        offered = say("review.change_none", what=_described(changes))
        return Reply.of(
            Paragraph(text(offered)),
            buttons=(Button(say("review.change_none_button"), f"subscribe {options}"),),
            topic=handlers.SUBSCRIPTION_TOPIC,
        )
    return await _subscribe_with_undo(ctx, options)


def _described(changes: Changes) -> str:
    parts = []
    if changes.leads is not None:
        parts.append(say("review.part_leads", leads=leads_list_text(changes.leads)))
    if changes.at is not None:
        parts.append(say("review.part_at", at=changes.at))
    if changes.tz is not None:
        parts.append(say("review.part_tz", tz=changes.tz))
    return "; ".join(parts)


async def _subscribe_with_undo(ctx: Context, options: str) -> Reply:
    """``subscribe`` with ``options``, and an Undo button that puts back what was before: the
    old subscription's every setting, or no subscription."""
    done = await handlers.subscribed(Context(ctx.incoming, options, ctx.core))
    reply, before, after = done.reply, done.before, done.after
    if after is None or reply.ephemeral:  # refused: nothing changed, nothing to undo
        return reply
    if before is None:
        undo = "unsubscribe"
    else:
        if (before.lead_days, before.tz, before.at_time) == (
            after.lead_days,
            after.tz,
            after.at_time,
        ):
            return reply
        leads = " ".join(f"{d}d" for d in leads_from_text(before.lead_days))
        undo = f"subscribe {leads} tz {before.tz} at {before.at_time}"
    return replace(reply, buttons=(Button(say("review.undo_button"), undo),))


async def stop_reminders(ctx: Context) -> Reply:
    """ "Stop the reminders": what ``unsubscribe`` does, Undo button included."""
    return await handlers.unsubscribe(ctx)
