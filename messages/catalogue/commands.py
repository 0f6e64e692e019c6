"""What each command does, in a line: help lists them and Telegram's command menu shows them
(``Command.summary_in``). The declarations in ``bot/commands`` take their English from here."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "command.help": "List the commands, or explain one.",
    "command.paragraph": "Show a provision of the Code: a paragraph, an item or the preamble.",
    "command.search": 'Search the Code\'s text; "quotes" for a phrase.',
    "command.pillars": "The four pillars of the UN Global Counter-Terrorism Strategy.",
    "command.about": "What the Code is, when and where it was signed.",
    "command.review": "Where the Strategy's review cycle stands; review history for every review.",
    "command.subscribe": (
        "Get review-cycle reminders in this chat (lead times, time zone, time of day)."
    ),
    "command.unsubscribe": "Stop the review-cycle reminders in this chat.",
    "command.subscriptions": "What reminders this chat gets, and when the next one is due.",
    "command.calendar": "The review cycle as a calendar file (.ics) to import.",
    "command.milestone": "Add, confirm, move or remove a review-cycle milestone.",
    "command.practice": (
        "Record a best practice (first line may be a title; tag #pillar2 #3e), or read one."
    ),
    "command.practices": "Browse, filter and search the coalition's best practices.",
    "command.approve": "Approve a best practice waiting for review; it is then shared.",
    "command.reject": "Reject a best practice waiting for review; its author is told why.",
    "command.setup": "Make this channel the shared channel that best practices are relayed to.",
    "command.language": "Choose the language I answer you in, or this chat's default.",
}
