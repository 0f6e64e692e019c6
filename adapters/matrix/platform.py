"""Matrix as the rest of the bot knows it: one record (``bot.core.platform.Platform``).

Cheap to import: the settings and the id rule only; matrix-nio is imported by the functions
here when ``run`` installs the adapter or ``config check --connect`` asks whoami."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from adapters.matrix import settings as s
from bot.base.kinds import UserIdRule
from bot.core.platform import Platform

if TYPE_CHECKING:
    from bot.base.settings import Settings
    from bot.core.runtime import Runtime


def _config(settings: Settings) -> object:
    from adapters.matrix.config import MatrixConfig

    return MatrixConfig.from_settings(settings)


def _install(runtime: Runtime) -> object:
    from adapters.matrix import install

    return install(runtime)


async def _probe(settings: Settings) -> str:
    from adapters.matrix.probe import whoami

    return await whoami(settings)


MATRIX = Platform(
    name="matrix",
    display_name="Matrix",
    admin_ids=UserIdRule(
        re.compile(r"@[^:\s]{1,255}:[^\s]{1,255}"), "a Matrix user id is @name:server"
    ),
    settings=tuple(v for v in vars(s).values() if isinstance(v, s.Setting)),
    enabled_by=s.MATRIX_HOMESERVER,
    shared_channel=s.MATRIX_SHARED_ROOM_ID,
    config=_config,
    install=_install,
    probe=_probe,
)
