"""Sentences of the Slack adapter and of its app manifest (what Slack shows about the app)."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "slack.file_failed": (
        "I couldn't post the file “{filename}” in this conversation. Add me to the channel "
        "first, or ask me in a direct message."
    ),
    "slack.app_description": "The 2018 Code of Conduct towards a terrorism-free world, in chat.",
    "slack.app_long_description": (
        "Look up and search the Code of Conduct for the Achievement of a Terrorism-Free World "
        "(New York, 28 September 2018), see the four pillars of the UN Global "
        "Counter-Terrorism Strategy and which provisions serve each, get reminders about the "
        "Strategy's review cycle, and share best-practice notes with the coalition's other "
        "workspaces and groups. Use the slash command, mention the bot in a channel, or send "
        "it a direct message; type help to see every command."
    ),
    "slack.command_description": "Ask the coalition bot: a provision, a search, help",
    "slack.home_reminders": "Your reminders",
    "slack.home_practices": "Latest best practices",
    "slack.home_subscribe": "Remind me here",
    "slack.home_change": "Change to 30, 7 and 1 days before",
    "slack.home_stop": "Stop my reminders",
    "slack.home_read": "Read #{number}",
    "slack.home_share": "Share a best practice",
    "slack.home_none": "No best practices have been shared yet.",
}
