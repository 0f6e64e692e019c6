"""The Matrix adapter in process against a real Synapse: conversation, escaping, invitations,
leaving, a restart that neither misses nor re-answers, and follow-ups (one after a restart)."""

from __future__ import annotations

import json
import secrets
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.matrix.adapter import MatrixAdapter
from adapters.matrix.config import MatrixConfig
from adapters.matrix.testing.fixtures import MATRIX, Cast
from adapters.matrix.testing.synapse import Account, wait_until
from bot.app.assembly import build_core
from bot.base.settings import Settings

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


async def test_in_a_room_only_mentions_replies_and_commands(cast: Cast, bot: MatrixAdapter) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot, cast.ben))
    cast.join(cast.ben, room)
    await wait_until(
        lambda: bot.client.rooms.get(room) and bot.client.rooms[room].joined_count == 3
    )
    cast.say(cast.ben, room, "paragraph 3e, anyone?")  # not for the bot
    first = cast.say(cast.ana, room, "!paragraph 3e")
    [by_command] = await wait_until(answers(cast, room), timeout=10)
    assert by_command["content"]["body"].startswith("Paragraph 3(e)")
    assert by_command["content"]["m.relates_to"] == {"m.in_reply_to": {"event_id": first}}
    cast.say(
        cast.ben,
        room,
        {
            "msgtype": "m.text",
            "body": "Coalition bot: preamble 2",
            "m.mentions": {"user_ids": [cast.bot.user_id]},
        },
    )
    got = await wait_until(answers(cast, room, 2), timeout=10)
    assert got[1]["content"]["body"].startswith("Preamble 2")
    cast.say(
        cast.ana,
        room,
        {
            "msgtype": "m.text",
            "body": "> <@bot> Preamble 2\n\nparagraph 8",
            "m.relates_to": {"m.in_reply_to": {"event_id": got[1]["event_id"]}},
        },
    )
    got = await wait_until(answers(cast, room, 3), timeout=10)
    assert got[2]["content"]["body"].startswith("Paragraph 8")
    assert len(cast.from_bot(room)) == 3  # ben's question was not for the bot


async def test_a_members_markup_and_at_room_are_shown_as_typed(
    cast: Cast, bot: MatrixAdapter
) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    cast.say(cast.ana, room, "search <b>qqq</b> @room")
    [answer] = await wait_until(answers(cast, room), timeout=10)
    content = answer["content"]
    html = content["formatted_body"]
    assert "&lt;b&gt;qqq&lt;/b&gt;" in html and "<b>" not in html
    assert "@\u2060room" in html and "@room" not in html  # no client reads it as @room
    assert "<b>qqq</b> @\u2060room" in content["body"]
    assert content["m.mentions"] == {}  # and the homeserver notifies no one


async def test_invitations_from_other_servers_are_declined(cast: Cast, tmp_path: Path) -> None:
    adapter = await started(cast, tmp_path, MATRIX_ALLOWED_SERVERS="gov.example")
    try:
        room = cast.create_room(cast.ana, invite=(cast.bot,))
        await wait_until(lambda: adapter.batches >= 3, timeout=10)
        members = cast.server.request(
            "GET", f"/_matrix/client/v3/rooms/{room}/members", token=cast.ana.access_token
        )
        [bot_member] = [m for m in members["chunk"] if m["state_key"] == cast.bot.user_id]
        assert bot_member["content"]["membership"] == "leave"
    finally:
        await stopped(adapter)


def left_rooms(cast: Cast, who: Account) -> set[str]:
    """The rooms ``who`` left and has not forgotten: a fresh sync that includes left rooms
    (Synapse leaves forgotten ones out). Synapse keeps a sync's answer two minutes for the
    same request, so each look's filter is a new one (an event type no room has)."""
    unique = {"not_types": [f"org.coalition.test.{secrets.token_hex(4)}"]}
    room_filter = {"include_leave": True, "timeline": {"limit": 1, **unique}}
    query = urllib.parse.quote(json.dumps({"room": room_filter}))
    answer = cast.server.request(
        "GET", f"/_matrix/client/v3/sync?filter={query}", token=who.access_token
    )
    return set(answer.get("rooms", {}).get("leave", {}))


