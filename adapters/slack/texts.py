"""Sentences of the Slack adapter and of its app manifest (what Slack shows about the app)."""

from __future__ import annotations

from messages import catalogue

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
    "slack.modal_title": "Share a best practice",
    "slack.modal_submit": "Share",
    "slack.modal_close": "Cancel",
    "slack.modal_title_label": "Title (optional)",
    "slack.modal_text_label": "What worked",
    "slack.removed_uninstalled": (
        "The coalition bot was uninstalled from the Slack workspace {team}: it sends nothing "
        "there any more, reminders and relays included. Reinstall the app to resume."
    ),
    "slack.removed_revoked": (
        "The coalition bot's tokens for the Slack workspace {team} were revoked: it sends "
        "nothing there any more, reminders and relays included. Reinstall the app to resume."
    ),
    "slack.modal_text_hint": "What was done, where, and what came of it",
    "slack.modal_more_label": "More of it, if one box is not enough (up to {limit:,} characters)",
    "slack.modal_pillars_label": "Pillars of the Strategy",
    "slack.modal_provisions_label": "Provisions of the Code",
    "slack.modal_pillar": "Pillar {number}: {text}",
    "slack.modal_saved_from": "Saved from a message: {link}",
    "slack.modal_title_too_long": "A title is one line of at most {limit} characters.",
    "slack.modal_unavailable": (
        "I couldn't open the form just now. Type practice followed by your note instead."
    ),
    "slack.shortcut_share": "Share a best practice",
    "slack.shortcut_share_description": "Record a best practice and share it with the coalition",
    "slack.shortcut_save": "Save as best practice",
    "slack.shortcut_save_description": (
        "Record this message as a best practice, with a link to it and who wrote it"
    ),
}

catalogue.extend(STRINGS)
catalogue.translations("adapters.slack.locales")
