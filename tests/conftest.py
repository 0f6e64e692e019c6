# ruff: noqa: E402 (the bytecode setting below comes before the imports)
"""Shared fixtures: a core with its harness, and databases on SQLite and PostgreSQL.

PostgreSQL tests run against ``TEST_POSTGRES_URL`` (default: the local server on
127.0.0.1:5432, database ``test``), each in a schema of its own that is dropped afterwards.
With ``CI=true`` a server that cannot be reached fails the run; elsewhere those tests skip and
say why.
"""

from __future__ import annotations

import os
import sys

# Bytecode. This machine kind sets PYTHONDONTWRITEBYTECODE, so each of the 4 workers and each of
# the ~150 `coalition-bot` processes the tests start compiled the project's modules from source
# again (0.2 s of CPU a process, ~30 s a run). The suite lets them be written, into the
# __pycache__ folders git ignores, as any development install has them; installed libraries
# have theirs from pip already. Before the imports below, so that they are written too.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

import asyncio
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from adapters.slack.adapter import SlackAdapter
from adapters.slack.testing import fake as slack_fake
from adapters.slack.testing.fake import FakeSlack
from adapters.telegram.sender import TelegramSender
from adapters.telegram.testing import fake as telegram_fake
from adapters.telegram.testing.fake import FakeTelegram, telegram_sender
from bot.app.assembly import build_core
from bot.base.clock import FakeClock
from bot.base.settings import Settings
from bot.core.dispatch import Core
from bot.testing import TestBot
from storage.db import Database, create_schema, drop_schema
from storage.testing.faults import PausableProxy

pytest_plugins = ["adapters.matrix.testing.fixtures"]  # a real Synapse and its accounts

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
_pg_reachable: bool | None = None


async def _postgres_reachable() -> bool:
    global _pg_reachable
    if _pg_reachable is None:
        import asyncpg

        dsn = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
        try:
            conn = await asyncio.wait_for(asyncpg.connect(dsn), timeout=5)
            await conn.close()
            _pg_reachable = True
        except Exception:
            _pg_reachable = False
    return _pg_reachable


# A SQLite database migrated to head once per worker, which each test gets a copy of: Alembic
# costs about 0.1 s of CPU a test (0.3 s under cProfile: loading the env and 16 migrations,
# and a thread hand-off for each statement), over a thousand times a run. The copy is the
# file those migrations wrote, so a test sees the schema a fresh start gives;
# tests/test_migrate_cli.py and tests/test_storage.py run the migrations themselves.
_template_folder: Path | None = None
_template_lock = threading.Lock()


@pytest.fixture(scope="session", autouse=True)
def _sqlite_template_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    global _template_folder
    _template_folder = tmp_path_factory.mktemp("migrated")


def migrated_sqlite(target: Path) -> Path:
    """``target``, a new SQLite file already at the newest revision (a copy of the worker's
    one migrated database, made on first use)."""
    assert _template_folder is not None, "the session fixture sets the folder"
    template = _template_folder / "coalition.db"
    with _template_lock:  # one thread makes it, in a loop of its own (callers may hold one)
        if not template.exists():

            async def migrate() -> None:
                made = Database(f"sqlite+aiosqlite:///{template}")
                await made.start()
                await made.close()  # the last connection's close empties the WAL into it

            with ThreadPoolExecutor(1) as pool:
                pool.submit(asyncio.run, migrate()).result()
            assert template.exists() and not Path(f"{template}-wal").exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


async def make_database(kind: str, tmp_path: Path) -> tuple[Database, str | None]:
    """A fresh, migrated database; the second value is the PostgreSQL schema to drop."""
    if kind == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{migrated_sqlite(tmp_path / 'test.db')}")
        await db.start()
        return db, None
    schema = await new_postgres_schema()
    db = Database(POSTGRES_URL, schema=schema)
    await db.start()
    return db, schema


