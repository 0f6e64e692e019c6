"""Spanish sentences of the Telegram adapter."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "telegram.button_expired": (
        "Este botón ha caducado. Escriba el comando en su lugar, o help para verlos todos."
    ),
}
