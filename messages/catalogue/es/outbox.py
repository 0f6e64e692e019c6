"""Spanish sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "No se pudo entregar un mensaje",
    "outbox.dead_body": (
        "Se ha desistido del mensaje {id} ({purpose}) destinado al chat {chat} de {platform}: "
        "{reason}"
    ),
    "outbox.dead_hint": (
        "`coalition-bot outbox list` muestra los mensajes de los que se ha desistido; "
        "`coalition-bot outbox retry {id}` vuelve a enviar este."
    ),
}