async def new_postgres_schema() -> str:
    """A fresh, empty schema on the test server (skips, or fails with CI=true, without one)."""
    if not await _postgres_reachable():
        message = f"PostgreSQL not reachable at {POSTGRES_URL}"
        if IN_CI:
            pytest.fail(f"{message}; with CI=true the PostgreSQL tests must run")
        pytest.skip(f"{message} (set TEST_POSTGRES_URL, or run with CI=true to require it)")
    return await create_schema(POSTGRES_URL, "t")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database, once on SQLite and once on PostgreSQL."""
    database, schema = await make_database(request.param, tmp_path)
    try:
        yield database
    finally:
        if schema:
            await drop_own_schema(database, schema)
        await database.close()


async def drop_own_schema(database: Database, schema: str) -> None:
    """Drops the test's schema through the test's own engine (a fresh engine's first
    connection cost more than the drop), or through a new one if that engine cannot."""
    try:
        async with database.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    except Exception:
        await drop_schema(POSTGRES_URL, schema)


# Fault tests on a scaled clock (production durations run 15-300 times faster, and a worker
# starved of CPU stretches every ratio between them): run one at a time, on one worker, so two
# of them never take the CPU from each other; the rest of the suite is spread over the others.
ONE_AT_A_TIME = {"test_outbox_faults.py", "test_postgres_faults.py", "test_leadership_faults.py"}


# The slowest tests outside the xdist groups, longest first (a loaded run's --durations, each
# 8-115 s there): collected first, so xdist hands them out first and the workers finish
# together. Collected where they were, the restore tests started after 340 s of a 435 s run
# and that worker ended 80 s after the others. xdist hands out the groups (Matrix, the
# scaled-clock faults, run_native) before these, the biggest first, whatever the order.
# Only tests of modules with no module-scoped fixture: moving one of those apart from its
# module's other tests would start the fixture twice.
SLOWEST_FIRST = (
    "test_restore.py::test_a_backup_taken_while_running_restores_without_loss_or_resend[postgresql]",
    # One between the two restores: xdist gives a worker its first two units at once, and the
    # two restores on one worker, one after the other, made the longest tail.
    "test_calendar_feed.py::test_a_calendar_app_polls_and_gets_304_until_a_milestone_changes",
    "test_restore.py::test_a_backup_taken_while_running_restores_without_loss_or_resend[sqlite]",
    "test_calendar_feed.py::test_calendar_answers_with_the_link_to_subscribe",
    "test_migrate_cli.py::test_revert_for_a_rollback_then_upgrade_again",
    "test_migrate_cli.py::test_check_then_migrate_then_check",
    "test_config_check.py::test_connect_fails_when_a_platform_refuses_the_token_or_the_database_is_down",
    "test_migrate_cli.py::test_a_schema_newer_than_the_release_is_named",
    "test_exit_codes.py::test_run_stopped_by_sigint_exits_130_and_by_sigterm_0",
    "test_redaction.py::test_config_check_connect_at_debug_shows_no_secret",
    "test_console_language.py::test_the_consoles_own_lines_are_in_its_language",
    "test_bad_input.py::test_any_text_gets_a_reply_that_every_renderer_can_render",
    "test_cli.py::test_an_answer_that_needs_the_database_gets_its_loop_and_acts_once",
    "test_reminders_late.py::test_a_retry_inside_the_threshold_is_not_late",
    "test_cli.py::test_files_are_saved_in_the_current_folder_or_out",
    "test_cli.py::test_piped_console_stops_at_quit",
    "test_cli.py::test_console_answers_each_piped_line_and_exits_zero",
    "test_cli.py::test_ask_and_piped_console_load_no_terminal_library",
    "test_cli_conventions.py::test_piped_console_stops_at_quit",
    "test_cli.py::test_console_with_empty_stdin",
    "test_outbox_instances.py::test_two_instances_deliver_every_reminder_exactly_once",
    "test_reminders_runtime.py::test_console_runs_the_reminder_services",
    "test_practices_rank.py::test_the_order_is_bm25s",
    "test_outbox_instances.py::test_a_killed_instance_loses_nothing_and_repeats_nothing",
    "test_reminders_runtime.py::test_cli_calendar_prints_an_ics_file",
    "test_http_limits.py::test_a_flood_of_idle_connections_is_capped_timed_out_and_logged_briefly",
    "test_log_format.py::test_every_line_of_a_debug_run_is_json",
    "test_backup.py::test_a_live_database_is_backed_up_and_restored",
)
_RANKS = {name: rank for rank, name in enumerate(SLOWEST_FIRST)}


def _slowness_rank(item: pytest.Item) -> int:
    """The test's place in SLOWEST_FIRST (with its parameters, or any of them), after them
    all if absent."""
    name = f"{item.path.name}::{item.name}"
    return _RANKS.get(name, _RANKS.get(name.partition("[")[0], len(SLOWEST_FIRST)))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks the scaled-clock fault tests' group. First, before xdist's own hook reads the
    marks to give each test its group: after it, as this hook used to run, the mark came too
    late and those tests were spread over every worker. Then the slowest tests first (the
    sort is stable: every other test keeps its place)."""
    for item in items:
        if item.path.name in ONE_AT_A_TIME:
            item.add_marker(pytest.mark.xdist_group("scaled-clock-faults"))
    items.sort(key=_slowness_rank)


def _has_group(nodeid: str) -> bool:
    """Whether xdist gave the test its group (a parameter's own ``@`` is no group)."""
    return nodeid.rfind("@") > nodeid.rfind("]")


