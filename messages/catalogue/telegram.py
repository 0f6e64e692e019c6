"""Sentences only the Telegram adapter says."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "telegram.button_expired": (
        "This button has expired. Type the command instead, or help to see them all."
    ),
}
