"""Assembling a process: which platforms are configured, and the runtime that serves them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.app import platforms as _platforms  # noqa: F401  (declares and registers them)
from bot.base.clock import Clock, ScaledClock, SystemClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.core.platform import registered
from bot.core.registry import Registry

if TYPE_CHECKING:
    from bot.core.platform import Platform
    from bot.core.runtime import Runtime
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scheduler import ReminderScheduler
    from storage.db import Database


def build_registry() -> Registry:
    """Every command, ``help`` first; ``help`` answers from the registry it is part of."""
    from bot.answers.router import Router
    from bot.commands import code, help, language, practices, review

    registry = Registry()
    for command in (
        *help.commands(registry),
        *code.COMMANDS,
        *review.COMMANDS,
        *practices.COMMANDS,
        *language.COMMANDS,
    ):
        registry.add(command)
    for section in practices.SECTIONS:
        registry.add_section(section)
    declared = (*help.INTENTS, *code.INTENTS, *review.INTENTS, *practices.INTENTS)
    for intent in (*declared, *help.command_intents(registry)):
        registry.add_intent(intent)
    router = Router(registry)
    registry.set_router(router, router.keep_topic)
    return registry


def build_core(
    settings: Settings, *, db: Database | None = None, clock: Clock | None = None
) -> Core:
    """The core with every command (``run``, the console, ``ask``, the tests' harness)."""
    return Core(settings, registry=build_registry(), db=db, clock=clock)


def configured_platforms(settings: Settings) -> list[Platform]:
    """The chat platforms ``run`` serves: those whose enabling setting (the token) is set."""
    return registered().configured(settings)


def check_platforms(settings: Settings) -> list[str]:
    """Every problem with the configured platforms' settings taken together (webhook mode
    without a URL, Slack without a signing secret or app token, ...): what ``run`` would
    refuse, so ``config check`` refuses it too. And a text of the Code added in another
    language that cannot be served (``bot.code.document.problems``: one without its official
    source, above all)."""
    from bot.base.settings import ConfigError
    from bot.code import document

    problems: list[str] = document.problems()
    for platform in configured_platforms(settings):
        try:
            if platform.config:
                platform.config(settings)
        except ConfigError as e:
            problems.extend(e.problems)
    return problems


def build_runtime(settings: Settings, *, core: Core | None = None) -> Runtime:
    """The core, the background services and every configured platform, not yet started."""
    from bot.app.health import add_health
    from bot.core.runtime import Runtime

    installers = [p.install for p in configured_platforms(settings) if p.install]
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
