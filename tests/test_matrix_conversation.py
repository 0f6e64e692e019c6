"""The Matrix adapter in process against a real Synapse: conversation, escaping, invitations,
leaving, and a restart that neither misses nor re-answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.config import MatrixConfig
from bot.app.assembly import build_core
from bot.base.settings import Settings
from tests.matrix.fixtures import MATRIX, Cast
from tests.matrix.synapse import wait_until

pytestmark = MATRIX


def env_for(cast: Cast, **more: str) -> dict[str, str]:
    return {
        "MATRIX_HOMESERVER": cast.server.url,
        "MATRIX_USER_ID": cast.bot.user_id,
        "MATRIX_ACCESS_TOKEN": cast.bot.access_token,
        **more,
    }


async def started(cast: Cast, data: Path, **more: str) -> MatrixAdapter:
    settings = Settings(data_dir=data, env=env_for(cast, **more))
    core = build_core(settings)
    adapter = MatrixAdapter(core, MatrixConfig.from_settings(settings))
    adapter.config = MatrixConfig(**{**_fields(adapter.config), "sync_timeout": 1.0})
    await adapter.start()
    await wait_until(lambda: adapter.batches >= 1, timeout=10)
    return adapter


def _fields(config: MatrixConfig) -> dict[str, object]:
    return {name: getattr(config, name) for name in config.__slots__}  # type: ignore[attr-defined]


async def stopped(adapter: MatrixAdapter) -> None:
    await adapter.stop()
    await adapter.core.close()


@pytest.fixture
async def bot(cast: Cast, tmp_path: Path) -> AsyncIterator[MatrixAdapter]:
    adapter = await started(cast, tmp_path)
    try:
        yield adapter
    finally:
        await stopped(adapter)


def answers(cast: Cast, room: str, count: int = 1) -> object:
    return lambda: (lambda got: got if len(got) >= count else None)(cast.from_bot(room))


async def test_a_direct_room_is_all_for_the_bot(cast: Cast, bot: MatrixAdapter) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    cast.say(cast.ana, room, "paragraph 3e")
    [answer] = await wait_until(answers(cast, room), timeout=10)
    content = answer["content"]
    assert content["body"].startswith("Paragraph 3(e)")
    assert content["format"] == "org.matrix.custom.html"
    assert content["formatted_body"].startswith("<h4>Paragraph 3(e)</h4>")
    assert content["m.mentions"] == {}
