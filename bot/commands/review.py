"""The review cycle in chat: where it stands, its history, reminders for a chat, the calendar
file, and the admins' milestone commands."""

from __future__ import annotations

from bot.core.registry import Arg, Command, Permission
from bot.reminders.handlers import (
    calendar,
    milestone,
    review,
    subscribe,
    subscriptions,
    unsubscribe,
)
from messages.catalogue import say

COMMANDS = (
    Command(
        "review",
        say("command.review", locale="en"),
        review,
        aliases=("cycle", "gcts"),
        args=(Arg("history", "every review so far, with sources", choices=("history",)),),
        examples=("review", "review history"),
    ),
    Command(
        "subscribe",
        say("command.subscribe", locale="en"),
        subscribe,
        aliases=("remind",),
        args=(Arg("options", "lead times such as 90d 30d 7d 1d; tz Europe/Vienna; at 09:00"),),
        examples=("subscribe", "subscribe 90d 30d 7d 1d tz Europe/Vienna at 08:30"),
    ),
    Command(
        "unsubscribe",
        say("command.unsubscribe", locale="en"),
        unsubscribe,
        examples=("unsubscribe",),
    ),
    Command(
        "subscriptions",
        say("command.subscriptions", locale="en"),
        subscriptions,
        aliases=("subscription", "mysubs"),
        examples=("subscriptions",),
    ),
    Command(
        "calendar",
        say("command.calendar", locale="en"),
        calendar,
        aliases=("ics",),
        examples=("calendar",),
    ),
    Command(
        "milestone",
        say("command.milestone", locale="en"),
        milestone,
        aliases=("milestones",),
        permission=Permission.ADMIN,
        usage=(
            "milestone list",
            "milestone add <YYYY-MM-DD|YYYY-MM> <title>",
            "milestone confirm <N> [source]",
            "milestone move <N> <YYYY-MM-DD|YYYY-MM>",
            "milestone remove <N>",
        ),
        examples=(
            "milestone add 2027-03-15 Call for submissions",
            "milestone confirm 2",
            "milestone move 2 2027-03-20",
            "milestone remove 2",
        ),
    ),
)
