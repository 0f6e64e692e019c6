"""French sentences of what the delivery worker tells the coalition admins."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "outbox.dead_heading": "Un message n’a pas pu être remis",
    "outbox.dead_body": (
        "Le message {id} ({purpose}) destiné à la conversation {chat} sur {platform} a été "
        "abandonné : {reason}"
    ),
    "outbox.dead_hint": (
        "`coalition-bot outbox list` affiche les messages abandonnés ; `coalition-bot outbox retry "
        "{id}` renvoie celui-ci."
    ),
}
