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
from bot.core.platform import Platform, Platforms, register


def compose(*platforms: Platform) -> Platforms:
    """The process's platforms, registered where the rest of the bot looks them up: the
    features' platform names and shared channels, and each platform's admin-id rule."""
    composed = Platforms(platforms)
    register(composed)
    kinds.ADMIN_IDS.clear()
    kinds.ADMIN_IDS.update({p.name: p.admin_ids for p in platforms})
    return composed


PLATFORMS = compose(TELEGRAM, SLACK, MATRIX, CONSOLE)
