"""``/healthz``, ``/readyz`` and ``/metrics`` of the process ``coalition-bot run`` assembles
(``build_runtime``: Telegram against the fake Bot API, the delivery worker, the scheduler),
asked over HTTP on 127.0.0.1, on SQLite and PostgreSQL; and ``outbox list`` showing the same
counts as the metrics."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from adapters.telegram.testing.fake import FakeTelegram
from bot.app import cli
from bot.app.assembly import build_core, build_runtime
from bot.app.health import HealthConfig, HealthServer
from bot.base.http import HttpLimits
from bot.base.settings import Settings
from bot.core.runtime import Runtime
from bot.outbox.queue import enqueue
from bot.outbox.stats import outbox_stats
from messages.model import Paragraph, Reply, text
from storage.db import Database

HOUR_AGO = timedelta(hours=1)


@pytest.fixture
async def runtime(
    db: Database, fake_telegram: FakeTelegram, tmp_path: Path
) -> AsyncIterator[Runtime]:
    env = {
        "TELEGRAM_BOT_TOKEN": fake_telegram.token,
        "TELEGRAM_API_BASE_URL": fake_telegram.base_url,
        "TELEGRAM_POLL_TIMEOUT": "1",
        "COALITION_HEALTH_PORT": "0",
    }
    settings = Settings(data_dir=tmp_path, env=env)
    runtime = build_runtime(settings, core=build_core(settings, db=db))
    await asyncio.wait_for(runtime.start(), 30)
    try:
        yield runtime
    finally:
        await asyncio.wait_for(runtime.stop(), 30)


def health_of(runtime: Runtime) -> HealthServer:
    [server] = [s for s in runtime.services if isinstance(s, HealthServer)]
    return server


async def get(server: HealthServer, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http,
        http.get(f"http://127.0.0.1:{server.port}{path}") as r,
    ):
        return r.status, await r.text()


def samples(exposition: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(exposition):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


async def put(db: Database, platform: str, chat: str, occurrence: str, when: datetime) -> None:
    async with db.session() as s:
        await enqueue(
            s,
            purpose="message",  # a reminder would be re-checked against a subscription
            platform=platform,
            chat_id=chat,
            occurrence=occurrence,
            reply=Reply.of(Paragraph(text(occurrence))),
            now=when,
        )
        await s.commit()


async def test_alive_ready_and_the_figures_match_the_outbox(
    runtime: Runtime,
    db: Database,
    fake_telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    health = health_of(runtime)
    assert health.port  # listening on the port the setting (0 here) gave
    assert await get(health, "/healthz") == (200, '{"ok": true}')
    status, body = await get(health, "/readyz")
    assert (status, json.loads(body)) == (
        200,
        {"ready": True, "database": "ok", "worker": "running"},
    )

    now = datetime.now(UTC)
    await put(db, "telegram", "1001", "a", now)
    # Slack is not configured in this process: its rows wait, the oldest for an hour.
    await put(db, "slack", "C1", "b", now - HOUR_AGO)
    await put(db, "slack", "C1", "c", now)
    worker = health.worker
    worker.wake()
    await fake_telegram.wait_for("sendMessage", chat_id=1001)
    # The attempt is counted as the platform answers; the row is marked sent in the database
    # just after. Wait for both, as a scrape that came a moment later would see them.
    for _ in range(100):
        counted = health.metrics.registry.get_sample_value(
            "coalition_deliveries_total", {"platform": "telegram", "outcome": "sent"}
        )
        recorded = (await outbox_stats(db, datetime.now(UTC))).rows.get(("telegram", "sent"))
        if counted == 1 and recorded == 1:
            break
        await asyncio.sleep(0.05)

    status, exposition = await get(health, "/metrics")
    assert status == 200
    got = samples(exposition)
    rows = "coalition_outbox_rows"
    assert got[(rows, (("platform", "telegram"), ("state", "sent")))] == 1
    assert got[(rows, (("platform", "slack"), ("state", "pending")))] == 2
    assert got[(rows, (("platform", "slack"), ("state", "dead")))] == 0
    oldest = got[("coalition_outbox_oldest_waiting_seconds", (("platform", "slack"),))]
    assert 3600 <= oldest < 3700
    assert got[("coalition_outbox_oldest_waiting_seconds", (("platform", "telegram"),))] == 0
    sent = (("outcome", "sent"), ("platform", "telegram"))
    assert got[("coalition_deliveries_total", sent)] == 1
    assert got[("coalition_send_seconds_count", (("platform", "telegram"),))] == 1
    assert got[("coalition_leader", ())] == 1  # the only instance leads the due-scan
    assert got[("coalition_database_up", ())] == 1
    assert 0 <= got[("coalition_scan_lag_seconds", ())] < 120  # the catch-up scan ran at start
    assert ("process_open_fds", ()) in got

    # Scraped again at once: the cached figures, no second query.
    queries = health.metrics.snapshot.queries
    assert (await get(health, "/metrics"))[0] == 200
    assert health.metrics.snapshot.queries == queries

    # The terminal shows the same counts (the CLI reads DATABASE_URL, which has no schema of
    # a test's own, so on SQLite only).
    if db.schema is None:
        monkeypatch.setenv("DATABASE_URL", db.url.render_as_string(hide_password=False))
        assert await asyncio.to_thread(cli.main, ["outbox", "list"]) == 0
        listing = capsys.readouterr().out
        assert (
            "slack: 2 pending, 0 sending, 0 sent, 0 dead, 0 skipped, 0 held; the oldest "
            "waiting for 1:0" in (listing)
        )
        assert "telegram: 0 pending, 0 sending, 1 sent, 0 dead, 0 skipped, 0 held" in listing


async def test_not_ready_once_the_worker_stops(runtime: Runtime) -> None:
    health = health_of(runtime)
    await health.worker.stop()
    status, body = await get(health, "/readyz")
    assert (status, json.loads(body)["worker"]) == (503, "stopped")
    assert (await get(health, "/healthz"))[0] == 200  # alive all the same


async def test_not_ready_when_the_database_cannot_be_reached(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    health = health_of(runtime)

    async def unreachable() -> Any:
        raise ConnectionRefusedError("database down")

    monkeypatch.setattr(health.core, "database", unreachable)
    monkeypatch.setattr(health.metrics.snapshot, "_database", unreachable)
    health.metrics.snapshot._taken = float("-inf")  # past the cache
    status, body = await get(health, "/readyz")
    assert status == 503
    assert json.loads(body)["database"] == "unreachable: ConnectionRefusedError"
    status, exposition = await get(health, "/metrics")
    assert status == 200  # a scrape still answers, and says so
    assert samples(exposition)[("coalition_database_up", ())] == 0


async def test_a_port_in_use_costs_the_endpoints_not_the_bot(
    runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    taken = health_of(runtime)
    second = HealthServer(
        runtime,
        taken.worker,
        lambda: False,
        HealthConfig(port=taken.port),
        HttpLimits(),
    )
    with caplog.at_level(logging.WARNING):
        await second.start()  # no exception
    assert second.port is None
    assert "COALITION_HEALTH_PORT" in caplog.text
    await second.stop()


async def test_answers_are_counted_per_platform_and_outcome_every_series_from_start(
    runtime: Runtime, fake_telegram: FakeTelegram
) -> None:
    from adapters.telegram.testing.fake import private_chat, user
    from bot.core.dispatch import ANSWER_OUTCOMES
    from bot.outbox.observe import OUTCOMES

    health = health_of(runtime)
    platforms = list(runtime.core.platforms)
    assert "telegram" in platforms
    _, body = await get(health, "/metrics")
    before = samples(body)
    for platform in platforms:  # before any message: every labelled series, at 0
        assert before[("coalition_updates_total", (("platform", platform),))] == 0
        assert before[("coalition_answer_seconds_count", (("platform", platform),))] == 0
        for outcome in ANSWER_OUTCOMES:
            key = (("outcome", outcome), ("platform", platform))
            assert before[("coalition_answers_total", key)] == 0
        for delivery in OUTCOMES:
            key = (("outcome", delivery), ("platform", platform))
            assert before[("coalition_deliveries_total", key)] == 0
    ana = user(4242, "Ana")
    fake_telegram.message(private_chat(ana), ana, "/review")
    await fake_telegram.wait_for("sendMessage", chat_id=4242, timeout=10)
    _, body = await get(health, "/metrics")
    after = samples(body)
    telegram = (("platform", "telegram"),)
    assert after[("coalition_updates_total", telegram)] == 1
    assert after[("coalition_answers_total", (("outcome", "answered"), *telegram))] == 1
    assert after[("coalition_answer_seconds_count", telegram)] == 1
    assert 0 < after[("coalition_answer_seconds_sum", telegram)] < 10
    assert after[("coalition_answers_total", (("outcome", "error"), *telegram))] == 0
