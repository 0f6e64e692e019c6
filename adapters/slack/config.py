"""The Slack settings, read from ``Settings.env`` and checked once, so a typo stops the start
with a sentence that names the setting instead of a 401 from Slack an hour later."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.app.config import ConfigError, Settings

DEFAULT_API_BASE_URL = "https://slack.com/api/"
DEFAULT_HTTP_HOST = "127.0.0.1"  # behind the TLS proxy Slack's request URL must point at
DEFAULT_HTTP_PORT = 3000
DEFAULT_COMMAND = "/coalition"
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

# Slack's own rule for a slash command: a slash, then lowercase letters, digits, - and _,
# 32 characters at most in all.
_COMMAND = re.compile(r"^/[a-z0-9_\-]{1,31}$")


@dataclass(frozen=True, slots=True)
class SlackConfig:
    bot_token: str
    signing_secret: str = ""
    app_token: str = ""
    api_base_url: str = DEFAULT_API_BASE_URL
    http_host: str = DEFAULT_HTTP_HOST
    http_port: int = DEFAULT_HTTP_PORT
    http_port_set: bool = False  # SLACK_HTTP_PORT given: Socket Mode then serves /healthz
    command: str = DEFAULT_COMMAND

    @property
    def socket_mode(self) -> bool:
        """An app-level token means Socket Mode: no public URL needed."""
        return bool(self.app_token)

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackConfig:
        return cls.from_env(settings.env)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SlackConfig:
        get = env.get
        bot_token = (get("SLACK_BOT_TOKEN") or "").strip()
        if not bot_token:
            raise ConfigError("SLACK_BOT_TOKEN is not set (the Bot User OAuth Token, xoxb-...)")
        if not bot_token.startswith("xoxb-"):
            raise ConfigError(
                "SLACK_BOT_TOKEN should be the Bot User OAuth Token, which starts with xoxb-"
            )
        app_token = (get("SLACK_APP_TOKEN") or "").strip()
        if app_token and not app_token.startswith("xapp-"):
            raise ConfigError(
                "SLACK_APP_TOKEN should be an app-level token with the connections:write "
                "scope, which starts with xapp- (leave it unset for HTTP mode)"
            )
        signing_secret = (get("SLACK_SIGNING_SECRET") or "").strip()
        if not app_token and not signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is needed in HTTP mode (Basic Information > App "
                "Credentials); or set SLACK_APP_TOKEN to use Socket Mode"
            )
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            app_token=app_token,
            api_base_url=_base_url(get("SLACK_API_BASE_URL") or DEFAULT_API_BASE_URL),
            http_host=(get("SLACK_HTTP_HOST") or DEFAULT_HTTP_HOST).strip(),
            http_port=_port(get("SLACK_HTTP_PORT")),
            http_port_set=bool(get("SLACK_HTTP_PORT")),
            command=parse_command(get("SLACK_COMMAND") or DEFAULT_COMMAND),
        )


def _base_url(raw: str) -> str:
    url = raw.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(
            f"SLACK_API_BASE_URL should be an http(s) URL such as {DEFAULT_API_BASE_URL}"
        )
    return url if url.endswith("/") else url + "/"


def _port(raw: str | None) -> int:
    if not raw:
        return DEFAULT_HTTP_PORT
    try:
        port = int(raw)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise ConfigError(f"SLACK_HTTP_PORT should be a port number (0-65535), not “{raw}”")
    return port


def parse_command(raw: str) -> str:
    """A slash command as Slack accepts it; a missing leading slash is added."""
    command = raw.strip()
    if not command.startswith("/"):
        command = "/" + command
    if not _COMMAND.match(command):
        raise ConfigError(
            f"SLACK_COMMAND “{raw}” is not a valid slash command: a / then up to 31 "
            "lowercase letters, digits, - or _ (for example /coalition)"
        )
    return command
