"""The terminal as a platform: its user is the operator running the bot, who is always an
admin and is told in detail what failed. ``run`` never serves it (no enabling setting)."""

from __future__ import annotations

import re

from bot.base.kinds import UserIdRule
from bot.core.platform import LOCAL, Platform

CONSOLE = Platform(
    name=LOCAL,
    display_name="the console",
    admin_ids=UserIdRule(re.compile(r"\S{1,64}"), "a console user is a login name"),
)
