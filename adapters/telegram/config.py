"""The TELEGRAM_* settings, validated once at start so a typo fails with its name, not later
with a stack trace from the network layer. Error messages never repeat a secret's value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlsplit

from adapters.telegram.settings import (
    TELEGRAM_API,
    TELEGRAM_API_BASE_URL,
    TELEGRAM_BOT_TOKEN,
    TELEGRAM_MODE,
    TELEGRAM_POLL_TIMEOUT,
    TELEGRAM_WEBHOOK_LISTEN,
    TELEGRAM_WEBHOOK_PORT,
    TELEGRAM_WEBHOOK_SECRET,
    TELEGRAM_WEBHOOK_URL,
)
from bot.base.settings import ConfigError

__all__ = ["TELEGRAM_API", "Mode", "TelegramConfig"]


class Mode(Enum):
    POLLING = "polling"
    WEBHOOK = "webhook"


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    api_base_url: str = TELEGRAM_API  # the server's root; /bot<token> and /file/bot are added
    mode: Mode = Mode.POLLING
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    poll_timeout: float = 30.0  # seconds a getUpdates long poll may wait for news

    @property
    def base_url(self) -> str:
        return f"{self.api_base_url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.api_base_url}/file/bot"

    @property
    def webhook_path(self) -> str:
        """The path our webhook server answers on: the one in the public URL, so a reverse
        proxy can pass requests through unchanged."""
        return urlsplit(self.webhook_url or "").path or "/"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TelegramConfig:
        """Each value is checked by its declaration (``bot.base.settings``); what depends on
        several of them (webhook mode needs a URL and a secret) is checked here."""
        if not TELEGRAM_BOT_TOKEN.is_set(env):
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set; get one from @BotFather")
        token = TELEGRAM_BOT_TOKEN.read(env)
        base = _base_url(TELEGRAM_API_BASE_URL.read(env))
        mode = Mode(TELEGRAM_MODE.read(env))
        poll_timeout = TELEGRAM_POLL_TIMEOUT.read(env)
        if mode is Mode.POLLING:
            return cls(token=token, api_base_url=base, poll_timeout=poll_timeout)

        if not TELEGRAM_WEBHOOK_URL.is_set(env):
            raise ConfigError(
                "TELEGRAM_WEBHOOK_URL is not set; webhook mode needs the public https address "
                "Telegram should post updates to"
            )
        url = TELEGRAM_WEBHOOK_URL.read(env)
        if urlsplit(url).scheme == "http" and base == TELEGRAM_API:
            raise ConfigError(
                "TELEGRAM_WEBHOOK_URL must use https: Telegram posts updates to https only"
            )
        if not TELEGRAM_WEBHOOK_SECRET.is_set(env):
            raise ConfigError(
                "TELEGRAM_WEBHOOK_SECRET is not set; webhook mode needs it so that only "
                "Telegram can post updates (1-256 characters: letters, digits, _ and -)"
            )
        return cls(
            token=token,
            api_base_url=base,
            mode=mode,
            webhook_url=url,
            webhook_listen=TELEGRAM_WEBHOOK_LISTEN.read(env),
            webhook_port=TELEGRAM_WEBHOOK_PORT.read(env),
            webhook_secret=TELEGRAM_WEBHOOK_SECRET.read(env),
            poll_timeout=poll_timeout,
        )


def _base_url(raw: str) -> str:
    parts = urlsplit(raw)
    if "{token}" in raw or parts.query or parts.fragment:
        raise ConfigError(
            "TELEGRAM_API_BASE_URL is the server's address only, without the token or a query"
        )
    # People often paste the form with /bot at the end; both mean the same server.
    return raw.rstrip("/").removesuffix("/bot").rstrip("/")
