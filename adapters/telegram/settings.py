"""The TELEGRAM_* settings, declared here beside the adapter that reads them (the platform's
record, ``adapters.telegram.platform``, lists them), so the base layer names no platform."""

from __future__ import annotations

from bot.base import kinds
from bot.base.settings import Setting, declare

__all__ = ["Setting"]  # the type the platform record collects these by


TELEGRAM_API = "https://api.telegram.org"
TELEGRAM_BOT_TOKEN = declare(
    "TELEGRAM_BOT_TOKEN",
    kinds.text(
        "the token from @BotFather (digits, a colon, then 20-100 letters, digits, _ or -)",
        r"[0-9]{1,20}:[A-Za-z0-9_-]{20,100}",
        secret=True,
    ),
    "",
    "the bot's token; setting it makes `run` serve Telegram",
    platform="telegram",
    secret=True,
    needed="to serve Telegram",
)
TELEGRAM_MODE = declare(
    "TELEGRAM_MODE",
    kinds.choice("polling", "webhook"),
    "polling",
    "polling asks Telegram for updates; webhook has Telegram post them to TELEGRAM_WEBHOOK_URL",
    platform="telegram",
)
TELEGRAM_API_BASE_URL = declare(
    "TELEGRAM_API_BASE_URL",
    kinds.url("https", "http", allowed="an http(s) address such as http://localhost:8081"),
    TELEGRAM_API,
    "a self-hosted Bot API server (the tests' fake one too)",
    platform="telegram",
)
TELEGRAM_POLL_TIMEOUT = declare(
    "TELEGRAM_POLL_TIMEOUT",
    kinds.number(0, 50, "seconds"),
    30.0,
    "how long one getUpdates long poll may wait for news",
    platform="telegram",
)
TELEGRAM_WEBHOOK_URL = declare(
    "TELEGRAM_WEBHOOK_URL",
    kinds.url("https", "http", allowed="a full https:// address"),
    "",
    "the public https address Telegram posts updates to",
    platform="telegram",
    needed="in webhook mode",
)
TELEGRAM_WEBHOOK_SECRET = declare(
    "TELEGRAM_WEBHOOK_SECRET",
    kinds.text("1-256 letters, digits, _ and -", r"[A-Za-z0-9_-]{1,256}", secret=True),
    "",
    "a request without this X-Telegram-Bot-Api-Secret-Token is refused",
    platform="telegram",
    secret=True,
    needed="in webhook mode",
)
TELEGRAM_WEBHOOK_LISTEN = declare(
    "TELEGRAM_WEBHOOK_LISTEN",
    kinds.text("an address to listen on, such as 127.0.0.1 or 0.0.0.0", r"\S+"),
    "127.0.0.1",
    "where the webhook server listens, behind your HTTPS proxy",
    platform="telegram",
)
TELEGRAM_WEBHOOK_PORT = declare(
    "TELEGRAM_WEBHOOK_PORT",
    kinds.whole(1, 65535),
    8443,
    "the webhook server's port",
    platform="telegram",
)
TELEGRAM_SHARED_CHAT_ID = declare(
    "TELEGRAM_SHARED_CHAT_ID",
    kinds.text(
        "a chat id (a number, negative for groups) or @channelname", r"-?[0-9]{1,20}|@\w{5,32}"
    ),
    "",
    "where notes are relayed on Telegram (an admin's setup shared-channel overrides)",
    platform="telegram",
)
