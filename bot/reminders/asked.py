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

from bot.core.context import Context
from bot.reminders import handlers
from messages.model import Reply

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
_AT = re.compile(r"\bat\s+([01]?\d|2[0-3])[:.h]([0-5]\d)\b", re.I)
_TZ = re.compile(r"\b([A-Z][a-z]+(?:_[A-Z][a-z]+)*/[A-Z][A-Za-z_]+)\b")


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
    parts = [f"{d}d" for d in lead_days(question)]
    if m := _AT.search(question):
        parts += ["at", f"{int(m[1]):02d}:{m[2]}"]
    if m := _TZ.search(question):
        parts += ["tz", m[1]]
    return " ".join(parts)


async def list_reminders(ctx: Context) -> Reply:
    """ "What reminders do I have": this chat's subscription and its next reminders."""
    return await handlers.subscriptions(Context(ctx.incoming, "", ctx.core))


async def start_reminders(ctx: Context) -> Reply:
    """ "Remind me a week before": subscribes (or changes the subscription) with the lead
    times, time and zone the sentence names; the reply echoes what was set."""
    return await handlers.subscribe(Context(ctx.incoming, options_of(ctx.args), ctx.core))


async def stop_reminders(ctx: Context) -> Reply:
    """ "Stop the reminders": what ``unsubscribe`` does, Undo button included."""
    return await handlers.unsubscribe(ctx)
