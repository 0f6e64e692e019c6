"""What the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "A message could not be delivered",
    "outbox.dead_body": (
        "Message {id} ({purpose}) to {platform} chat {chat} was given up on: {reason}"
    ),
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
