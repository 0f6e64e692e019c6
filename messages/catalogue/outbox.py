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
}
