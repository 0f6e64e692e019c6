"""The TELEGRAM_* settings, validated once at start so a typo fails with its name, not later
with a stack trace from the network layer. Error messages never repeat a secret's value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import urlsplit

from bot.app.config import ConfigError

TELEGRAM_API = "https://api.telegram.org"

# BotFather's tokens: the bot's numeric id, a colon, then a secret of URL-safe characters.
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,100}")
# The Bot API's own rule for setWebhook's secret_token.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


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
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set; get one from @BotFather")
        if not _TOKEN.fullmatch(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then "
                "letters, digits, _ or -); copy it again from @BotFather"
            )
        base = _base_url(env.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_API)
        mode_name = env.get("TELEGRAM_MODE", "polling").strip().lower() or "polling"
        try:
            mode = Mode(mode_name)
        except ValueError:
            raise ConfigError(
                f"TELEGRAM_MODE must be polling or webhook, not “{mode_name[:20]}”"
            ) from None
        poll_timeout = _number(env, "TELEGRAM_POLL_TIMEOUT", 30, 0, 50)
        if mode is Mode.POLLING:
            return cls(token=token, api_base_url=base, poll_timeout=poll_timeout)

        url = env.get("TELEGRAM_WEBHOOK_URL", "").strip()
        if not url:
            raise ConfigError(
                "TELEGRAM_WEBHOOK_URL is not set; webhook mode needs the public https address "
                "Telegram should post updates to"
            )
        parts = urlsplit(url)
        if parts.scheme not in {"https", "http"} or not parts.hostname:
            raise ConfigError("TELEGRAM_WEBHOOK_URL must be a full https:// address")
        if parts.scheme == "http" and base == TELEGRAM_API:
            raise ConfigError(
                "TELEGRAM_WEBHOOK_URL must use https: Telegram posts updates to https only"
            )
        secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
        if not secret:
            raise ConfigError(
                "TELEGRAM_WEBHOOK_SECRET is not set; webhook mode needs it so that only "
                "Telegram can post updates (1-256 characters: letters, digits, _ and -)"
            )
        if not _SECRET.fullmatch(secret):
            raise ConfigError(
                "TELEGRAM_WEBHOOK_SECRET may only hold 1-256 letters, digits, _ and -"
            )
        listen = env.get("TELEGRAM_WEBHOOK_LISTEN", "").strip() or "127.0.0.1"
        port = int(_number(env, "TELEGRAM_WEBHOOK_PORT", 8443, 1, 65535, whole=True))
        return cls(
            token=token,
            api_base_url=base,
            mode=mode,
            webhook_url=url,
            webhook_listen=listen,
            webhook_port=port,
            webhook_secret=secret,
            poll_timeout=poll_timeout,
        )


def _base_url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ConfigError(
            "TELEGRAM_API_BASE_URL must be an http(s) address such as "
            "http://localhost:8081 (a self-hosted Bot API server) or leave it unset"
        )
    if "{token}" in raw or parts.query or parts.fragment:
        raise ConfigError(
            "TELEGRAM_API_BASE_URL is the server's address only, without the token or a query"
        )
    # People often paste the form with /bot at the end; both mean the same server.
    return raw.rstrip("/").removesuffix("/bot").rstrip("/")


def _number(
    env: Mapping[str, str], key: str, default: float, low: float, high: float, whole: bool = False
) -> float:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise ConfigError(f"{key} must be a number, not “{raw[:20]}”") from None
    if not low <= value <= high:
        raise ConfigError(f"{key} must be between {low:g} and {high:g}, not {raw[:20]}")
    return value
