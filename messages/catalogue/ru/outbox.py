"""Russian sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "Сообщение не удалось доставить",
    "outbox.dead_body": (
        "Попытки доставить сообщение {id} ({purpose}) в чат {chat} на платформе {platform} "
        "прекращены: {reason}"
    ),
    "outbox.dead_hint": (
        "`coalition-bot outbox list` показывает сообщения, попытки доставки которых прекращены; "
        "`coalition-bot outbox retry {id}` отправит это сообщение повторно."
    ),
}
