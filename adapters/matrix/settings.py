"""The MATRIX_* settings, declared beside the adapter that reads them (the platform's record,
``adapters.matrix.platform``, lists them), so the base layer names no platform."""

from __future__ import annotations

from bot.base import kinds
from bot.base.settings import Setting, declare

__all__ = ["Setting"]  # the type the platform record collects these by


MATRIX_HOMESERVER = declare(
    "MATRIX_HOMESERVER",
    kinds.url(
        "https", "http", allowed="the homeserver's client API, such as https://matrix.example.org"
    ),
    "",
    "the Matrix homeserver the bot's account is on; setting it makes `run` serve Matrix",
    platform="matrix",
    needed="to serve Matrix",
)
MATRIX_USER_ID = declare(
    "MATRIX_USER_ID",
    kinds.text("a Matrix user id such as @bot:example.org", r"@[^:\s]+:[^\s]+"),
    "",
    "the bot's account",
    platform="matrix",
    needed="to serve Matrix",
)
MATRIX_ACCESS_TOKEN = declare(
    "MATRIX_ACCESS_TOKEN",
    kinds.text("an access token", r"\S{8,}", secret=True),
    "",
    "the bot account's access token (or MATRIX_PASSWORD to log in once and keep the device)",
    platform="matrix",
    secret=True,
    needed="to serve Matrix, or MATRIX_PASSWORD",
)
MATRIX_PASSWORD = declare(
    "MATRIX_PASSWORD",
    kinds.text("a password", r".+", secret=True),
    "",
    "logs in once; the access token and device are then kept in the database",
    platform="matrix",
    secret=True,
)
MATRIX_SHARED_ROOM_ID = declare(
    "MATRIX_SHARED_ROOM_ID",
    kinds.text("a room id such as !abc:example.org", r"![^:\s]+:[^\s]+"),
    "",
    "where notes are relayed on Matrix (an admin's setup shared-channel overrides)",
    platform="matrix",
)
MATRIX_ALLOWED_SERVERS = declare(
    "MATRIX_ALLOWED_SERVERS",
    kinds.text(
        "server names, comma-separated, such as example.org,gov.example", r"[^\s,]+(,[^\s,]+)*"
    ),
    "",
    "whose users' invitations the bot accepts",
    platform="matrix",
    shown_default="the bot's own server",
)
