"""The review cycle in chat: where it stands, its history, reminders for a chat, the calendar
file, and the admins' milestone commands."""

from __future__ import annotations

from bot.core.registry import Arg, Command, Intent, Permission
from bot.reminders import answers
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

# The review cycle asked in words (bot/reminders/answers.py). Examples are how members ask.
INTENTS = (
    Intent(
        "review.next",
        "review",
        examples=(
            "when is the next review",
            "where does the review cycle stand",
            "how many days until the review",
            "is the next review date confirmed",
            "upcoming review of the strategy",
            "tell me about the review cycle",
            "when will the strategy be reviewed",
            "what is the next review",
        ),
        handler=answers.next_review,
    ),
    Intent(
        "review.history",
        "review",
        examples=(
            "review history",
            "list all the reviews",
            "what were the previous reviews",
            "how many reviews have there been",
            "every review with its resolution",
            "show me all past reviews",
        ),
        handler=answers.history,
    ),
    Intent(
        "review.cadence",
        "review",
        examples=(
            "how often is the strategy reviewed",
            "how frequently are reviews held",
            "is it reviewed every two years",
        ),
        handler=answers.cadence,
    ),
    Intent(
        "review.fact",
        "review",
        examples=(
            "which resolution was the fifth review",
            "when was the third review adopted",
            "who co-facilitated the review",
            "what was the resolution number of that review",
            "which review was that resolution",
            "when was the strategy adopted",
            "was that review adopted by consensus",
            "which reviews were adopted by a vote",
            "the co-facilitators of the 2016 review",
            "the fourth review of the strategy",
            "res number of the second review",
        ),
        handler=answers.fact,
    ),
    Intent(
        "review.steps",
        "review",
        examples=(
            "who appoints the co-facilitators",
            "in which month is a review usually adopted",
            "how long do the negotiations of a review take",
            "what is the deadline for stakeholder submissions",
            "when is the secretary-general's report due",
            "how does a review work",
        ),
        handler=answers.steps,
    ),
    Intent(
        "review.why",
        "review",
        examples=(
            "why was the review delayed",
            "why was there a gap of three years between reviews",
            "what was the reason the review came late",
        ),
        handler=answers.why,
    ),
    Intent(
        "review.calendar",
        "review",
        examples=(
            "add the review cycle to my calendar",
            "can I get the calendar file",
            "export the milestones as ics",
        ),
        handler=answers.calendar,
    ),
    Intent(
        # What the old phrase table did for reminders asked in words (help subscribe); the
        # reminders' own intents (list, subscribe, stop: issue 25 item 3) take over from it.
        "reminders.how",
        "help",
        examples=(
            "notify me of the next review",
            "I want to be reminded of the review",
            "send me alerts about reviews",
        ),
        handler=answers.how_to_subscribe,
    ),
    Intent(
        "review.votes",
        "review",
        examples=(
            "how did each country vote on the review",
            "which states voted against the resolution",
            "who abstained on the review resolution",
        ),
        handler=answers.votes,
    ),
)
