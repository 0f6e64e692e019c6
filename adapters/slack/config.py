"""The Slack settings, read from ``Settings.env`` and checked once, so a typo stops the start
with a sentence that names the setting instead of a 401 from Slack an hour later."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from adapters.slack.settings import (
    SLACK_API,
    SLACK_API_BASE_URL,
    SLACK_APP_TOKEN,
    SLACK_BOT_TOKEN,
    SLACK_COMMAND,
    SLACK_HTTP_HOST,
    SLACK_HTTP_PORT,
    SLACK_SIGNING_SECRET,
)
from bot.base.settings import ConfigError, Settings

DEFAULT_API_BASE_URL = SLACK_API
# behind the TLS proxy Slack's request URL must point at
DEFAULT_HTTP_HOST = SLACK_HTTP_HOST.default
DEFAULT_HTTP_PORT = SLACK_HTTP_PORT.default
DEFAULT_COMMAND = SLACK_COMMAND.default
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


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
        """Each value is checked by its declaration (``bot.base.settings``); which of the tokens
        and secrets must be there together is checked here."""
        if not SLACK_BOT_TOKEN.is_set(env):
            raise ConfigError("SLACK_BOT_TOKEN is not set (the Bot User OAuth Token, xoxb-...)")
        bot_token = SLACK_BOT_TOKEN.read(env)
        app_token = SLACK_APP_TOKEN.read(env)
        signing_secret = SLACK_SIGNING_SECRET.read(env)
        if not app_token and not signing_secret:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is needed in HTTP mode (Basic Information > App "
                "Credentials); or set SLACK_APP_TOKEN to use Socket Mode"
            )
        base = SLACK_API_BASE_URL.read(env)
        return cls(
            bot_token=bot_token,
            signing_secret=signing_secret,
            app_token=app_token,
            api_base_url=base if base.endswith("/") else base + "/",
            http_host=SLACK_HTTP_HOST.read(env),
            http_port=SLACK_HTTP_PORT.read(env),
            http_port_set=SLACK_HTTP_PORT.is_set(env),
            command=SLACK_COMMAND.read(env),
        )


def parse_command(raw: str) -> str:
    """A slash command as Slack accepts it; a missing leading slash is added."""
    return SLACK_COMMAND.read({SLACK_COMMAND.name: raw})
