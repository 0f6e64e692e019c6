"""The chat platforms this build serves: the one list of them.

Each entry is the record its adapter exports (``adapters/<platform>/platform.py``); adding a
platform is one folder and one line here. Importing this module declares every platform's
settings (so ``Settings.load`` checks them) and registers each one's admin-id rule; it loads
no platform library."""

from __future__ import annotations

from adapters.console.platform import CONSOLE
from adapters.matrix.platform import MATRIX
from adapters.slack.platform import SLACK
from adapters.telegram.platform import TELEGRAM
from bot.base import kinds
from bot.core.platform import Platforms, register

PLATFORMS = Platforms((TELEGRAM, SLACK, MATRIX, CONSOLE))
register(PLATFORMS)

for _platform in PLATFORMS.values():
    kinds.ADMIN_IDS[_platform.name] = _platform.admin_ids
