"""The review cycle in chat: where it stands, its history, reminders for a chat, the calendar
file, and the admins' milestone commands."""

from __future__ import annotations

from bot.core.registry import Arg, Command, Deferred, Handler, Permission
from messages.catalogue import say

# The reminders' handlers (and the time-zone and calendar machinery under them) are imported on
# a command's first call: ``ask "paragraph 3e"`` never needs them.


def _calendar() -> Handler:
    from bot.reminders.handlers import calendar

    return calendar


def _milestone() -> Handler:
    from bot.reminders.handlers import milestone

    return milestone


def _review() -> Handler:
    from bot.reminders.handlers import review

    return review


def _subscribe() -> Handler:
    from bot.reminders.handlers import subscribe

    return subscribe


def _subscriptions() -> Handler:
    from bot.reminders.handlers import subscriptions

    return subscriptions


def _unsubscribe() -> Handler:
    from bot.reminders.handlers import unsubscribe

    return unsubscribe


calendar = Deferred(_calendar)
milestone = Deferred(_milestone)
review = Deferred(_review)
subscribe = Deferred(_subscribe)
subscriptions = Deferred(_subscriptions)
unsubscribe = Deferred(_unsubscribe)

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