async def test_the_bot_leaves_and_forgets_a_room_where_it_is_alone(
    cast: Cast, bot: MatrixAdapter
) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot,))
    await wait_until(lambda: room in bot.client.rooms and bot.client.rooms[room].joined_count == 2)
    cast.server.request("POST", f"/_matrix/client/v3/rooms/{room}/leave", {}, cast.ana.access_token)
    await wait_until(lambda: room not in cast.joined_rooms(cast.bot), timeout=10)
    assert room in left_rooms(cast, cast.ana)  # Ana left it and still has it: she can see it
    await wait_until(lambda: room not in left_rooms(cast, cast.bot), timeout=10)  # forgotten


async def test_a_mention_by_display_name_or_id_in_the_text_alone(
    cast: Cast, bot: MatrixAdapter
) -> None:
    """Clients that set no ``m.mentions`` (older ones, bridges, a name typed by hand): the bot's
    display name or user id in the body is a mention all the same."""
    room = cast.create_room(cast.ana, invite=(cast.bot, cast.ben))
    cast.join(cast.ben, room)
    await wait_until(
        lambda: bot.client.rooms.get(room) and bot.client.rooms[room].joined_count == 3
    )
    by_name = cast.say(cast.ben, room, "coalition bot, paragraph 3e")
    [first] = await wait_until(answers(cast, room), timeout=10)
    assert first["content"]["body"].startswith("Paragraph 3(e)")
    assert first["content"]["m.relates_to"] == {"m.in_reply_to": {"event_id": by_name}}
    cast.say(cast.ana, room, f"what does preamble 2 say, {cast.bot.user_id}?")
    got = await wait_until(answers(cast, room, 2), timeout=10)
    assert got[1]["content"]["body"].startswith("Preamble 2")


async def test_an_encrypted_room_is_told_the_bot_cannot_read_it(
    cast: Cast, bot: MatrixAdapter
) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot,))
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    cast.server.request(
        "PUT",
        f"/_matrix/client/v3/rooms/{room}/state/m.room.encryption/",
        {"algorithm": "m.megolm.v1.aes-sha2"},
        cast.ana.access_token,
    )
    [notice] = await wait_until(answers(cast, room), timeout=10)
    assert "can't read encrypted messages" in notice["content"]["body"]


async def test_a_restart_neither_misses_nor_re_answers(cast: Cast, tmp_path: Path) -> None:
    adapter = await started(cast, tmp_path)
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in adapter.client.rooms, timeout=10)
    cast.say(cast.ana, room, "paragraph 3e")
    await wait_until(answers(cast, room), timeout=10)
    await stopped(adapter)
    cast.say(cast.ana, room, "preamble 2")  # while no instance syncs
    again = await started(cast, tmp_path)
    try:
        got = await wait_until(answers(cast, room, 2), timeout=10)
        await wait_until(lambda: again.batches >= 2, timeout=10)
        got = cast.from_bot(room)
        assert [e["content"]["body"].split("\n")[0] for e in got] == [
            "Paragraph 3(e)",
            "Preamble 2",
        ]
    finally:
        await stopped(again)


