"""The Slack app manifest, generated from the command registry, so installing the app is one
paste into https://api.slack.com/apps ("Create New App" > "From a manifest") and the slash
command's usage hint can never drift from the commands the bot has."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from adapters.slack.config import DEFAULT_COMMAND, EVENTS_PATH, parse_command
from adapters.slack.practice_modal import MESSAGE_SHORTCUT_ID, SHORTCUT_ID
from bot.base.settings import ConfigError, Settings
from bot.core.registry import Command, Permission, Registry
from messages.catalogue import say

APP_NAME = "Coalition bot"  # display_information.name: 35 characters at most
BOT_NAME = "coalition"
USAGE_HINT_LIMIT = 1000
BOT_SCOPES = (
    "app_mentions:read",  # @mentions in channels
    "chat:write",  # answers and shared-channel posts
    "commands",  # the slash command
    "files:write",  # .ics files and exports (files.getUploadURLExternal)
    "im:history",  # direct messages (message.im)
    "users:read",  # is the asker a workspace admin (managing a channel's subscriptions)
)
BOT_EVENTS = ("app_home_opened", "app_mention", "message.im")
SHORTCUT_NAME_LIMIT = 24
SHORTCUT_DESCRIPTION_LIMIT = 150


def shortcuts() -> list[dict[str, str]]:
    """The global shortcut (share a best practice from anywhere) and the message shortcut
    (save a message as one); their callback ids are the ones the adapter listens to."""
    return [
        {
            "name": say("slack.shortcut_share")[:SHORTCUT_NAME_LIMIT],
            "type": "global",
            "callback_id": SHORTCUT_ID,
            "description": say("slack.shortcut_share_description")[:SHORTCUT_DESCRIPTION_LIMIT],
        },
        {
            "name": say("slack.shortcut_save")[:SHORTCUT_NAME_LIMIT],
            "type": "message",
            "callback_id": MESSAGE_SHORTCUT_ID,
            "description": say("slack.shortcut_save_description")[:SHORTCUT_DESCRIPTION_LIMIT],
        },
    ]


PLACEHOLDER_URL = "https://bot.example.org" + EVENTS_PATH


def usage_hint(commands: Iterable[Command]) -> str:
    """``help | paragraph <reference> | search <words> | ...``, everyone's commands first,
    within Slack's 1,000 characters."""
    ordered = sorted(commands, key=lambda c: c.permission is not Permission.EVERYONE)
    hint = ""
    for c in ordered:
        form = c.forms[0]
        candidate = f"{hint} | {form}" if hint else form
        if len(candidate) > USAGE_HINT_LIMIT:
            break
        hint = candidate
    return hint


def build(
    commands: Iterable[Command],
    *,
    socket_mode: bool,
    command: str = DEFAULT_COMMAND,
    request_url: str | None = None,
    name: str = APP_NAME,
) -> dict[str, Any]:
    """The manifest as a dict; in HTTP mode every request goes to ``request_url``."""
    url = request_url or PLACEHOLDER_URL
    slash: dict[str, Any] = {
        "command": command,
        "description": say("slack.command_description"),
        "usage_hint": usage_hint(commands),
        "should_escape": False,
    }
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": list(BOT_EVENTS)},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": socket_mode,
        "token_rotation_enabled": False,
    }
    if not socket_mode:
        slash["url"] = url
        settings["event_subscriptions"]["request_url"] = url
        settings["interactivity"]["request_url"] = url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name[:35],
            "description": say("slack.app_description")[:140],
            "long_description": say("slack.app_long_description")[:4000],
            "background_color": "#1d3557",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": BOT_NAME, "always_online": True},
            "shortcuts": shortcuts(),
            "slash_commands": [slash],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": settings,
    }


def render(manifest: dict[str, Any]) -> str:
    """JSON, which Slack's manifest editor takes as it is (so does YAML's parser)."""
    return json.dumps(manifest, indent=2, ensure_ascii=False)


def print_manifest(
    settings: Settings,
    registry: Registry,
    *,
    socket_mode: bool | None,
    request_url: str | None,
) -> int:
    """``coalition-bot slack-manifest``: Socket Mode when SLACK_APP_TOKEN is set, unless the
    flags say otherwise."""
    env = settings.env
    try:
        command = parse_command(env.get("SLACK_COMMAND") or DEFAULT_COMMAND)
    except ConfigError as e:
        print(f"coalition-bot: configuration error: {e}", file=sys.stderr)
        return 2
    if socket_mode is None:
        socket_mode = bool(env.get("SLACK_APP_TOKEN"))
    if request_url and not request_url.startswith("https://"):
        print("coalition-bot: --request-url must be an https:// URL", file=sys.stderr)
        return 2
    manifest = build(registry, socket_mode=socket_mode, command=command, request_url=request_url)
    print(render(manifest))
    if not socket_mode and not request_url:
        print(
            f"coalition-bot: replace {PLACEHOLDER_URL} with your public URL "
            "(or pass --request-url)",
            file=sys.stderr,
        )
    return 0
