"""What the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "A message could not be delivered",
    "outbox.dead_body": "Message {id} ({purpose}) to {platform} chat {chat} was given up on.",
    "outbox.dead_attempts": "It was tried {count:plural:one=# time|other=# times}.",
    "outbox.dead_hours": "It was still failing after {count:plural:one=# hour|other=# hours}.",
    "outbox.dead_minutes": (
        "It was still failing after {count:plural:one=# minute|other=# minutes}."
    ),
    "outbox.why_gone": (
        "The platform says the chat is closed to the bot: it was blocked or removed, or the chat "
        "no longer exists."
    ),
    "outbox.why_blocked": "The bot was blocked there, or removed from the chat.",
    "outbox.why_not_found": "The platform knows no such chat, or the bot is not in it.",
    "outbox.why_archived": "The chat was archived or closed.",
    "outbox.why_refused": (
        "The platform refused this message for good: sending it again would not help."
    ),
    "outbox.why_cannot_edit": "The platform cannot replace the earlier message with this one.",
    "outbox.why_empty": "The message had nothing in it to send.",
    "outbox.why_revoked": "The app was removed from the workspace, or its access was revoked.",
    "outbox.why_unavailable": "The platform answered with an error.",
    "outbox.why_rate_limited": "The platform kept asking the bot to slow down.",
    "outbox.why_network": "The platform could not be reached.",
    "outbox.why_credentials": "The platform refused the bot's credentials.",
    "outbox.why_stopped": "The bot's connection to the platform was stopped.",
    "outbox.why_timeout": "The platform did not answer in time.",
    "outbox.why_failed": "Sending failed with an error in the bot itself; the log has the details.",
    "outbox.why_unreadable": "The message as stored could not be read by this version of the bot.",
    "outbox.why_moved": "The chat moved to a new address.",
    "outbox.dead_hint": (
        "`coalition-bot outbox list` shows the messages given up on; "
        "`coalition-bot outbox retry {id}` sends this one again."
    ),
    # coalition-bot restore and outbox held|release|skip (bot/app/restore.py, bot/outbox/held.py)
    "outbox.restore_usage": (
        "Give the backup file (coalition-bot restore PATH), or --in-place for a database that "
        "already holds the backup."
    ),
    "outbox.restore_no_file": "There is no backup file at {path}.",
    "outbox.restore_not_a_backup": "{path} is not a usable backup of this bot: {reason}.",
    "outbox.restore_no_pg_restore": (
        "pg_restore is not installed here: install PostgreSQL's client tools, or restore the "
        "dump with your own and then run coalition-bot restore --in-place."
    ),
    "outbox.restore_pg_failed": "pg_restore failed (exit status {code}): {reason}",
    "outbox.restore_running": (
        "A bot is still running on this database: it holds the {lease} lease for another "
        "{seconds:,} s. Stop every instance and try again (a lease left by a stopped bot, or "
        "in a backup taken moments ago, runs out by itself within a minute)."
    ),
    "outbox.restore_copied": "Restored {source} into {target}.",
    "outbox.restore_copied_kept": (
        "Restored {source} into {target}; the database it replaced is kept as {kept}."
    ),
    "outbox.restore_caught_up": (
        "The reminders' catch-up ran to now; reminders due since the backup, queued: {count:,}."
    ),
    "outbox.restore_held": (
        "Messages held: {count:,}. They were open in the backup and due by now, so the bot the "
        "backup was taken from may have sent them since. coalition-bot outbox held lists "
        "them; outbox release ID|--all sends them (a chat may then see one twice), outbox "
        "skip ID|--all settles them as sent."
    ),
    "outbox.restore_nothing_held": "Nothing was held: no message in the backup was due by now.",
    "outbox.held_empty": "No message is held.",
    "outbox.held_count": (
        "Messages held: {count:,}. The bot a restored backup was taken from may have sent "
        "them. outbox release ID|--all sends, outbox skip ID|--all settles as sent."
    ),
    "outbox.held_usage": (
        "Give a message id, or --all (with --platform NAME for one platform's messages)."
    ),
    "outbox.held_not": "Message {id} is {status}, not held.",
    "outbox.held_released": (
        "Messages released: {count:,}; each is sent as soon as its chat allows."
    ),
    "outbox.held_skipped": (
        "Messages settled as sent (skipped): {count:,}; outbox retry ID sends one after all."
    ),
}