async def test_an_answer_goes_into_the_members_thread(cast: Cast, bot: MatrixAdapter) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot, cast.ben))
    cast.join(cast.ben, room)
    await wait_until(lambda: room in bot.client.rooms and bot.client.rooms[room].joined_count == 3)
    root = cast.say(cast.ben, room, "Where is the text on financing?")
    asked = cast.say(
        cast.ana,
        room,
        {
            "msgtype": "m.text",
            "body": "!paragraph 3e",
            "m.relates_to": {
                "rel_type": "m.thread",
                "event_id": root,
                "is_falling_back": True,
                "m.in_reply_to": {"event_id": root},
            },
        },
    )
    [answer] = await wait_until(answers(cast, room), timeout=10)
    relates = answer["content"]["m.relates_to"]
    assert relates["rel_type"] == "m.thread" and relates["event_id"] == root
    assert relates["m.in_reply_to"] == {"event_id": asked}


async def test_only_one_of_two_instances_syncs(cast: Cast, tmp_path: Path) -> None:
    first = await started(cast, tmp_path)
    second = MatrixAdapter(first.core, first.config)  # another instance, the same database
    await second.start()
    try:
        assert first.lease is not None and first.lease.held
        assert second.lease is not None and not second.lease.held
        room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
        await wait_until(lambda: room in first.client.rooms, timeout=10)
        cast.say(cast.ana, room, "paragraph 3e")
        await wait_until(answers(cast, room), timeout=10)
        await wait_until(lambda: first.batches >= 4, timeout=10)
        assert len(cast.from_bot(room)) == 1 and second.batches == 0
    finally:
        await second.stop()
        await stopped(first)


async def test_a_password_logs_in_once_and_keeps_the_device(cast: Cast, tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        env={
            "MATRIX_HOMESERVER": cast.server.url,
            "MATRIX_USER_ID": cast.bot.user_id,
            "MATRIX_PASSWORD": cast.bot.password,
        },
    )
    devices = []
    for _ in range(2):
        core = build_core(settings)
        adapter = MatrixAdapter(core, MatrixConfig.from_settings(settings))
        await adapter._log_in()
        devices.append(adapter.client.device_id)
        await adapter.client.close()
        await core.close()
    assert devices[0] and devices[0] == devices[1]


async def test_buttons_become_numbered_choices_and_the_pager_works(
    cast: Cast, bot: MatrixAdapter
) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    cast.say(cast.ana, room, "search terrorism")
    [first] = await wait_until(answers(cast, room), timeout=10)
    assert "1. More results" in first["content"]["body"]
    assert "<ol><li>More results</li></ol>" in first["content"]["formatted_body"]
    cast.say(cast.ana, room, "1")
    got = await wait_until(answers(cast, room, 2), timeout=10)
    assert got[1]["content"]["body"] != first["content"]["body"]  # the next page
    assert not got[1]["content"]["body"].startswith("I didn't")


async def test_a_follow_up_in_a_direct_room(cast: Cast, bot: MatrixAdapter) -> None:
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in bot.client.rooms, timeout=10)
    cast.say(cast.ana, room, "paragraph 8(a)")
    await wait_until(answers(cast, room), timeout=10)
    cast.say(cast.ana, room, "and the next one?")
    [_, second] = await wait_until(answers(cast, room, 2), timeout=10)
    body = second["content"]["body"]
    assert body.startswith("Reading that as: “paragraph 8(b)”.")
    assert "Paragraph 8(b)" in body


async def test_a_follow_up_after_a_restart(cast: Cast, tmp_path: Path) -> None:
    """The member's topic outlives the instance that answered: the next one, on the same
    database, reads the follow-up against it."""
    adapter = await started(cast, tmp_path)
    room = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    await wait_until(lambda: room in adapter.client.rooms, timeout=10)
    cast.say(cast.ana, room, "paragraph 4(e)")
    await wait_until(answers(cast, room), timeout=10)
    await stopped(adapter)
    again = await started(cast, tmp_path)
    try:
        cast.say(cast.ana, room, "and the next one?")
        [_, second] = await wait_until(answers(cast, room, 2), timeout=10)
        body = second["content"]["body"]
        assert body.startswith("Reading that as: “paragraph 4(f)”.")
        assert "Paragraph 4(f)" in body
    finally:
        await stopped(again)
