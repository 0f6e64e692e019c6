"""`coalition-bot run` started while its database is down: it waits, with a doubling back-off,
for a bounded time (60 s by default; 2 s here), then gives up with one sentence that names
DATABASE_URL and a non-zero exit; a database that comes up within the wait is used."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.app.assembly import build_core
from bot.app.run import EXIT_START, serve
from bot.base.settings import Settings
from bot.core import runtime
from bot.testing.helpers import free_port
from storage.db import Database, create_schema, drop_schema
from storage.testing.faults import PausableProxy
from tests.conftest import POSTGRES_URL, make_database


async def test_run_gives_up_after_the_wait_naming_database_url(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(runtime, "DATABASE_START_WAIT", 2.0)
    url = f"postgresql+asyncpg://bot:secret@127.0.0.1:{free_port()}/coalition"  # nobody there
    settings = Settings(data_dir=tmp_path, database_url=url, env={"DATABASE_URL": url})
    began = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.core.runtime"):
        code = await asyncio.wait_for(serve(settings), 20)
    took = time.monotonic() - began
    assert code == EXIT_START
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0  # one sentence, no traceback
    assert "could not reach the database at DATABASE_URL=" in err and "secret" not in err
    assert 1.0 <= took < 10  # waited (0.5 + 1 s of back-off), bounded
    retries = [r for r in caplog.records if "trying again" in r.getMessage()]
    assert len(retries) == 2  # 0.5 s, then 1 s; the next (2 s) would pass the wait


@pytest.mark.postgres
async def test_a_database_that_comes_up_during_the_wait_is_used(tmp_path: Path) -> None:
    probe, probe_schema = await make_database("postgresql", tmp_path)  # skips without one
    await probe.close()
    assert probe_schema is not None
    await drop_schema(POSTGRES_URL, probe_schema)
    schema = await create_schema(POSTGRES_URL, "t")
    port = free_port()
    target = make_url(POSTGRES_URL)
    url = target.set(port=port).render_as_string(hide_password=False)
    core = build_core(Settings(data_dir=tmp_path), db=Database(url, schema=schema))
    proxy = PausableProxy(target.host or "127.0.0.1", target.port or 5432)
    try:
        opening = asyncio.create_task(runtime.open_database(core, wait=20))
        await asyncio.sleep(1.5)  # refused twice meanwhile
        assert not opening.done()
        await proxy.start(port)  # the database is there now
        await asyncio.wait_for(opening, 20)
        db = await core.database()
        async with db.session() as s:
            from sqlalchemy import text

            assert (await s.exec(text("SELECT count(*) FROM alembic_version"))).one()[0] == 1  # type: ignore[call-overload]
    finally:
        await core.close()
        await proxy.stop()
        await drop_schema(POSTGRES_URL, schema)
