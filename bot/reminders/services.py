"""Wiring the reminders into a runtime: the delivery worker and the scheduler."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.runtime import Runtime
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scheduler import ReminderScheduler


def add_reminder_services(runtime: Runtime) -> tuple[DeliveryWorker, ReminderScheduler]:
    """Adds the worker (started first, stopped last) and the due-scan's scheduler."""
    from bot.outbox.worker import DeliveryWorker
    from bot.reminders.scheduler import ReminderScheduler

    worker = DeliveryWorker.for_runtime(runtime)
    scheduler = ReminderScheduler.for_runtime(runtime, worker)
    runtime.add_service(worker)
    runtime.add_service(scheduler)
    return worker, scheduler
