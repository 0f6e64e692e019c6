"""Slack as the rest of the bot knows it: one record (``bot.core.platform.Platform``).

Cheap to import: the settings and the id rule only; slack-bolt is imported by the
functions here when ``run`` installs the adapter or ``config check --connect`` asks auth.test."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from adapters.slack import settings as s
from bot.base.kinds import UserIdRule
from bot.core.platform import Platform

if TYPE_CHECKING:
    from bot.base.settings import Settings
    from bot.core.runtime import Runtime


def _config(settings: Settings) -> object:
    from adapters.slack.config import SlackConfig

    return SlackConfig.from_settings(settings)


def _install(runtime: Runtime) -> object:
    from adapters.slack import install

    return install(runtime)


async def _probe(settings: Settings) -> str:
    from adapters.slack.probe import who_am_i

    return await who_am_i(settings)


SLACK = Platform(
    name="slack",
    display_name="Slack",
    admin_ids=UserIdRule(
        re.compile(r"[UW][A-Z0-9]{2,20}"), "a Slack user id is U or W, then capitals and digits"
    ),
    settings=tuple(v for v in vars(s).values() if isinstance(v, s.Setting)),
    enabled_by=s.SLACK_BOT_TOKEN,
    shared_channel=s.SLACK_SHARED_CHANNEL_ID,
    config=_config,
    install=_install,
    probe=_probe,
    practice_form=True,  # the modal (adapters/slack/practice_modal.py)
)
