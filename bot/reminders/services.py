"""Wiring the reminders into a runtime: the delivery worker and the scheduler."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.runtime import Runtime
    from bot.scheduling import ReminderScheduler
    from bot.worker import DeliveryWorker


def add_reminder_services(runtime: Runtime) -> tuple[DeliveryWorker, ReminderScheduler]:
    """Adds the worker (started first, stopped last) and the due-scan's scheduler."""
    from bot.scheduling import ReminderScheduler
    from bot.worker import DeliveryWorker

    worker = DeliveryWorker.for_runtime(runtime)
    scheduler = ReminderScheduler.for_runtime(runtime, worker)
    runtime.add_service(worker)
    runtime.add_service(scheduler)
    return worker, scheduler
