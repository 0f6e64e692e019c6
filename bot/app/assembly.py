"""Assembling a process: which platforms are configured, and the runtime that serves them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.app.config import Settings
from bot.core.dispatch import Core
from bot.core.registry import Registry
from bot.core.runtime import Runtime

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scheduler import ReminderScheduler
    from storage.db import Database

PLATFORM_SETTINGS: Mapping[str, tuple[str, ...]] = {
    "telegram": ("TELEGRAM_BOT_TOKEN",),
    "slack": ("SLACK_BOT_TOKEN",),
}


def build_registry() -> Registry:
    """Every command, ``help`` first; ``help`` answers from the registry it is part of."""
    from bot.commands import code, help, practices, review

    registry = Registry()
    for command in (
        *help.commands(registry),
        *code.COMMANDS,
        *review.COMMANDS,
        *practices.COMMANDS,
    ):
        registry.add(command)
    for section in practices.SECTIONS:
        registry.add_section(section)
    return registry


def build_core(
    settings: Settings, *, db: Database | None = None, clock: Clock | None = None
) -> Core:
    """The core with every command (``run``, the console, ``ask``, the tests' harness)."""
    return Core(settings, registry=build_registry(), db=db, clock=clock)


def configured_platforms(settings: Settings) -> list[str]:
    """The chat platforms whose credentials are set."""
    return [p for p, keys in PLATFORM_SETTINGS.items() if all(settings.env.get(k) for k in keys)]


def check_platforms(settings: Settings) -> list[str]:
    """Every problem with the configured platforms' settings taken together (webhook mode
    without a URL, Slack without a signing secret or app token, ...): what ``run`` would
    refuse, so ``config check`` refuses it too."""
    from bot.app.config import ConfigError

    problems: list[str] = []
    for platform in configured_platforms(settings):
        try:
            platform_config(platform, settings)
        except ConfigError as e:
            problems.extend(e.problems)
    return problems


def platform_config(platform: str, settings: Settings) -> object:
    """The platform's own config object, built (and so checked) from the settings."""
    if platform == "telegram":
        from adapters.telegram.config import TelegramConfig

        return TelegramConfig.from_env(settings.env)
    from adapters.slack.config import SlackConfig

    return SlackConfig.from_env(settings.env)


def build_runtime(settings: Settings, *, core: Core | None = None) -> Runtime:
    """The core, the background services and every configured platform, not yet started."""
    from bot.app.health import add_health

    runtime = Runtime(core or build_core(settings))
    worker, scheduler = add_background_services(runtime)
    if "telegram" in configured_platforms(settings):
        from adapters.telegram import install as install_telegram

        install_telegram(runtime)
    if "slack" in configured_platforms(settings):
        from adapters.slack import install as install_slack

        install_slack(runtime)
    add_health(runtime, worker, scheduler)  # last: ready once everything else has started
    return runtime


def delivery_worker(runtime: Runtime) -> DeliveryWorker:
    """The outbox's worker for this process, with every feature's delivery hooks registered
    (the worker itself knows no feature)."""
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders import delivery_hooks as reminder_hooks

    worker = DeliveryWorker.for_runtime(runtime)
    reminder_hooks.register(worker.hooks, runtime.core.settings.admins)
    # Practices need nothing: a relay to a chat that is gone is simply dead.
    return worker


def add_background_services(runtime: Runtime) -> tuple[DeliveryWorker, ReminderScheduler]:
    """Adds the delivery worker (started first, stopped last) and the reminders' due-scan,
    which wakes the worker when it queued something."""
    from bot.reminders.scheduler import ReminderScheduler

    worker = delivery_worker(runtime)
    scheduler = ReminderScheduler.for_runtime(runtime, worker)
    runtime.add_service(worker)
    runtime.add_service(scheduler)
    return worker, scheduler
