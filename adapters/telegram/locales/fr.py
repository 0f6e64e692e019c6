"""French sentences of the Telegram adapter."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "telegram.button_expired": (
        "Ce bouton a expiré. Tapez plutôt la commande, ou help pour les voir toutes."
    ),
}
