"""Prometheus metrics for one process (``prometheus-client``, the reference client: its text
format, its histogram buckets and its process collector are what every scraper expects).

Two kinds of figures:

- *Counted as they happen*, through the delivery worker's observer seam
  (``bot.outbox.observe``): deliveries by platform and outcome, send latency.
- *Read from the database at scrape time*: outbox rows by platform and state, the age of the
  oldest waiting row, the due-scan's lag behind the clock. Prometheus' collectors are
  synchronous and the database is not, so the health server refreshes a ``Snapshot`` (at most
  once per ``cache_seconds``, however often it is scraped) before it renders, and the
  collector only reads that snapshot. A scrape while the database is down still answers,
  with ``coalition_database_up 0`` and the last figures it had.

Every metric lives in a registry of this process's own, so several runtimes in one test
process never collide.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from bot.outbox.observe import OUTCOMES, Outcome
from bot.outbox.stats import STATES, OutboxStats, outbox_stats
from storage.db import Database

log = logging.getLogger(__name__)

CACHE_SECONDS = 5.0
QUERY_TIMEOUT = 3.0  # seconds a scrape waits for the database
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class DeliveryMetrics:
    """The worker's observer: one count and one latency sample per attempt."""

    def __init__(self, registry: CollectorRegistry, platforms: Iterable[str] = ()) -> None:
        self.deliveries = Counter(
            "coalition_deliveries",
            "Delivery attempts of outbox rows, by platform and outcome.",
            ["platform", "outcome"],
            registry=registry,
        )
        self.latency = Histogram(
            "coalition_send_seconds",
            "Seconds a platform took to take (or refuse) one outbox message.",
            ["platform"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        for platform in platforms:  # every series from start, at 0
            self.latency.labels(platform)
            for outcome in OUTCOMES:
                self.deliveries.labels(platform, outcome)

    def delivered(self, platform: str, outcome: Outcome, seconds: float) -> None:
        self.deliveries.labels(platform, outcome).inc()
        self.latency.labels(platform).observe(seconds)


class AnswerMetrics:
    """The core's answer observer: updates handled, answers by outcome, and answer latency,
    per platform. Every platform × outcome series exists from start at 0, so a rate or an
    alert on one is defined before its first event."""

    def __init__(self, registry: CollectorRegistry, platforms: Iterable[str]) -> None:
        from bot.core.dispatch import ANSWER_OUTCOMES

        self.updates = Counter(
            "coalition_updates",
            "Messages and commands handled, by platform.",
            ["platform"],
            registry=registry,
        )
        self.answers = Counter(
            "coalition_answers",
            "Answers by platform and outcome (answered, busy, database_unavailable, error).",
            ["platform", "outcome"],
            registry=registry,
        )
        self.latency = Histogram(
            "coalition_answer_seconds",
            "Seconds from a message handed to the core to its answer, by platform.",
            ["platform"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        for platform in platforms:
            self.updates.labels(platform)
            self.latency.labels(platform)
            for outcome in ANSWER_OUTCOMES:
                self.answers.labels(platform, outcome)

    def __call__(self, platform: str, outcome: str, seconds: float) -> None:
        self.updates.labels(platform).inc()
        self.answers.labels(platform, outcome).inc()
        self.latency.labels(platform).observe(seconds)


class Snapshot:
    """The database's figures, refreshed at most once per ``cache_seconds``."""

    def __init__(
        self,
        database: Callable[[], Awaitable[Database]],
        now: Callable[[], datetime],
        *,
        cache_seconds: float = CACHE_SECONDS,
        timeout: float = QUERY_TIMEOUT,
    ) -> None:
        self._database = database
        self._now = now
        self._cache = cache_seconds
        self._timeout = timeout
        self._lock = asyncio.Lock()
        self._taken = float("-inf")
        self.outbox: OutboxStats | None = None
        self.scanned_until: datetime | None = None
        self.database_up = False
        self.queries = 0  # how many times the database was actually asked (tests, the bench)

    async def refresh(self) -> None:
        async with self._lock:  # concurrent scrapes share one query
            if time.monotonic() - self._taken < self._cache:
                return
            self._taken = time.monotonic()
            self.queries += 1
            try:
                async with asyncio.timeout(self._timeout):
                    db = await self._database()
                    now = self._now()
                    self.outbox = await outbox_stats(db, now)
                    self.scanned_until = await scanned_until(db)
                self.database_up = True
            except Exception as e:
                self.database_up = False
                log.warning("metrics: the database did not answer: %s", e)

    def scan_lag(self) -> float | None:
        if self.scanned_until is None or self.outbox is None:
            return None
        return max(0.0, (self.outbox.at - self.scanned_until).total_seconds())


async def scanned_until(db: Database) -> datetime | None:
    """The due-scan's watermark: reminders due before it have been queued."""
    from storage.models import ReminderScan

    async with db.session() as s:
        state = await s.get(ReminderScan, 1)
    if state is None:
        return None
    when = state.scanned_until
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


class StateCollector(Collector):
    """Gauges from the last ``Snapshot`` and from this process (does it lead the scan?)."""

    def __init__(self, snapshot: Snapshot, leads: Callable[[], bool]) -> None:
        self.snapshot = snapshot
        self.leads = leads

    def collect(self) -> Iterator[Metric]:
        snap = self.snapshot
        up = GaugeMetricFamily(
            "coalition_database_up", "1 when the last scrape could read the database."
        )
        up.add_metric([], 1.0 if snap.database_up else 0.0)
        yield up
        leader = GaugeMetricFamily(
            "coalition_leader", "1 when this instance runs the reminders' due-scan."
        )
        try:
            leads = self.leads()
        except Exception:  # a leadership being replaced mid-check: not leading, say so
            leads = False
        leader.add_metric([], 1.0 if leads else 0.0)
        yield leader
        stats = snap.outbox
        if stats is None:
            return
        rows = GaugeMetricFamily(
            "coalition_outbox_rows",
            "Outbox rows by platform and state.",
            labels=["platform", "state"],
        )
        oldest = GaugeMetricFamily(
            "coalition_outbox_oldest_waiting_seconds",
            "Age of the oldest pending or sending outbox row, by platform (0 when none waits).",
            labels=["platform"],
        )
        for platform in stats.platforms:
            for state in STATES:
                rows.add_metric([platform, state], float(stats.rows.get((platform, state), 0)))
            oldest.add_metric([platform], stats.oldest_age(platform))
        yield rows
        yield oldest
        lag = snap.scan_lag()
        if lag is not None:
            scan = GaugeMetricFamily(
                "coalition_scan_lag_seconds",
                "Seconds between now and the moment the due-scan has planned reminders up to.",
            )
            scan.add_metric([], lag)
            yield scan


class Metrics:
    """The registry of one process and what fills it."""

    def __init__(
        self,
        database: Callable[[], Awaitable[Database]],
        now: Callable[[], datetime],
        leads: Callable[[], bool],
        *,
        cache_seconds: float = CACHE_SECONDS,
        platforms: Iterable[str] = (),
    ) -> None:
        self.registry = CollectorRegistry()
        platforms = tuple(platforms)
        self.deliveries = DeliveryMetrics(self.registry, platforms)
        self.answers = AnswerMetrics(self.registry, platforms)
        self.snapshot = Snapshot(database, now, cache_seconds=cache_seconds)
        self.registry.register(StateCollector(self.snapshot, leads))
        self.registry.register(ProcessCollector(registry=None))  # open fds against their limit

    async def render(self) -> bytes:
        await self.snapshot.refresh()
        return generate_latest(self.registry)