@pytest.fixture(autouse=True)
def _in_its_xdist_group(request: pytest.FixtureRequest) -> None:
    """Fails a test marked ``xdist_group`` that ``--dist loadgroup`` did not put in its group:
    xdist passes the group on as a ``@group`` suffix of the test's id, which pytest 9.2 no
    longer lets it write (pytest-xdist#1386), and nothing else would say so. Without the
    groups every worker starts a Synapse of its own and the scaled-clock fault tests take the
    CPU from one another."""
    item = request.node
    if getattr(request.config.option, "loadgroup", False) and not _has_group(item.nodeid):
        mark = item.get_closest_marker("xdist_group")
        if mark:
            pytest.fail(
                f"--dist loadgroup did not put this test in its group {mark.args}: this pytest "
                f"({pytest.__version__}) hides the group from xdist (pytest-xdist#1386); "
                "install the versions of requirements.lock",
                pytrace=False,
            )


@pytest.fixture(autouse=True)
def _fakes_refuse_nothing_unexpected() -> Iterator[None]:
    """A request the real Telegram or Slack would refuse fails the test that sent it: every
    fake made during the test records its refusals, by rule, and any the test did not declare
    with ``expect_refusal`` fails it here, naming the rule."""
    made: list[FakeTelegram | FakeSlack] = []
    telegram_fake.watchers.append(made)  # type: ignore[arg-type]
    slack_fake.watchers.append(made)  # type: ignore[arg-type]
    try:
        yield
    finally:
        telegram_fake.watchers.remove(made)  # type: ignore[arg-type]
        slack_fake.watchers.remove(made)  # type: ignore[arg-type]
    refused = [str(r) for fake in made for r in fake.unexpected_refusals()]
    if refused:
        pytest.fail(
            f"the fake refused {len(refused)} request(s) the real platform would refuse:\n"
            + "\n".join(refused[:10]),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _no_real_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real home: the user's data and config folders (the default
    database, a user's .env) point into a temporary folder, for subprocesses too."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    # No fixed port either: tests run in parallel (pytest-xdist), and a `coalition-bot run`
    # started by one must not find /healthz's default port taken by another's.
    monkeypatch.setenv("COALITION_HEALTH_PORT", "0")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, admins=frozenset({"telegram:admin1", "slack:UADMIN"}))


@pytest.fixture
async def core(settings: Settings, clock: FakeClock) -> AsyncIterator[Core]:
    """A core on a SQLite file in the test's own folder (a copy of the migrated one), opened
    only if a command needs it."""
    default = settings.data_dir / "coalition.db"
    if settings.database_url == f"sqlite+aiosqlite:///{default}":
        migrated_sqlite(default)
    c = build_core(settings, clock=clock)
    yield c
    await c.close()


@pytest.fixture
def testbot(core: Core) -> TestBot:
    return TestBot(core)


@pytest.fixture
async def db_core(db: Database, settings: Settings, clock: FakeClock) -> AsyncIterator[Core]:
    """A core on the parametrised database (SQLite and PostgreSQL)."""
    c = build_core(settings, db=db, clock=clock)
    yield c
    await c.close()  # writes the chats and members still waiting (the db fixture drops it)


@pytest.fixture
def db_testbot(db_core: Core) -> TestBot:
    return TestBot(db_core)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    """A fake Slack Web API on 127.0.0.1."""
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def slack(fake_slack: FakeSlack, core: Core) -> AsyncIterator[SlackAdapter]:
    """The Slack adapter in HTTP mode against ``fake_slack``, started."""
    adapter = SlackAdapter(core, fake_slack.http_config())
    await adapter.start()
    yield adapter
    await adapter.stop()


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    """A fake Telegram Bot API server on 127.0.0.1."""
    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def telegram(
    fake_telegram: FakeTelegram,
) -> AsyncIterator[tuple[FakeTelegram, TelegramSender]]:
    """``fake_telegram`` and the bot's Telegram sender pointed at it."""
    async with telegram_sender(fake_telegram) as sender:
        yield fake_telegram, sender


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """A client session for posting to the adapters' HTTP endpoints."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as s:
        yield s


@pytest.fixture
async def behind_proxy(
    tmp_path: Path,
) -> AsyncIterator[tuple[Database, Database, PausableProxy]]:
    """Two engines on one PostgreSQL schema, for the leadership and Matrix takeover tests:
    a's reaches it through a pausable proxy (to freeze), b's directly."""
    direct, schema = await make_database("postgresql", tmp_path)
    assert schema is not None
    url = make_url(POSTGRES_URL)
    proxy = await PausableProxy(url.host or "127.0.0.1", url.port or 5432).start()
    proxied = url.set(port=proxy.port).render_as_string(hide_password=False)
    a_db = Database(proxied, schema=schema)
    try:
        yield a_db, direct, proxy
    finally:
        await proxy.stop()  # ends a's frozen connections, so closing its engine cannot hang
        await asyncio.wait_for(a_db.close(), 10)
        await direct.close()
        await drop_schema(POSTGRES_URL, schema)
