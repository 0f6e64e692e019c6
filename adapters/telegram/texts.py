"""Sentences only the Telegram adapter says."""

from __future__ import annotations

from messages import catalogue

STRINGS: dict[str, str] = {
    "telegram.button_expired": (
        "This button has expired. Type the command instead, or help to see them all."
    ),
}

catalogue.extend(STRINGS)
catalogue.translations("adapters.telegram.locales")
