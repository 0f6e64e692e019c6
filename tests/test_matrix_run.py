"""``coalition-bot run`` serving Matrix as an operator starts it, against a real Synapse: a
note written in a direct room is relayed through the outbox to the shared room, and the
access token appears nowhere in the output, even at DEBUG."""

from __future__ import annotations

import signal

from tests.matrix.fixtures import MATRIX, Cast
from tests.matrix.synapse import wait_until
from tests.test_telegram_run import finish, start

pytestmark = MATRIX


async def test_run_serves_matrix_and_relays_a_note_to_the_shared_room(cast: Cast, tmp_path) -> None:
    shared = cast.create_room(cast.ben, invite=(cast.bot,))
    cast.server.request(
        "POST", f"/_matrix/client/v3/join/{shared}", {}, cast.bot.access_token
    )  # the operator had it join the shared room
    direct = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    process = await start(
        tmp_path,
        MATRIX_HOMESERVER=cast.server.url,
        MATRIX_USER_ID=cast.bot.user_id,
        MATRIX_ACCESS_TOKEN=cast.bot.access_token,
        MATRIX_SHARED_ROOM_ID=shared,
        LOG_LEVEL="DEBUG",
    )
    try:
        await wait_until(lambda: direct in cast.joined_rooms(cast.bot), timeout=30)
        cast.say(cast.ana, direct, "practice Joint training on financing checks, with Ben")
        await wait_until(lambda: cast.from_bot(direct), timeout=15)
        [relayed] = await wait_until(lambda: cast.from_bot(shared, cast.ben), timeout=15)
        assert "Joint training on financing checks" in relayed["content"]["body"]
        assert "Ana" in relayed["content"]["body"]  # the author, as on the other platforms
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    code, output = await finish(process)
    assert code == 0, output
    assert cast.bot.access_token not in output
