"""Slack: the Bolt adapter (slash command, mentions, direct messages, buttons), its outbox
sender, and the app manifest. ``install`` adds both to a runtime when Slack is configured."""

from __future__ import annotations

from typing import TYPE_CHECKING

from adapters.slack import texts  # noqa: F401  (its sentences, in the catalogue)

if TYPE_CHECKING:
    from adapters.slack.adapter import SlackAdapter
    from bot.core.runtime import Runtime


def install(runtime: Runtime) -> SlackAdapter:
    """Adds the Slack service and sender; raises ``ConfigError`` on a malformed setting."""
    from adapters.slack.adapter import SlackAdapter
    from adapters.slack.config import SlackConfig
    from bot.base.http import HttpLimits

    settings = runtime.core.settings
    adapter = SlackAdapter(
        runtime.core,
        SlackConfig.from_settings(settings),
        http_limits=HttpLimits.from_env(settings.env),
    )
    runtime.add_service(adapter)
    runtime.add_sender(adapter.sender)
    return adapter
