"""The Matrix tests' fixtures: one Synapse per test session (on one xdist worker: the tests
carry ``xdist_group("matrix")``), and per test a fresh bot and two members on it.

Without Synapse installed these tests try to install it (cached); if that fails they skip and
say why, except with ``CI=true``, where they must run.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from adapters.matrix.testing import synapse as hs

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

MATRIX = pytest.mark.xdist_group("matrix")


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[hs.Synapse]:
    try:
        hs.install()
    except (hs.SynapseUnavailable, OSError) as e:
        if IN_CI:
            pytest.fail(f"{e}; with CI=true the Matrix tests must run")
        pytest.skip(f"no Synapse to test against: {e}")
    server = hs.Synapse.start(tmp_path_factory.mktemp("synapse"))
    server.register("admin", admin=True)
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Cast:
    """A bot and two members, fresh for each test (their names are unique in the session)."""

    server: hs.Synapse
    bot: hs.Account
    ana: hs.Account
    ben: hs.Account

    def create_room(
        self, who: hs.Account, *, invite: tuple[hs.Account, ...] = (), direct: bool = False
    ) -> str:
        body: dict[str, object] = {
            "preset": "trusted_private_chat" if direct else "private_chat",
            "invite": [a.user_id for a in invite],
            "is_direct": direct,
        }
        return str(
            self.server.request("POST", "/_matrix/client/v3/createRoom", body, who.access_token)[
                "room_id"
            ]
        )

    def join(self, who: hs.Account, room_id: str) -> None:
        self.server.request("POST", f"/_matrix/client/v3/join/{room_id}", {}, who.access_token)

    def joined_rooms(self, who: hs.Account) -> list[str]:
        answer = self.server.request(
            "GET", "/_matrix/client/v3/joined_rooms", token=who.access_token
        )
        return list(answer["joined_rooms"])

    def say(self, who: hs.Account, room_id: str, content: dict[str, object] | str) -> str:
        if isinstance(content, str):
            content = {"msgtype": "m.text", "body": content}
        txn = secrets.token_hex(8)
        answer = self.server.request(
            "PUT",
            f"/_matrix/client/v3/rooms/{room_id}/send/m.room.message/{txn}",
            content,
            who.access_token,
        )
        return str(answer["event_id"])

    def messages(self, who: hs.Account, room_id: str) -> list[dict[str, Any]]:
        """The room's m.room.message events, oldest first."""
        answer = self.server.request(
            "GET",
            f"/_matrix/client/v3/rooms/{room_id}/messages?dir=b&limit=100",
            token=who.access_token,
        )
        events = [e for e in answer["chunk"] if e.get("type") == "m.room.message"]
        return list(reversed(events))

    def from_bot(self, room_id: str, reader: hs.Account | None = None) -> list[dict[str, Any]]:
        """The bot's messages in the room, as a member of it (Ana unless said) reads them."""
        events = self.messages(reader or self.ana, room_id)
        return [e for e in events if e["sender"] == self.bot.user_id]


@pytest.fixture
def cast(synapse: hs.Synapse) -> Cast:
    tag = secrets.token_hex(3)
    return Cast(
        synapse,
        synapse.register(f"bot{tag}", displayname="Coalition bot"),
        synapse.register(f"ana{tag}", displayname="Ana"),
        synapse.register(f"ben{tag}", displayname="Ben"),
    )
