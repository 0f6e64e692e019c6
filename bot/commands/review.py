"""The review cycle in chat: where it stands, its history, reminders for a chat, the calendar
file, and the admins' milestone commands."""

from __future__ import annotations

from bot.core.registry import Arg, Command, Deferred, Handler, Intent, Permission
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


# The review cycle's answers in words (bot/reminders/answers.py), loaded on first use too.


def _next_review() -> Handler:
    from bot.reminders.answers import next_review

    return next_review


def _history() -> Handler:
    from bot.reminders.answers import history

    return history


def _cadence() -> Handler:
    from bot.reminders.answers import cadence

    return cadence


def _fact() -> Handler:
    from bot.reminders.answers import fact

    return fact


def _steps() -> Handler:
    from bot.reminders.answers import steps

    return steps


def _why() -> Handler:
    from bot.reminders.answers import why

    return why


def _votes() -> Handler:
    from bot.reminders.answers import votes

    return votes


def _calendar_asked() -> Handler:
    from bot.reminders.answers import calendar

    return calendar


def _how_to_subscribe() -> Handler:
    from bot.reminders.answers import how_to_subscribe

    return how_to_subscribe


def _list_reminders() -> Handler:
    from bot.reminders.asked import list_reminders

    return list_reminders


def _start_reminders() -> Handler:
    from bot.reminders.asked import start_reminders

    return start_reminders


def _change_reminders() -> Handler:
    from bot.reminders.asked import change_reminders

    return change_reminders


def _stop_reminders() -> Handler:
    from bot.reminders.asked import stop_reminders

    return stop_reminders


COMMANDS = (
    Command(
        "review",
        say("command.review", locale="en"),
        review,
        aliases=("cycle", "gcts"),
        args=(Arg("history", choices=("history",)),),
        examples=("review", "review history"),
    ),
    Command(
        "subscribe",
        say("command.subscribe", locale="en"),
        subscribe,
        aliases=("remind",),
        args=(Arg("options"),),
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
        handler=Deferred(_next_review),
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
        handler=Deferred(_history),
    ),
    Intent(
        "review.cadence",
        "review",
        examples=(
            "how often is the strategy reviewed",
            "how frequently are reviews held",
            "how often does the General Assembly review the Strategy",
            "is it reviewed every two years",
        ),
        handler=Deferred(_cadence),
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
        handler=Deferred(_fact),
        asks_for=("review", "reviews", "resolution", "co-facilitator", "co-facilitators"),
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
        handler=Deferred(_steps),
    ),
    Intent(
        "review.why",
        "review",
        examples=(
            "why was the review delayed",
            "why was there a gap of three years between reviews",
            "what was the reason the review came late",
        ),
        handler=Deferred(_why),
    ),
    Intent(
        "review.calendar",
        "review",
        examples=(
            "add the review cycle to my calendar",
            "can I get the calendar file",
            "export the milestones as ics",
        ),
        handler=Deferred(_calendar_asked),
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
        handler=Deferred(_how_to_subscribe),
    ),
    Intent(
        "review.votes",
        "review",
        examples=(
            "how did each country vote on the review",
            "which states voted against the resolution",
            "who abstained on the review resolution",
        ),
        handler=Deferred(_votes),
    ),
    # A chat's own reminders asked in words (bot/reminders/asked.py): listed, started with
    # the lead times the sentence names, stopped with an Undo button.
    Intent(
        "subscriptions.list",
        "subscriptions",
        examples=(
            "what reminders do I have",
            "which reminders is this chat subscribed to",
            "am I subscribed to anything",
            "when is my next reminder",
            "show my subscriptions",
            "which alerts does this channel get",
        ),
        handler=Deferred(_list_reminders),
    ),
    Intent(
        "subscriptions.stop",
        "subscriptions",
        examples=(
            "stop the reminders",
            "unsubscribe me",
            "I don't want these notifications any more",
            "turn off the review alerts",
            "cancel my subscription",
        ),
        handler=Deferred(_stop_reminders),
        changes=True,
    ),
    Intent(
        "subscriptions.start",
        "subscriptions",
        examples=(
            "remind me a week before the review",
            "subscribe me to the review reminders",
            "sign this group up for reminders",
            "remind me two weeks ahead and the day before",
            "send the reminders at 08:30 Vienna time",
            "sign this channel up for reminders at a set time in my time zone",
            "I would like reminders in Nairobi time",
        ),
        handler=Deferred(_start_reminders),
        changes=True,
    ),
    Intent(
        # A change to the subscription there is: lead times, time of day, time zone (in
        # words, an IANA name or a city), the rest kept; Undo puts it back.
        "subscriptions.change",
        "subscriptions",
        examples=(
            "change my reminders to 30 days",
            "move my reminders to a later time",
            "send my reminders at 10:00 instead",
            "switch my reminder time zone",
            "change the time zone of the reminders to New York",
            "send the reminders in our local time rather than UTC",
            "from now on remind us only on the day",
            "just the day before from now on",
            "make the reminders a week earlier",
            "set my reminder time to 8 in the morning",
        ),
        handler=Deferred(_change_reminders),
        changes=True,
    ),
)
