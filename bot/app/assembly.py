"""Assembling a process: which platforms are configured, and the runtime that serves them."""

from __future__ import annotations

from collections.abc import Mapping

from bot.app.config import Settings
from bot.core.dispatch import Core
from bot.core.runtime import Runtime

PLATFORM_SETTINGS: Mapping[str, tuple[str, ...]] = {
    "telegram": ("TELEGRAM_BOT_TOKEN",),
    "slack": ("SLACK_BOT_TOKEN",),
}


def configured_platforms(settings: Settings) -> list[str]:
    """The chat platforms whose credentials are set."""
    return [p for p, keys in PLATFORM_SETTINGS.items() if all(settings.env.get(k) for k in keys)]


def build_runtime(settings: Settings, *, core: Core | None = None) -> Runtime:
    """The core, the background services and every configured platform, not yet started."""
    runtime = Runtime(core or Core(settings))
    from bot.reminders.services import add_reminder_services

    add_reminder_services(runtime)
    if "telegram" in configured_platforms(settings):
        from adapters.telegram import install as install_telegram

        install_telegram(runtime)
    if "slack" in configured_platforms(settings):
        from adapters.slack import install as install_slack

        install_slack(runtime)
    return runtime
