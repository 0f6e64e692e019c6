"""The SLACK_* settings, declared here beside the adapter that reads them (the platform's
record, ``adapters.slack.platform``, lists them), so the base layer names no platform."""

from __future__ import annotations

from bot.base import kinds
from bot.base.settings import Setting, declare

__all__ = ["Setting"]  # the type the platform record collects these by


SLACK_API = "https://slack.com/api/"
SLACK_BOT_TOKEN = declare(
    "SLACK_BOT_TOKEN",
    kinds.text("the Bot User OAuth Token, which starts with xoxb-", r"xoxb-\S+", secret=True),
    "",
    "the bot's token; setting it makes `run` serve Slack",
    platform="slack",
    secret=True,
    needed="to serve Slack",
)
SLACK_APP_TOKEN = declare(
    "SLACK_APP_TOKEN",
    kinds.text(
        "an app-level token with connections:write, which starts with xapp-",
        r"xapp-\S+",
        secret=True,
    ),
    "",
    "set: Socket Mode (no public URL needed); unset: HTTP mode",
    platform="slack",
    secret=True,
    needed="for Socket Mode (or SLACK_SIGNING_SECRET for HTTP)",
)
SLACK_SIGNING_SECRET = declare(
    "SLACK_SIGNING_SECRET",
    kinds.text("the Signing Secret from Basic Information > App Credentials", r"\S+", secret=True),
    "",
    "checks that HTTP requests come from Slack",
    platform="slack",
    secret=True,
    needed="for HTTP mode (or SLACK_APP_TOKEN for Socket Mode)",
)
SLACK_API_BASE_URL = declare(
    "SLACK_API_BASE_URL",
    kinds.url("https", "http", allowed=f"an http(s) URL such as {SLACK_API}"),
    SLACK_API,
    "GovSlack, or the tests' fake Web API",
    platform="slack",
)
SLACK_HTTP_HOST = declare(
    "SLACK_HTTP_HOST",
    kinds.text("an address to listen on, such as 127.0.0.1 or 0.0.0.0", r"\S+"),
    "127.0.0.1",
    "HTTP mode: where the server for /slack/events and /healthz listens",
    platform="slack",
)
SLACK_HTTP_PORT = declare(
    "SLACK_HTTP_PORT",
    kinds.whole(0, 65535),
    3000,
    "HTTP mode: its port; in Socket Mode, setting it serves /healthz",
    platform="slack",
)
SLACK_COMMAND = declare(
    "SLACK_COMMAND",
    kinds.text(
        "a / then up to 31 lowercase letters, digits, - or _ (for example /coalition)",
        r"/[a-z0-9_\-]{1,31}",
        normalise=lambda raw: raw if raw.startswith("/") else "/" + raw,
    ),
    "/coalition",
    "the slash command; print the manifest again after changing it",
    platform="slack",
)
SLACK_SHARED_CHANNEL_ID = declare(
    "SLACK_SHARED_CHANNEL_ID",
    kinds.text("a channel id such as C0123ABC", r"[CGD][A-Z0-9]{2,20}"),
    "",
    "where notes are relayed on Slack (an admin's setup shared-channel overrides)",
    platform="slack",
)
