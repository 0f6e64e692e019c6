"""Telegram through python-telegram-bot: the adapter (updates in, answers out) and the outbox
sender, sharing one HTTP client and one rate limiter."""

from adapters.telegram.adapter import TelegramAdapter, install
from adapters.telegram.config import TelegramConfig
from adapters.telegram.sender import TelegramSender

__all__ = ["TelegramAdapter", "TelegramConfig", "TelegramSender", "install"]
