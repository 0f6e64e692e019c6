"""Sentences of the Matrix adapter."""

from __future__ import annotations

from messages import catalogue

STRINGS: dict[str, str] = {
    "matrix.encrypted": (
        "This room is end-to-end encrypted, and I can't read encrypted messages, so I can't "
        "answer here. Ask me in a direct message or a room without encryption."
    ),
    "matrix.choices": "Reply with a number:",
    "matrix.choice": "{number}. {label}",
}

catalogue.extend(STRINGS)
catalogue.translations("adapters.matrix.locales")
