"""The Matrix settings, read from ``Settings.env`` and checked once, so a missing credential
stops the start with a sentence that names the setting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from adapters.matrix.settings import (
    MATRIX_ACCESS_TOKEN,
    MATRIX_ALLOWED_SERVERS,
    MATRIX_HOMESERVER,
    MATRIX_PASSWORD,
    MATRIX_SHARED_ROOM_ID,
    MATRIX_USER_ID,
)
from bot.base.settings import ConfigError, Settings


def server_of(user_id: str) -> str:
    """``example.org`` of ``@bot:example.org`` (a server name may carry a port)."""
    return user_id.partition(":")[2]


@dataclass(frozen=True, slots=True)
class MatrixConfig:
    homeserver: str
    user_id: str
    access_token: str = ""
    password: str = ""
    shared_room_id: str = ""
    allowed_servers: frozenset[str] = frozenset()
    sync_timeout: float = 30.0  # seconds a sync waits on the server for something new

    @classmethod
    def from_settings(cls, settings: Settings) -> MatrixConfig:
        return cls.from_env(settings.env)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> MatrixConfig:
        problems = []
        if not MATRIX_HOMESERVER.is_set(env):
            problems.append("MATRIX_HOMESERVER is not set (the homeserver's https:// address)")
        if not MATRIX_USER_ID.is_set(env):
            problems.append("MATRIX_USER_ID is not set (the bot's account, @bot:example.org)")
        if not MATRIX_ACCESS_TOKEN.is_set(env) and not MATRIX_PASSWORD.is_set(env):
            problems.append(
                "MATRIX_ACCESS_TOKEN is not set (or MATRIX_PASSWORD, to log in once and keep "
                "the device)"
            )
        if problems:
            raise ConfigError(*problems)
        user_id = MATRIX_USER_ID.read(env)
        raw_servers = MATRIX_ALLOWED_SERVERS.read(env)
        servers = frozenset(s.strip().lower() for s in raw_servers.split(",") if s.strip())
        return cls(
            homeserver=MATRIX_HOMESERVER.read(env).rstrip("/"),
            user_id=user_id,
            access_token=MATRIX_ACCESS_TOKEN.read(env),
            password=MATRIX_PASSWORD.read(env),
            shared_room_id=MATRIX_SHARED_ROOM_ID.read(env),
            allowed_servers=servers or frozenset({server_of(user_id).lower()}),
        )

    def allows(self, user_id: str) -> bool:
        """Whether an invitation from ``user_id`` is accepted: its server is allowed."""
        return server_of(user_id).lower() in self.allowed_servers
