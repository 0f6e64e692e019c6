"""The review cycle in chat: where it stands, its history, reminders for a chat, the calendar
file, and the admins' milestone commands."""

from __future__ import annotations

from bot.core.registry import Arg, Command, Intent, Permission
from bot.reminders.asked import list_reminders, start_reminders, stop_reminders
from bot.reminders.handlers import (
    calendar,
    milestone,
    review,
    subscribe,
    subscriptions,
    unsubscribe,
)

COMMANDS = (
    Command(
        "review",
        "Where the Strategy's review cycle stands; review history for every review.",
        review,
        aliases=("cycle", "gcts"),
        args=(Arg("history", "every review so far, with sources", choices=("history",)),),
        examples=("review", "review history"),
    ),
    Command(
        "subscribe",
        "Get review-cycle reminders in this chat (lead times, time zone, time of day).",
        subscribe,
        aliases=("remind",),
        args=(Arg("options", "lead times such as 90d 30d 7d 1d; tz Europe/Vienna; at 09:00"),),
        examples=("subscribe", "subscribe 90d 30d 7d 1d tz Europe/Vienna at 08:30"),
    ),
    Command(
        "unsubscribe",
        "Stop the review-cycle reminders in this chat.",
        unsubscribe,
        examples=("unsubscribe",),
    ),
    Command(
        "subscriptions",
        "What reminders this chat gets, and when the next one is due.",
        subscriptions,
        aliases=("subscription", "mysubs"),
        examples=("subscriptions",),
    ),
    Command(
        "calendar",
        "The review cycle as a calendar file (.ics) to import.",
        calendar,
        aliases=("ics",),
        examples=("calendar",),
    ),
    Command(
        "milestone",
        "Add, confirm, move or remove a review-cycle milestone.",
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

# What members ask of their reminders in words; the router (bot/answers) scores a question
# against these examples by meaning and calls the handler with the whole question.
INTENTS = (
    Intent(
        "subscriptions.list",
        "subscriptions",
        (
            "what reminders do I have",
            "which reminders is this chat subscribed to",
            "am I subscribed to anything",
            "when is my next reminder",
            "show my subscriptions",
            "which alerts does this channel get",
        ),
        list_reminders,
    ),
    Intent(
        "subscriptions.stop",
        "subscriptions",
        (
            "stop the reminders",
            "unsubscribe me",
            "I don't want these notifications any more",
            "turn off the review alerts",
            "cancel my subscription",
        ),
        stop_reminders,
        changes=True,
    ),
    Intent(
        "subscriptions.start",
        "subscriptions",
        (
            "remind me a week before the review",
            "subscribe me to the review reminders",
            "sign this group up for reminders",
            "remind me two weeks ahead and the day before",
            "change my reminders to 30 days",
            "send the reminders at 08:30 Vienna time",
        ),
        start_reminders,
        changes=True,
    ),
)
