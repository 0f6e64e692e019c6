"""The Matrix sender as the outbox worker uses it, against a real Synapse: a row sent twice is
posted once, a rate limit is RetryLater with the server's wait, a kick is TargetGone, an
upgraded room is TargetMoved, and a row's post is found again in the room's history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.sender import OUTBOX_KEY
from adapters.matrix.testing.fixtures import MATRIX, Cast
from adapters.matrix.testing.synapse import wait_until
from bot.outbox.sender import DELIVERING, RetryLater, TargetGone, TargetMoved
from messages.model import Paragraph, Reply, text
from tests.test_matrix_conversation import started, stopped

pytestmark = MATRIX

NOTE = Reply.of(Paragraph(text("A reminder: the review is in 30 days.")))


@pytest.fixture
async def bot(cast: Cast, tmp_path: Path) -> AsyncIterator[MatrixAdapter]:
    adapter = await started(cast, tmp_path)
    try:
        yield adapter
    finally:
        await stopped(adapter)


async def joined_room(cast: Cast, bot: MatrixAdapter) -> str:
    room = cast.create_room(cast.ana, invite=(cast.bot, cast.ben))
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    return room


async def send_row(bot: MatrixAdapter, room: str, key: str) -> str | None:
    token = DELIVERING.set(key)
    try:
        return await bot.sender.send(room, NOTE)
    finally:
        DELIVERING.reset(token)


async def test_a_row_sent_again_is_posted_once(cast: Cast, bot: MatrixAdapter) -> None:
    room = await joined_room(cast, bot)
    first = await send_row(bot, room, "reminder:42:room:t-30")
    again = await send_row(bot, room, "reminder:42:room:t-30")  # a retry after a lost answer
    assert first == again
    other = await send_row(bot, room, "reminder:42:room:t-7")
    assert other != first
    assert len(cast.from_bot(room)) == 2


async def test_a_rate_limit_is_retry_later_with_the_servers_wait(
    cast: Cast, bot: MatrixAdapter
) -> None:
    room = await joined_room(cast, bot)
    cast.server.limit_messages(cast.bot.user_id, per_second=1, burst=1)
    try:
        with pytest.raises(RetryLater) as caught:
            for n in range(3):  # one a second, bursts of one: the second at the latest
                await send_row(bot, room, f"row-{n}")
        assert caught.value.retry_after is not None and 0 < caught.value.retry_after <= 2
        assert "M_LIMIT_EXCEEDED" in str(caught.value)
    finally:
        cast.server.unlimit_messages(cast.bot.user_id)


async def test_a_room_the_bot_was_kicked_from_is_gone(cast: Cast, bot: MatrixAdapter) -> None:
    room = await joined_room(cast, bot)
    await wait_until(lambda: bot.client.rooms[room].joined_count >= 2, timeout=10)
    cast.server.request(
        "POST",
        f"/_matrix/client/v3/rooms/{room}/kick",
        {"user_id": cast.bot.user_id},
        cast.ana.access_token,
    )
    with pytest.raises(TargetGone):
        await send_row(bot, room, "after-kick")


async def test_an_upgraded_room_is_moved_to_its_successor(cast: Cast, bot: MatrixAdapter) -> None:
    room = await joined_room(cast, bot)
    new = cast.server.request(
        "POST",
        f"/_matrix/client/v3/rooms/{room}/upgrade",
        {"new_version": "10"},
        cast.ana.access_token,
    )["replacement_room"]
    with pytest.raises(TargetMoved) as caught:
        await send_row(bot, room, "after-upgrade")
    assert caught.value.new_chat_id == new


def test_config_check_connect_asks_whoami(cast: Cast, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.test_telegram_run import clean_env

    env = clean_env(
        tmp_path,
        MATRIX_HOMESERVER=cast.server.url,
        MATRIX_USER_ID=cast.bot.user_id,
        MATRIX_ACCESS_TOKEN=cast.bot.access_token,
        COALITION_ADMINS=f"matrix:{cast.ana.user_id}",
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "config", "check", "--connect"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"ok      matrix    {cast.bot.user_id} on {cast.server.url}" in done.stdout
    assert cast.bot.access_token not in done.stdout + done.stderr


async def test_a_rows_post_is_found_in_the_rooms_history(cast: Cast, bot: MatrixAdapter) -> None:
    """After a restore the bot looks for a held row's post (``find_sent``): by the key its
    first event carries, through the room's history from the bot's own user, down to the
    row's creation; anything else, members' messages and the bot's answers, is not it."""
    room = await joined_room(cast, bot)
    since = datetime.now(UTC)
    posted = await send_row(bot, room, "relay:matrix:room:note-1")
    cast.say(cast.ana, room, "thanks")
    await bot.sender.send(room, NOTE)  # an answer, no row's: no key
    [event] = [e for e in cast.from_bot(room) if e["event_id"] == posted]
    assert event["content"][OUTBOX_KEY] == "relay:matrix:room:note-1"
    assert await bot.sender.find_sent(room, "relay:matrix:room:note-1", since) == posted
    assert await bot.sender.find_sent(room, "relay:matrix:room:note-2", since) is None
    # A row queued later than every event: the look stops at the first older one.
    later = datetime.now(UTC) + timedelta(hours=1)
    assert await bot.sender.find_sent(room, "relay:matrix:room:note-1", later) is None
