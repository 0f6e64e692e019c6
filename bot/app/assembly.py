"""Assembling a process: which platforms are configured, and the runtime that serves them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from bot.base.clock import Clock, ScaledClock, SystemClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.core.registry import Registry
from bot.core.runtime import Runtime

if TYPE_CHECKING:
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scheduler import ReminderScheduler
    from storage.db import Database

PLATFORM_SETTINGS: Mapping[str, tuple[str, ...]] = {
    "telegram": ("TELEGRAM_BOT_TOKEN",),
    "slack": ("SLACK_BOT_TOKEN",),
    "matrix": ("MATRIX_HOMESERVER",),
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
    from bot.base.settings import ConfigError

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
    if platform == "matrix":
        from adapters.matrix.config import MatrixConfig

        return MatrixConfig.from_env(settings.env)
    from adapters.slack.config import SlackConfig

    return SlackConfig.from_env(settings.env)


def build_runtime(settings: Settings, *, core: Core | None = None) -> Runtime:
    """The core, the background services and every configured platform, not yet started."""
    from bot.app.health import add_health

    installers: list[Callable[[Runtime], object]] = []
    if "telegram" in configured_platforms(settings):
        from adapters.telegram import install as install_telegram

        installers.append(install_telegram)
    if "slack" in configured_platforms(settings):
        from adapters.slack import install as install_slack

        installers.append(install_slack)
    if "matrix" in configured_platforms(settings):
        from adapters.matrix import install as install_matrix

        installers.append(install_matrix)
    runtime = Runtime(core or build_core(settings, clock=clock_for(settings)))
    worker, scheduler = assemble(runtime, installers)
    add_health(runtime, worker, scheduler)  # last: ready once everything else has started
    return runtime


def clock_for(settings: Settings) -> Clock:
    """The wall clock, or one running ``COALITION_TIME_FACTOR`` times faster (benchmarks)."""
    from bot.base.settings import COALITION_TIME_FACTOR

    factor = COALITION_TIME_FACTOR.read(settings.env)
    if factor == 1:
        return SystemClock()
    return ScaledClock(SystemClock().now(), factor)


def assemble(
    runtime: Runtime, platforms: Sequence[Callable[[Runtime], object]]
) -> tuple[DeliveryWorker, ReminderScheduler]:
    """Adds the due-scan, each platform (its adapter service and sender) and the delivery
    worker, in that order.

    The worker comes after the platforms, so it starts once every sender is ready and stops
    before them (``Runtime.stop`` goes in reverse): it claims nothing more and finishes or
    hands back what it holds before any platform closes its client."""
    worker = delivery_worker(runtime)
    scheduler = add_scheduler(runtime, worker)
    for install in platforms:
        install(runtime)
    runtime.add_service(worker)
    return worker, scheduler


def delivery_worker(runtime: Runtime) -> DeliveryWorker:
    """The outbox's worker for this process, with every feature's delivery hooks registered
    (the worker itself knows no feature)."""
    from bot.outbox.worker import DeliveryWorker
    from bot.practices import delivery_hooks as practice_hooks
    from bot.reminders import delivery_hooks as reminder_hooks

    worker = DeliveryWorker.for_runtime(runtime)  # its settings: ConfigError when malformed
    reminder_hooks.register(worker.hooks, runtime.core.settings.admins)
    practice_hooks.register(worker.hooks)
    return worker


def add_scheduler(runtime: Runtime, worker: DeliveryWorker) -> ReminderScheduler:
    """The reminders' due-scan, which wakes the worker when it queued something."""
    from bot.reminders.scheduler import ReminderScheduler

    scheduler = ReminderScheduler.for_runtime(runtime, worker)
    runtime.add_service(scheduler)
    return scheduler


def add_background_services(runtime: Runtime) -> tuple[DeliveryWorker, ReminderScheduler]:
    """The due-scan and the delivery worker, for a runtime whose senders are already added
    (the console): the worker stops first."""
    worker = delivery_worker(runtime)
    scheduler = add_scheduler(runtime, worker)
    runtime.add_service(worker)
    return worker, scheduler
