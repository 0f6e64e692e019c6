"""``coalition-bot run`` serving Matrix as an operator starts it, against a real Synapse: a
note written in a direct room is relayed through the outbox to the shared room and to the
Telegram and Slack fakes' shared channels, one written on Telegram reaches the Matrix shared
room, and the access token appears nowhere in the output, even at DEBUG."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from adapters.matrix.testing.fixtures import MATRIX, Cast
from adapters.matrix.testing.synapse import wait_until
from adapters.slack.testing.fake import BOT_TOKEN, SIGNING_SECRET, FakeSlack
from adapters.telegram.testing.fake import TOKEN, FakeTelegram, private_chat, user
from tests.test_telegram_run import clean_env

pytestmark = MATRIX

CARLA = user(2002, "Carla", username="carla")


async def test_run_relays_notes_between_matrix_and_every_shared_channel(
    cast: Cast, tmp_path: Path, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    shared = cast.create_room(cast.ben, invite=(cast.bot,))
    cast.server.request(
        "POST", f"/_matrix/client/v3/join/{shared}", {}, cast.bot.access_token
    )  # the operator had it join the shared room
    direct = cast.create_room(cast.ana, invite=(cast.bot,), direct=True)
    log = tmp_path / "run.log"
    # The output goes to a file: at DEBUG it is more than a pipe holds, and a bot whose
    # stderr is full stops at its next log line.
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.app.cli",
        "run",
        cwd=tmp_path,
        stdout=log.open("wb"),
        stderr=asyncio.subprocess.STDOUT,
        env=clean_env(
            tmp_path,
            MATRIX_HOMESERVER=cast.server.url,
            MATRIX_USER_ID=cast.bot.user_id,
            MATRIX_ACCESS_TOKEN=cast.bot.access_token,
            MATRIX_SHARED_ROOM_ID=shared,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=fake_telegram.base_url,
            TELEGRAM_POLL_TIMEOUT="1",
            TELEGRAM_SHARED_CHAT_ID="-1001000",
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_BASE_URL=fake_slack.base_url,
            SLACK_HTTP_PORT="0",
            SLACK_SHARED_CHANNEL_ID="C0SHARED",
            LOG_LEVEL="DEBUG",
        ),
    )
    try:
        await wait_until(lambda: direct in cast.joined_rooms(cast.bot), timeout=30)
        cast.say(cast.ana, direct, "practice Joint training on financing checks, with Ben")
        await wait_until(lambda: cast.from_bot(direct), timeout=15)
        [relayed] = await wait_until(lambda: cast.from_bot(shared, cast.ben), timeout=15)
        assert "Joint training on financing checks" in relayed["content"]["body"]
        assert "Ana" in relayed["content"]["body"]  # the author, as on the other platforms
        [on_telegram] = await fake_telegram.wait_for("sendMessage", chat_id=-1001000, timeout=15)
        [on_slack] = await fake_slack.wait_for("chat.postMessage", channel="C0SHARED", timeout=15)
        for text in (on_telegram.params["text"], on_slack.params["text"]):
            assert "Joint training on financing checks" in text and "Ana" in text
        # And the other way: a note written on Telegram, in the Matrix shared room.
        fake_telegram.message(private_chat(CARLA), CARLA, "practice Shared watchlists, with Carla")
        [_, from_telegram] = await wait_until(
            lambda: (lambda got: got if len(got) >= 2 else None)(cast.from_bot(shared, cast.ben)),
            timeout=15,
        )
        assert "Shared watchlists" in from_telegram["content"]["body"]
        assert "Carla" in from_telegram["content"]["body"]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(process.wait(), 30)
    output = log.read_text()
    assert code == 0, output
    assert cast.bot.access_token not in output
