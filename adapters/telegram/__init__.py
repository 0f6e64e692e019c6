"""Telegram through python-telegram-bot: the adapter (updates in, answers out) and the outbox
sender, sharing one HTTP client and one rate limiter."""

import os

# Opt in to PTB's coming behaviour (time periods as timedelta), which our code already reads
# (``sender.retry_after_seconds``); otherwise every 429 logs a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from adapters.telegram.adapter import TelegramAdapter, install
from adapters.telegram.config import TelegramConfig
from adapters.telegram.sender import TelegramSender

__all__ = ["TelegramAdapter", "TelegramConfig", "TelegramSender", "install"]
