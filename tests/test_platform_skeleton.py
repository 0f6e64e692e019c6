"""A new platform is one folder and one entry: the echo platform (tests/skeleton/) is added to
the platform list and nothing else, and it answers, is relayed to, names itself in a note's
attribution and has its own admins, through the same assembly as ``coalition-bot run``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app.assembly import build_runtime, configured_platforms
from bot.app.platforms import PLATFORMS, compose
from bot.base.settings import Settings
from bot.outbox.worker import DeliveryWorker
from tests.skeleton.platform import ECHO, INSTALLED

NOTE = (
    "Prison rehabilitation mentors\n"
    "Trained mentors meet each inmate convicted of terrorist offences weekly for a year. #p4"
)


@pytest.fixture
def with_echo() -> Iterator[None]:
    compose(*PLATFORMS.values(), ECHO)  # the one entry
    try:
        yield
    finally:
        compose(*PLATFORMS.values())


async def test_a_new_platform_is_one_folder_and_one_entry(with_echo: None, tmp_path: Path) -> None:
    settings = Settings.load(
        environ={
            "ECHO_TOKEN": "on",
            "ECHO_SHARED_ROOM": "room-1",
            "COALITION_ADMINS": "echo:ana",
            "COALITION_DATA_DIR": str(tmp_path),
            "COALITION_HEALTH_PORT": "off",
        },
        dotenv=tmp_path / "none.env",
    )
    assert [p.name for p in configured_platforms(settings)] == ["echo"]
    assert settings.admins == {"echo:ana"}
    runtime = build_runtime(settings)
    await runtime.start()
    try:
        echo = INSTALLED[-1]
        assert "Paragraph 3(e)" in await echo.say("ana", "paragraph 3e")
        assert "500" in await echo.say("ana", "x" * 501)  # the record's limit, not Telegram's
        assert "#1" in await echo.say("ana", "practice " + NOTE)
        worker = next(s for s in runtime.services if isinstance(s, DeliveryWorker))
        await worker.drain()
        [(room, relayed)] = echo.said
        assert room == "room-1"
        assert "Prison rehabilitation mentors" in relayed
        assert "Echo" in relayed  # the attribution names the platform by its record
        assert "admin" in await echo.say("ben", "setup shared-channel", chat="room-2")
        assert "Echo" in await echo.say("ana", "setup shared-channel", chat="room-2")
    finally:
        await runtime.stop()
