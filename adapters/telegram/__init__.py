"""Telegram through python-telegram-bot: the adapter (updates in, answers out) and the outbox
sender, sharing one HTTP client and one rate limiter. ``platform`` is what the rest of the bot
knows of it; importing the package loads no platform library."""

import os

# Opt in to PTB's coming behaviour (time periods as timedelta), which our code already reads
# (``sender.retry_after_seconds``); otherwise every 429 logs a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from adapters.telegram import texts  # noqa: F401  (its sentences, in the catalogue)
